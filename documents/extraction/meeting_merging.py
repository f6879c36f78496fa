"""After the first reading of a text's meetings: joint events, dates and countries taken from
companion events, and the merging of sentences that tell the same event (`absorb`)."""

import datetime as dt
import re
from collections import Counter

from documents.extraction.candidates import (
    DateRange,
    MeetingCandidate,
    OfficialCandidate,
    Span,
)
from documents.extraction.countries import countries_in
from documents.extraction.meeting_context import COMPANION_CHARS, nearest_date, unique
from documents.extraction.meeting_wordings import (
    ABBREVIATION_DOT,
    ANNOUNCED,
    JOINT,
    KIND_RANK,
    LEADER,
    NEWS_WINDOW_DAYS,
    PLURAL,
    SIGNATORY_CHARS,
    SIGNED_BY,
    SPEECH,
    TALKS,
)
from documents.extraction.officials import People


def leaders_only(event: MeetingCandidate, officials: list[OfficialCandidate]) -> bool:
    """Every participant holds a head of state's or government's post (not a vice's), and
    no other post."""
    if len(event.participants) < 2:
        return False
    # Every post a leader: one who is also 'Senate President' may no longer lead.
    return all(
        officials[k].titles
        and all(LEADER.match(_without_country(t)) for t, _ in officials[k].titles)
        for k in event.participants
    )


def _without_country(title: str) -> str:
    """A title as worded, its country out: 'Japanese Prime Minister', 'China's President'
    -> 'Prime Minister', 'President'; 'Cambodian Senate President' -> 'Senate President'."""
    for start, end, _code in reversed(countries_in(title)):
        title = title[:start] + title[end:]
    return re.sub(r"^\s*(?:[’']s\b)?\s*", "", title).strip()


def date_news_events(merged: list[MeetingCandidate], published) -> None:
    """A dated report telling a past event without its date: the visit it was part of, else
    the week before publication (month precision), never after it. An announced event
    ('will hold talks') stays undated."""
    if published is None:
        return
    week = DateRange(published - dt.timedelta(days=NEWS_WINDOW_DAYS), published, "month")
    for event in merged:
        if event.dates is not None:
            continue
        parent = merged[event.parent] if event.parent is not None else None
        if all(ANNOUNCED.search(s.quote) for s in event.evidence):
            continue  # 'arrives … for bilateral talks': not yet held, its day unknown
        event.dates = parent.dates if parent is not None and parent.dates else week


def joint_events(sentence, refs, dates, events, visit, officials) -> list[MeetingCandidate]:
    """Meetings no meeting word names: two officials of different countries acting together
    ('he and President Marcos agreed …'), or a document 'signed … by A and B'."""
    span = Span(sentence.start, sentence.end, sentence.text)
    # 'Marcos Jr.' or 'Mr.' do not end the clause.
    masked = ABBREVIATION_DOT.sub(lambda m: m.group(1) + "·", sentence.text)
    out = []
    for pattern, kind in ((SIGNED_BY, "ceremony"), (JOINT, "bilateral_meeting")):
        for m in pattern.finditer(masked):
            if kind == "bilateral_meeting" and re.search(r"signed|witnessed", m.group(0)):
                kind = "ceremony"  # 'A and B signed …' is a signing
            at, end = sentence.start + m.start(), sentence.start + m.end()
            if kind == "ceremony":
                people = [r.official for r in refs if end <= r.start < end + SIGNATORY_CHARS]
            else:
                people = [r.official for r in refs if at - 90 <= r.start < end]
            people = unique(people)
            countries = {officials[k].country for k in people}
            if len(people) < 2 or (None not in countries and len(countries) < 2):
                continue
            if any(set(people) <= set(e.participants) for e in events):
                continue  # a meeting the sentence names already
            if PLURAL.search(sentence.text[: m.start()]) and visit is not None:
                continue
            out.append(
                MeetingCandidate(
                    kind=kind,
                    title="",
                    dates=nearest_date(dates, at, end, sentence, strict=True),
                    location=None,
                    participants=people,
                    countries=set(),
                    evidence=[span],
                )
            )
            break
    return out


def counterparts_countries(found, officials, text: str) -> None:
    """In a document about two countries, the other side of a two-person meeting with an
    official of one of them comes from the other: 'Korean FM Kim … courtesy call on Prime
    Minister Ana Lopez' in a Korea-Chile text makes Ana Lopez Chilean."""
    mentioned = [c for _, _, c in countries_in(text)]
    # the two named most; of two named as often, the one named first (not the order of a
    # set, which changes from one process to the next)
    counts = Counter(mentioned)
    pair = sorted(dict.fromkeys(mentioned), key=lambda c: -counts[c])[:2]
    if len(pair) < 2:
        return
    for event in found:
        if event.kind == "official_visit" or len(event.participants) != 2:
            continue
        a, b = (officials[k] for k in event.participants)
        for known, unknown in ((a, b), (b, a)):
            if known.country in pair and unknown.country is None:
                unknown.country = pair[1] if known.country == pair[0] else pair[0]


def part_of_talks(event: MeetingCandidate, found: list[MeetingCandidate]) -> bool:
    """A signing ceremony between people who held talks the same day belongs to the talks."""
    if event.kind != "ceremony" or not event.participants:
        return False
    return any(
        other.kind in TALKS
        and set(event.participants) <= set(other.participants)
        and (event.dates is None or other.dates is None or event.dates.overlaps(other.dates))
        for other in found
    )


def date_from_companions(found: list[MeetingCandidate]) -> None:
    """'X met Y on 2 June. X also paid a courtesy call on Z': the call has X's occasion's date."""
    for i, event in enumerate(found):
        if event.dates is not None:
            continue
        for earlier in reversed(found[:i]):
            near = event.evidence[0].start - earlier.evidence[0].start < COMPANION_CHARS
            if near and earlier.dates and set(earlier.participants) & set(event.participants):
                event.dates = earlier.dates
                break


def paragraph(text: str, position: int) -> str:
    start = text.rfind("\n\n", 0, position) + 2
    end = text.find("\n\n", position)
    return text[max(start, 0) : end if end != -1 else len(text)]


def speakers_join_ceremonies(found, sentences, people: People) -> None:
    """A ceremony reported with no named guests: the officials quoted speaking took part."""
    bare = [e for e in found if e.kind == "ceremony" and not e.participants]
    if len(bare) != 1:
        return
    speakers: list[int] = []
    for sentence in sentences:
        for m, key in people.in_sentence(sentence.index):
            tail = sentence.text[m.end - sentence.start :]
            if SPEECH.search(tail[:120]) and key not in speakers:
                speakers.append(key)
    bare[0].participants = speakers


def _same_event(a: MeetingCandidate, b: MeetingCandidate) -> bool:
    if a.kind == b.kind == "ceremony" and _one_signing(a, b):
        return True
    if a.kind == "official_visit" or b.kind == "official_visit":
        if a.kind != b.kind:
            return False
    elif not ({a.kind, b.kind} <= TALKS or a.kind == b.kind):
        return False
    if a.dates and b.dates:
        width = abs((a.dates.end - a.dates.start).days - (b.dates.end - b.dates.start).days)
        if not a.dates.overlaps(b.dates) or width > 31:  # 'this year' is not '5 July'
            return False
    pa, pb = set(a.participants), set(b.participants)
    if not pa and not pb:
        return a.kind == b.kind and a.dates == b.dates
    # Two talks of two different pairs ('A received B', 'C and B held consultations') are
    # two meetings of one visit, not one.
    pairs = len(pa) >= 2 and len(pb) >= 2 and a.kind != b.kind
    return (
        bool(pa & pb)
        and len(pa & pb) / len(pa | pb) >= 0.5
        and (pa <= pb or pb <= pa or (len(pa | pb) <= 3 and not pairs))
    )


def _one_signing(a: MeetingCandidate, b: MeetingCandidate) -> bool:
    """'The agreement was signed between A and B. C and D witnessed the signing ceremony':
    one ceremony, told near each other, the later one pointing back with 'the signing'."""
    if a.dates and b.dates and not a.dates.overlaps(b.dates):
        return False
    if abs(a.evidence[0].start - b.evidence[0].start) > COMPANION_CHARS:
        return False
    return any(_THE_SIGNING.search(s.quote) for s in (*a.evidence, *b.evidence))


_THE_SIGNING = re.compile(r"\b(?:witnessed|presided\s+over|attended)\s+the\s+signing\b")


def _merge(found: list[MeetingCandidate]) -> list[MeetingCandidate]:
    """One candidate per event however often the document tells it."""
    merged: list[MeetingCandidate] = []
    where: dict[int, int] = {}
    # Which merged events an event can be the same as (`_same_event`), so that it is compared
    # with those only, not with every event before it: the ones naming one of its people; if
    # it names none, the ones naming none; a ceremony, the ceremonies too (one signing).
    naming: dict[int, set[int]] = {}
    unnamed: set[int] = set()
    ceremonies: set[int] = set()
    quoted: list[set[tuple[int, int, str]]] = []  # each merged event's evidence
    for event in found:
        if event.participants:
            may = set().union(*(naming.get(k, ()) for k in event.participants))
        else:
            may = set(unnamed)
        if event.kind == "ceremony":
            may |= ceremonies
        at = next((i for i in sorted(may) if _same_event(merged[i], event)), None)
        if at is None:
            at = len(merged)
            where[id(event)] = at
            merged.append(event)
            quoted.append({(s.start, s.end, s.quote) for s in event.evidence})
        else:
            where[id(event)] = at
            absorb(merged[at], event, quoted[at])
        target = merged[at]
        for k in target.participants:
            naming.setdefault(k, set()).add(at)
        if not target.participants:
            unnamed.add(at)
        if target.kind == "ceremony":
            ceremonies.add(at)
    for event in merged:
        if event.parent is not None:
            event.parent = where.get(event.parent)
            if event.parent is not None and merged[event.parent] is event:
                event.parent = None
    return merged


def absorb(
    target: MeetingCandidate,
    event: MeetingCandidate,
    quoted: set[tuple[int, int, str]] | None = None,
) -> None:
    """`event` told again as `target`: its people, dates, place and evidence join it.
    `quoted`: the target's evidence as (start, end, quote), kept up to date here."""
    if KIND_RANK[event.kind] > KIND_RANK[target.kind]:
        target.kind = event.kind
    target.participants = unique(target.participants + event.participants)
    target.hosts = unique(target.hosts + event.hosts)
    if event.dates and (not target.dates or _finer(event.dates, target.dates)):
        target.dates = event.dates
    target.location = target.location or event.location
    target.countries |= event.countries
    if quoted is None:
        quoted = {(s.start, s.end, s.quote) for s in target.evidence}
    new = [s for s in event.evidence if (s.start, s.end, s.quote) not in quoted]
    target.evidence += new
    quoted |= {(s.start, s.end, s.quote) for s in new}
    if target.parent is None:
        target.parent = event.parent


def _finer(a: DateRange, b: DateRange) -> bool:
    return (a.end - a.start) < (b.end - b.start)
