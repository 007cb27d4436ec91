"""Errors raised while reading message exports.

Every importer turns malformed or hostile input into one of these, so an edge
(CLI, web upload) can show a clear message instead of a traceback, and a caller
can tell "this file is not what it claims to be" from "this file is too big or
shaped like an attack".
"""

from __future__ import annotations

from vigil.errors import VigilError


class ImportFormatError(VigilError):
    """The input is not a readable export of the stated format."""

    status_code = 422


class ImportLimitError(ImportFormatError):
    """The input breaks a safety limit (zip bomb, path traversal, oversized file or line).

    A subclass of ImportFormatError so callers that only care "was it readable"
    need one except clause, while callers that want to tell the user to split a
    huge export can catch this one.
    """

    status_code = 413
