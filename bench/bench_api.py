"""API benchmark: sustained incident posts (each re-assesses the case) and "my cases by risk".

Starts `vigil` under uvicorn on loopback against a fresh database (SQLite file, and
PostgreSQL when reachable), then:

1. posts incidents to a pool of cases from N client threads for S seconds, reporting
   posts/second and p50/p99 latency (each post validates, stores, re-runs the engine,
   stores the new assessment, compares for alerts and writes the audit log);
2. gives one user 10,000 assigned cases and times GET /api/cases (first page, highest
   risk first).

Server memory (RSS) is printed before and after the run. This is a script, not a test:
    .venv/bin/python bench/bench_api.py --seconds 20 --concurrency 8
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import insert, text

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "benchmark passphrase"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def prepare(url: str, n_list_cases: int) -> None:
    """Users, and n_list_cases cases assigned to 'lister', inserted in bulk (not the thing measured)."""
    from vigil.cases.models import Case
    from vigil.db import make_engine, session_factory
    from vigil.migrations import upgrade
    from vigil.users.models import CaseAssignment
    from vigil.users.service import create_user

    engine = make_engine(url)
    upgrade(engine)
    with session_factory(engine)() as s:
        create_user(s, None, "poster", PASSWORD, "investigator", team="bench")
        lister = create_user(s, None, "lister", PASSWORD, "investigator", team="bench")
        s.commit()
        levels = ["standard", "medium", "high"]
        rows = [
            {
                "reference": f"L-{i:06d}",
                "doc_keys": ["format", "case_id", "incidents"],
                "extra": {},
                "risk_level": levels[i % 3],
                "vigil_risk_level": levels[i % 3],
                "risk_rank": i % 3,
                "version": 1,
            }
            for i in range(n_list_cases)
        ]
        for start in range(0, len(rows), 2000):
            s.execute(insert(Case), rows[start : start + 2000])
        ids = s.execute(text("SELECT id FROM cases WHERE reference LIKE 'L-%'")).scalars().all()
        for start in range(0, len(ids), 2000):
            s.execute(insert(CaseAssignment), [{"case_id": i, "user_id": lister.id} for i in ids[start : start + 2000]])
        s.commit()
    engine.dispose()


def token(base: str, username: str) -> str:
    r = httpx.post(f"{base}/api/auth/token", json={"username": username, "password": PASSWORD})
    r.raise_for_status()
    return r.json()["token"]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_posts(base: str, tok: str, seconds: float, concurrency: int, n_cases: int) -> dict[str, float]:
    headers = {"Authorization": f"Bearer {tok}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as c:
        for i in range(n_cases):
            doc = {
                "format": "vigil.case/1",
                "case_id": f"P-{i}",
                "suspects": [{"id": "S1"}],
                "orders": [
                    {
                        "id": "O1",
                        "type": "restraining-order",
                        "against": "S1",
                        "starts": "2024-01-01",
                        "conditions": [{"type": "no-contact"}],
                    }
                ],
                "incidents": [],
            }
            c.post("/api/cases", json=doc).raise_for_status()
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds
    counter = iter(range(10**9))

    def worker() -> None:
        with httpx.Client(base_url=base, headers=headers, timeout=30) as c:
            while time.perf_counter() < stop:
                n = next(counter)
                body = {
                    "id": f"I{n}",
                    "occurred_at": "2024-03-01T21:14:00",
                    "suspect_id": "S1",
                    "channel": "text-message",
                    "narrative": "He texted me again: 'you can't hide'.",
                }
                t0 = time.perf_counter()
                r = c.post(f"/api/cases/P-{n % n_cases}/incidents", json=body)
                dt = time.perf_counter() - t0
                with lock:
                    if r.status_code == 201:
                        latencies.append(dt)
                    else:
                        errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {
        "posts": len(latencies),
        "errors": errors[0],
        "per_second": len(latencies) / elapsed,
        "p50_ms": pct(latencies, 50) * 1000,
        "p99_ms": pct(latencies, 99) * 1000,
    }


def run_list(base: str, tok: str, repeats: int = 50) -> dict[str, float]:
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {tok}"}, timeout=30) as c:
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            r = c.get("/api/cases", params={"limit": 50})
            times.append(time.perf_counter() - t0)
            r.raise_for_status()
        assert r.json()["cases"][0]["risk_level"] == "high"
    return {"p50_ms": pct(times, 50) * 1000, "p99_ms": pct(times, 99) * 1000}


def bench(backend: str, args: argparse.Namespace) -> None:
    tmp = tempfile.mkdtemp(prefix="vigil-bench-")
    schema = None
    if backend == "sqlite":
        url = f"sqlite:///{tmp}/bench.sqlite3"
    else:
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        from vigil.db import make_engine

        admin = make_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    prepare(url, args.list_cases)
    port = free_port()
    env = {**os.environ, "VIGIL_DATABASE_URL": url, "VIGIL_SECRET_KEY": secrets.token_urlsafe(32)}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "vigil"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/openapi.json").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        rss0 = rss_mb(server.pid)
        posts = run_posts(base, token(base, "poster"), args.seconds, args.concurrency, args.cases)
        rss1 = rss_mb(server.pid)
        listing = run_list(base, token(base, "lister"))
    finally:
        server.terminate()
        server.wait(10)
        if schema:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    print(
        f"{backend}: incident posts: {posts['posts']} in {args.seconds}s with {args.concurrency} clients = "
        f"{posts['per_second']:.0f}/s, p50 {posts['p50_ms']:.1f} ms, p99 {posts['p99_ms']:.1f} ms, "
        f"errors {posts['errors']}; server RSS {rss0:.0f} -> {rss1:.0f} MB"
    )
    print(
        f"{backend}: my cases by risk ({args.list_cases} assigned, first 50): "
        f"p50 {listing['p50_ms']:.1f} ms, p99 {listing['p99_ms']:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--cases", type=int, default=50, help="cases the incident posts are spread over")
    parser.add_argument("--list-cases", type=int, default=10_000)
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for b in backends:
        bench(b, args)


if __name__ == "__main__":
    main()
