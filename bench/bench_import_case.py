"""Benchmark: import a 100,000-message WhatsApp export into a case on SQLite (target: under 60 s).

Measures the whole `vigil import` path through the service, stage by stage:
receiving the original (copy + SHA-256), parsing and writing every message row
in batches, grouping the suspect's bursts into incidents and linking the rows,
and the one re-assessment at the end. Generates its own chat (invented people)
in a temporary folder; nothing is kept.

    .venv/bin/python bench/bench_import_case.py [--messages 100000] [--gap 30]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

LINES = [
    "You can't ignore me forever",
    "I know where you work and when you finish",
    "Answer me",
    "Why are you doing this to me",
    "I saw you with him today",
    "You'll regret this",
    "Pick up the phone",
    "I'm not going anywhere",
]
REPLIES = ["Please stop contacting me", "Leave me alone", "I have told the police"]


def write_chat(path: Path, count: int, seed: int = 7) -> None:
    """Bursts of the suspect's messages a minute apart, hours between bursts, the victim replying."""
    rng = random.Random(seed)
    moment = datetime(2023, 1, 1, 8, 0)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("01/01/2023, 08:00 - Messages and calls are end-to-end encrypted.\n")
        while written < count:
            for _ in range(rng.randint(5, 40)):
                moment += timedelta(seconds=rng.randint(20, 90))
                out.write(f"{moment:%d/%m/%Y, %H:%M} - Dan: {rng.choice(LINES)} ({written})\n")
                written += 1
            if rng.random() < 0.3:
                moment += timedelta(minutes=rng.randint(1, 10))
                out.write(f"{moment:%d/%m/%Y, %H:%M} - Sue: {rng.choice(REPLIES)}\n")
                written += 1
            moment += timedelta(hours=rng.randint(2, 30))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--gap", type=float, default=30)
    args = parser.parse_args()

    from vigil.cases.service import create_case
    from vigil.db import make_engine, session_factory
    from vigil.evidence.importing import ImportOptions, commit
    from vigil.evidence.store import EvidenceStore
    from vigil.migrations import upgrade
    from vigil.users.context import Actor

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        chat = root / "WhatsApp Chat with Dan.txt"
        write_chat(chat, args.messages)
        engine = make_engine(f"sqlite:///{root / 'vigil.sqlite3'}")
        upgrade(engine)
        sessions = session_factory(engine)
        actor = Actor(None, "bench")
        case = {
            "format": "vigil.case/1",
            "case_id": "C-BENCH",
            "victim": {"id": "V1", "relationship_to_suspect": "ex-partner", "identifiers": ["Sue"]},
            "suspects": [{"id": "S1", "identifiers": ["07700 900123", "Dan"]}],
            "incidents": [],
        }
        with sessions() as session:
            create_case(session, actor, case)
            session.commit()

        stamps: dict[str, list[float]] = {}
        last = [time.perf_counter(), time.process_time()]

        def mark(stage: str) -> None:
            now = [time.perf_counter(), time.process_time()]
            spent = stamps.setdefault(stage, [0.0, 0.0])
            spent[0] += now[0] - last[0]
            spent[1] += now[1] - last[1]
            last[:] = now

        def progress(stage: str, done: int, total: int | None) -> None:
            mark("parse" if stage in ("reading", "saving") else "group")

        store = EvidenceStore(root / "store")
        wall0, cpu0 = time.perf_counter(), time.process_time()
        staged = store.stage_file(chat)
        mark("store")
        options = ImportOptions(filename=chat.name, tz="Europe/London", fmt="whatsapp", gap_minutes=args.gap)
        with sessions() as session:
            result = commit(session, actor, "C-BENCH", staged, store, options, progress)
            mark("assess")
            session.commit()
            mark("commit")
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        item = result.item
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"export: {chat.stat().st_size / 1e6:.1f} MB, {item.message_count:,} messages")
        print(f"incidents created: {len(result.incidents):,} (gap {args.gap:g} min)")
        labels = {
            "store": "store original (copy + SHA-256)",
            "parse": "parse + write message rows",
            "group": "group, link rows, add incidents",
            "assess": "re-assess the case once",
            "commit": "commit",
        }
        for key, label in labels.items():
            spent_wall, spent_cpu = stamps.get(key, [0.0, 0.0])
            print(f"{label:32} {spent_wall:7.2f} s wall {spent_cpu:7.2f} s CPU")
        print(
            f"total: {wall:.1f} s wall, {cpu:.1f} s CPU ({item.message_count / wall:,.0f} messages/s), "
            f"peak RSS {peak:.0f} MB, load average {os.getloadavg()[0]:.1f}"
        )
        print("target: under 60 s -", "met" if wall < 60 else "NOT met")


if __name__ == "__main__":
    main()
