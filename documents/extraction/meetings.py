"""Stage 4: meetings — visits and the calls, talks, dinners and ceremonies inside them.

A sentence holds a meeting when it has a meeting wording (`paid an official visit`,
`paid a courtesy call to`, `held a bilateral meeting`, `met with`, `the four summit meetings
between`, `was held on`) and the people or the date that make it an event. Participants
are the officials the sentence names, plus those it refers to: `she` (the person the text
is about), `the two ministers` (the visit's principals), `SP` or `the Japanese FM` (the
official last named with that post). Dates come from the sentence, else from the visit the
meeting took place in; an event with neither stays undated rather than guessed.
"""

from documents.extraction.candidates import (
    MeetingCandidate,
    OfficialCandidate,
    Span,
)
from documents.extraction.dates import DateMention, find_dates, header_day, latest_stated_day
from documents.extraction.meeting_context import (
    RELATIVE_DAY,
    Context,
    _author,
    _title,
    unique,
)
from documents.extraction.meeting_events import worded_events
from documents.extraction.meeting_merging import (
    _merge,
    counterparts_countries,
    date_from_companions,
    date_news_events,
    joint_events,
    leaders_only,
    paragraph,
    part_of_talks,
    speakers_join_ceremonies,
)
from documents.extraction.meeting_visits import visits_in
from documents.extraction.meeting_wordings import (
    CALL_MENTION,
    CHAIRED_BY,
    DURING_VISIT,
    FUTURE,
    TALKS,
    THEN,
)
from documents.extraction.names import name_key
from documents.extraction.nlp import Sentence
from documents.extraction.officials import People
from documents.extraction.topics import topics_in

# The meeting kinds' vocabulary, read by the knowledge base from here.


def _document_days(text: str, published_on, document_days) -> tuple:
    """(the report's day, the day 'today' counts from)."""
    if document_days is not None:
        return document_days
    published = published_on or header_day(text)
    # 'today' needs the report's day; a reference that is only a year's end is none.
    return published, published or latest_stated_day(text)


def _sentence_dates(sentence: Sentence, reference, day_anchor) -> list[DateMention]:
    return [
        DateMention(sentence.start + d.start, sentence.start + d.end, d.text, d.range, True)
        for d in find_dates(sentence.text, reference, bool(FUTURE.search(sentence.text)))
        if day_anchor or not RELATIVE_DAY.fullmatch(d.text)
    ]


def _then_on_day_before(sentence, dates, last_day, events) -> None:
    """'X attended the ceremony on Sunday evening. The two leaders then held talks': what
    follows 'then' without a date of its own is on the day the sentence before told."""
    if not dates and last_day is not None and THEN.search(sentence.text):
        for event in events:
            if event.dates is None and event.kind != "official_visit":
                event.dates = last_day


def _last_day(dates: list[DateMention]):
    """The day the sentence told, if one."""
    told_days = [d.range for d in dates if d.range and d.range.precision == "day"]
    return told_days[-1] if told_days else None


def _within_visit(sentence, events, visit):
    """Events inside the visit take its dates and it as their parent; returns the visit the
    next sentence's events may be inside."""
    for event in events:
        if event.kind == "official_visit":
            visit = event
            continue
        inside = visit is not None and (
            set(event.participants) & set(visit.participants) or DURING_VISIT.search(sentence.text)
        )
        if inside and (event.dates is None or (visit.dates and visit.dates.contains(event.dates))):
            event.dates = event.dates or visit.dates
            event.parent = id(visit)  # an index once the document's events are merged
    return visit


def _chaired(sentence, refs, span, events, found) -> None:
    """'The Joint Commission met in Manila on 21 October. The meeting was co-chaired by A
    and B': a gathering told without people gets them from the sentence that follows."""
    if (
        not events
        and found
        and found[-1].kind in {"dialogue", "other", "ceremony", "summit"}
        and not found[-1].participants
        and CHAIRED_BY.match(sentence.text)
    ):
        chairs = unique([r.official for r in refs if not r.pronoun])
        if len(chairs) >= 2:
            found[-1].participants = chairs
            found[-1].evidence.append(span)


def _describe(event: MeetingCandidate, text: str, officials: list[OfficialCandidate]) -> None:
    """Kind, topics, countries, title and fingerprint of a merged event."""
    if event.kind == "bilateral_meeting" and leaders_only(event, officials):
        event.kind = "summit"  # heads of state or government together
    event.topics = topics_in(" ".join(paragraph(text, s.start) for s in event.evidence))
    guests = [k for k in event.participants if k not in event.hosts] or event.participants
    names = [officials[k].name for k in (*guests, *event.hosts) if k in event.participants]
    event.countries |= {officials[k].country for k in event.participants if officials[k].country}
    event.title = _title(event.kind, names, event.location)
    date_key = event.dates.start.isoformat() if event.dates else "undated"
    group = "talks" if event.kind in TALKS else event.kind
    people_key = "|".join(sorted(name_key(officials[k].name) for k in event.participants))
    event.fingerprint = f"meeting:{group}:{date_key}:{people_key}"


def find_meetings(
    text: str,
    sentences: list[Sentence],
    people: People,
    officials: list[OfficialCandidate],
    reference,
    published_on=None,
    document_days=None,
) -> list[MeetingCandidate]:
    """`document_days`: (the report's day, the day 'today' counts from) when `text` is a
    section of a longer document, which states them (`documents.extraction.sections`)."""
    context = Context(people, officials, _author(text, sentences, people))
    published, day_anchor = _document_days(text, published_on, document_days)
    calls = bool(CALL_MENTION.search(text))
    told: set[int] = set()
    found: list[MeetingCandidate] = []
    visit: MeetingCandidate | None = None
    last_day = None  # the day the sentence before told, if one
    for sentence in sentences:
        refs = context.refs(sentence)
        dates = _sentence_dates(sentence, reference, day_anchor)
        span = Span(sentence.start, sentence.end, sentence.text)
        events = visits_in(text, sentence, refs, dates, span, context)
        worded_events(sentence, refs, dates, span, events, visit, context, calls, told)
        events += joint_events(sentence, refs, dates, events, visit, officials)
        _then_on_day_before(sentence, dates, last_day, events)
        last_day = _last_day(dates)
        visit = _within_visit(sentence, events, visit)
        _chaired(sentence, refs, span, events, found)
        found.extend(events)
        context.advance(sentence, refs)

    speakers_join_ceremonies(found, sentences, people)
    counterparts_countries(found, officials, text)
    date_from_companions(found)
    found = [e for e in found if id(e) in told or not part_of_talks(e, found)]
    merged = _merge(found)
    date_news_events(merged, published)
    for event in merged:
        _describe(event, text, officials)
    return merged
