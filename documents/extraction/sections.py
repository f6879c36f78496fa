"""Long texts read section by section: the same cost per page whatever the length, and the
sections of one document readable on several cores.

A text longer than `LONG_TEXT_CHARS` is cut at paragraph breaks (a line break where a
paragraph runs on) into sections of about `SECTION_CHARS`. Each section goes through the
stages as a text of its own (`read_section`), with what the whole document states about
itself: its publication day and the date relative expressions count from. Their facts are
then joined (`join`), in section order whichever process read them: one official per name
however many sections name them (spellings, posts and evidence together), one meeting or
agreement per fingerprint (people and day, or kind and amount or title); the
knowledge-base writer joins the rest as it joins facts told by two documents. What a section says
is read from that section alone: a short name ('Minister Sokhonn') is taken for the person
named in full in the same section, not 50 pages earlier.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from documents.extraction.agreement_merging import absorb as agreement_absorb
from documents.extraction.agreements import find_agreements
from documents.extraction.candidates import (
    AgreementCandidate,
    MeetingCandidate,
    OfficialCandidate,
    Span,
)
from documents.extraction.dates import header_day, latest_stated_day
from documents.extraction.meeting_merging import absorb as meeting_absorb
from documents.extraction.meetings import find_meetings
from documents.extraction.nlp import analyse, titlecase_caps_names
from documents.extraction.officials import MAX_EVIDENCE_PER_OFFICIAL, build_officials
from documents.extraction.people import find_mentions

SECTION_CHARS = 40_000
LONG_TEXT_CHARS = 60_000  # a text up to this long is read whole, as one section
_BREAKS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"))

Facts = tuple[list[OfficialCandidate], list[MeetingCandidate], list[AgreementCandidate]]


def section_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each section: a paragraph break after every `SECTION_CHARS`
    characters (a line break where none comes within as many again). The breaks between
    sections belong to none."""
    if len(text) <= LONG_TEXT_CHARS:
        return [(0, len(text))]
    spans, start = [], 0
    while len(text) - start > LONG_TEXT_CHARS:
        at = start + SECTION_CHARS
        cut = next((m for brk in _BREAKS if (m := brk.search(text, at, at + SECTION_CHARS))), None)
        if cut is None or cut.end() >= len(text):
            break
        spans.append((start, cut.start()))
        start = cut.end()
    spans.append((start, len(text)))
    return spans


def facts(
    text: str,
    reference: date | None,
    published_on: date | None,
    document_days: tuple[date | None, date | None] | None = None,
) -> Facts:
    """The officials, meetings and agreements a text states (offsets into `text`)."""
    sentences = analyse(text)
    mentions = find_mentions(text, titlecase_caps_names(text), sentences)
    people = build_officials(text, sentences, mentions)
    meetings = find_meetings(
        text,
        sentences,
        people,
        people.officials,
        reference,
        published_on=published_on,
        document_days=document_days,
    )
    agreements = find_agreements(text, sentences, people, meetings, reference)
    return people.officials, meetings, agreements


@dataclass(frozen=True)
class Section:
    """One section of a long document, with what the document states about its dates."""

    text: str
    offset: int  # where the section begins in the document
    reference: date | None
    published_on: date | None
    days: tuple[date | None, date | None]  # the report's day, the day 'today' counts from


def sections_of(
    text: str, reference: date | None, published_on: date | None
) -> list[Section] | None:
    """The sections of a long text; None for a text read whole."""
    spans = section_spans(text)
    if len(spans) == 1:
        return None
    published = published_on or header_day(text)
    days = (published, published or latest_stated_day(text))
    return [Section(text[s:e], s, reference, published_on, days) for s, e in spans]


def _shifted(spans: list[Span], by: int) -> list[Span]:
    return [Span(s.start + by, s.end + by, s.quote) for s in spans]


def read_section(section: Section) -> Facts:
    """A section's facts, their evidence pointing into the whole document."""
    officials, meetings, agreements = facts(
        section.text, section.reference, section.published_on, section.days
    )
    by = section.offset
    return (
        [replace(o, evidence=_shifted(o.evidence, by)) for o in officials],
        [replace(m, evidence=_shifted(m.evidence, by)) for m in meetings],
        [replace(a, evidence=_shifted(a.evidence, by)) for a in agreements],
    )


def join(parts: Iterable[Facts]) -> Facts:
    """The sections' facts as one document's, in section order: the officials of one name
    joined, and the meetings and agreements of one fingerprint (the same event or text
    told in two sections); keys and indexes renumbered."""
    officials: list[OfficialCandidate] = []
    named: dict[str, OfficialCandidate] = {}
    meetings: list[MeetingCandidate] = []
    agreements: list[AgreementCandidate] = []
    told: dict[str, int] = {}  # meeting fingerprint -> index
    signed: dict[str, AgreementCandidate] = {}
    for part_officials, part_meetings, part_agreements in parts:
        keys: dict[int, int] = {}
        for o in part_officials:
            known = named.get(o.fingerprint)
            if known is None:
                known = replace(o, key=len(officials), aliases=set(o.aliases))
                known.titles, known.evidence = list(o.titles), list(o.evidence)
                officials.append(known)
                named[o.fingerprint] = known
            else:
                known.aliases |= o.aliases
                known.titles += [t for t in o.titles if t not in known.titles]
                room = MAX_EVIDENCE_PER_OFFICIAL - len(known.evidence)
                known.evidence += o.evidence[: max(room, 0)]
                known.country = known.country or o.country
            keys[o.key] = known.key
        # A meeting or agreement told again in a later section is the one told first.
        places: dict[int, int] = {}  # the section's meeting index -> the document's
        parents: list[tuple[int, int]] = []
        for i, m in enumerate(part_meetings):
            m = replace(
                m,
                participants=list(dict.fromkeys(keys[k] for k in m.participants)),
                hosts=list(dict.fromkeys(keys[k] for k in m.hosts)),
                parent=None,
            )
            if m.fingerprint in told:
                places[i] = told[m.fingerprint]
                meeting_absorb(meetings[places[i]], m)
            else:
                places[i] = told[m.fingerprint] = len(meetings)
                meetings.append(m)
            if part_meetings[i].parent is not None:
                parents.append((places[i], part_meetings[i].parent))
        for at, parent in parents:
            if meetings[at].parent is None and places.get(parent, at) != at:
                meetings[at].parent = places[parent]
        for a in part_agreements:
            a = replace(
                a,
                signatories=list(dict.fromkeys(keys[k] for k in a.signatories)),
                meeting=None if a.meeting is None else places[a.meeting],
            )
            if a.fingerprint in signed:
                agreement_absorb(signed[a.fingerprint], a)
            else:
                signed[a.fingerprint] = a
                agreements.append(a)
    return officials, meetings, agreements


def read_sections(
    sections: list[Section],
    map_in_order: Callable[[Callable[[Section], Facts], list[Section]], Iterable[Facts]] = map,
) -> Facts:
    """The facts of every section, read by `map_in_order` (this process by default; a
    worker pool's `map` to read them on several cores), joined."""
    return join(map_in_order(read_section, sections))
