"""Typed configuration, built once at start-up and passed down.

Nothing here runs at import time: `Settings()` reads `VIGIL_*` environment
variables (and an optional `.env`) when an edge (CLI command, server) asks for
it, so tests build their own settings and never inherit a developer's shell.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from vigil.errors import VigilError

#: Secret values that ship in examples and tutorials; never accept them in a server.
PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "changethis", "secret", "password", "dev", "test", "xxx"})


def default_database_url() -> str:
    """A SQLite file in the user's data directory: works on a laptop with nothing installed."""
    folder = Path(user_data_dir("vigil", appauthor=False))
    return f"sqlite:///{folder / 'vigil.sqlite3'}"


def default_evidence_dir() -> Path:
    return Path(user_data_dir("vigil", appauthor=False)) / "evidence"


class ConfigError(VigilError):
    """The configuration is unsafe or inconsistent."""


class Settings(BaseSettings):
    """Every setting Vigil reads; each can be set as VIGIL_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="VIGIL_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs session cookies and CSRF tokens. Required to serve (except --demo).",
    )
    cookie_secure: bool = Field(default=False, description="Mark cookies Secure: set when Vigil is served behind TLS.")
    session_hours: int = Field(default=8, ge=1, le=24 * 14)
    login_max_failures: int = Field(default=5, ge=1, description="Failed logins allowed per window.")
    login_window_seconds: int = Field(default=900, ge=10)
    max_body_bytes: int = Field(default=1_000_000, ge=1024, description="Largest request body.")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    demo: bool = False
    auto_migrate: bool = Field(default=True, description="Create and migrate the database on first use.")
    timezone: str = Field(default="Europe/London", description="Local time for deadlines.")
    evidence_dir: Path | None = Field(
        default=None,
        description="Root of the evidence store (originals by SHA-256); default: the user data directory.",
    )
    evidence_max_bytes: int = Field(
        default=2 * 1024**3, ge=1024, description="Largest evidence upload (the only body allowed past max_body_bytes)."
    )
    evidence_gap_minutes: float = Field(
        default=30, gt=0, description="Silence that ends a burst of messages (one incident per burst)."
    )

    @model_validator(mode="after")
    def _no_weak_secret(self) -> Settings:
        key = self.secret_key.get_secret_value() if self.secret_key else None
        if key is not None and (key.lower() in PLACEHOLDER_SECRETS or len(key) < 16):
            raise ValueError(
                "VIGIL_SECRET_KEY is a placeholder or shorter than 16 characters; "
                "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return self

    def evidence_root(self) -> Path:
        """Where originals are kept: the configured folder, else beside the default database."""
        return self.evidence_dir if self.evidence_dir is not None else default_evidence_dir()

    def require_server_secret(self) -> str:
        """The signing key for a real server; demo mode may make a throwaway one."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        if self.demo:
            import secrets

            self.secret_key = SecretStr(secrets.token_urlsafe(32))
            return self.secret_key.get_secret_value()
        raise ConfigError(
            "VIGIL_SECRET_KEY is not set",
            hint="export VIGIL_SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(32))')",
            path="VIGIL_SECRET_KEY",
        )
