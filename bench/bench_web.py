"""Server-side render time of the case page for a case with 200 incidents (target: under 150 ms).

Builds a fresh SQLite database, stores one synthetic case of `--incidents`
incidents (vigil.synth) with an order, signs in through the real sign-in form
and then times `GET /cases/{id}` in-process (the full app: session check, audit
entry, database reads, view model, Jinja2), so the network and the browser are
not counted. Also times My cases and the PDF summary once each.

    .venv/bin/python bench/bench_web.py                 # 200 incidents, 30 renders
    .venv/bin/python bench/bench_web.py --incidents 500 --runs 50
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from vigil.config import Settings
from vigil.db import open_database, session_factory, unit_of_work
from vigil.synth import generate_case
from vigil.users.context import Actor
from vigil.users.service import create_user
from vigil.web import create_app

PASSWORD = "benchmark passphrase 1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vigil-bench-web-"))
    settings = Settings(database_url=f"sqlite:///{folder / 'bench.sqlite3'}", secret_key="b" * 32)
    engine = open_database(settings)
    from vigil.cases.service import create_case

    doc = generate_case(
        random.Random("bench-web"), "BENCH-1", n_incidents=args.incidents, target_chars=args.incidents * 450
    )
    t0 = time.perf_counter()
    with unit_of_work(session_factory(engine)) as s:
        user = create_user(s, None, "bench", PASSWORD, "investigator", "Bench", team="bench")
        create_case(s, Actor(user), doc)
    stored = time.perf_counter() - t0
    client = TestClient(create_app(settings, engine=engine))
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"username": "bench", "password": PASSWORD, "csrf_token": token})
    url = "/cases/BENCH-1"
    assert client.get(url).status_code == 200  # warm-up: templates compiled, law loaded
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200
    size = len(r.content)
    t = time.perf_counter()
    client.get("/")
    home = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    pdf = client.get(url + "/summary.pdf")
    pdf_ms = (time.perf_counter() - t) * 1000
    times.sort()
    print(
        f"case with {len(doc['incidents'])} incidents, {sum(len(i['narrative']) for i in doc['incidents']):,} "
        f"characters of narrative (stored and assessed in {stored:.1f} s)"
    )
    print(
        f"case page: {args.runs} renders, p50 {statistics.median(times):.0f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1]:.0f} ms, max {times[-1]:.0f} ms, {size / 1024:.0f} KiB of HTML"
    )
    print(f"my cases: {home:.0f} ms; case summary PDF: {pdf_ms:.0f} ms, {len(pdf.content) / 1024:.0f} KiB")
    engine.dispose()


if __name__ == "__main__":
    main()
