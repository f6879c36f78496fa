"""The level-of-contact ranking reads titles as extraction does (issue 18)."""

import pytest

from documents.extraction.vocabulary import TITLE_HEADS
from relations.levels import (
    BELOW_MINISTER_TITLES,
    HEAD,
    HEAD_TITLES,
    MINISTER,
    MINISTER_TITLES,
    OTHER,
    post_level,
)


def test_every_title_ranked_is_a_title_of_the_extraction_vocabulary():
    ranked = {*HEAD_TITLES, *MINISTER_TITLES, *BELOW_MINISTER_TITLES}
    assert ranked - set(TITLE_HEADS) == set()


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("PM", HEAD),  # the vocabulary's abbreviations
        ("DPM/FM", MINISTER),
        ("Amb.", OTHER),
        ("Prime Ministers", HEAD),  # and its other names of a title
        ("Foreign Minister", MINISTER),
        ("Monarch", HEAD),
        ("Parliamentary Minister for Trade", OTHER),
    ],
)
def test_abbreviations_and_other_names_rank_as_the_title_they_stand_for(title, level):
    assert post_level(title) == level
