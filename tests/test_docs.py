"""Docs that go stale fail the build: every CLI command is documented in docs/cli.md."""

from __future__ import annotations

from pathlib import Path

from vigil.cli import app

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _commands() -> set[str]:
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    names |= {g.name for g in app.registered_groups if g.name}
    return {n.replace("_", "-") for n in names if n}


def test_every_cli_command_is_in_docs_cli_md() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = _commands()
    assert commands, "no commands registered: the check would pass vacuously"
    missing = sorted(c for c in commands if f"vigil {c}" not in text)
    assert not missing, f"docs/cli.md does not document: {', '.join(missing)}"


def test_readme_gives_the_two_commands_first() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make run" in first_block and "make test" in first_block


def test_test_module_names_are_unique() -> None:
    """pytest's default import mode needs unique basenames across test folders."""
    names = [p.name for p in (DOCS.parent / "tests").rglob("test_*.py")]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert not dupes, f"test modules sharing a name: {dupes}"
