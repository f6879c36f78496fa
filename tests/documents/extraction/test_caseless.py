"""Caseless patterns find what `re.IGNORECASE` finds, at the same places, in any text."""

import re

import pytest

from documents.extraction.caseless import Caseless, Folded
from documents.extraction.dates import _PATTERNS
from documents.extraction.topics import TOPICS

TEXTS = [
    "On 21-24 JANUARY 2023 the Minister met H.E. Mr KISHIDA in Tokyo; talks on Trade, ODA.",
    "Signed on Sept. 9, 2021 and again in November this year: a 5G deal, DEMINING grants.",
    "Last Monday’s visit – 5–6 July 2024 – covered “Investment” and Security.",  # not ASCII
    "ſecurity and the KELVIN sign K: case rules beyond ASCII.",
]


@pytest.mark.parametrize("pattern", [*_PATTERNS, *TOPICS.values()])
@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_ignorecase(pattern, text):
    expected = [(m.span(), m.group(0).lower()) for m in re.finditer(pattern, text, re.I)]
    folded = Folded.of(text)
    found = [(m.span(), m.group(0).lower()) for m in Caseless(pattern).finditer(folded)]
    assert found == expected


def test_group_names_and_escapes_keep_their_case():
    rx = Caseless(r"(?P<Day>\d+)\s+(?P<M>Jan)\S*\b")
    match = rx.search(Folded.of("on 9 JANUARY 2024"))
    assert match and match.group("Day") == "9" and match.group("M") == "jan"
