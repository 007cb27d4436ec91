"""Audit benchmark: the full `vigil audit` summary over 10k to 1M stored cases, SQLite and PostgreSQL.

How the database is filled (not the thing measured):

1. a pool of P synthetic cases (vigil.synth, ~8 incidents each) is generated
   and assessed by the real engine, and each is checked by the real checks;
2. N cases are written with bulk inserts (SQLAlchemy Core executemany, 5,000
   cases a batch) into cases, people, identifiers, incidents, orders,
   conditions, assessments (the engine's full document) and
   inspection_results: case i is a copy of pool case i mod P under its own
   reference and one of 40 teams. Copies, because the engine takes ~25 ms a
   case and assessing a million would take hours on two cores; the rows are
   the real ones, and the audit cannot tell a copy from an original.

What is timed, on each backend and size (best of --repeat, after ANALYZE):

- `audit_summary` with refresh: the staleness check (a join of cases and
  results) plus the GROUP BY and the fold, i.e. what `vigil audit` does;
- the GROUP BY alone, and with a team filter and a period filter;
- `audit_cases` page 1 (worst first, 50 cases with reasons);
- refresh of 1,000 stale rows (cases/second; what a backfill costs).

    .venv/bin/python bench/bench_audit.py --sizes 10000,100000
    .venv/bin/python bench/bench_audit.py --sizes 1000000 --backends postgresql
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, text, update

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
AS_OF = date(2025, 6, 2)
NOW = datetime(2025, 6, 2, 12, 0)
TEAMS = 40
BATCH = 5000


# --- the pool: real synthetic cases, real engine, real checks -----------------------------------


def _assess(doc: dict[str, Any]) -> dict[str, Any]:
    from vigil.services.assessing import assess_document

    result = assess_document(doc, AS_OF)
    return result.model_dump(mode="json")


def build_pool(size: int, incidents: int, chars: int, cache: Path) -> list[dict[str, Any]]:
    """Pool entries: the case document, its assessment document and its check-results row."""
    if cache.exists():
        with cache.open("rb") as fh:
            return pickle.load(fh)
    from vigil.contract import Assessment, Case
    from vigil.inspection.catalogue import load_catalogue
    from vigil.inspection.materialise import results_row
    from vigil.inspection.registry import run_checks
    from vigil.inspection.stored_cases import StoredCase
    from vigil.synth import generate_cases

    t0 = time.perf_counter()
    docs = list(generate_cases(2026, size, n_incidents=incidents, target_chars=chars, prefix="POOL"))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        assessed = list(pool.map(_assess, docs, chunksize=20))
    t1 = time.perf_counter()
    catalogue = load_catalogue()
    entries = []
    check_seconds = 0.0
    for doc, assessment in zip(docs, assessed, strict=True):
        case = Case.model_validate(doc)
        model = Assessment.model_validate(assessment)
        c0 = time.perf_counter()
        audit = run_checks(case, model, AS_OF, catalogue)
        check_seconds += time.perf_counter() - c0
        stored = StoredCase(0, doc["case_id"], None, 1, case, model, 0)
        entries.append({"doc": doc, "assessment": assessment, "results": results_row(stored, audit, AS_OF, catalogue)})
    print(
        f"pool: {size} cases generated and assessed in {t1 - t0:.1f}s "
        f"({1000 * (t1 - t0) / size * (os.cpu_count() or 2):.1f} ms of CPU a case); "
        f"checks {1000 * check_seconds / size:.2f} ms/case",
        flush=True,
    )
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump(entries, fh)
    return entries


# --- rows for bulk insert -----------------------------------------------------------------------


def _columns(obj: Any, skip: set[str]) -> dict[str, Any]:
    out = {}
    for col in obj.__table__.columns:
        if col.key in skip:
            continue
        value = getattr(obj, col.key)
        if value is None and col.default is not None:
            if col.key in ("created_at", "updated_at"):
                value = NOW
            else:
                value = col.default.arg if col.default.is_scalar else col.default.arg(None)
        out[col.key] = value
    return out


def template(entry: dict[str, Any]) -> dict[str, Any]:
    """One pool case as column dicts, ids left to fill (the DB helper's own doc->row mapping)."""
    from vigil.cases.records import case_from_doc

    case = case_from_doc(entry["doc"])
    a = entry["assessment"]
    return {
        "case": _columns(case, {"id", "reference", "team_id", "created_by_id"})
        | {"category": a["classification"]["category"], "risk_level": a["risk"]["level"]},
        "people": [
            (_columns(p, {"id", "case_id"}), [_columns(i, {"id", "person_id"}) for i in p.identifiers])
            for p in case.people
        ],
        "incidents": [_columns(i, {"id", "case_id"}) for i in case.incidents],
        "orders": [
            (_columns(o, {"id", "case_id"}), [_columns(c, {"id", "order_id"}) for c in o.conditions])
            for o in case.orders
        ],
        "assessment": {
            "seq": 1,
            "created_at": NOW,
            "as_of": AS_OF.isoformat(),
            "law_version": a.get("law_version"),
            "risk_level": a["risk"]["level"],
            "category": a["classification"]["category"],
            "escalation": a["risk"]["escalation"]["detected"],
            "trigger": "bench",
            "created_by_id": None,
            "document": a,
        },
        "results": entry["results"],
    }


class Ids:
    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def take(self, table: str) -> int:
        value = self.next.get(table, 1)
        self.next[table] = value + 1
        return value


def batches(templates: list[dict[str, Any]], n: int, ids: Ids) -> Iterator[dict[str, list[dict[str, Any]]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    for i in range(n):
        t = templates[i % len(templates)]
        case_id = ids.take("cases")
        team_id = 1 + i % TEAMS
        rows.setdefault("cases", []).append(
            t["case"] | {"id": case_id, "reference": f"B-{i:07d}", "team_id": team_id, "created_by_id": None}
        )
        for person, identifiers in t["people"]:
            pid = ids.take("people")
            rows.setdefault("people", []).append(person | {"id": pid, "case_id": case_id})
            for ident in identifiers:
                rows.setdefault("identifiers", []).append(ident | {"id": ids.take("identifiers"), "person_id": pid})
        for incident in t["incidents"]:
            rows.setdefault("incidents", []).append(incident | {"id": ids.take("incidents"), "case_id": case_id})
        for order, conditions in t["orders"]:
            oid = ids.take("orders")
            rows.setdefault("orders", []).append(order | {"id": oid, "case_id": case_id})
            for cond in conditions:
                rows.setdefault("conditions", []).append(cond | {"id": ids.take("conditions"), "order_id": oid})
        aid = ids.take("assessments")
        rows.setdefault("assessments", []).append(t["assessment"] | {"id": aid, "case_id": case_id})
        rows.setdefault("inspection_results", []).append(
            t["results"] | {"case_id": case_id, "assessment_id": aid, "team_id": team_id, "case_version": 1}
        )
        if (i + 1) % BATCH == 0 or i + 1 == n:
            yield rows
            rows = {}


ORDER = ["cases", "people", "identifiers", "incidents", "orders", "conditions", "assessments", "inspection_results"]


def fill(engine: Engine, templates: list[dict[str, Any]], n: int) -> dict[str, int]:
    from vigil.db import Base, import_all_models

    import_all_models()
    tables = Base.metadata.tables
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        conn.execute(
            insert(tables["teams"]),
            [{"id": t, "name": f"Team {t:02d}", "created_at": NOW} for t in range(1, TEAMS + 1)],
        )
    ids = Ids()
    t0 = time.perf_counter()
    for rows in batches(templates, n, ids):
        with engine.begin() as conn:
            for name in ORDER:
                if rows.get(name):
                    conn.execute(insert(tables[name]), rows[name])
                    counts[name] = counts.get(name, 0) + len(rows[name])
        done = counts["cases"]
        if done % 100_000 == 0 or done == n:
            print(f"  inserted {done} cases ({time.perf_counter() - t0:.0f}s)", flush=True)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for name in [*ORDER[:-1], "teams"]:
                conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
                )
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return counts


# --- timing -------------------------------------------------------------------------------------


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(first, best) seconds of `repeat` runs, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return times[0], min(times), result


def measure(engine: Engine, n: int, repeat: int) -> dict[str, Any]:
    from sqlalchemy.orm import Session

    from vigil.cases.models import Case
    from vigil.inspection.caseload import AuditFilter
    from vigil.inspection.db_audit import audit_cases, audit_summary
    from vigil.inspection.db_summary import count_cells
    from vigil.inspection.materialise import refresh

    out: dict[str, Any] = {"cases": n}
    with Session(engine) as s:
        first, fastest, summary = best(lambda: audit_summary(s, as_of=AS_OF), repeat)
        assert summary.cases == n, (summary.cases, n)
        out["summary_with_refresh"] = (first, fastest)
        out["group_by_only"] = best(lambda: count_cells(s, AuditFilter()), repeat)[:2]
        team = AuditFilter(teams=frozenset({"Team 07"}))
        out["one_team"] = best(lambda: audit_summary(s, team, refresh_rows=False), repeat)[:2]
        year = AuditFilter(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31))
        out["one_year"] = best(lambda: audit_summary(s, year, refresh_rows=False), repeat)[:2]
        out["page_1"] = best(lambda: audit_cases(s, page=1, as_of=AS_OF, refresh_rows=False), repeat)[:2]
        s.rollback()
    with Session(engine) as s:
        stale = min(1000, n)
        s.execute(update(Case).where(Case.id <= stale).values(version=Case.version + 1))
        t0 = time.perf_counter()
        report = refresh(s, AS_OF)
        seconds = time.perf_counter() - t0
        assert report.refreshed == stale, report.refreshed
        out["refresh_per_second"] = stale / seconds
        s.commit()
    return out


def database_size(engine: Engine, path: Path | None) -> str:
    if path is not None:
        return f"{sum(p.stat().st_size for p in path.parent.glob(path.name + '*')) / 1e9:.2f} GB"
    with engine.connect() as conn:
        size = conn.execute(
            text(
                "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
            )
        ).scalar()
    return str(size)


def run(backend: str, n: int, templates: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any] | None:
    from vigil.db import make_engine
    from vigil.migrations import upgrade

    path = None
    admin = None
    schema = None
    if backend == "sqlite":
        path = Path(args.workdir) / f"audit-{n}.sqlite3"
        for old in path.parent.glob(path.name + "*"):
            old.unlink()
        engine = make_engine(f"sqlite:///{path}")
    else:
        admin = make_engine(PG_URL)
        try:
            with admin.begin() as conn:
                schema = f"bench_audit_{uuid.uuid4().hex[:8]}"
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        except Exception as exc:  # no server: say so and go on with the other backend
            print(f"postgresql: skipped ({str(exc).splitlines()[0]})")
            return None
        engine = make_engine(f"{PG_URL}?options=-csearch_path%3D{schema}")
    try:
        upgrade(engine)
        print(f"{backend}: filling {n} cases", flush=True)
        t0 = time.perf_counter()
        counts = fill(engine, templates, n)
        load = time.perf_counter() - t0
        result = measure(engine, n, args.repeat)
        result |= {"backend": backend, "load_seconds": load, "rows": counts, "size": database_size(engine, path)}
        return result
    finally:
        engine.dispose()
        if admin is not None:
            if not args.keep:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
        if path is not None and not args.keep:
            for old in path.parent.glob(path.name + "*"):
                old.unlink()


def report(r: dict[str, Any]) -> None:
    def ms(pair: tuple[float, float]) -> str:
        return f"{pair[1] * 1000:,.0f} ms (first {pair[0] * 1000:,.0f})"

    print(
        f"\n{r['backend']} {r['cases']:,} cases ({r['rows'].get('incidents', 0):,} incidents), {r['size']}, "
        f"loaded in {r['load_seconds']:.0f}s"
    )
    print(f"  full audit summary (refresh check + GROUP BY + fold): {ms(r['summary_with_refresh'])}")
    print(f"  GROUP BY alone:                                        {ms(r['group_by_only'])}")
    print(f"  one team of {TEAMS}:                                       {ms(r['one_team'])}")
    print(f"  one year (period filter):                              {ms(r['one_year'])}")
    print(f"  audit_cases page 1 (50 cases, reasons):                {ms(r['page_1'])}")
    print(f"  refresh of stale rows:                                 {r['refresh_per_second']:,.0f} cases/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000, help="cases to store (one size)")
    parser.add_argument("--sizes", default=None, help="comma-separated sizes, e.g. 10000,100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pool", type=int, default=2000, help="distinct synthetic cases assessed by the engine")
    parser.add_argument("--incidents", type=int, default=8)
    parser.add_argument("--chars", type=int, default=800, help="narrative characters per case (all incidents)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", default="/tmp/vigil-bench-audit")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.cases]
    cache = Path(args.workdir) / f"pool-{args.pool}-{args.incidents}-{args.chars}.pickle"
    pool = build_pool(args.pool, args.incidents, args.chars, cache)
    templates = [template(e) for e in pool]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs", flush=True)
    results = []
    for n in sizes:
        for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
            r = run(backend, n, templates, args)
            if r:
                report(r)
                results.append(r)
    if len(results) > 1:
        print("\nsummary seconds per 100k cases:", end=" ")
        print(
            ", ".join(
                f"{r['backend']}@{r['cases']:,}: {r['summary_with_refresh'][1] / r['cases'] * 1e5:.2f}" for r in results
            )
        )


if __name__ == "__main__":
    main()
