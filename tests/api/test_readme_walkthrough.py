"""Run the README's walkthrough, command by command, against the app: the README cannot go stale.

`vigil users add` lines create the users (same service as the command), `curl` lines become
requests on the test client (method, path, headers, body), `VAR=$(curl ...)` keeps the token,
and the `cat > case.json <<'JSON'` block supplies the body for `-d @case.json`.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Walkthrough: create an admin, start the server, post a case, read its assessment and audit trail"


def _steps() -> list[str]:
    text = README.read_text()
    assert SECTION in text, "the README walkthrough section is missing"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert blocks, "the walkthrough has no shell blocks"
    return [line for block in blocks for line in block.splitlines()]


def _curl(client, line: str, env: dict[str, str], files: dict[str, str]) -> Any:  # type: ignore[no-untyped-def]
    for name, value in env.items():
        line = line.replace(f"${name}", value)
    args = shlex.split(line)
    assert args[0] == "curl"
    method, url, headers, body = "GET", None, {}, None
    i = 1
    while i < len(args):
        a = args[i]
        if a == "-X":
            method, i = args[i + 1], i + 1
        elif a == "-H":
            k, _, v = args[i + 1].partition(":")
            headers[k.strip()] = v.strip()
            i += 1
        elif a == "-d":
            data = args[i + 1]
            body = files[data[1:]] if data.startswith("@") else data
            method = "POST" if method == "GET" else method
            i += 1
        elif a.startswith("http"):
            url = a
        i += 1
    assert url and url.startswith("http://127.0.0.1:8000/"), url
    r = client.request(method, url.removeprefix("http://127.0.0.1:8000"), content=body, headers=headers)
    assert 200 <= r.status_code < 300, f"{line}\n-> {r.status_code} {r.text}"
    return r.json()


def test_readme_walkthrough(client, sessions, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from vigil.users.service import create_user

    env: dict[str, str] = {}
    files: dict[str, str] = {}
    responses: list[Any] = []
    lines = iter(_steps())
    ran_verify = False
    for line in lines:
        line = line.split("  #")[0].rstrip()
        if not line or line.startswith("export VIGIL_SECRET_KEY"):
            continue
        if m := re.match(
            r"printf '(.*)\\n' \| vigil users add (\S+) --role (\S+)(?: --team (\S+))? --password-stdin", line
        ):
            password, username, role, team = m.groups()
            with sessions() as s:
                create_user(s, None, username, password, role, team=team)
                s.commit()
        elif line.startswith("vigil serve"):
            continue  # the test client is the server
        elif m := re.match(r"cat > (\S+) <<'(\w+)'", line):
            name, end = m.groups()
            body = []
            for inner in lines:
                if inner == end:
                    break
                body.append(inner)
            files[name] = "\n".join(body)
            json.loads(files[name])
        elif m := re.match(r"(\w+)=\$\((curl .*?) \| python3 -c .*\)$", line):
            env[m.group(1)] = _curl(client, m.group(2), env, files)["token"]
        elif line.startswith("curl"):
            responses.append(_curl(client, line, env, files))
        elif line == "vigil audit-log verify":
            from vigil.audit.service import verify

            with sessions() as s:
                assert list(verify(s)) == []
            ran_verify = True
        else:
            raise AssertionError(f"the walkthrough has a step this test does not know: {line!r}")
    assert ran_verify
    created, _incident, assessment, history, _alerts, audit = responses
    assert created["case_id"] == "C-0001"
    assert assessment["assessment"]["format"] == "vigil.assessment/1"
    assert [a["seq"] for a in history["assessments"]] == [1, 2]
    actions = {(e["username"], e["action"], e["object_type"]) for e in audit["entries"]}
    assert ("alice", "create", "case") in actions and ("alice", "create", "incident") in actions
    assert ("alice", "read", "assessment") in actions
