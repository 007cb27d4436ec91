"""Request and response shapes for users, teams, tokens and assignments."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from vigil.users.models import User


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Credentials(_In):
    username: str = Field(min_length=1, max_length=80, examples=["alice"])
    password: str = Field(min_length=1, max_length=1000, examples=["correct horse battery staple"])


class TokenRequest(Credentials):
    name: str = Field("api", max_length=120, description="What the token is for", examples=["laptop"])


class UserIn(_In):
    username: str = Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9._-]+$", examples=["alice"])
    password: str = Field(min_length=1, max_length=1000)
    role: str = Field(examples=["investigator"])
    display_name: str | None = Field(None, max_length=200, examples=["DC Alice Moss"])
    team: str | None = Field(None, max_length=120, examples=["north"])


class TeamIn(_In):
    name: str = Field(min_length=1, max_length=120, examples=["north"])


class AssignmentIn(_In):
    username: str = Field(min_length=1, max_length=80, examples=["alice"])


def user_out(u: User) -> dict[str, Any]:
    return {
        "id": u.id,
        "username": u.username,
        "display_name": u.display_name,
        "role": u.role,
        "team": u.team.name if u.team else None,
        "active": u.active,
    }
