"""Reading an order's place: the words of a zone come from a court's order, and any wording must be read in time."""

from __future__ import annotations

import subprocess
import sys

from vigil.engine.places import place_alternatives

# A zone that names its exception in a long run of lower-case words, from a non-molestation order.
_LONG_ZONE = "Elm Park Community Centre, save for Saturday handovers under the child arrangements order"


def test_a_place_and_its_parts_are_split() -> None:
    assert place_alternatives("Northway Community Centre building and car park") == [
        "Northway Community Centre building",
        "Northway Community Centre car park",
    ]


def test_a_zone_with_a_long_lower_case_exception_is_read_at_once() -> None:
    """Once a pattern that split a lower-case run into words in every possible way: 'arrangements' alone has
    thousands of splits, and the case never finished. Run apart, so that a return of it fails instead of hanging."""
    code = f"from vigil.engine.places import place_alternatives; print(place_alternatives({_LONG_ZONE!r}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Elm Park Community Centre" in done.stdout
