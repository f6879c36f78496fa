"""The calls, talks, dinners and ceremonies a sentence's meeting wordings tell.

`held a bilateral meeting with`, `paid a courtesy call on`, `the signing ceremony`: the
participants are the officials around the wording (`the two ministers` are the visit's
principals), the date the sentence's own unless the wording is subordinate (`after the
talks`); a gathering needs a verb of holding, its two sides, or hosts to count as held.
"""

import re

from documents.extraction.candidates import MeetingCandidate, Span
from documents.extraction.countries import countries_in
from documents.extraction.dates import DateMention
from documents.extraction.meeting_context import Context, _place, is_minister, nearest_date, unique
from documents.extraction.meeting_wordings import (
    _MODAL,
    ACCORDED,
    DEPARTURE,
    ESCORT,
    HELD,
    HOSTED,
    OTHER_EVENT,
    PLURAL,
    PURPOSE,
    SEPARATE,
    SPOKE_WITH,
    SUBORDINATE,
    TALKS,
    VISIT,
    WORDINGS,
)
from documents.extraction.nlp import Sentence


def _not_an_event(sentence, m, kind, span, events) -> bool:
    """A wording already read, inside a visit wording, told or supposed rather than held."""
    if any(e.evidence[0].start == span.start and e.kind == kind for e in events):
        return True
    if any(v.start() <= m.start() < v.end() for v in VISIT.finditer(sentence.text)):
        return True
    if re.search(r"\b(?:what|which)\b[^,;]{0,40}$", sentence.text[: m.start()]):
        return True  # 'affirmed what the FM discussed with PM X': told, not held
    # 'A summit between the two leaders could …': a supposition
    return bool(
        re.search(r"\b[Aa]n?\s+$", sentence.text[: m.start()]) and _MODAL.search(sentence.text)
    )


def _principals(plural, visit, context) -> list[int]:
    """Who 'the two leaders', 'the two ministers' are."""
    principals = (
        visit.participants if visit and len(visit.participants) >= 2 else context.recent[-2:]
    )
    if re.search(r"ministers|FMs", plural.group(0)):
        # 'the two ministers … conferred with President X': the two last
        # named ministers, not the head of government they met before.
        ministers = [k for k in context.recent if is_minister(context.officials[k])]
        if len(ministers) >= 2:
            principals = ministers[-2:]
    return list(principals)


def _participants(sentence, m, kind, at, refs, escorts, visit, context) -> list[int]:
    keys = [
        r.official
        for r in refs
        if (
            not r.pronoun
            or r.start == sentence.start  # 'He also explored … in a meeting with'
            or -30 < r.start - at < 0
            or 0 < r.start - (at + len(m.group(0))) < 25
        )
        and not any(s <= r.start - sentence.start < e for s, e in escorts)
    ]
    plural = PLURAL.search(sentence.text)
    if plural and abs(plural.end() - m.start()) < 40:
        keys = _principals(plural, visit, context) + keys
    participants = unique(keys)
    opener = OTHER_EVENT.match(sentence.text[: m.start()])
    comma = sentence.text.find(",", m.end()) if opener and kind in TALKS else -1
    if comma != -1:
        # 'Prior to her meeting with the FM, A called on B': that meeting is A's
        # with the people of the clause, not with B.
        stop = sentence.start + comma
        inside = [r.official for r in refs if at <= r.start < stop and not r.pronoun]
        subject = [r.official for r in refs if r.start > stop and not r.pronoun]
        participants = unique(inside + subject[:1])
    return participants


def _own_date(sentence, m, at, dates):
    # 'after/before the talks': the sentence's date is another event's. 'During
    # the talks' or 'departed … for summit talks': likewise, though the talks may
    # be on that very day; the date comes from the visit or the report.
    backward = SUBORDINATE.search(sentence.text[: m.start()])
    purpose = PURPOSE.search(sentence.text[: m.start()]) and DEPARTURE.search(
        sentence.text[: m.start()]
    )
    own_date = (
        None if backward or purpose else nearest_date(dates, at, at + len(m.group(0)), sentence)
    )
    earlier = [d for d in dates if d.end <= at]
    if backward and backward.group(1).lower() == "during" and earlier:
        # 'was made this morning by X during his meeting with Y': the main
        # clause's date, told before, is the meeting's day.
        own_date = nearest_date(earlier, at, at + len(m.group(0)), sentence)
    return own_date


def _between_sides(sentence, m, kind, participants, officials) -> bool:
    """A dialogue named with its two sides, or a signing between two countries' officials."""
    # 'the consultation between Deputy PM and FM Pham Binh Minh and the Lao FM':
    # a dialogue named with its two sides took place between them.
    sides = (
        kind == "dialogue"
        and len(participants) >= 2
        and re.match(r"\s*(?:between|with)\b", sentence.text[m.end() :])
    )
    signing = kind == "ceremony" and re.search(r"sign|inked", m.group(0))
    two_sides = len(participants) >= 2 and (
        None in {officials[k].country for k in participants}
        or len({officials[k].country for k in participants}) >= 2
    )
    return sides or (signing and two_sides)


def _took_place(sentence, m, kind, participants, own_date, officials) -> bool:
    # A named gathering ('the ASEAN-Japan Commemorative Summit') is no talk between
    # the people the sentence names: like a ceremony, it needs its own date and a
    # verb of holding, or people who hosted or attended it.
    named_event = bool(re.search(r"\b(?:Summit|Conference|Forum)s?\b", m.group(0)))
    gathering = kind in {"dialogue", "ceremony", "other"} or named_event
    held = bool(own_date and HELD.search(sentence.text)) or bool(
        kind == "ceremony" and participants and ACCORDED.search(sentence.text)
    )  # 'X was accorded a ceremonial welcome': a welcome told with its guest
    hosted = len(participants) >= 2 and bool(HOSTED.search(sentence.text))
    sides = _between_sides(sentence, m, kind, participants, officials)
    if gathering and not (held or sides or (hosted and not named_event)):
        return False
    if (named_event or not participants) and re.search(
        r"\b(?:to|will|shall)\s+be\s+held\b", sentence.text
    ):  # 'the next meetings … will be held in Manila, in 2014': not yet held
        return False  # 'welcomed the second Summit for Democracy to be held in March'
    return gathering or len(participants) >= 2


def _worded_event(sentence, m, kind, reading, told) -> list[MeetingCandidate] | None:
    """The events one wording tells, or None if it tells none."""
    refs, dates, span, events, visit, context, escorts = reading
    at = sentence.start + m.start()
    if _not_an_event(sentence, m, kind, span, events):
        return None
    participants = _participants(sentence, m, kind, at, refs, escorts, visit, context)
    own_date = _own_date(sentence, m, at, dates)
    if not _took_place(sentence, m, kind, participants, own_date, context.officials):
        return None
    countries = {c for _, _, c in countries_in(m.group(0))}
    if not participants:
        countries |= {c for _, _, c in countries_in(sentence.text)}
    place = _place(sentence, at)
    candidate = MeetingCandidate(
        kind=kind,
        title="",
        dates=own_date,
        location=place,
        participants=participants,
        countries=countries,
        evidence=[span],
    )
    separate = kind != "official_visit" and SEPARATE.search(sentence.text)
    if (kind == "courtesy_call" or separate) and len(participants) > 2:
        caller = next((r.official for r in refs if r.start < at), participants[0])
        return [
            MeetingCandidate(
                kind=kind, title="", dates=own_date, location=place,
                participants=[caller, host], hosts=[host], countries=set(countries),
                evidence=[span],
            )
            for host in [k for k in participants if k != caller]
        ]  # fmt: skip
    if kind == "ceremony":
        told.add(id(candidate))  # a ceremony the text names: not just the talks
    return [candidate]


def worded_events(
    sentence: Sentence,
    refs: list,
    dates: list[DateMention],
    span: Span,
    events: list[MeetingCandidate],
    visit: MeetingCandidate | None,
    context: Context,
    calls: bool,
    told: set[int],
) -> None:
    """Adds to `events` those the sentence's wordings tell, one per wording; the ceremonies
    the text names go into `told`."""
    wordings = WORDINGS
    escorts = [e.span() for e in ESCORT.finditer(sentence.text)] if " by " in span.quote else []
    if calls:
        wordings = [("phone_call", SPOKE_WITH), *wordings]
    reading = (refs, dates, span, events, visit, context, escorts)
    for kind, wording in wordings:
        if kind in TALKS and any(
            e.kind == "phone_call" and e.evidence[0].start == span.start for e in events
        ):
            continue  # 'held a summit telephone talk', 'phone talks with': the call itself
        for m in wording.finditer(sentence.text):
            read = _worded_event(sentence, m, kind, reading, told)
            if read is not None:
                events.extend(read)
                break  # one event per wording and sentence
