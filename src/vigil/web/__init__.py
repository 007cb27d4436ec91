"""The web edge: one FastAPI app serving the JSON API (and, later, the pages)."""

from vigil.web.app import create_app

__all__ = ["create_app"]
