"""Visits a sentence tells: who paid them, who hosted them, where and when.

`paid an official visit to`, `her maiden visit to Kenya`, `at the invitation of`: the visitor
is the official the wording names (or `his`/`her` refers to), the host the one who invited,
the destination the country after the wording.
"""

import re

from documents.extraction.candidates import MeetingCandidate, Span
from documents.extraction.countries import find_country
from documents.extraction.dates import DateMention
from documents.extraction.meeting_context import (
    Context,
    _destination,
    nearest_date,
    unique,
    visit_span,
)
from documents.extraction.meeting_wordings import ANAPHORIC, OTHER_CLAUSE, VISIT
from documents.extraction.nlp import Sentence


def _possessive_visitors(sentence, at, refs, keys, invited, dest_code, context) -> list[int]:
    """'his visit', 'her maiden visit': the visitor, then who invited."""
    officials = context.officials
    visitors = [k for m2, k in context.people.in_sentence(sentence.index) if m2.visiting]
    visitors = visitors or [
        k for k in unique(keys) if officials[k].country not in (None, dest_code)
    ]
    # 'President Samia Suluhu yesterday made her maiden visit to Kenya': the one
    # named just before 'her visit' made it, whatever her country.
    subject = [r.official for r in refs if at - 120 < r.start < at and not r.pronoun]
    if not visitors and not invited and subject:
        visitors = subject[-1:]
    host = []
    if invited:
        host = [r.official for r in refs if invited.start() + sentence.start < r.start < at]
    return visitors[:1] + host


def _named_visitors(text, at, refs) -> list[int]:
    """Those named before the wording, and its agent: 'a visit by X', 'the visit of X'."""
    after = [r for r in refs if r.start > at and not r.pronoun]
    keys = [r.official for r in refs if r.start < at and not r.pronoun]
    agent = after[0] if after else None
    if agent and re.search(r"\b(?:by|of)\b", text[at : agent.start]) and agent.start - at < 90:
        keys.append(agent.official)
    return keys


def _visit_participants(text, sentence, m, refs, invited, dest_code, context) -> list[int]:
    at = sentence.start + m.start()
    possessive = re.search(
        r"\b(?:his|her|their)\s+(?:\S+\s+){0,3}$", text[max(sentence.start, at - 40) : at]
    )
    keys = _named_visitors(text, at, refs)
    if possessive:
        keys = _possessive_visitors(sentence, at, refs, keys, invited, dest_code, context)
    if m.group(0).lower().startswith("visit") and not possessive:
        # 'when Xi visited South Korea': the one named just before the verb visited.
        near = [r.official for r in refs if at - 60 < r.start < at and not r.pronoun]
        keys = near[-1:] or keys[-1:]
    participants = unique(keys)
    if not participants and context.subject is not None and ANAPHORIC.match(sentence.text):
        participants = [context.subject]  # 'The four-day state visit marks …'
    return participants


def _visit_hosts(sentence, at, refs, participants, invited, dest_code, officials) -> list[int]:
    hosts = [k for k in participants if officials[k].country and officials[k].country == dest_code]
    if invited and dest_code:  # the one who invites is the host: of the visited country
        for r in refs:
            if (
                invited.start() + sentence.start < r.start < at
                and officials[r.official].country is None
            ):
                officials[r.official].country = dest_code
                hosts.append(r.official)
    return unique(hosts)


def visits_in(
    text: str,
    sentence: Sentence,
    refs: list,
    dates: list[DateMention],
    span: Span,
    context: Context,
) -> list[MeetingCandidate]:
    visits = []
    for m in VISIT.finditer(sentence.text):
        at = sentence.start + m.start()
        destination = _destination(sentence, at)
        dest_code = find_country(destination) if destination else None
        invited = re.search(r"invitation\s+of\b", sentence.text, re.I)
        participants = _visit_participants(text, sentence, m, refs, invited, dest_code, context)
        if not participants:
            continue
        hosts = _visit_hosts(
            sentence, at, refs, participants, invited, dest_code, context.officials
        )
        end = at + len(m.group(0))
        candidate = MeetingCandidate(
            kind="official_visit",
            title="",
            dates=nearest_date(
                [d for d in dates if d.start < end or not OTHER_CLAUSE.search(text[end : d.start])],
                at,
                end,
                sentence,
                prefer_range=True,
            ),
            location=destination,
            participants=participants,
            hosts=hosts,
            countries={dest_code} if dest_code else set(),
            evidence=[span],
        )
        candidate.dates = visit_span(candidate.dates, sentence.text)
        visits.append(candidate)
    return visits
