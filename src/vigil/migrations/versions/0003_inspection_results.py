"""Materialised inspection check results: one row of small integers per case.

`vigil audit` counts these with one GROUP BY instead of re-checking every case in
Python; see vigil.inspection.models for what a row means and when it is stale.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 20:38:32.942855
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inspection_results",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("case_version", sa.Integer(), nullable=False),
        sa.Column("catalogue_version", sa.String(length=40), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("period", sa.Date(), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("risk", sa.String(length=10), nullable=False),
        sa.Column("rag", sa.SmallInteger(), nullable=False),
        sa.Column("recorded_correctly", sa.SmallInteger(), nullable=False),
        sa.Column("former_partner_recorded_as_stalking", sa.SmallInteger(), nullable=False),
        sa.Column("initial_risk_assessment", sa.SmallInteger(), nullable=False),
        sa.Column("stalking_screening", sa.SmallInteger(), nullable=False),
        sa.Column("risk_management_plan", sa.SmallInteger(), nullable=False),
        sa.Column("specialist_investigator", sa.SmallInteger(), nullable=False),
        sa.Column("breaches_investigated", sa.SmallInteger(), nullable=False),
        sa.Column("bail_conditions_considered", sa.SmallInteger(), nullable=False),
        sa.Column("protective_order_considered", sa.SmallInteger(), nullable=False),
        sa.Column("no_pin", sa.SmallInteger(), nullable=False),
        sa.Column("victim_needs_assessment", sa.SmallInteger(), nullable=False),
        sa.Column("victim_updates_on_time", sa.SmallInteger(), nullable=False),
        sa.Column("specialist_advocacy_referral", sa.SmallInteger(), nullable=False),
        sa.Column("group_recording", sa.SmallInteger(), nullable=False),
        sa.Column("group_risk", sa.SmallInteger(), nullable=False),
        sa.Column("group_investigation", sa.SmallInteger(), nullable=False),
        sa.Column("group_pins", sa.SmallInteger(), nullable=False),
        sa.Column("group_victim_care", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_inspection_results_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_inspection_results_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], name=op.f("fk_inspection_results_team_id_teams")),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_inspection_results")),
    )
    with op.batch_alter_table("inspection_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_results_period"), ["period"], unique=False)
        batch_op.create_index(batch_op.f("ix_inspection_results_rag"), ["rag"], unique=False)
        batch_op.create_index(batch_op.f("ix_inspection_results_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("inspection_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspection_results_team_id"))
        batch_op.drop_index(batch_op.f("ix_inspection_results_rag"))
        batch_op.drop_index(batch_op.f("ix_inspection_results_period"))

    op.drop_table("inspection_results")
