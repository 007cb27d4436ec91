"""`vigil demo-cases`: write synthetic `vigil.case/1` cases as JSONL, for demos and benchmarks.

The same --seed always writes the same cases, so a demo or a benchmark can be
rebuilt anywhere without shipping data files.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

import orjson
import typer

from vigil.synth import archetype_keys, generate_cases


def demo_cases(
    seed: int = typer.Option(1, "--seed", help="Seed: the same seed always gives the same cases."),
    count: int = typer.Option(50, "--count", "-n", min=0, help="How many cases to write."),
    out: Path | None = typer.Option(None, "--out", "-o", help="JSONL file to write (default: standard output)."),
    incidents: int = typer.Option(8, "--incidents", min=0, help="Incidents per case."),
    chars: int = typer.Option(4000, "--chars", min=0, help="Approximate narrative text per case, in characters."),
    archetype: list[str] | None = typer.Option(
        None,
        "--archetype",
        help="Only this kind of case (repeatable), e.g. ex-partner-stalking, neighbour-dispute.",
    ),
) -> None:
    """Write realistic synthetic cases (fictional people, numbers and addresses) as JSONL."""
    known = archetype_keys()
    unknown = [a for a in archetype or [] if a not in known]
    if unknown:
        typer.echo(f"error: unknown --archetype {', '.join(unknown)} (known: {', '.join(known)})", err=True)
        raise typer.Exit(2)
    cases = generate_cases(seed, count, n_incidents=incidents, target_chars=chars, archetypes=archetype or None)
    if out is None:
        _write(cases, sys.stdout.buffer)
        return
    try:
        with out.open("wb") as fh:
            _write(cases, fh)
    except OSError as exc:
        typer.echo(f"error: cannot write {out}: {exc.strerror}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"wrote {count} case{'s' if count != 1 else ''} to {out}", err=True)


def _write(cases, fh: BinaryIO) -> None:  # type: ignore[no-untyped-def]
    for case in cases:
        fh.write(orjson.dumps(case) + b"\n")
    fh.flush()


def register(app: typer.Typer) -> None:
    app.command("demo-cases")(demo_cases)
