"""The words the scorer compares: names, titles and kinds folded to sets of words (accents,
case, plurals and stop words aside), name spellings, and the days of an export."""

import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

type Fact = Mapping[str, Any]
type Words = frozenset[str]
type Matching = dict[int, int]
"""A one-to-one matching: index of a prediction -> index of the gold fact it matches."""

STOP_WORDS: frozenset[str] = frozenset({"of", "the", "and", "for", "to", "in", "on", "a", "an"})
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})
MAX_TITLE_WORDS = 30
AMOUNT_TOLERANCE = 0.02
MIN_PARTICIPANT_OVERLAP = 0.5
MIN_TITLE_OVERLAP = 0.8
MAX_DATE_SPAN_DAYS = 31
EXPORT_LISTS = ("documents", "officials", "meetings", "agreements")

# Letters that Unicode decomposition leaves alone but a reader takes for plain ones.
_PLAIN_LETTERS = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ı": "i",
    }
)
_NON_WORD = re.compile(r"[\W_]+")

# Meeting kinds a reader could take for one another share a group; a kind with no group
# (``other``, unknown, missing) agrees with every kind.
KIND_GROUPS: dict[str, str] = {
    "official_visit": "visit",
    "summit": "talks",
    "bilateral_meeting": "talks",
    "courtesy_call": "talks",
    "dialogue": "talks",
    "phone_call": "phone",
    "ceremony": "ceremony",
}


def _decompose(text: str | None) -> str:
    """Text with special letters made plain and accents split off (NFKD)."""
    return unicodedata.normalize("NFKD", (text or "").translate(_PLAIN_LETTERS))


def _strip_accents(text: str) -> str:
    """Decomposed text without its combining marks, case-folded."""
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def words(text: str | None) -> Words:
    """The words of a title or name as a set: case, accents and order ignored."""
    return frozenset(w for w in _NON_WORD.split(_strip_accents(_decompose(text))) if w)


def _singular(word: str) -> str:
    """'flights' -> 'flight'; short words and '-ss' words are left alone."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def title_stems(text: str | None) -> Words:
    """Title words with a plural 's' dropped, so 'flights' and 'flight' agree."""
    return frozenset(_singular(w) for w in words(text))


def gold_name_key(text: str | None) -> Words:
    """A person's name as the set of its words, the way the reference scorer keys it.

    Case, accents and word order are ignored, generational suffixes (``Jr``, ``III``) are
    dropped when two words remain, and consecutive initials run together (``J. K.`` =
    ``JK``). As in kbscore, the text is split into words *before* accents are removed,
    so an accent inside a word splits it (``Sóc`` gives ``so`` and ``c``): kept on
    purpose, since our figures must equal the reference's.
    """
    pieces = [_strip_accents(w) for w in _NON_WORD.split(_decompose(text))]
    pieces = [w for w in pieces if w]
    while len(pieces) > 2 and pieces[-1] in NAME_SUFFIXES:
        pieces.pop()
    merged: list[str] = []
    after_initial = False
    for piece in pieces:
        if len(piece) == 1 and after_initial:
            merged[-1] += piece
        else:
            merged.append(piece)
            after_initial = len(piece) == 1
    return frozenset(merged)


def spellings(official: Fact) -> set[Words]:
    """Name keys of a gold official's full spellings. One-word aliases ('Abe') do not count,
    except for an optional official, whom the text names by one word alone ('President
    Carter'): there they absorb that prediction, neither rewarded nor punished."""
    keys = {gold_name_key(official["name"])}
    one_word_ok = official.get("optional", False)
    for alias in official.get("aliases", []):
        key = gold_name_key(alias)
        if one_word_ok or len(key) > 1:
            keys.add(key)
    return keys


def canonical_names(gold_officials: Sequence[Fact]) -> dict[Words, Words]:
    """Name key of every full spelling -> the gold official's own name key."""
    return {
        key: gold_name_key(official["name"])
        for official in gold_officials
        for key in spellings(official)
    }


def official_keys_by_id(
    pred_officials: Sequence[Fact], gold_officials: Sequence[Fact]
) -> dict[Any, Words]:
    """Predicted official id -> the canonical gold name key (its own key when unknown)."""
    canon = canonical_names(gold_officials)
    keys: dict[Any, Words] = {}
    for official in pred_officials:
        key = gold_name_key(official.get("name"))
        keys[official.get("id")] = canon.get(key, key)
    return keys


def parse_day(value: object) -> date | None:
    """An ISO date (its first ten characters), or None when missing or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def base_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _mean(values: Sequence[float | bool]) -> float:
    return sum(values) / len(values) if values else 0.0


# ---------------------------------------------------------------- results
