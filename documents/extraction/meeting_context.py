"""Who and when a meeting sentence refers to: the officials it names or points at (pronouns,
posts used as names, the author), and the nearest date, place and visit span."""

import datetime as dt
import re
from dataclasses import dataclass

from documents.extraction.candidates import (
    DateRange,
    OfficialCandidate,
)
from documents.extraction.countries import BY_CODE, find_country
from documents.extraction.dates import DateMention
from documents.extraction.meeting_wordings import (
    ABSENT,
    AT_PLACE,
    BOUND_BEFORE,
    COUNTRY_BEFORE,
    HEAD_ROLE,
    HEAD_WORD,
    LABEL,
    LEADER,
    MONTH_NAMES,
    POST_WORD,
    PRONOUN,
    ROLE,
    ROLE_TITLE,
    SOURCE,
    SOURCE_CHARS,
    SUBORDINATE_START,
    VISIT_DESTINATION,
)
from documents.extraction.nlp import Sentence
from documents.extraction.officials import People
from documents.extraction.vocabulary import TITLE_ABBREVIATIONS, TITLE_SYNONYMS


@dataclass
class _Ref:
    official: int
    start: int
    pronoun: bool = False


def _role_title(abbr: str) -> str:
    abbr = re.sub(r"\s+", " ", abbr)
    if abbr.lower() == "premier":  # 'the Cambodian premier said'
        return "prime minister"
    titles = TITLE_ABBREVIATIONS.get(abbr.upper()) or [TITLE_SYNONYMS.get(abbr.lower(), abbr)]
    return titles[-1].lower()


class Context:
    """Who a sentence refers to: named officials, pronouns, posts used as names."""

    def __init__(
        self, people: People, officials: list[OfficialCandidate], author: int | None = None
    ):
        self.people = people
        self.officials = officials
        self.author = author  # who 'I' is in a minister's own media release
        self.subject: int | None = None  # the person the text is about at this point
        self.recent: list[int] = []  # officials in order of last mention

    def _by_title(self, title: str, country: str | None) -> int | None:
        for key in reversed(self.recent):
            o = self.officials[key]
            titles = {t.lower() for t, _ in o.titles}
            if title in titles and (country is None or o.country in (None, country)):
                return key
        for o in self.officials:
            if title in {t.lower() for t, _ in o.titles} and (country in (None, o.country)):
                return o.key
        return None

    def refs(self, sentence: Sentence) -> list[_Ref]:
        named = self.people.in_sentence(sentence.index)
        refs = [_Ref(key, m.start) for m, key in named]
        covered = [(m.title_start or m.start, m.title_end or m.end) for m, _ in named]
        roles = ROLE.finditer(sentence.text) if ROLE_TITLE.search(sentence.text) else ()
        for m in roles:
            start = sentence.start + m.start()
            if any(s <= start < e for s, e in covered):
                continue
            country = find_country(m.group("adj")) if m.group("adj") else None
            key = self._by_title(_role_title(m.group("title")), country)
            if key is not None:
                refs.append(_Ref(key, start))
        heads = HEAD_ROLE.finditer(sentence.text) if HEAD_WORD.search(sentence.text) else ()
        for m in heads:  # 'the Tanzanian President', 'the Amir': a post used as a name
            start = sentence.start + m.start()
            if any(s <= start < e for s, e in covered) or any(r.start == start for r in refs):
                continue
            adj, title = m.group("adj") or m.group("adj2"), m.group("title") or m.group("title2")
            country = find_country(adj) if adj else None
            if country is None and title.lower() not in {"emir", "amir", "sultan"}:
                continue  # a bare 'the President' may be anyone's
            if title.lower().startswith("head"):  # 'the head of state of Qatar': its leader
                leaders = [
                    o.key
                    for o in self.officials
                    if o.country == country and any(LEADER.match(t) for t, _ in o.titles)
                ]
                key = leaders[0] if len(leaders) == 1 else None
            else:
                key = self._by_title(_role_title(title.capitalize()), country)
            if key is not None:
                refs.append(_Ref(key, start))
        for m in POST_WORD.finditer(sentence.text):  # "Ireland's State Minister … signed"
            start = sentence.start + m.start()
            if any(s <= start < e for s, e in covered) or any(r.start == start for r in refs):
                continue
            owner = COUNTRY_BEFORE.search(sentence.text[max(0, m.start() - 40) : m.start()])
            if owner:
                key = self._by_title(m.group(0).lower(), find_country(owner.group("c")))
                if key is not None:
                    refs.append(_Ref(key, start - len(owner.group(0))))
        if self.author is not None and not _QUOTES.search(sentence.text):
            refs += [
                _Ref(self.author, sentence.start + m.start()) for m in _I.finditer(sentence.text)
            ]
        for m in PRONOUN.finditer(sentence.text):
            start = sentence.start + m.start()
            earlier = sorted((r for r in refs if r.start < start), key=lambda r: r.start)
            key = self.subject
            if m.group(0).lower() in {"him", "her"} and earlier:
                key = earlier[0].official  # 'He recalled … still made time to meet him'
            elif earlier and SUBORDINATE_START.match(sentence.text):
                key = earlier[0].official  # 'When PM Kishida visited Manila, he …'
            if key is not None:
                refs.append(_Ref(key, start, pronoun=True))
        absent = ABSENT.search(sentence.text)
        if absent:  # 'messages from X': X was not there
            refs = [r for r in refs if r.start < sentence.start + absent.start()]
        for source in SOURCE.finditer(sentence.text):  # 'according to H.E. X, Assistant of …'
            at = sentence.start + source.end()
            refs = [r for r in refs if not at <= r.start < at + SOURCE_CHARS]
        refs.sort(key=lambda r: r.start)
        return refs

    def advance(self, sentence: Sentence, refs: list[_Ref]) -> None:
        """The person a sentence is about — its grammatical subject, else the first it
        names — becomes who 'he' or 'she' means next."""
        for head in sentence.subjects():
            # The person whose name ends at (or just before) the subject's head word.
            before = [r for r in refs if r.start <= head and head - r.start < 40]
            if before:
                ref = max(before, key=lambda r: r.start)
                if not ref.pronoun:
                    self.subject = ref.official
                break
        else:
            if refs and not refs[0].pronoun:
                self.subject = refs[0].official
        for r in refs:
            if r.official in self.recent:
                self.recent.remove(r.official)
            self.recent.append(r.official)


_I = re.compile(r"\bI\b(?!\.)")
_QUOTES = re.compile(r"[\"“”]")
AUTHOR_CHARS = 400  # a release names its author in its header


def _author(text: str, sentences: list[Sentence], people: People) -> int | None:
    """The official a release names in its header, when its body speaks as 'I' outside
    quotes ('Dr Kharrazi and I discussed …' in a media release of the Foreign Minister)."""
    if not any(_I.search(s.text) and not _QUOTES.search(s.text) for s in sentences if s.start > 0):
        return None
    for sentence in sentences:
        if sentence.start > AUTHOR_CHARS:
            break
        named = sorted(people.in_sentence(sentence.index), key=lambda mk: mk[0].start)
        if named and named[0][0].start < AUTHOR_CHARS:
            return named[0][1]
    return None


def is_minister(official: OfficialCandidate) -> bool:
    titles = " ".join(t.lower() for t, _ in official.titles)
    return "minister" in titles and "prime minister" not in titles


# A day told relative to the report ('today', 'on Monday'): meaningless without its date.
RELATIVE_DAY = re.compile(
    r"(?:(?:on|last|this|next)\s+)?(?:yesterday|today|tomorrow|tonight|last\s+night|"
    r"this\s+(?:morning|afternoon|evening)|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)",
    re.I,
)


def unique(keys) -> list[int]:
    return list(dict.fromkeys(keys))


MAX_DATE_GAP = 100  # characters between a meeting wording and a date that belongs to it
COMPANION_CHARS = 600  # how far apart two events told together may stand


def nearest_date(
    dates: list[DateMention],
    start: int,
    end: int,
    sentence: Sentence,
    prefer_range: bool = False,
    strict: bool = False,
) -> DateRange | None:
    """The date that belongs to the wording at [start, end): one opening the sentence ('On
    5-6 July 2024, …') or one close by, not one inside a later relative clause."""
    usable = []
    alone = not strict and sum(1 for d in dates if d.range) == 1
    for d in dates:
        if not d.range:
            continue
        opening = d.start - sentence.start < 25
        gap = max(d.start - end, start - d.end, 0)
        between = sentence.text[
            min(end, d.start) - sentence.start : max(start, d.end) - sentence.start
        ]
        later = d.start >= end  # in a relative clause after the wording, not before it
        if re.search(r",\s*(?:which|where|who|when)\b", between) and later and not opening:
            continue
        if BOUND_BEFORE.search(sentence.text[: d.start - sentence.start]):
            continue  # 'since taking office in June last year': a bound, not the event's day
        if gap <= MAX_DATE_GAP or opening or alone:
            usable.append((not (prefer_range and d.range.start != d.range.end), gap, d.range))
    return min(usable, key=lambda u: (u[0], u[1]))[2] if usable else None


def _place(sentence: Sentence, after: int) -> str | None:
    for m in AT_PLACE.finditer(sentence.text):
        if sentence.start + m.start() < after - 200:
            continue
        place = re.split(rf"\s+in\s+(?={MONTH_NAMES})", m.group("place"))[0].strip()
        if find_country(place) or len(place) < 3 or place.split()[0] in {"The", "A"}:
            continue
        if re.match(
            r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
            place,
        ):
            continue
        return place
    return None


def _destination(sentence: Sentence, at: int) -> str | None:
    m = VISIT_DESTINATION.search(sentence.text, max(0, at - sentence.start))
    if not m:
        return None
    code = find_country(m.group("place"))
    return BY_CODE[code].name if code else m.group("place")


_N_DAYS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_DAY_VISIT = re.compile(r"\b(?P<n>two|three|four|five|six|seven|eight|[2-8])[- ]day\b", re.I)
_ARRIVAL = re.compile(r"\b(?:arriv\w+|began|begins|started|starts|kick\w*\s+off)\b", re.I)
_DEPART = re.compile(r"\b(?:conclud\w+|ended|ends|wrapp\w+\s+up|left|leaves|departed)\b", re.I)


def visit_span(dates: DateRange | None, sentence: str) -> DateRange | None:
    """'arrived on Thursday on a four-day visit': Thursday and the three days after;
    'concluded his two-day visit on Sunday': Saturday and Sunday."""
    if dates is None or dates.precision != "day" or dates.start != dates.end:
        return dates
    length = _DAY_VISIT.search(sentence)
    if not length:
        return dates
    n = _N_DAYS.get(length.group("n").lower()) or int(length.group("n"))
    arrival, departure = _ARRIVAL.search(sentence), _DEPART.search(sentence)
    if arrival and not departure:
        return DateRange(dates.start, dates.start + dt.timedelta(days=n - 1), "day")
    if departure and not arrival:
        return DateRange(dates.start - dt.timedelta(days=n - 1), dates.start, "day")
    return dates


def _title(kind: str, names: list[str], location: str | None) -> str:
    if kind == "official_visit" and names:
        return f"Official visit of {names[0]}" + (f" to {location}" if location else "")
    if names:
        return f"{LABEL[kind]}: " + " and ".join(names)
    return LABEL[kind] + (f" at {location}" if location else "")
