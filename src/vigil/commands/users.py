"""`vigil users add USERNAME --role ROLE [--team TEAM]`: the only way to create the first admin.

There is no default password: the password is typed (hidden, twice) or read
from standard input with --password-stdin (for scripts).
"""

from __future__ import annotations

import sys

import typer

from vigil.commands._runtime import database, fail
from vigil.errors import VigilError
from vigil.users.context import Actor
from vigil.users.models import Role
from vigil.users.service import create_user, list_users

users_app = typer.Typer(help="Create and list users.", no_args_is_help=True)


@users_app.command("add")
def add(
    username: str = typer.Argument(...),
    role: str = typer.Option(..., help=f"One of: {', '.join(Role)}"),
    team: str | None = typer.Option(None, help="Team name (created if new)."),
    display_name: str | None = typer.Option(None, "--name", help="Full name, e.g. 'DC Alice Moss'."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
) -> None:
    """Create a user (e.g. the first admin)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with database() as session:
            user = create_user(session, Actor(None, "cli"), username, password, role, display_name, team)
            typer.echo(f"created {user.role} {user.username}" + (f" in team {team}" if team else ""))
    except VigilError as exc:
        raise fail(exc) from None


@users_app.command("list")
def list_() -> None:
    """List users, their roles and teams."""
    with database() as session:
        for u in list_users(session):
            typer.echo(
                f"{u.username}\t{u.role}\t{u.team.name if u.team else '-'}\t{'active' if u.active else 'inactive'}"
            )


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
