"""`vigil schema case|assessment`: print the JSON Schema generated from the contract models."""

from __future__ import annotations

import json
from enum import StrEnum

import typer

from vigil.contract import Assessment, Case


class Which(StrEnum):
    case = "case"
    assessment = "assessment"


def schema(which: Which = typer.Argument(..., help="case or assessment")) -> None:
    """Print the JSON Schema of vigil.case/1 or vigil.assessment/1."""
    model = Case if which is Which.case else Assessment
    doc = model.model_json_schema()
    doc["$id"] = f"vigil.{which.value}/1"
    typer.echo(json.dumps(doc, indent=2))


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
