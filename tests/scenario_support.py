"""Shared helpers for legal scenarios: expand the compact YAML form into a vigil.case/1
case and check an assessment against an `expected` block (the contract's vocabulary).

The compact form keeps scenarios readable by lawyers: suspects default to one
suspect S1, incidents default to suspect S1, and `at` stands for occurred_at.
"""

from __future__ import annotations

from typing import Any

RISK = {"standard": 0, "medium": 1, "high": 2}


def expand_case(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    case: dict[str, Any] = {
        "format": "vigil.case/1",
        "case_id": spec.get("case_id", name[:60]),
        "jurisdiction": spec.get("jurisdiction", "england-and-wales"),
    }
    if "victim" in spec or "relationship" in spec or "statement" in spec:
        victim = dict(spec.get("victim", {}))
        victim.setdefault("id", "V1")
        if "relationship" in spec:
            victim["relationship_to_suspect"] = spec["relationship"]
        if "statement" in spec:
            victim["statement"] = spec["statement"]
        case["victim"] = victim
    case["suspects"] = spec.get("suspects", [{"id": "S1", "identifiers": spec.get("identifiers", [])}])
    if "history" in spec:
        case["suspects"][0]["history"] = spec["history"]
    incidents = []
    for n, inc in enumerate(spec.get("incidents", []), start=1):
        item = {"id": inc.get("id", f"I{n}")}
        if "at" in inc:
            item["occurred_at"] = str(inc["at"])
        item["suspect_id"] = inc.get("by", "S1")
        for key in ("channel", "account", "location", "actor_id"):
            if key in inc:
                item[key] = inc[key]
        item["narrative"] = inc.get("narrative", "")
        incidents.append(item)
    case["incidents"] = incidents
    for key in ("orders", "handling", "third_parties"):
        if key in spec:
            case[key] = spec[key]
    return case


EXPECTED_KEYS = frozenset(
    {
        "category",
        "acceptable_categories",
        "course_of_conduct",
        "behaviours_present",
        "behaviours_absent",
        "risk_at_least",
        "risk_at_most",
        "breaches",
        "linked_accounts",
        "not_linked",
        "escalation",
        "offences_present",
        "offences_absent",
        "actions_required",
        "actions_forbidden",
        "risk_factors_present",
        "risk_factors_absent",
        "notes",
    }
)


def check(assessment: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """Every way the assessment falls short of the expected block, as readable lines."""
    # A misspelt expectation would otherwise check nothing and always pass.
    problems: list[str] = [f"unknown expectation {k!r}" for k in sorted(set(expected) - EXPECTED_KEYS)]
    if "error" in assessment:
        return [f"no assessment: {assessment['error']}"]
    cat = assessment["classification"]["category"]
    if "category" in expected:
        ok = cat == expected["category"] or cat in expected.get("acceptable_categories", [])
        if not ok:
            problems.append(f"category {cat} != {expected['category']}")
    if "course_of_conduct" in expected and assessment["course_of_conduct"]["present"] != expected["course_of_conduct"]:
        problems.append(
            f"course_of_conduct {assessment['course_of_conduct']['present']} != {expected['course_of_conduct']}"
        )
    found = {b["type"] for b in assessment["behaviours"]}
    problems += [f"missed behaviour {b}" for b in expected.get("behaviours_present", []) if b not in found]
    problems += [f"reported absent behaviour {b}" for b in expected.get("behaviours_absent", []) if b in found]
    level = RISK[assessment["risk"]["level"]]
    if expected.get("risk_at_least") and level < RISK[expected["risk_at_least"]]:
        problems.append(f"risk {assessment['risk']['level']} below {expected['risk_at_least']}")
    if expected.get("risk_at_most") and level > RISK[expected["risk_at_most"]]:
        problems.append(f"risk {assessment['risk']['level']} above {expected['risk_at_most']}")
    if "breaches" in expected:
        want = {(b["order_id"], b["incident_id"]) for b in expected["breaches"]}
        got = {(b["order_id"], b["incident_id"]) for b in assessment["breaches"]}
        if want != got:
            problems.append(f"breaches {sorted(got)} != {sorted(want)}")
    links = {(x["account"], x["suspect_id"]) for x in assessment["linked_accounts"]}
    for x in expected.get("linked_accounts", []):
        if (x["account"], x["suspect_id"]) not in links:
            problems.append(f"account {x['account']} not linked to {x['suspect_id']}")
    # Either an account ("@x") or an account with the suspect it must not go to ({account, suspect_id}).
    for x in expected.get("not_linked", []):
        account, sid = (x["account"], x.get("suspect_id")) if isinstance(x, dict) else (x, None)
        if any(acc == account and (sid is None or who == sid) for acc, who in links):
            problems.append(f"account {account} linked without enough reason")
    if "escalation" in expected and assessment["risk"]["escalation"]["detected"] != expected["escalation"]:
        problems.append(f"escalation {assessment['risk']['escalation']['detected']} != {expected['escalation']}")
    offences = {o["code"] for o in assessment["classification"]["offences"]}
    problems += [f"missing offence {c}" for c in expected.get("offences_present", []) if c not in offences]
    problems += [f"unexpected offence {c}" for c in expected.get("offences_absent", []) if c in offences]
    actions = {a["code"] for a in assessment["actions"]}
    problems += [f"missing action {c}" for c in expected.get("actions_required", []) if c not in actions]
    problems += [f"forbidden action {c}" for c in expected.get("actions_forbidden", []) if c in actions]
    factors = {f["code"] for f in assessment["risk"]["factors"]}
    problems += [f"missing risk factor {c}" for c in expected.get("risk_factors_present", []) if c not in factors]
    problems += [f"unexpected risk factor {c}" for c in expected.get("risk_factors_absent", []) if c in factors]
    return problems
