"""Level of contact: how high the people who met stood, from their posts' titles.

A meeting's level is the highest post any participant held at its date (as
`selectors.post_at` reads it): head of state or government (president, prime minister,
monarch, premier, chancellor) > deputy prime minister or minister (including secretaries of
state and foreign secretaries) > other officials (vice and state ministers, ambassadors,
senate presidents, posts not known). A meeting with no named participant counts as head of
state or government when it is a summit (what the word means), else as 'participants not
named'. The relationship page (`relations.views.countries`) and the timeline
(`relations.timeline`) both rank with this module.

The titles ranked are the extraction's own (`documents.extraction.vocabulary.TITLE_HEADS`,
its abbreviations and other names): a title the pipeline reads is ranked as it reads it
('PM' is the prime minister). `tests/relations/test_levels.py` holds every title named
here to that vocabulary.
"""

import re
from dataclasses import dataclass, field

from documents.extraction.vocabulary import TITLE_ABBREVIATIONS, TITLE_SYNONYMS
from relations import selectors
from relations.models import Meeting, MeetingKind

HEAD, MINISTER, OTHER, UNNAMED = 1, 2, 3, 4
LEVEL_LABELS = {
    HEAD: "Head of state or government",
    MINISTER: "Deputy prime minister or minister",
    OTHER: "Other officials",
    UNNAMED: "Participants not named",
}

# Titles of the vocabulary by level. 'President' is a head only when it presides over no
# body (below); a deputy, vice or acting holder of a head's post ranks as a minister.
HEAD_TITLES = (
    "Prime Minister", "Premier", "Chancellor", "Head of State", "Head of Government",
    "King", "Queen", "Emperor", "Empress", "Sultan", "Emir",
)  # fmt: skip
MINISTER_TITLES = ("Minister", "Secretary of State", "Foreign Secretary")
BELOW_MINISTER_TITLES = (
    "Vice Minister", "Vice-Minister", "State Minister", "Minister of State", "Deputy Minister",
    "Under Secretary of State", "Undersecretary of State", "Under-Secretary of State",
    "Under-Secretary", "Undersecretary",
)  # fmt: skip
# Heads of state or government the vocabulary does not list as titles (yet): an editor may
# type them. To move into documents/extraction/vocabulary.py.
HEADS_NOT_IN_VOCABULARY = ("Monarch", "Taoiseach")
MINISTERS_BELOW_NOT_IN_VOCABULARY = (
    "Parliamentary Minister",
    "Assistant Minister",
    "Junior Minister",
)


def _alternation(titles) -> str:
    words = sorted({t.lower() for t in titles}, key=len, reverse=True)
    # A hyphen and a space are one in titles ('Vice-Minister', 'Under Secretary').
    return "|".join(re.escape(w).replace(r"\-", "[ -]?").replace(r"\ ", "[ -]") for w in words)


_FORMER = re.compile(r"\b(former|ex|retired|late|honorary)\b")
_DEPUTY = re.compile(r"\b(deputy|vice|acting|assistant|under|junior)\b")
_BODIES = (
    "senate|national assembly|assembly|house|parliament|diet|court|council|bank|institute"
    "|university|association|committee|commission|party|chamber"
)
_HEAD = re.compile(
    rf"\b({_alternation([*HEAD_TITLES, *HEADS_NOT_IN_VOCABULARY])})\b"
    rf"|\bpresident\b(?! of the ({_BODIES}))"
)
_MINISTER = re.compile(rf"\b({_alternation(MINISTER_TITLES)})\b")
_BELOW_MINISTER = re.compile(
    rf"\b({_alternation([*BELOW_MINISTER_TITLES, *MINISTERS_BELOW_NOT_IN_VOCABULARY])})\b"
)
_DEPUTY_HEAD = re.compile(r"\b(deputy|vice)[ -](prime minister|premier|chancellor|president)\b")
_ABBREVIATIONS = {short.lower(): full for short, full in TITLE_ABBREVIATIONS.items()}


def _level_of_one(text: str) -> int:
    if _FORMER.search(text):
        return OTHER
    if _DEPUTY_HEAD.search(text):
        return MINISTER
    # 'Minister attached to the Prime Minister' is a minister, not the head of government.
    serves_head = _MINISTER.search(text.replace("prime minister", ""))
    if _HEAD.search(text) and not _DEPUTY.search(text) and not serves_head:
        return HEAD
    if _MINISTER.search(text) and not _BELOW_MINISTER.search(text):
        return MINISTER
    return OTHER


def post_level(title: str | None) -> int:
    """HEAD, MINISTER or OTHER for a post title ('Deputy Prime Minister' -> MINISTER), read
    as extraction reads titles: an abbreviation ('DPM/FM') stands for its posts, the best
    of which counts, and another name of a title for that title."""
    text = (title or "").strip().lower()
    expanded = _ABBREVIATIONS.get(text) or [TITLE_SYNONYMS.get(text, text)]
    return min(_level_of_one(t.lower()) for t in expanded)


def unnamed_level(kind: str) -> int:
    """The level of a meeting no named participant ranks: a summit's is the heads'."""
    return HEAD if kind == MeetingKind.SUMMIT else UNNAMED


@dataclass
class Contact:
    meeting: Meeting
    level: int
    leaders: list = field(default_factory=list)  # (participation, post) at that level


def meeting_level(meeting: Meeting) -> Contact:
    """The meeting's level, from its prefetched participations and each one's post on the
    day (`selectors.post_at`)."""
    ranked = []
    for p in meeting.participations.all():
        post = selectors.post_at(p.official, meeting.start_date)
        ranked.append((post_level(post.title if post else None), p, post))
    if not ranked:
        return Contact(meeting, unnamed_level(meeting.kind))
    level = min(r[0] for r in ranked)
    return Contact(meeting, level, [(p, post) for lv, p, post in ranked if lv == level])
