"""Where an incident happened, against the places and distances an order names.

An exclusion zone is matched on the incident's location (every distinctive word of the place), read the way
a person would: "near the junction with X" and "west of X" are outside X, brackets after a name describe its
edges, and a radius ("within 500 metres of 9 Lark Rise") is met at the address or where a distance is measured.
"""

from __future__ import annotations

import re

from vigil.contract import Incident

from .lexicon import Compiled

WORD = re.compile(r"[^\W_]+")  # letters and digits, accented ones too ("Tŷ Uchaf")
_STOP = frozenset({"the", "a", "an", "of", "and", "road", "street", "st", "rd", "lane", "close", "avenue", "way"})


_STREET_END = r"(?i)\b(?:street|road|lane|avenue|close|drive|way|crescent|grove|rise|terrace|place|parade)$"
# A named area ("Millbrook village", "the Fairfield estate"): its one distinctive word in a location puts him in it.
_AREA_END = r"(?i)\b(?:village|estate|town|town centre|city centre|area|park|retail park|development)$"


# A part of a place named in one word: in the farmyard is at the farm.
_PART_OF = {"farmyard": "farm", "farmhouse": "farm", "churchyard": "church", "schoolyard": "school"}


def place_tokens(place: str) -> set[str]:
    return set(WORD.findall(place.lower()))


_ROUTE = re.compile(
    r"(?i)^(?:the\s+)?(?P<way>track|lane|road|path|footpath|bridleway|drive|driveway|towpath)\s+(?:from|between)\s+"
    r"(?:the\s+)?(?P<a>.+?)\s+(?:to|and)\s+(?:the\s+)?(?P<b>[^,]+)$"
)
_ROUTE_END = re.compile(r"(?i)\s+(?:farmyard|farm|yard|cattle grid|gate|junction|house|cottage|bridge|crossroads)$")


def place_alternatives(place: str) -> list[str]:
    """ "The front garden and driveway of 7 Orchard Rise" names two places: the front garden of 7 Orchard Rise and
    the driveway of 7 Orchard Rise. A comma after a place name ("Lon Goch, Llanfihangel") only says where it is.
    "St Petroc's Church and churchyard, and The Vicarage, Priory Road" names three."""
    # "the track from the Glan-yr-Afon cattle grid to Tŷ Uchaf farmyard": the track, named by either end of it.
    route = _ROUTE.match(place.strip())
    if route:
        ends = (_ROUTE_END.sub("", route.group(n)).strip() for n in ("a", "b"))
        return [f"{route.group('way')} {end}" for end in ends if end]
    # "Elm Park Community Centre, save for Saturday handovers under the child arrangements order": the exception is a
    # permission (read with the order's other permissions), not part of the place.
    place = ZONE_EXCEPTION.sub("", place.strip())
    # "Hollins Lane and all land at Top Fold Farm" names a second place: the farm.
    place = re.sub(
        r"(?i)\s+and all (?:the )?(?:land|fields|grounds|premises|property) (?:at|of|belonging to) ",
        ", and ",
        place.strip(),
    )
    # "14 Albion Street, including the communal areas" widens the place it names: the address covers them.
    # So does "Low Ashgill Farm and its land": the farm's land is the farm ("the yard and its access
    # road", "Glow Studio and the pavement outside it", too).
    # "Northgate Rep Theatre, Bridge Street, including its car park": the car park is named "Northgate Rep car park"
    # as often as by the theatre's whole name, so it is a place of its own too.
    parts = [m.group(1).lower() for m in _ITS_PART.finditer(place)]
    if parts:
        head = _ITS_PART.sub("", place).split(",")[0].strip()
        names = [head, head.rsplit(" ", 1)[0]] if len(head.split()) >= 3 else [head]
        parts = [f"{name} {part}" for part in parts for name in names]
    place = re.sub(
        r"(?i),?\s+(?:including|incl\.?|together with|and all|and its (?:land|grounds|buildings|outbuildings|yards?|"
        r"fields|curtilage|gardens?|car park|access road|approach road|driveway|drive|entrance|forecourt)|"
        r"and the (?:pavement|footpath|road|street|area|space|car park)s? (?:outside|in front of|around|by|next to) "
        r"(?:it|them))\b[^,]*",
        "",
        place.strip(),
    )
    if parts:
        return [*place_alternatives(_ITS_PART.sub("", place)), *parts]
    # "Ferris Lock, the lock cottage and both lock landings": the named place, then its parts in lower case.
    listed = _NAMED_THEN_PARTS.match(place.strip())
    if listed:
        head = listed.group(1)
        return [head, *(f"{head} {p.strip()}" for p in listed.group(2, 3) if p)]
    # "the town of Ashby": the town is Ashby ("Linden Grove, Ashby" is in it).
    place = re.sub(r"(?i)^(?:the )?(?:town|village|city|hamlet|parish) of\s+", "", place)
    # "Millbrook village (inside the 30 mph signs)": the brackets say where its edges are, not what it is called.
    place = re.sub(r"\s*\([^)]*\)", "", place).strip()
    # "Hatherley Road, Marsh Lane and Cobden Street, Chorlton": a list of streets (the town at the end says where).
    items = re.split(r",\s+(?:and\s+)?|\s+and\s+(?=[A-Z0-9])", place)
    streets = [p.strip() for p in items if re.search(_STREET_END, p.strip())]
    if len(streets) >= 2:
        return streets
    out: list[str] = []
    for part in re.split(r",\s+and\s+", place):
        out.extend(_one_place(part.strip()))
    return out


_ITS_PART = re.compile(
    r"(?i),?\s+(?:including|incl\.?|and) (?:its|the) (car park|forecourt|grounds|yard|garden|gardens|driveway|drive)\b"
)
_NAMED_THEN_PARTS = re.compile(
    r"^([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)+), (?:the|its|both|all) ([a-z][a-z '’-]*?)"
    r"(?: and (?:the |its |both |all )?([a-z][a-z '’-]*))?$"
)
ZONE_EXCEPTION = re.compile(r"(?i),?\s+(?:save for|save that|except(?: for| when| during)?|other than|apart from)\s.*$")
_LOWER_WORDS = r"[a-z][\w'’-]*(?: [a-z][\w'’-]*)*"
_PARTS_OF_ONE = re.compile(rf"^(.*[A-Z][\w'’]*) ({_LOWER_WORDS}?) and ({_LOWER_WORDS})$")


def _one_place(place: str) -> list[str]:
    # "Market Street, Dunholme", "the Fairfield estate, Ince": the town after the name only says where it is.
    head, comma, _town = place.partition(",")
    if comma and (re.search(_STREET_END, head) or re.search(_AREA_END, head)):
        place = head.strip()
    elif comma and " and " in head and re.search(_STREET_END, _town.strip()):
        # "Thornbury RFC ground and clubhouse, Mill Lane": the street after two named parts only says where they are.
        place = head.strip()
    m = re.match(r"(?i)^(.+?) (?:and|or) (.+?)( of .+)$", place)
    if m:
        return [m.group(1) + m.group(3), m.group(2) + m.group(3)]
    # "Maes-y-Garn farm and Cwm Lane", "Gatehouse Lane and the HMP Fellgate staff car park": a place and a named
    # street are two places.
    m = re.match(r"^(.+?)\s+and\s+(?:the\s+)?([A-Z0-9].*)$", place)
    if (
        m
        and not re.search(r"(?i)\d$|\bbetween\b", m.group(1))
        and (re.search(_STREET_END, m.group(1)) or re.search(_STREET_END, m.group(2)))
    ):
        return [m.group(1), m.group(2)]
    # "St Petroc's Church and churchyard": the second is the first's name with another noun.
    m = re.match(r"^(.+?) ([A-Z][\w'’]*) and ([a-z][\w'’]*)$", place)
    if m:
        return [f"{m.group(1)} {m.group(2)}", f"{m.group(1)} {m.group(3)}"]
    # "Northway Community Centre building and car park": two parts of the named place.
    # (One space between words, so a long lowercase run cannot be split into words in exponentially many ways.)
    m = _PARTS_OF_ONE.match(place)
    if m:
        return [f"{m.group(1)} {m.group(2).strip()}", f"{m.group(1)} {m.group(3).strip()}"]
    return [place]


def passed_without_stopping(inc: Incident, compiled: Compiled) -> bool:
    """The record says he passed by and did not stop ("drove past the garage ... without slowing or stopping",
    "driving slowly past V1's house ... It did not stop"): near a place, not at it."""
    return bool(compiled.pattern("passed_by").search(inc.narrative)) and not compiled.pattern("stopped_there").search(
        inc.narrative
    )


def at_place(inc: Incident, place: str, compiled: Compiled) -> bool:
    """The incident happened in the named place (every distinctive word of it is in the location)."""
    alternatives = place_alternatives(place)
    # (Each named place without its town: "The Old Rectory Hotel, Church Lane, Ambleford, including its grounds and
    # car park" is at "Old Rectory Hotel car park, Church Lane".)
    alternatives += [
        head for alt in [place, *alternatives] if (head := _without_town(alt)) and head not in alternatives
    ]
    # "Pemberton Halls site": the site of a place is the place ("Pemberton Halls car park", "Block C, Pemberton
    # Halls"); so are a place's halls of residence ("Fenwick Court halls of residence": "Fenwick Court car park").
    alternatives += [bare for a in alternatives if (bare := _SITE.sub("", a)) != a and len(bare.split()) >= 2]
    # "Wendover Halls of Residence" goes by "Wendover Halls" ("courtyard, Wendover Halls").
    alternatives += [bare for a in alternatives if (bare := _OF_RESIDENCE.sub("", a)) != a]
    # "Hollin Top Farm, including all its land and the access track": anywhere on its land goes by its name alone
    # ("field gateway on the Hollin Top access track").
    if _ITS_LAND.search(place):
        for alt in list(alternatives):
            words = alt.split()
            if len(words) >= 3 and _head_noun(alt) in _HOLDINGS:
                alternatives.append(" ".join(words[:-1]))
    return any(_at_one_place(inc, alt, compiled) and not _in_another_town(inc, alt, place) for alt in alternatives)


_ITS_LAND = re.compile(r"(?i)\b(?:including|and) (?:all )?(?:its|the) (?:land|fields|grounds|holding)\b")
_HOLDINGS = frozenset({"farm", "estate", "holding", "smallholding", "stables", "yard"})
# ... "Kingfisher Reach development": the development is the place its name names.
_SITE = re.compile(
    r"(?i)\s+(?:site|premises|grounds|building|buildings|complex|campus|halls? of residence|halls|"
    r"(?:housing |new-build )?development)$"
)
_OF_RESIDENCE = re.compile(r"(?i)(?<=\bhalls)\s+of residence$")
_OUTSIDE = re.compile(r"\boutside\s+(?:the\s+)?$", re.I)
_ITS_EDGE_AFTER = re.compile(
    r"['’]?s?\s+(?:(?:site|perimeter|boundary|outer|main|front|security) )?"
    r"(?:fence|fencing|perimeter|boundary|gates?|railings|walls?|hedge)\b",
    re.I,
)
_OPPOSITE = re.compile(r"\b(?:opposite|across from|across the road from)\s+(?:the\s+)?$", re.I)
_OUTSIDE_ITS_EDGE = re.compile(
    r"\boutside (?:the |its )?(?:[\w'’-]+ ){0,2}(?:gates?|entrances?|boundary|fence|perimeter|walls?|railings) "
    r"(?:of|to) (?:the )?$",
    re.I,
)
_HOMES = frozenset({"house", "home", "flat", "address", "bungalow", "cottage", "door", "road", "street", "lane"})


def _without_town(place: str) -> str | None:
    """ "Ravensworth House, Elmthorpe": a record at "Ravensworth House, second-floor landing" is there without
    naming the town; the name before the comma says where, unless the record puts it in another town."""
    place = place.strip()
    comma = place.rfind(",")
    if comma <= 0 or not _TOWN_AFTER.fullmatch(place, comma):
        return None
    head = place[:comma].strip()
    tokens = place_tokens(head)
    named = [t for t in tokens - _STOP if t.isalpha()]
    return head if len(tokens) >= 2 and named else None


# The town after a street's name: "Hawthorn Drive, Sidcup" -> "Sidcup".
_TOWN_AFTER = re.compile(r",\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)\b")
_NOT_TOWNS = frozenset(
    {"Near", "Opposite", "Outside", "By", "At", "On", "In", "Junction", "Corner", "The", "Between", "Behind", "Next"}
)


def _in_another_town(inc: Incident, street: str, place: str) -> bool:
    """ "Hawthorn Drive, Dartford" is not the zone "Hawthorn Drive, Sidcup": the record names the street with
    another town straight after it (a street of the same name elsewhere)."""
    zone_town = _TOWN_AFTER.match(place, len(street)) if place.startswith(street) else None
    if zone_town is None:
        return False
    want = zone_town.group(1).split()[0].lower()
    for text in (inc.location or "", inc.narrative):
        for m in re.finditer(re.escape(street), text, re.I):
            town = _TOWN_AFTER.match(text, m.end())
            if town is None or town.group(1).split()[0] in _NOT_TOWNS:
                continue
            return town.group(1).split()[0].lower() != want
    return False


_DISTANCE_FROM = re.compile(
    r"\b(?:\d+(?:\.\d+)?|an?|half an?|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fifty|"
    r"a hundred|several|a few|a couple of) ?(?:miles?|km|kilometres?|kilometers?|metres?|meters?|m|yards?|"
    r"minutes['’]? (?:walk|drive)|(?:minute|min) (?:walk|drive)) (?:away )?from (?:the )?[^,;()]+",
    re.I,
)


def _at_one_place(inc: Incident, place: str, compiled: Compiled) -> bool:
    want = place_tokens(place)
    if not want:
        return False
    where = (inc.location or "").lower()
    if not where and inc.channel is not None and inc.channel.value != "in-person":
        return False
    # "Carrick Lane branch, Thornby (six miles from Station Road)": a place it is said to be a distance from is where
    # it is not.
    text = _DISTANCE_FROM.sub(" ", where or inc.narrative.lower())
    have = set(WORD.findall(text))
    have |= {_PART_OF[w] for w in have if w in _PART_OF}
    core = want - _STOP or want
    # Only the kind of area at the end is dropped: "Riverside Park estate" is the estate called Riverside Park, not
    # anywhere called Riverside.
    kind_of_area = re.search(_AREA_END, place.strip())
    area_words = set(WORD.findall(kind_of_area.group(0).lower())) if kind_of_area else set()
    area = kind_of_area is not None and bool(core - area_words)
    if area:
        core = core - area_words
    if not (want <= have or (core <= have and (len(core) >= 2 or area))):
        return False
    # "Chaucer Road, near junction with Marlowe Avenue" is outside Marlowe Avenue.
    # Where the place's own name starts: "bus shelter opposite Westgate Bus Depot" is opposite the depot.
    # (Whichever of its words the record gives first: "beside the Tŷ Uchaf track" for "track ... Tŷ Uchaf".)
    found = [
        m for w in WORD.findall(place.lower()) if w in core for m in [re.search(rf"\b{re.escape(w)}\b", text)] if m
    ]
    named_at = min(found, key=lambda m: m.start()) if found else None
    # The place's whole name where the record gives it: in "verge opposite Orchard House, Orchard Lane" for the zone
    # "Orchard Lane", the lane is named after the house it is opposite.
    name = WORD.findall(place.split(",")[0].lower())
    whole = re.search(r"\b" + r"\W+".join(map(re.escape, name)) + r"\b", text) if len(name) >= 2 else None
    first = whole.start() if whole else named_at.start() if named_at else -1
    # "Mill Lane Garden Centre car park (outside the allotments)" for the zone "Mill Lane allotments", "bus stop on
    # Kingsway, opposite the arcade entrance" for "Kingsway Arcade": the words of the name are there, but the record
    # puts it outside the place itself.
    kind = _head_noun(place)
    if (
        whole is None
        and kind
        and re.search(
            rf"\b(?:outside|beyond|adjoining|next to|beside|opposite|across (?:the road )?from) "
            rf"(?:the |of the )?{kind}\b",
            text,
        )
    ):
        return False
    if first >= 0 and compiled.pattern("near_not_in").search(text[max(0, first - 30) : first]):
        return False
    # "Castle Street pavement outside the east gate of Castlegate Market": at its edge, not in it (a home's front
    # door is another matter: outside it is at it).
    if first >= 0 and kind not in _HOMES and _OUTSIDE_ITS_EDGE.search(text[max(0, first - 48) : first]):
        return False
    # "bus shelter, Hallam Road, opposite the Ridley Building": across the road from a building is not in it (opposite
    # a home is another matter: the zone round a home takes in its street).
    if first >= 0 and kind not in _HOMES and _OPPOSITE.search(text[max(0, first - 20) : first]):
        return False
    # "to the Hollins Lane junction": where it meets another road, not the lane.
    last = [w for w in WORD.findall(place.lower()) if w in want][-1:]
    named_end = re.search(rf"\b{re.escape(last[0])}\b", text[first:]) if last and first >= 0 else None
    if named_end and compiled.pattern("beside_not_in").match(text, first + named_end.end()):
        return False
    # "canal towpath outside Bramley Road Allotments perimeter fence": outside its fence is beyond it.
    if (
        named_end
        and kind not in _HOMES
        and _OUTSIDE.search(text[max(0, first - 20) : first])
        and _ITS_EDGE_AFTER.match(text, first + named_end.end())
    ):
        return False
    # "Drove past the garage along Station Road without stopping": passing premises is not being at them (a street
    # or an area he drives along is entered).
    head = place.split(",")[0].strip()
    premises = not re.search(_STREET_END, head) and not re.search(_AREA_END, head)
    if premises and passed_without_stopping(inc, compiled):
        return False
    # "the public road outside Parkside Industrial Estate": outside an area is beyond it (outside a house is
    # at its door, so this is for areas only).
    if area and first >= 0 and _OUTSIDE.search(text[max(0, first - 20) : first]):
        return False
    # "He did not step into Market Street": the record says he stayed out.
    story = inc.narrative.lower()
    for m in compiled.pattern("stayed_out").finditer(story):
        # The place may start inside the match: in "did not enter Larkhill Close" the pattern's optional word after
        # the verb takes "Larkhill".
        starts = [w.start() for w in WORD.finditer(story, m.start(), m.end())] + [m.end()]
        for at in starts:
            following = WORD.findall(story[at : at + 60])[: len(want)]
            if following and following[0] in core and core <= set(following):
                return False
        # ... or by the kind of place it is: "He did not enter the centre's grounds" for Fairfield Leisure Centre.
        # (His own not going in, not "V1 was not in the park".)
        kind = WORD.findall(story[m.end() : m.end() + 30])[:1]
        if (
            kind
            and _HE_DID_NOT.match(m.group(0))
            and story[max(0, m.end() - 4) : m.end()] == "the "
            and kind[0] == _head_noun(place)
        ):
            return False
    return True


_HE_DID_NOT = re.compile(r"\s*(?:did not|didn'?t|never|does not|doesn'?t|had not|hadn'?t|has not|hasn'?t)\b")


def _head_noun(place: str) -> str | None:
    """The kind of place a name ends with ("Fairfield Leisure Centre" -> "centre")."""
    words = WORD.findall(place.split(",")[0].lower())
    return words[-1] if len(words) >= 2 else None


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100, "hundred": 100,
}  # fmt: skip
_DISTANCE = re.compile(
    r"\b(?P<over>(?:well |much |far )?(?:over|more than|beyond|further than|at least) )?"
    r"(?:about |around |roughly |approximately |approx\.? |some |within )?"
    r"(?P<n>\d+(?:\.\d+)?|a(?= metre\b)|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r") ?(?:metres?|meters?|m)\b",
    re.I,
)
_RADIUS = re.compile(
    r"(?i)^(?:not to (?:go|come|enter) )?(?:(?:any ?(?:place|where)|anywhere|the area|an area) )?"
    r"within (\d+(?:\.\d+)?) ?(?:metres|meters|m) of (.+)$"
)


def inside_zone(inc: Incident, place: str, compiled: Compiled) -> str | None:
    """ "Within 500 metres of 9 Lark Rise": at the address itself, or measured inside the radius; a zone with no
    radius is the named place."""
    radius = _RADIUS.match(place.strip())
    if radius is None:
        inside = bool(place) and at_place(inc, place, compiled) and not _outside_its_parts(inc, place)
        return f"was at {place}, inside the exclusion zone" if inside else None
    metres, centre = float(radius.group(1)), radius.group(2)
    if at_place(inc, centre, compiled):
        return f"was at {centre}, inside the {metres:g}-metre exclusion zone"
    distance = measured_distance(inc)
    if distance is not None and distance <= metres:
        return f"about {distance:g} metres from {centre}, inside the {metres:g}-metre exclusion zone"
    return None


# "Cobden House (communal entrance, stairwell and rear garden)": a zone made of the parts it lists.
_PARTS = re.compile(r"\(([^)]*)\)\s*$")
_BUILDING_PART = re.compile(
    r"entrances?|stairwells?|stairs|staircases?|gardens?|lobby|foyer|corridors?|landings?|lifts?|porch|yards?|bins?|"
    r"stores?|car|parks?|reception|hallways?|doorways?"
)
_PART_FILLER = frozenset(
    {"communal", "shared", "rear", "front", "main", "back", "side", "and", "or", "the", "its", "of"}
)
_NOT_IN_PART = re.compile(
    r"\bnot (?:in|on|at|inside|within|into)\b|\b(?:did not|didn'?t|never) (?:enter|go into|step into)\b"
)


def _outside_its_parts(inc: Incident, place: str) -> bool:
    """A zone of named parts of a building is not entered by standing on the public pavement outside it: "S1 was on
    the public footway, not in the building's entrance or garden". Inside only where the record puts him in a part."""
    listed = _PARTS.search(place)
    if listed is None:
        return False
    parts = [w for w in WORD.findall(listed.group(1).lower()) if w not in _PART_FILLER]
    if not parts or not all(_BUILDING_PART.fullmatch(w) for w in parts):
        return False  # "(the pedestrianised shopping street)", "(School of Chemistry)": a description, not its parts
    text = f"{inc.location or ''} {inc.narrative}".lower()
    hits = re.finditer(rf"\b(?:{'|'.join(map(re.escape, parts))})s?\b", text)
    return not any(not _NOT_IN_PART.search(text, max(0, h.start() - 40), h.start()) for h in hits)


# "never came within 50 m": a distance he kept beyond, not one measured.
_NEVER_WITHIN = re.compile(r"\b(?:never|not|n['’]t|without) (?:\w+ ){0,2}(?:within|closer than|nearer than)\b", re.I)
# "He recited the 200 m limit": the order's own distance, not one measured.
_LIMIT_AFTER = re.compile(r"\s*(?:-\s*)?(?:limit|zone|radius|exclusion|boundary|rule|condition)\b", re.I)


def measured_distance(inc: Incident) -> float | None:
    text = inc.narrative
    # "well over 100 m from the lay-by" says only that it was further: a bound, just beyond the figure.
    distances = [
        float(_NUMBER_WORDS.get(m.group("n").lower(), 0) or (1 if m.group("n").lower() == "a" else m.group("n")))
        + (0.5 if m.group("over") else 0)
        for m in _DISTANCE.finditer(text)
        if not _LIMIT_AFTER.match(text, m.end()) and not _NEVER_WITHIN.search(text[max(0, m.start() - 40) : m.end()])
    ]
    return min(distances) if distances else None
