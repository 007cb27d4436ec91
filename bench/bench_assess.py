"""Benchmark the assessment engine end to end, against the floor of one regular expression.

Not a test: it prints figures. Run it with `make bench` or

    .venv/bin/python bench/bench_assess.py [--cases 20000] [--memory-cases 100000]

It generates realistic synthetic cases (vigil.synth: 8 incidents, ~4 KB of
narrative each) into a temporary JSONL file, then measures

  (a) cases/s through the in-process streaming path: read a JSONL line ->
      vigil.services.assessing.assess_document -> orjson dump line;
  (b) the same through the real CLI, `vigil assess --format jsonl`, in a subprocess
      (start-up included), with the child's peak RSS;
  (c) peak RSS while streaming --memory-cases cases (the file is read round and round)
      in a fresh process, at checkpoints, to show memory stays flat;
  (d) the baseline: ONE compiled regular expression, findall over the same narrative
      text, in MB/s and cases/s; and the ratio engine/baseline.

Figures go to the terminal and to bench/out/bench_assess.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import orjson

from vigil.law import load_law
from vigil.services.assessing import assess_document
from vigil.synth import generate_cases

AS_OF = date(2025, 12, 31)
BASELINE = re.compile(r"\b(?:follow|threat|kill)\w*", re.I)
MiB = 1024 * 1024


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    if args.memory_worker:
        return _memory_worker(Path(args.memory_worker), args.memory_cases, args.tracemalloc)
    with tempfile.TemporaryDirectory(prefix="vigil-bench-") as tmp:
        path = Path(args.cases_file) if args.cases_file else Path(tmp) / "cases.jsonl"
        rows: list[Row] = []
        if not args.cases_file:
            rows.append(_generate(path, args))
        n_cases, text_mb = _measure_text(path)
        size_mb = path.stat().st_size / 1e6
        _say(f"{n_cases:,} cases, {text_mb:.1f} MB of narrative, file {size_mb:.1f} MB")
        # Child processes first, while this process is still small: on Linux a child's
        # ru_maxrss starts from its parent's, so a big parent would inflate their figures.
        memory = None if args.skip_memory else _memory(path, args.memory_cases, args.tracemalloc)
        cli = None if args.skip_cli else _cli(path, n_cases, text_mb)
        engine = _in_process(path, n_cases, text_mb)
        baseline = _baseline(_narratives(path), text_mb)
        rows += [r for r in (engine, cli, baseline) if r is not None]
    _report(rows, engine, baseline, memory, n_cases, text_mb, args)
    return 0


class Row(dict):  # type: ignore[type-arg]
    """One line of the results table (a dict so it serialises as it prints)."""


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cases", type=int, default=20_000, help="cases to generate (default 20,000)")
    p.add_argument("--memory-cases", type=int, default=100_000, help="cases streamed for (c)")
    p.add_argument("--incidents", type=int, default=8, help="incidents per case (default 8)")
    p.add_argument("--chars", type=int, default=4000, help="narrative characters per case")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--cases-file", help="use this JSONL instead of generating one")
    p.add_argument("--skip-cli", action="store_true", help="skip (b), the subprocess run")
    p.add_argument("--skip-memory", action="store_true", help="skip (c), the memory run")
    p.add_argument("--tracemalloc", action="store_true", help="(c) also traces Python allocations")
    p.add_argument("--memory-worker", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.cases < 1 or args.memory_cases < 1:
        p.error("--cases and --memory-cases must be at least 1")
    if args.cases_file and not Path(args.cases_file).is_file():
        p.error(f"--cases-file {args.cases_file}: no such file")
    return args


def _say(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


class Progress:
    """A line on stderr at every tenth of the work, with the rate and time left: a slow
    engine can take a long time over 100,000 cases, and silence looks like a hang."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total = label, total
        self.step = max(1, total // 10)
        self.start = time.perf_counter()

    def __call__(self, done: int) -> None:
        elapsed = time.perf_counter() - self.start
        if done % self.step or done == self.total or elapsed < 5:
            return
        rate = done / elapsed
        left = (self.total - done) / rate
        _say(f"{self.label}: {done:,}/{self.total:,} cases, {rate:,.0f}/s, about {left:,.0f} s left")


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _generate(path: Path, args: argparse.Namespace) -> Row:
    _say(f"generating {args.cases:,} cases (seed {args.seed}) into {path}")

    def write() -> None:
        with path.open("wb") as fh:
            for case in generate_cases(args.seed, args.cases, n_incidents=args.incidents, target_chars=args.chars):
                fh.write(orjson.dumps(case) + b"\n")

    wall = _timed(write)
    return Row(name="generate (vigil.synth)", cases=args.cases, wall_s=wall, rate=args.cases / wall)


def _measure_text(path: Path) -> tuple[int, float]:
    """How many cases, and how many MB (UTF-8) of narrative they hold."""
    count, size = 0, 0
    with path.open("rb") as fh:
        for line in fh:
            if line.strip():
                count += 1
                size += len(_case_text(orjson.loads(line)).encode())
    return count, size / 1e6


def _case_text(doc: object) -> str:
    incidents = doc.get("incidents", []) if isinstance(doc, dict) else []
    return "\n".join(i.get("narrative", "") for i in incidents if isinstance(i, dict))


def _narratives(path: Path) -> list[str]:
    """Each case's narratives joined: the text the engine reads and the baseline scans."""
    with path.open("rb") as fh:
        return [_case_text(orjson.loads(line)) for line in fh if line.strip()]


def _baseline(texts: list[str], text_mb: float) -> Row:
    _say("(d) baseline: one compiled regular expression over the narratives")
    findall = BASELINE.findall
    hits = 0

    def scan() -> None:
        nonlocal hits
        for text in texts:
            hits += len(findall(text))

    wall = _timed(scan)
    return Row(
        name="(d) baseline: one regex findall",
        cases=len(texts),
        wall_s=wall,
        rate=len(texts) / wall,
        mb_s=text_mb / wall,
        note=f"{hits:,} matches",
    )


def _in_process(path: Path, n_cases: int, text_mb: float) -> Row:
    _say("(a) in-process streaming: JSONL line -> assess_document -> orjson line")
    load_law("england-and-wales")  # loaded once per process, as the CLI does; not timed
    errors = 0
    progress = Progress("(a)", n_cases)

    def stream() -> None:
        nonlocal errors
        done = 0
        with path.open("rb") as fh, open(os.devnull, "wb") as sink:
            for line in fh:
                if not line.strip():
                    continue
                result = assess_document(orjson.loads(line), AS_OF)
                errors += hasattr(result, "error")
                sink.write(orjson.dumps(result.model_dump(mode="json")) + b"\n")
                done += 1
                progress(done)

    wall = _timed(stream)
    note = f"{errors:,} error lines" if errors else ""
    return Row(
        name="(a) in-process stream",
        cases=n_cases,
        wall_s=wall,
        rate=n_cases / wall,
        mb_s=text_mb / wall,
        note=note,
    )


def _vigil() -> str:
    beside = Path(sys.executable).parent / "vigil"
    found = str(beside) if beside.exists() else shutil.which("vigil")
    if not found:
        raise SystemExit("error: the vigil command is not installed (run `make test` first)")
    return found


def _cli(path: Path, n_cases: int, text_mb: float) -> Row:
    _say("(b) vigil assess --format jsonl (subprocess, start-up included)")
    cmd = [_vigil(), "assess", "--format", "jsonl", "--as-of", AS_OF.isoformat(), str(path)]
    start = time.perf_counter()
    peak = 0.0
    with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(cmd, stdout=sink, stderr=errors)
        while child.poll() is None:
            peak = max(peak, _hwm_mib(child.pid) or 0.0)
            time.sleep(0.02)
        errors.seek(0)
        err = errors.read()
    wall = time.perf_counter() - start
    code = child.returncode
    note = f"exit {code}" + (f": {err.decode(errors='replace').strip()[-200:]}" if err else "")
    return Row(
        name="(b) vigil assess --format jsonl",
        cases=n_cases,
        wall_s=wall,
        rate=n_cases / wall,
        mb_s=text_mb / wall,
        rss_mib=peak or None,
        note=note if code else "",
    )


def _hwm_mib(pid: int | str = "self") -> float | None:
    """Peak resident memory of a process from /proc (Linux), or None where there is no /proc.

    VmHWM belongs to the process's own address space, so unlike ru_maxrss it does not
    start from the parent's figure after fork and exec.
    """
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _peak_rss_mib() -> float:
    hwm = _hwm_mib()
    if hwm is not None:
        return hwm
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / MiB if sys.platform == "darwin" else maxrss / 1024


def _memory(path: Path, n: int, trace: bool) -> dict[str, object]:
    _say(f"(c) streaming {n:,} cases in a fresh process to watch peak RSS")
    cmd = [sys.executable, __file__, "--memory-worker", str(path), "--memory-cases", str(n)]
    if trace:
        cmd.append("--tracemalloc")
    done = subprocess.run(cmd, stdout=subprocess.PIPE, check=False)  # stderr: its progress
    if done.returncode:
        raise SystemExit(f"error: the memory worker failed (exit {done.returncode})")
    return json.loads(done.stdout)


def _memory_worker(path: Path, n: int, trace: bool) -> int:
    """Stream `n` cases through assess_document, reading `path` round and round."""
    import tracemalloc

    if trace:
        tracemalloc.start()
    marks = sorted({max(1, n // 100), max(1, n // 10), max(1, n // 2), n})
    points: list[dict[str, float]] = []
    progress = Progress("(c)", n)
    done = 0
    load_law("england-and-wales")
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        while done < n:
            with path.open("rb") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    result = assess_document(orjson.loads(line), AS_OF)
                    sink.write(orjson.dumps(result.model_dump(mode="json")) + b"\n")
                    done += 1
                    progress(done)
                    if done in marks:
                        point = {"cases": done, "rss_mib": _peak_rss_mib()}
                        if trace:
                            point["traced_peak_mib"] = tracemalloc.get_traced_memory()[1] / MiB
                        points.append(point)
                    if done >= n:
                        break
    wall = time.perf_counter() - start
    print(json.dumps({"cases": done, "wall_s": wall, "points": points}))
    return 0


def _report(
    rows: list[Row],
    engine: Row,
    baseline: Row,
    memory: dict[str, object] | None,
    n_cases: int,
    text_mb: float,
    args: argparse.Namespace,
) -> None:
    law = load_law("england-and-wales")
    print()
    print(
        f"Assessment engine benchmark  (law {law.version}, as of {AS_OF}, Python "
        f"{sys.version.split()[0]}, {os.cpu_count()} CPUs)"
    )
    print(
        f"{n_cases:,} cases x {args.incidents} incidents, {text_mb:.1f} MB of narrative "
        f"({text_mb * 1e6 / n_cases:,.0f} bytes/case)"
    )
    print()
    head = f"{'':34} {'cases/s':>10} {'narr. MB/s':>11} {'wall s':>8} {'peak RSS':>10}  note"
    print(head)
    print("-" * len(head))
    for r in rows:
        mb = f"{r['mb_s']:11.2f}" if "mb_s" in r else f"{'':11}"
        rss = f"{r['rss_mib']:7.0f} MiB" if r.get("rss_mib") else f"{'':10}"
        note = r.get("note", "")
        print(f"{r['name']:34} {r['rate']:10,.0f} {mb} {r['wall_s']:8.2f} {rss}  {note}")
    ratio = engine["rate"] / baseline["rate"]
    print()
    versus = f"one regex pass is {1 / ratio:,.1f}x faster" if ratio < 1 else f"{ratio:,.1f}x the regex"
    print(f"engine/baseline (a)/(d): {ratio:.4f}  ({versus})")
    if memory:
        points = memory["points"]
        assert isinstance(points, list)
        marks = ", ".join(f"{p['cases']:,}: {p['rss_mib']:.0f} MiB" for p in points)
        print(f"(c) peak RSS streaming {memory['cases']:,} cases: {marks}")
        growth = points[-1]["rss_mib"] - points[min(1, len(points) - 1)]["rss_mib"]
        print(f"    growth after the first 10%: {growth:+.1f} MiB ({memory['cases'] / memory['wall_s']:,.0f} cases/s)")
        if "traced_peak_mib" in points[-1]:
            print(f"    traced Python peak: {points[-1]['traced_peak_mib']:.1f} MiB")
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    summary = {
        "as_of": AS_OF.isoformat(),
        "law_version": law.version,
        "cases": n_cases,
        "narrative_mb": text_mb,
        "rows": rows,
        "engine_over_baseline": ratio,
        "memory": memory,
    }
    (out / "bench_assess.json").write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    sys.exit(main())
