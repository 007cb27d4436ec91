"""The cast and props of one synthetic case: names, pronouns, numbers, handles and places.

All values are drawn from the case's own `random.Random`, so the same seed
always casts the same people. Contact details are fictional by construction
(Ofcom drama numbers, example.* domains).
"""

from __future__ import annotations

import random
from datetime import date

from . import vocab
from .scenario import Archetype
from .slots import Value

_INTIMATE = {"ex-partner", "current-partner"}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def drama_phone(rng: random.Random) -> str:
    """A number from Ofcom's range reserved for fiction: 07700 900000 to 07700 900999."""
    return f"07700 900{rng.randrange(1000):03d}"


def _pronouns(prefix: str, female: bool) -> dict[str, Value]:
    subject, obj, det = ("she", "her", "her") if female else ("he", "him", "his")
    return {f"{prefix}p": subject, f"{prefix}o": obj, f"{prefix}d": det}


def _referrer(rng: random.Random, usual: str, others: list[str]) -> Value:
    """How officers refer to someone: mostly one habit per log, with the odd variation."""

    def refer(r: random.Random) -> str:
        return usual if r.random() < 0.75 else r.choice(others)

    return refer


def cast(rng: random.Random, arch: Archetype, relationship: str, start: date) -> dict[str, Value]:
    """Every slot value a template of this case may ask for."""
    female_victim = rng.random() < arch.female_victim
    if relationship in _INTIMATE:
        female_suspect = not female_victim if rng.random() < 0.9 else female_victim
    else:
        female_suspect = rng.random() < arch.female_suspect
    vname = rng.choice(vocab.FEMALE_NAMES if female_victim else vocab.MALE_NAMES)
    sname = rng.choice(vocab.FEMALE_NAMES if female_suspect else vocab.MALE_NAMES)
    while sname == vname:
        sname = rng.choice(vocab.FEMALE_NAMES if female_suspect else vocab.MALE_NAMES)
    vsurname = rng.choice(vocab.SURNAMES)
    ssurname = vsurname if relationship == "family" else rng.choice(vocab.SURNAMES)
    domain = rng.choice(vocab.EMAIL_DOMAINS)
    street = rng.choice(vocab.STREETS)
    digits = rng.randrange(10, 99)
    house = rng.randrange(2, 60, 2)
    values: dict[str, Value] = {
        "vname": vname,
        "vsurname": vsurname,
        "vfull": f"{vname} {vsurname}",
        "vtitle": rng.choice(("Ms", "Mrs", "Miss")) if female_victim else "Mr",
        "sname": sname,
        "ssurname": ssurname,
        "sfull": f"{sname} {ssurname}",
        "sman": "female" if female_suspect else "male",
        **_pronouns("v", female_victim),
        **_pronouns("s", female_suspect),
        "street": street,
        "street2": lambda r: r.choice([s for s in vocab.STREETS if s != street]),
        "town": rng.choice(vocab.TOWNS),
        "house": str(house),
        "house2": str(house + 2),
        "workplace": rng.choice(vocab.WORKPLACES),
        "place": lambda r: r.choice(vocab.PUBLIC_PLACES),
        "car": rng.choice(vocab.CARS),
        "vcar": rng.choice(vocab.CARS),
        "item": lambda r: r.choice(vocab.ITEMS),
        "time": lambda r: f"{r.randrange(24):02d}:{r.randrange(0, 60, 5):02d}",
        "n": lambda r: str(r.randrange(3, 60)),
        "mins": lambda r: str(r.randrange(5, 50, 5)),
        "months": lambda r: str(r.randrange(2, 9)),
        "years": lambda r: str(r.randrange(2, 13)),
        "year": lambda r: str(start.year - r.randrange(1, 11)),
        "month": _MONTHS[(start.month - 2) % 12],
        "cad": lambda r: f"{r.randrange(100, 9999)}-{start:%d%m%y}",
        "exhibit": lambda r: f"{r.choice('ABCDJKMPRS')}{r.choice('BDHKMPTW')}/{r.randrange(1, 12)}",
        "itime": lambda r: f"{r.randrange(24):02d}:{r.randrange(0, 60, 5):02d}",
        "later": lambda r: f"{r.randrange(24):02d}:{r.randrange(0, 60, 5):02d}",
        "daylater": lambda r: r.choice(("the following day", "two days later", "the next morning")),
        "messenger": rng.choice(vocab.MESSENGERS),
        "platform": rng.choice(vocab.PLATFORMS),
        "phone": drama_phone(rng),
        "domain": domain,
        "email": f"{sname.lower()}.{ssurname.lower()}{rng.choice(('', str(digits)))}@{domain}",
        "handle": f"@{sname.lower()}_{ssurname[0].lower()}{digits}",
        "app": f"{rng.choice(vocab.APPS)}: {sname} {ssurname[0]}",
        "child": rng.choice(vocab.CHILD_NAMES),
        "relative": rng.choice(vocab.FEMALE_RELATIVES if female_suspect else vocab.MALE_RELATIVES),
        "friend": f"{rng.choice(vocab.FEMALE_NAMES)} {rng.choice(vocab.SURNAMES)}",
        "business": rng.choice(vocab.BUSINESSES),
        "creditor": rng.choice(vocab.CREDITORS),
        "debtref": f"{rng.randrange(1000, 9999)}-{rng.randrange(10, 99)}",
        "amount": f"£{rng.randrange(1, 20) * 500:,}",
    }
    fakes = _fake_handles(rng, vname, vsurname, sname)
    values["fakes"] = ", ".join(fakes)
    values["vref"] = _referrer(rng, rng.choice(("IP", "IP", "V1", vname)), ["IP", "V1", vname, "the victim"])
    values["sref"] = _referrer(
        rng, rng.choice(("S1", sname, "SUSP")), ["S1", sname, f"{sname} {ssurname}", "the suspect"]
    )
    if arch.company:
        company = f"{rng.choice(vocab.COMPANY_WORDS)} {rng.choice(vocab.COMPANY_KINDS)}"
        initials = "".join(w[0] for w in company.split()[:3]).upper()
        values.update(
            company=company,
            ref=f"{initials}-{rng.randrange(100000, 999999)}",
            email=f"collections@{domain}",
            amount=f"£{rng.randrange(40, 900)}.{rng.randrange(100):02d}",
            sref=lambda r: r.choice((company, "the company", "the agency")),
            sp="they",
            so="them",
            sd="their",
        )
    return values


def _fake_handles(rng: random.Random, vname: str, vsurname: str, sname: str) -> list[str]:
    v, s = vname.lower(), vsurname.lower()
    pool = [
        f"@truth_about_{v}_{s[0]}",
        f"@{v}_exposed",
        f"@watching_{v}",
        f"@{v}_{s}_official",
        f"@anon{rng.randrange(1000, 99999)}",
        f"@justice4{sname.lower()}",
        f"@{s}_lies",
    ]
    return rng.sample(pool, rng.randrange(1, 4))
