"""The engine is pure: it imports only the contract, the law data, the standard library
and itself. No database, web, CLI, clock or network can creep in."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import vigil.engine

ENGINE = Path(vigil.engine.__file__).parent
ALLOWED_PREFIXES = ("vigil.contract", "vigil.law", "vigil.engine", ".")
# The engine's one text-processing dependency: an optional multi-pattern prefilter.
TEXT_DEPENDENCIES = {"hyperscan"}
FORBIDDEN_CALLS = {
    ("datetime", "now"),
    ("date", "today"),
    ("datetime", "today"),
    ("time", "time"),
    ("datetime", "utcnow"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def test_engine_imports_only_contract_law_and_stdlib() -> None:
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    bad = []
    for path in sorted(ENGINE.rglob("*.py")):
        for name in _imports(path):
            if name.startswith(ALLOWED_PREFIXES) or name.split(".")[0] in stdlib | TEXT_DEPENDENCIES:
                continue
            bad.append(f"{path.name}: {name}")
    assert not bad, "engine imports outside contract/law/stdlib: " + ", ".join(bad)


def test_engine_never_reads_the_clock() -> None:
    bad = []
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if isinstance(owner, ast.Name) and (owner.id, node.func.attr) in FORBIDDEN_CALLS:
                    bad.append(f"{path.name}:{node.lineno} {owner.id}.{node.func.attr}()")
    assert not bad, "engine reads the clock: " + ", ".join(bad)


def test_the_purity_check_can_fail(tmp_path: Path) -> None:
    """Guard against a check that passes vacuously: a forbidden import is spotted."""
    sample = tmp_path / "bad.py"
    sample.write_text("import sqlalchemy\nfrom vigil.web import app\nimport re\n")
    names = _imports(sample)
    stdlib = set(sys.stdlib_module_names)
    flagged = [n for n in names if not n.startswith(ALLOWED_PREFIXES) and n.split(".")[0] not in stdlib]
    assert flagged == ["sqlalchemy", "vigil.web"]
