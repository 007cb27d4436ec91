"""Vigil's error hierarchy: every user mistake becomes one clear message with a hint and a path.

Edges (CLI, web, API) map these once; no edge shows a traceback for a user error.
"""

from __future__ import annotations


class VigilError(Exception):
    """A problem the user can fix: says what is wrong, where, and what to do."""

    status_code = 400

    def __init__(self, message: str, hint: str | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path

    def as_dict(self) -> dict[str, str | None]:
        return {"message": self.message, "hint": self.hint, "path": self.path}


class UsageError(VigilError):
    """The command or request itself was malformed (exit status 2 on the CLI)."""


class NotFoundError(VigilError):
    status_code = 404


class ConflictError(VigilError):
    status_code = 409


class ForbiddenError(VigilError):
    status_code = 403


class AuthenticationError(VigilError):
    status_code = 401
