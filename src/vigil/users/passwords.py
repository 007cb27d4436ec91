"""Password and token hashing: argon2 for passwords, SHA-256 for random bearer secrets.

Tokens are 256-bit random values, so a fast hash is enough to make a stolen
database useless; passwords are low-entropy, so they get argon2's slow hash.
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from vigil.errors import VigilError

_hasher = PasswordHasher()
_dummy: dict[str, str] = {}


def use_hasher(hasher: PasswordHasher) -> None:
    """Swap the argon2 parameters (tests use cheaper ones; production keeps the defaults)."""
    global _hasher
    _hasher = hasher
    _dummy.clear()


def _dummy_hash() -> str:
    """Compared against when a username does not exist, so timing does not reveal which do."""
    if "h" not in _dummy:
        _dummy["h"] = _hasher.hash("not-a-real-password-" + secrets.token_hex(8))
    return _dummy["h"]


MIN_PASSWORD_LENGTH = 12


class WeakPasswordError(VigilError):
    pass


def check_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(
            f"the password is shorter than {MIN_PASSWORD_LENGTH} characters",
            hint="use a passphrase of three or more unrelated words",
            path="password",
        )


def hash_password(password: str) -> str:
    check_strength(password)
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
