"""Stage 4: meetings — visits and the calls, talks, dinners and ceremonies inside them.

A sentence holds a meeting when it has a meeting wording (`paid an official visit`,
`paid a courtesy call to`, `held a bilateral meeting`, `met with`, `the four summit meetings
between`, `was held on`) and the people or the date that make it an event. Participants
are the officials the sentence names, plus those it refers to: `she` (the person the text
is about), `the two ministers` (the visit's principals), `SP` or `the Japanese FM` (the
official last named with that post). Dates come from the sentence, else from the visit the
meeting took place in; an event with neither stays undated rather than guessed.
"""

import re

from documents.extraction.candidates import (
    MeetingCandidate,
    OfficialCandidate,
    Span,
)
from documents.extraction.countries import countries_in
from documents.extraction.dates import DateMention, find_dates, header_day, latest_stated_day
from documents.extraction.meeting_context import (
    RELATIVE_DAY,
    Context,
    _author,
    _place,
    _title,
    is_minister,
    nearest_date,
    unique,
)
from documents.extraction.meeting_merging import (
    _merge,
    absorb,
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
    _MODAL,
    ACCORDED,
    CALL_MENTION,
    CHAIRED_BY,
    DEPARTURE,
    DURING_VISIT,
    ESCORT,
    FUTURE,
    HELD,
    HOSTED,
    KIND_RANK,
    OTHER_EVENT,
    PLURAL,
    PURPOSE,
    SEPARATE,
    SPOKE_WITH,
    SUBORDINATE,
    TALKS,
    THEN,
    VISIT,
    WORDINGS,
)
from documents.extraction.names import name_key
from documents.extraction.nlp import Sentence
from documents.extraction.officials import People
from documents.extraction.topics import topics_in

# The meeting kinds' vocabulary, read by the knowledge base from here.
__all__ = ["KIND_RANK", "TALKS", "absorb", "find_meetings"]


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
    if document_days is not None:
        published, day_anchor = document_days
    else:
        published = published_on or header_day(text)
        # 'today' needs the report's day; a reference that is only a year's end is none.
        day_anchor = published or latest_stated_day(text)
    calls = bool(CALL_MENTION.search(text))
    told: set[int] = set()
    found: list[MeetingCandidate] = []
    visit: MeetingCandidate | None = None
    last_day = None  # the day the sentence before told, if one
    for sentence in sentences:
        refs = context.refs(sentence)
        dates = [
            DateMention(sentence.start + d.start, sentence.start + d.end, d.text, d.range, True)
            for d in find_dates(sentence.text, reference, bool(FUTURE.search(sentence.text)))
            if day_anchor or not RELATIVE_DAY.fullmatch(d.text)
        ]
        span = Span(sentence.start, sentence.end, sentence.text)
        plural = PLURAL.search(sentence.text)
        events: list[MeetingCandidate] = []

        events += visits_in(text, sentence, refs, dates, span, context)

        wordings = WORDINGS
        escorts = [e.span() for e in ESCORT.finditer(sentence.text)] if " by " in span.quote else []
        if calls:
            wordings = [("phone_call", SPOKE_WITH), *wordings]
        for kind, wording in wordings:
            if kind in TALKS and any(
                e.kind == "phone_call" and e.evidence[0].start == span.start for e in events
            ):
                continue  # 'held a summit telephone talk', 'phone talks with': the call itself
            for m in wording.finditer(sentence.text):
                at = sentence.start + m.start()
                if any(e.evidence[0].start == span.start and e.kind == kind for e in events):
                    continue
                if any(v.start() <= m.start() < v.end() for v in VISIT.finditer(sentence.text)):
                    continue
                if re.search(r"\b(?:what|which)\b[^,;]{0,40}$", sentence.text[: m.start()]):
                    continue  # 'affirmed what the FM discussed with PM X': told, not held
                if re.search(r"\b[Aa]n?\s+$", sentence.text[: m.start()]) and _MODAL.search(
                    sentence.text
                ):
                    continue  # 'A summit between the two leaders could …': a supposition
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
                if plural and abs(plural.end() - m.start()) < 40:
                    principals = (
                        visit.participants
                        if visit and len(visit.participants) >= 2
                        else context.recent[-2:]
                    )
                    if re.search(r"ministers|FMs", plural.group(0)):
                        # 'the two ministers … conferred with President X': the two last
                        # named ministers, not the head of government they met before.
                        ministers = [k for k in context.recent if is_minister(officials[k])]
                        if len(ministers) >= 2:
                            principals = ministers[-2:]
                    keys = list(principals) + keys
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
                # 'after/before the talks': the sentence's date is another event's. 'During
                # the talks' or 'departed … for summit talks': likewise, though the talks may
                # be on that very day; the date comes from the visit or the report.
                backward = SUBORDINATE.search(sentence.text[: m.start()])
                purpose = PURPOSE.search(sentence.text[: m.start()]) and DEPARTURE.search(
                    sentence.text[: m.start()]
                )
                own_date = (
                    None
                    if backward or purpose
                    else nearest_date(dates, at, at + len(m.group(0)), sentence)
                )
                earlier = [d for d in dates if d.end <= at]
                if backward and backward.group(1).lower() == "during" and earlier:
                    # 'was made this morning by X during his meeting with Y': the main
                    # clause's date, told before, is the meeting's day.
                    own_date = nearest_date(earlier, at, at + len(m.group(0)), sentence)
                # A named gathering ('the ASEAN-Japan Commemorative Summit') is no talk between
                # the people the sentence names: like a ceremony, it needs its own date and a
                # verb of holding, or people who hosted or attended it.
                named_event = bool(re.search(r"\b(?:Summit|Conference|Forum)s?\b", m.group(0)))
                gathering = kind in {"dialogue", "ceremony", "other"} or named_event
                held = bool(own_date and HELD.search(sentence.text)) or bool(
                    kind == "ceremony" and participants and ACCORDED.search(sentence.text)
                )  # 'X was accorded a ceremonial welcome': a welcome told with its guest
                hosted = len(participants) >= 2 and bool(HOSTED.search(sentence.text))
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
                sides = sides or (signing and two_sides)
                if gathering and not (held or sides or (hosted and not named_event)):
                    continue
                if (named_event or not participants) and re.search(
                    r"\b(?:to|will|shall)\s+be\s+held\b", sentence.text
                ):  # 'the next meetings … will be held in Manila, in 2014': not yet held
                    continue  # 'welcomed the second Summit for Democracy to be held in March'

                if not gathering and len(participants) < 2:
                    continue
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
                    for host in [k for k in participants if k != caller]:
                        events.append(
                            MeetingCandidate(
                                kind=kind, title="", dates=own_date, location=place,
                                participants=[caller, host], hosts=[host], countries=set(countries),
                                evidence=[span],
                            )
                        )  # fmt: skip
                else:
                    events.append(candidate)
                    if kind == "ceremony":
                        told.add(id(candidate))  # a ceremony the text names: not just the talks
                break  # one event per wording and sentence

        events += joint_events(sentence, refs, dates, events, visit, officials)
        # 'X attended the ceremony on Sunday evening. The two leaders then held talks': what
        # follows 'then' without a date of its own is on the day the sentence before told.
        if not dates and last_day is not None and THEN.search(sentence.text):
            for event in events:
                if event.dates is None and event.kind != "official_visit":
                    event.dates = last_day
        told_days = [d.range for d in dates if d.range and d.range.precision == "day"]
        last_day = told_days[-1] if told_days else None
        for event in events:
            if event.kind == "official_visit":
                visit = event
                continue
            inside = visit is not None and (
                set(event.participants) & set(visit.participants)
                or DURING_VISIT.search(sentence.text)
            )
            if inside and (
                event.dates is None or (visit.dates and visit.dates.contains(event.dates))
            ):
                event.dates = event.dates or visit.dates
                event.parent = id(visit)  # an index once the document's events are merged
        # 'The Joint Commission met in Manila on 21 October. The meeting was co-chaired by A
        # and B': a gathering told without people gets them from the sentence that follows.
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
        found.extend(events)
        context.advance(sentence, refs)

    speakers_join_ceremonies(found, sentences, people)
    counterparts_countries(found, officials, text)
    date_from_companions(found)
    found = [e for e in found if id(e) in told or not part_of_talks(e, found)]
    merged = _merge(found)
    date_news_events(merged, published)
    for event in merged:
        if event.kind == "bilateral_meeting" and leaders_only(event, officials):
            event.kind = "summit"  # heads of state or government together
        event.topics = topics_in(" ".join(paragraph(text, s.start) for s in event.evidence))
        guests = [k for k in event.participants if k not in event.hosts] or event.participants
        names = [officials[k].name for k in (*guests, *event.hosts) if k in event.participants]
        event.countries |= {
            officials[k].country for k in event.participants if officials[k].country
        }
        event.title = _title(event.kind, names, event.location)
        date_key = event.dates.start.isoformat() if event.dates else "undated"
        group = "talks" if event.kind in TALKS else event.kind
        people_key = "|".join(sorted(name_key(officials[k].name) for k in event.participants))
        event.fingerprint = f"meeting:{group}:{date_key}:{people_key}"
    return merged
