"""Law as data: `load_law(jurisdiction)` reads and validates the YAML for one jurisdiction.

No reasoning lives here; the engine reads this data. Each jurisdiction is a
folder of YAML files: law.yaml (version), offences/*.yaml, behaviours.yaml,
risk.yaml, orders.yaml, actions.yaml, lexicon.yaml and context.yaml.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import ValidationError

from .models import ActionDef, BehaviourDef, ConditionDef, Law, Offence, OrderDef, RiskItem

__all__ = ["Law", "LawDataError", "available_jurisdictions", "load_law"]


class LawDataError(Exception):
    """The law data for a jurisdiction is missing or malformed (a packaging or authoring error)."""


def available_jurisdictions() -> list[str]:
    root = resources.files(__package__)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "law.yaml").is_file())


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML that refuses a key given twice in one mapping.

    Why: plain YAML keeps the last of two same-named entries without a word, so a second `passed_by:` written into
    context.yaml silently replaced the first and changed what the engine reads elsewhere.
    """


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def _read(path: Any) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # a SafeLoader: no objects built
    except yaml.YAMLError as exc:
        raise LawDataError(f"{path}: not valid YAML: {exc}") from exc


def _keyed(items: list[dict[str, Any]], model: type, where: str) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for i, item in enumerate(items or []):
        try:
            parsed = model.model_validate(item)
        except ValidationError as exc:
            raise LawDataError(f"{where}[{i}]: {exc}") from exc
        if parsed.code in out:
            raise LawDataError(f"{where}[{i}]: duplicate code {parsed.code!r}")
        out[parsed.code] = parsed
    return out


def load_law(jurisdiction: str = "england-and-wales") -> Law:
    """Load and validate one jurisdiction's law data (cached: it is read-only)."""
    return _load(jurisdiction)


@lru_cache(maxsize=8)
def _load(jurisdiction: str) -> Law:
    root = resources.files(__package__) / jurisdiction
    if not (root / "law.yaml").is_file():
        known = ", ".join(available_jurisdictions()) or "none"
        raise LawDataError(f"no law data for jurisdiction {jurisdiction!r} (available: {known})")
    meta = _read(root / "law.yaml")
    offences: list[dict[str, Any]] = []
    off_dir = root / "offences"
    if off_dir.is_dir():
        for f in sorted(off_dir.iterdir(), key=lambda p: p.name):
            if f.name.endswith(".yaml"):
                data = _read(f)
                offences.extend(data if isinstance(data, list) else [data])
    orders = _read(root / "orders.yaml")
    try:
        return _build(jurisdiction, meta, offences, orders, root)
    except ValidationError as exc:
        raise LawDataError(f"law data for {jurisdiction!r} is invalid: {exc}") from exc


def _build(jurisdiction: str, meta: Any, offences: list[dict[str, Any]], orders: Any, root: Any) -> Law:
    return Law(
        jurisdiction=jurisdiction,
        version=str(meta["version"]),
        offences=_keyed(offences, Offence, "offences"),
        behaviours=_keyed(_read(root / "behaviours.yaml"), BehaviourDef, "behaviours.yaml"),
        risk_items={k: v for k, v in _keyed(_read(root / "risk.yaml"), RiskItem, "risk.yaml").items()},
        conditions=_keyed(orders["conditions"], ConditionDef, "orders.yaml conditions"),
        orders=_keyed(orders["orders"], OrderDef, "orders.yaml orders"),
        actions=_keyed(_read(root / "actions.yaml"), ActionDef, "actions.yaml"),
        lexicon=_read(root / "lexicon.yaml") or {},
        context=_read(root / "context.yaml") or {},
        dates=meta.get("dates") or {},
    )
