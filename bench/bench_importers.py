"""Benchmark the message-export importers (parse + canonical hash), with peak memory.

Not a test: it prints figures. Run it with

    .venv/bin/python bench/bench_importers.py [--whatsapp-messages 200000] [--sms-mb 100]

It writes synthetic exports into a temporary folder (invented names and
numbers only), then, each in a fresh child process so the peak RSS belongs to
that parse alone:

  (a) WhatsApp: an Android-style .txt of N messages (some multi-line, some
      media placeholders) read from disk in Europe/London, every message
      hashed; messages per second (target >= 50,000/s);
  (b) the same chat zipped with its media, as phones export it;
  (c) SMS Backup & Restore XML of about --sms-mb MB (texts with surrogate-pair
      emoji, MMS with a small inline image, all streamed); seconds (target
      < 10 s) and peak RSS, then a file a quarter the size, to show memory
      does not grow with the file.

Both wall-clock and CPU time are printed, with the load average: on a shared
machine the CPU figure is the one that says what the code costs.

Figures go to the terminal and to bench/out/bench_importers.json (git-ignored).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
NAMES = ["Dan", "Sue", "Mark O'Neill", "Zoë"]
SENTENCE = (
    "you can't ignore me forever I know where you work and when you finish tonight "
    "answer your phone I saw you at the station with him"
)
WORDS = SENTENCE.split()


def write_whatsapp(path: Path, count: int) -> None:
    """Android export, UK order; every 10th message multi-line, every 25th media."""
    with path.open("w", encoding="utf-8") as out:
        out.write(
            "12/03/2024, 21:14 - Messages and calls are end-to-end encrypted. "
            "No one outside of this chat, not even WhatsApp, can read or listen to them.\n"
        )
        minute = 0
        for number in range(count):
            minute += 1 + number % 3
            day, rest = divmod(minute, 24 * 60)
            hour, mins = divmod(rest, 60)
            stamp = f"{1 + day % 28:02d}/{1 + (day // 28) % 12:02d}/2024, {hour:02d}:{mins:02d}"
            sender = NAMES[number % len(NAMES)]
            if number % 25 == 0:
                text = "<Media omitted>"
            else:
                start = number % len(WORDS)
                text = " ".join(WORDS[start : start + 6 + number % 8])
            out.write(f"{stamp} - {sender}: {text}\n")
            if number % 10 == 0:
                out.write("and another line of the same message\n")


def write_whatsapp_zip(chat: Path, path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(chat, "_chat.txt")
        for index in range(20):
            archive.writestr(f"IMG-2024031{index % 10}-WA{index:04d}.jpg", os.urandom(50_000))


def write_sms(path: Path, megabytes: int) -> int:
    """SMS Backup & Restore XML of about `megabytes` MB; returns the record count."""
    image = base64.b64encode(os.urandom(3000)).decode()
    london = ZoneInfo("Europe/London")
    target = megabytes * 1024 * 1024
    records = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
        out.write('<smses count="0" backup_set="bench" backup_date="1710300000000">\n')
        date = 1_700_000_000_000
        while out.tell() < target:
            records += 1
            date += 61_000
            start = records % len(WORDS)
            body = " ".join(WORDS[start : start + 10]) + " &#55357;&#56832;&#10;ok"
            local = datetime.fromtimestamp(date / 1000, tz=london)
            readable = f"{local.day} {local:%b %Y %H:%M:%S}"
            if records % 50 == 0:
                out.write(
                    f'  <mms date="{date}" msg_box="1" address="+447700900123" m_type="132" '
                    f'readable_date="{readable}" contact_name="Dan"><parts>'
                    f'<part seq="0" ct="text/plain" name="null" text="{body}" />'
                    f'<part seq="1" ct="image/jpeg" cl="IMG.jpg" data="{image}" /></parts>'
                    f'<addrs><addr address="+447700900123" type="137" charset="106" />'
                    f'<addr address="+447700900456" type="151" charset="106" /></addrs></mms>\n'
                )
            else:
                out.write(
                    f'  <sms protocol="0" address="+447700900123" date="{date}" '
                    f'type="{1 + records % 2}" subject="null" body="{body}" toa="null" '
                    f'sc_toa="null" service_center="null" read="1" status="-1" locked="0" '
                    f'date_sent="0" sub_id="1" readable_date="{readable}" '
                    f'contact_name="Dan" />\n'
                )
        out.write("</smses>\n")
    return records


def child(fmt: str, path: str, options: dict[str, object]) -> None:
    """Runs in a fresh process: parse and hash everything, print figures as JSON."""
    from vigil.importers import parse

    started = time.perf_counter()
    cpu_started = time.process_time()
    messages, report = parse(fmt, path, tz="Europe/London", **options)
    count = 0
    digest_bytes = 0
    for message in messages:
        count += 1
        digest_bytes += len(message.canonical_hash)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "messages": count,
                "seconds": round(elapsed, 3),
                "per_second": round(count / elapsed) if elapsed else None,
                "cpu_seconds": round(cpu, 3),
                "per_cpu_second": round(count / cpu) if cpu else None,
                "load_average": round(os.getloadavg()[0], 2),
                "peak_rss_mb": round(peak_kb / 1024, 1),
                "skipped": report.skipped_total,
                "complete": report.complete,
            }
        )
    )


def measure(fmt: str, path: Path, **options: object) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", fmt, str(path), json.dumps(options)],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["file_mb"] = round(path.stat().st_size / 1024**2, 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whatsapp-messages", type=int, default=200_000)
    parser.add_argument("--sms-mb", type=int, default=100)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        fmt, path, options = args.child
        child(fmt, path, json.loads(options))
        return
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="vigil-bench-") as folder:
        root = Path(folder)
        chat = root / "chat.txt"
        write_whatsapp(chat, args.whatsapp_messages)
        results["whatsapp_txt"] = measure("whatsapp", chat)
        report("WhatsApp .txt", results["whatsapp_txt"], "messages/s", target=">= 50,000/s")
        archive = root / "export.zip"
        write_whatsapp_zip(chat, archive)
        results["whatsapp_zip"] = measure("whatsapp", archive)
        report("WhatsApp .zip", results["whatsapp_zip"], "messages/s")
        chat.unlink()
        archive.unlink()
        for label, size in (("sms_xml", args.sms_mb), ("sms_xml_quarter", max(1, args.sms_mb // 4))):
            xml = root / f"sms-{size}.xml"
            write_sms(xml, size)
            results[label] = measure("sms-backup", xml, owner="+447700900456")
            target = "< 10 s" if size >= 100 else ""
            report(f"SMS XML {size} MB", results[label], "seconds", target=target)
            xml.unlink()
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_importers.json").write_text(json.dumps(results, indent=2))


def report(label: str, figures: object, unit: str, target: str = "") -> None:
    assert isinstance(figures, dict)
    if unit == "messages/s":
        headline = f"{figures['per_second']:>8,}/s wall, {figures['per_cpu_second']:>8,}/s CPU"
    else:
        headline = f"{figures['seconds']:>6.2f} s wall, {figures['cpu_seconds']:>6.2f} s CPU"
    print(
        f"{label:<16} {figures['messages']:>9,} msgs  {headline}  "
        f"peak RSS {figures['peak_rss_mb']:>5.1f} MB  file {figures['file_mb']:>6.1f} MB  "
        f"load {figures['load_average']}  {('target ' + target) if target else ''}"
    )


if __name__ == "__main__":
    main()
