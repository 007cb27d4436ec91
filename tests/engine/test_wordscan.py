"""Looking words up one by one finds exactly what the regex alternation of the same list finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.engine.wordscan import WordTable

ENTRIES = ["u", "ur", "no", "no one", "no-one", "w/", "w/o", "friend", "friends", "passer-by", "Mum", "off him"]
PIECES = [*ENTRIES, "one", "him", "off", "x", "Friend", "'", "’", " ", "  ", ",", ".", "-", "/", "o", "_", "é", "\n"]


def _alternation(after_quote: bool) -> re.Pattern[str]:
    lead = r"(?<![\w])(?<![\w]['’])" if after_quote else r"(?<![\w'’])"
    body = "|".join(re.escape(e) for e in sorted(ENTRIES, key=len, reverse=True))
    return re.compile(lead + "(" + body + r")(?![\w'’])", re.I)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.booleans())
def test_word_lookup_matches_the_alternation(pieces: list[str], after_quote: bool) -> None:
    text = "".join(pieces)
    table = WordTable.of(ENTRIES, after_quote=after_quote)
    want = [m.span() for m in _alternation(after_quote).finditer(text)]
    assert table.spans(text) == want, text


def test_a_word_after_an_opening_quote_counts_only_where_the_rule_allows_it() -> None:
    assert WordTable.of(["friend"], after_quote=True).spans("'friend, come") == [(1, 7)]
    assert WordTable.of(["friend"], after_quote=False).spans("'friend, come") == []
    assert WordTable.of(["friend"], after_quote=True).spans("my friend's car") == []
