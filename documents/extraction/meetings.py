"""Stage 4: meetings — visits and the calls, talks, dinners and ceremonies inside them.

A sentence holds a meeting when it has a meeting wording (`paid an official visit`,
`paid a courtesy call to`, `held a bilateral meeting`, `met with`, `the four summit meetings
between`, `was held on`) and the people or the date that make it an event. Participants
are the officials the sentence names, plus those it refers to: `she` (the person the text
is about), `the two ministers` (the visit's principals), `SP` or `the Japanese FM` (the
official last named with that post). Dates come from the sentence, else from the visit the
meeting took place in; an event with neither stays undated rather than guessed.
"""

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from documents.extraction.candidates import (
    DateRange,
    MeetingCandidate,
    OfficialCandidate,
    Span,
)
from documents.extraction.countries import BY_CODE, countries_in, country_pattern, find_country
from documents.extraction.dates import DateMention, find_dates, header_day, latest_stated_day
from documents.extraction.names import name_key
from documents.extraction.nlp import Sentence
from documents.extraction.officials import People
from documents.extraction.topics import topics_in
from documents.extraction.vocabulary import TITLE_ABBREVIATIONS, TITLE_SYNONYMS

# (kind, wording), most specific first. Visits are found apart: they hold the others.
VISIT = re.compile(
    r"\b(?:official|state|working|official\s+working|goodwill|\w+-day|\w+\s+day|first\s+official|"
    r"maiden|weekend)\s+visits?\b"
    r"|\bpa(?:id|ys?|ying)\s+(?:an?\s+|his\s+|her\s+)?(?:\w+\s+){0,2}visits?\s+to\b"
    r"|\b(?:is|was|are|were)\s+on\s+an?\s+(?:\w+\s+){0,2}visit\s+to\b"
    # 'visited Australia from 17 to 19 June': a visit to a country, not to a museum.
    rf"|\bvisit(?:ed|s)\s+(?:the\s+)?(?=(?:{country_pattern().pattern})\b)",
    re.IGNORECASE,
)
MEETING_WORDINGS = [
    (
        "phone_call",
        r"\b(?:tele)?phone\s+(?:call|talks?|conversation)s?\b|\bvideo\s*(?:conference|call)\b|"
        r"\bspoke\s+(?:by|on\s+the|over\s+the)\s+(?:tele)?phone\b|\btelephone\s+talk\b",
    ),
    (
        "courtesy_call",
        r"\bcourtesy\s+(?:call|meeting|visit)s?\b|\bcall(?:ed|s)?\s+on\b|\breceiv(?:ed|es)\s+(?=(?:visiting|the\s+visiting|H\.E\.|His|Her|[A-Z]))"
        r"|\b(?:held|hosted|gave)\s+a\s+reception\s+for\b"
        r"|\breceiv(?:ed|es|ing)\b(?=[^.;]{0,60}?\bvisiting\b)",
    ),
    ("summit", r"\bsummit(?:\s+meetings?|\s+talks)?\b"),
    (
        "dialogue",
        r"\b(?:\w+\s+)?dialogue\b|\bconsultations?\b|\bjoint\s+(?:committee|commission)\b",
    ),
    (
        "ceremony",
        r"\b(?:\w+\s+)?ceremony\b|\banniversary\b|\bcelebration\b|\binauguration\b"
        r"|\bceremonial\s+(?:welcome|reception)\b|\bguard\s+of\s+hono(?:u)?r\b"
        r"|\b(?:witnessed|presided\s+over|attended)\s+the\s+signing\b"
        r"|\b(?:signed|inked)\s+(?:an?|the|\d+|two|three|four|five|six|seven|eight|nine|ten|"
        r"several)\s+(?:[\w-]+\s+){0,3}"
        r"(?:memorand(?:um|a)|agreements?|MoUs?|deals?|declarations?|letters?)\b",
    ),
    (
        "bilateral_meeting",
        r"\bbilateral\s+(?:meeting|talks?)\b|\bheld\s+talks\b|\btalks\s+(?:(?!with\b)\w+\s+){0,2}with\b|\btalks\s+between\b|\bmet\b|\bmeets?\b|\bmeeting(?:s)?(?:\s+\w+){0,3}\s+(?:with|between)\b|\bhad\s+(?:a\s+)?(?:\w+\s+)?meeting\b|\bworking\s+(?:dinner|lunch|luncheon|breakfast)\b|\b(?:dinner|luncheon|banquet)\s+(?:with|for|hosted)\b"
        r"|\bdiscussions?\s+with\b|\bdiscussed\b[^.;]{0,60}?\bwith\b|\bconferred\s+with\b",
    ),
    ("other", r"\b(?:\w+\s+)?(?:conference|forum|workshop|symposium)\b"),
]
_WORDINGS = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in MEETING_WORDINGS]
# Events without named people need a verb of holding and a date of their own.
HELD = re.compile(
    r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+\s+)?(?:held|convened|hosted)\b|\bheld\s+(?:on|in)\b|"
    r"\btook\s+place\b|^held\b",
    re.IGNORECASE,
)
KIND_RANK = {
    "courtesy_call": 5, "summit": 5, "phone_call": 5, "dialogue": 4, "ceremony": 4,
    "bilateral_meeting": 3, "official_visit": 2, "other": 1,
}  # fmt: skip
TALKS = {"courtesy_call", "summit", "bilateral_meeting", "dialogue"}
LABEL = {
    "official_visit": "Official visit", "summit": "Summit",
    "bilateral_meeting": "Bilateral meeting", "courtesy_call": "Courtesy call",
    "dialogue": "Dialogue", "phone_call": "Phone call", "ceremony": "Ceremony", "other": "Meeting",
}  # fmt: skip

_PRONOUN = re.compile(r"\b(?:he|she|him|her)\b(?!\s+(?:Excellency|Majesty|Royal|Highness))", re.I)
# A sentence that opens on another event of its subject: 'Prior to her meeting with …, '.
_OTHER_EVENT = re.compile(
    r"^(?:Prior\s+to|Before|After|Following|Ahead\s+of)\s+(?:his|her|their)\s+(?:\w+\s+){0,2}$"
)
_SUBORDINATE = re.compile(
    r"\b(while|during|after|before|following|since|prior\s+to|ahead\s+of)\s+(?:the\s+|their\s+|his\s+|her\s+)?$",
    re.I,
)
# 'messages from X': X was not there. 'A letter of intent signed by X' is no such letter.
_ABSENT = re.compile(
    r"\b(?:messages?|greetings|regards)\s+(?:from|of|by)\b|\bletters?\s+(?:from|by)\b", re.I
)
_PLURAL = re.compile(
    r"\b(?:the\s+two|both)\s+(?:foreign\s+)?(?:ministers|FMs|leaders|sides|prime\s+ministers|"
    r"delegations|counterparts)\b|^they\b|,\s*they\b",
    re.IGNORECASE,
)
_ROLE = re.compile(
    rf"\b(?:the\s+)?(?:(?P<adj>{country_pattern().pattern})\s+)?"
    r"(?<!Deputy )(?<!Vice )"
    r"(?P<title>DPM/FM|PM|FM|SP|DPM|Prime\s+Minister|Foreign\s+Minister|Senate\s+President|"
    r"[Pp]remier)\b"
    r"(?!\s+(?:[A-Z]|of\b))"
)
# Heads of state named by their post: 'the Tanzanian President', 'the Amir'.
_HEAD_WORD = re.compile(
    r"\b(?:[Pp]resident|Emir|Amir|Sultan|King|Chancellor|[Hh]ead of [Ss]tate)\b"
)
_HEAD_ROLE = re.compile(
    rf"\b[Tt]he\s+(?:(?P<adj>{country_pattern().pattern})\s+)?"
    r"(?P<title>President|Emir|Amir|Sultan|King|Chancellor|(?<=[a-z] )president)\b"
    r"(?!\s+(?:[A-Z]|of\b))"
    rf"|\b[Tt]he\s+(?P<title2>President|Emir|Amir|Sultan|King|[Hh]ead\s+of\s+[Ss]tate)\s+of\s+"
    r"(?:the\s+)?"
    rf"(?P<adj2>{country_pattern().pattern})\b"
)
# Other posts used as names, with their country before them: "Ireland's State Minister".
_POST_WORD = re.compile(
    r"\b(?:State\s+Minister|Minister\s+of\s+State|Ambassador|High\s+Commissioner|"
    r"Vice\s+President|Deputy\s+Prime\s+Minister|Minister)\b(?!\s+[A-Z])"
)
_COUNTRY_BEFORE = re.compile(rf"(?P<c>{country_pattern().pattern})(?:’s|'s)?\s+$")
# What _ROLE cannot match without; cheap to look for, so most sentences skip _ROLE, whose
# optional country alternation is tried at every word.
_ROLE_TITLE = re.compile(
    r"DPM/FM|PM|FM|SP|Prime\s+Minister|Foreign\s+Minister|Senate\s+President|[Pp]remier"
)
_HOSTED = re.compile(
    r"\b(?:hosted|held|chaired|co-chaired|presided over|attended|witnessed)\b", re.I
)
_CHAIRED_BY = re.compile(
    r"(?:The|This|That|It|Its|Both)\b[^.;]{0,60}?\b(?:was|were|being)\s+"
    r"(?:jointly\s+)?(?:co-?chaired|chaired|presided\s+over|led|headed)\s+by\b"
)
# 'his visit to China after he took over … last month': that date is of the other clause.
_OTHER_CLAUSE = re.compile(r"\b(?:after|following|since|when|before|until)\s+(?:he|she|they|the)\b")
_ACCORDED = re.compile(
    r"\b(?:was|were)\s+(?:accorded|given)\s+a\s+(?:\w+\s+)?(?:ceremonial|welcome|guard)\b"
)
_THEN = re.compile(r"\b(?:then|afterwards|thereafter|subsequently)\b", re.I)
_SUBORDINATE_START = re.compile(r"(?:When|After|As|While|Before|Once|Since|During)\b")
# Two people acting together met: 'he and President Marcos agreed', 'signed by A and B'.
_JOINT = re.compile(
    r"\band\b[^.;]{0,90}?\b(?:also\s+)?(?:agreed|signed|discussed|exchanged\s+views|reaffirmed|"
    r"concurred|pledged|expressed|welcomed|affirmed|witnessed|co-chaired)\b"
)
_ABBREVIATION_DOT = re.compile(r"\b(Jr|Sr|Dr|Mr|Mrs|Ms|St|Gen|Col|Lt|Maj|Adm|Prof|No|H\.E)\.")
# 'signed … by A and B', 'inked here between … under the presence of A and B'.
_SIGNED_BY = re.compile(
    r"\b(?:signed|inked)\b[^.;]{0,60}?\b(?:by|between)\b|\b(?:in|under)\s+the\s+presence\s+of\b"
)
SIGNATORY_CHARS = 200  # how far after 'signed by' the signatories may be named
# What announces an event to come: a bare weekday in such a sentence is the coming one.
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:scheduled|due|set|slated)\s+to|(?:is|are)\s+(?:expected\s+)?to|plans?\s+to)\b"
)
# What a report announces: talks to come ('arrives … for bilateral talks with') or a future
# tense. Such an event without its own date is not dated by the report.
_DEPARTURE = re.compile(
    r"\b(?:depart|leav|left\b|arriv|head(?:s|ed|ing)\b|travel|fl(?:y|ew|ies)\b)\w*", re.I
)
_ANNOUNCED = re.compile(
    rf"{_FUTURE.pattern}|{_DEPARTURE.pattern}[^.;]*?\bfor\s+(?:[\w-]+\s+){{0,2}}"
    r"(?:talks|summit|meetings?|discussions)\b",
    re.I,
)
# 'Mr. Modi, who will be joined by Minister X and Adviser Y, will …': his delegation.
_ESCORT = re.compile(
    r"\b(?:joined|accompanied)\s+by\b[^;]*?(?=,\s*(?:will|would|has|had|is|was|and)\b|$)"
)
# Talks by phone a readout calls 'spoke with' where the document speaks of the call.
_SPOKE_WITH = re.compile(r"\bsp(?:oke|eaks?)\s+(?:\w+\s+){0,2}?with\b")
_CALL_MENTION = re.compile(
    r"\b(?:the|a|their|this)\s+(?:(?:tele)?phone\s+)?call\b(?!\s+on\b)", re.I
)
# A sentence about the visit told before: 'The four-day state visit marks …'.
_ANAPHORIC = re.compile(r"(?:The|This|That|His|Her|Their)\s+(?:[\w-]+\s+){0,3}visit\b")
# 'since taking office in June', 'until 2030': the date bounds something else.
_BOUND_BEFORE = re.compile(
    r"\b(?:since|until|till|took\s+office|taking\s+office|elected)\b(?:\s+\w+){0,3}\s+(?:in\s+)?$",
    re.I,
)
# 'departed for China for summit talks', 'arrives … for bilateral talks': talks to come.
_PURPOSE = re.compile(r"\bfor\s+(?:(?:bi-?lateral|summit|official)\s+)?$", re.I)
_SOURCE = re.compile(r"\baccording\s+to\b", re.I)
SOURCE_CHARS = 60  # the source a sentence quotes is named right after 'according to'
_MODAL = re.compile(r"\b(?:could|would|might|may)\b")
_SEPARATE = re.compile(r"\bseparate(?:ly)?\b", re.I)
NEWS_WINDOW_DAYS = 6  # a past event a dated report tells without its own date: that week
_SPEECH = re.compile(r"\b(?:said|stressed|added|recalled|noted|told|stated|explained)\b")
_AT_PLACE = re.compile(
    r"\b(?:at|in)\s+(?:the\s+)?(?P<place>[A-Z][\w’'-]*(?:\s+(?:of|in|de|the)?\s*[A-Z][\w’'-]*){0,6})"
)
_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_VISIT_DESTINATION = re.compile(
    rf"\bto\s+(?:the\s+)?(?P<place>{country_pattern().pattern}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
_DURING_VISIT = re.compile(r"\b(?:during|while|in the course of|on the sidelines of)\b", re.I)


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


class _Context:
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
        roles = _ROLE.finditer(sentence.text) if _ROLE_TITLE.search(sentence.text) else ()
        for m in roles:
            start = sentence.start + m.start()
            if any(s <= start < e for s, e in covered):
                continue
            country = find_country(m.group("adj")) if m.group("adj") else None
            key = self._by_title(_role_title(m.group("title")), country)
            if key is not None:
                refs.append(_Ref(key, start))
        heads = _HEAD_ROLE.finditer(sentence.text) if _HEAD_WORD.search(sentence.text) else ()
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
                    if o.country == country and any(_LEADER.match(t) for t, _ in o.titles)
                ]
                key = leaders[0] if len(leaders) == 1 else None
            else:
                key = self._by_title(_role_title(title.capitalize()), country)
            if key is not None:
                refs.append(_Ref(key, start))
        for m in _POST_WORD.finditer(sentence.text):  # "Ireland's State Minister … signed"
            start = sentence.start + m.start()
            if any(s <= start < e for s, e in covered) or any(r.start == start for r in refs):
                continue
            owner = _COUNTRY_BEFORE.search(sentence.text[max(0, m.start() - 40) : m.start()])
            if owner:
                key = self._by_title(m.group(0).lower(), find_country(owner.group("c")))
                if key is not None:
                    refs.append(_Ref(key, start - len(owner.group(0))))
        if self.author is not None and not _QUOTES.search(sentence.text):
            refs += [
                _Ref(self.author, sentence.start + m.start()) for m in _I.finditer(sentence.text)
            ]
        for m in _PRONOUN.finditer(sentence.text):
            start = sentence.start + m.start()
            earlier = sorted((r for r in refs if r.start < start), key=lambda r: r.start)
            key = self.subject
            if m.group(0).lower() in {"him", "her"} and earlier:
                key = earlier[0].official  # 'He recalled … still made time to meet him'
            elif earlier and _SUBORDINATE_START.match(sentence.text):
                key = earlier[0].official  # 'When PM Kishida visited Manila, he …'
            if key is not None:
                refs.append(_Ref(key, start, pronoun=True))
        absent = _ABSENT.search(sentence.text)
        if absent:  # 'messages from X': X was not there
            refs = [r for r in refs if r.start < sentence.start + absent.start()]
        for source in _SOURCE.finditer(sentence.text):  # 'according to H.E. X, Assistant of …'
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


def _is_minister(official: OfficialCandidate) -> bool:
    titles = " ".join(t.lower() for t, _ in official.titles)
    return "minister" in titles and "prime minister" not in titles


# A day told relative to the report ('today', 'on Monday'): meaningless without its date.
_RELATIVE_DAY = re.compile(
    r"(?:(?:on|last|this|next)\s+)?(?:yesterday|today|tomorrow|tonight|last\s+night|"
    r"this\s+(?:morning|afternoon|evening)|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)",
    re.I,
)


def _unique(keys) -> list[int]:
    return list(dict.fromkeys(keys))


MAX_DATE_GAP = 100  # characters between a meeting wording and a date that belongs to it
COMPANION_CHARS = 600  # how far apart two events told together may stand


def _nearest_date(
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
        if _BOUND_BEFORE.search(sentence.text[: d.start - sentence.start]):
            continue  # 'since taking office in June last year': a bound, not the event's day
        if gap <= MAX_DATE_GAP or opening or alone:
            usable.append((not (prefer_range and d.range.start != d.range.end), gap, d.range))
    return min(usable, key=lambda u: (u[0], u[1]))[2] if usable else None


def _place(sentence: Sentence, after: int) -> str | None:
    for m in _AT_PLACE.finditer(sentence.text):
        if sentence.start + m.start() < after - 200:
            continue
        place = re.split(rf"\s+in\s+(?={_MONTH_NAMES})", m.group("place"))[0].strip()
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
    m = _VISIT_DESTINATION.search(sentence.text, max(0, at - sentence.start))
    if not m:
        return None
    code = find_country(m.group("place"))
    return BY_CODE[code].name if code else m.group("place")


_N_DAYS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_DAY_VISIT = re.compile(r"\b(?P<n>two|three|four|five|six|seven|eight|[2-8])[- ]day\b", re.I)
_ARRIVAL = re.compile(r"\b(?:arriv\w+|began|begins|started|starts|kick\w*\s+off)\b", re.I)
_DEPART = re.compile(r"\b(?:conclud\w+|ended|ends|wrapp\w+\s+up|left|leaves|departed)\b", re.I)


def _visit_span(dates: DateRange | None, sentence: str) -> DateRange | None:
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
    context = _Context(people, officials, _author(text, sentences, people))
    if document_days is not None:
        published, day_anchor = document_days
    else:
        published = published_on or header_day(text)
        # 'today' needs the report's day; a reference that is only a year's end is none.
        day_anchor = published or latest_stated_day(text)
    calls = bool(_CALL_MENTION.search(text))
    told: set[int] = set()
    found: list[MeetingCandidate] = []
    visit: MeetingCandidate | None = None
    last_day = None  # the day the sentence before told, if one
    for sentence in sentences:
        refs = context.refs(sentence)
        dates = [
            DateMention(sentence.start + d.start, sentence.start + d.end, d.text, d.range, True)
            for d in find_dates(sentence.text, reference, bool(_FUTURE.search(sentence.text)))
            if day_anchor or not _RELATIVE_DAY.fullmatch(d.text)
        ]
        span = Span(sentence.start, sentence.end, sentence.text)
        plural = _PLURAL.search(sentence.text)
        events: list[MeetingCandidate] = []

        for m in VISIT.finditer(sentence.text):
            at = sentence.start + m.start()
            destination = _destination(sentence, at)
            dest_code = find_country(destination) if destination else None
            invited = re.search(r"invitation\s+of\b", sentence.text, re.I)
            possessive = re.search(
                r"\b(?:his|her|their)\s+(?:\S+\s+){0,3}$", text[max(sentence.start, at - 40) : at]
            )
            after = [r for r in refs if r.start > at and not r.pronoun]
            keys = [r.official for r in refs if r.start < at and not r.pronoun]
            agent = after[0] if after else None
            if (
                agent
                and re.search(r"\b(?:by|of)\b", text[at : agent.start])
                and agent.start - at < 90
            ):
                keys.append(agent.official)
            if possessive:
                visitors = [k for m2, k in people.in_sentence(sentence.index) if m2.visiting]
                visitors = visitors or [
                    k for k in _unique(keys) if officials[k].country not in (None, dest_code)
                ]
                # 'President Samia Suluhu yesterday made her maiden visit to Kenya': the one
                # named just before 'her visit' made it, whatever her country.
                subject = [r.official for r in refs if at - 120 < r.start < at and not r.pronoun]
                if not visitors and not invited and subject:
                    visitors = subject[-1:]
                host = []
                if invited:
                    host = [
                        r.official for r in refs if invited.start() + sentence.start < r.start < at
                    ]
                keys = visitors[:1] + host
            if m.group(0).lower().startswith("visit") and not possessive:
                # 'when Xi visited South Korea': the one named just before the verb visited.
                near = [r.official for r in refs if at - 60 < r.start < at and not r.pronoun]
                keys = near[-1:] or keys[-1:]
            participants = _unique(keys)
            if not participants and context.subject is not None and _ANAPHORIC.match(sentence.text):
                participants = [context.subject]  # 'The four-day state visit marks …'
            if not participants:
                continue
            hosts = [
                k
                for k in participants
                if officials[k].country and officials[k].country == dest_code
            ]
            if invited and dest_code:  # the one who invites is the host: of the visited country
                for r in refs:
                    if (
                        invited.start() + sentence.start < r.start < at
                        and officials[r.official].country is None
                    ):
                        officials[r.official].country = dest_code
                        hosts.append(r.official)
            candidate = MeetingCandidate(
                kind="official_visit",
                title="",
                dates=_nearest_date(
                    [
                        d
                        for d in dates
                        if d.start < at + len(m.group(0))
                        or not _OTHER_CLAUSE.search(text[at + len(m.group(0)) : d.start])
                    ],
                    at,
                    at + len(m.group(0)),
                    sentence,
                    prefer_range=True,
                ),
                location=destination,
                participants=participants,
                hosts=_unique(hosts),
                countries={dest_code} if dest_code else set(),
                evidence=[span],
            )
            candidate.dates = _visit_span(candidate.dates, sentence.text)
            events.append(candidate)

        wordings = _WORDINGS
        escorts = (
            [e.span() for e in _ESCORT.finditer(sentence.text)] if " by " in span.quote else []
        )
        if calls:
            wordings = [("phone_call", _SPOKE_WITH), *wordings]
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
                        ministers = [k for k in context.recent if _is_minister(officials[k])]
                        if len(ministers) >= 2:
                            principals = ministers[-2:]
                    keys = list(principals) + keys
                participants = _unique(keys)
                opener = _OTHER_EVENT.match(sentence.text[: m.start()])
                comma = sentence.text.find(",", m.end()) if opener and kind in TALKS else -1
                if comma != -1:
                    # 'Prior to her meeting with the FM, A called on B': that meeting is A's
                    # with the people of the clause, not with B.
                    stop = sentence.start + comma
                    inside = [r.official for r in refs if at <= r.start < stop and not r.pronoun]
                    subject = [r.official for r in refs if r.start > stop and not r.pronoun]
                    participants = _unique(inside + subject[:1])
                # 'after/before the talks': the sentence's date is another event's. 'During
                # the talks' or 'departed … for summit talks': likewise, though the talks may
                # be on that very day; the date comes from the visit or the report.
                backward = _SUBORDINATE.search(sentence.text[: m.start()])
                purpose = _PURPOSE.search(sentence.text[: m.start()]) and _DEPARTURE.search(
                    sentence.text[: m.start()]
                )
                own_date = (
                    None
                    if backward or purpose
                    else _nearest_date(dates, at, at + len(m.group(0)), sentence)
                )
                earlier = [d for d in dates if d.end <= at]
                if backward and backward.group(1).lower() == "during" and earlier:
                    # 'was made this morning by X during his meeting with Y': the main
                    # clause's date, told before, is the meeting's day.
                    own_date = _nearest_date(earlier, at, at + len(m.group(0)), sentence)
                # A named gathering ('the ASEAN-Japan Commemorative Summit') is no talk between
                # the people the sentence names: like a ceremony, it needs its own date and a
                # verb of holding, or people who hosted or attended it.
                named_event = bool(re.search(r"\b(?:Summit|Conference|Forum)s?\b", m.group(0)))
                gathering = kind in {"dialogue", "ceremony", "other"} or named_event
                held = bool(own_date and HELD.search(sentence.text)) or bool(
                    kind == "ceremony" and participants and _ACCORDED.search(sentence.text)
                )  # 'X was accorded a ceremonial welcome': a welcome told with its guest
                hosted = len(participants) >= 2 and bool(_HOSTED.search(sentence.text))
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
                separate = kind != "official_visit" and _SEPARATE.search(sentence.text)
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

        events += _joint_events(sentence, refs, dates, events, visit, officials)
        # 'X attended the ceremony on Sunday evening. The two leaders then held talks': what
        # follows 'then' without a date of its own is on the day the sentence before told.
        if not dates and last_day is not None and _THEN.search(sentence.text):
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
                or _DURING_VISIT.search(sentence.text)
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
            and _CHAIRED_BY.match(sentence.text)
        ):
            chairs = _unique([r.official for r in refs if not r.pronoun])
            if len(chairs) >= 2:
                found[-1].participants = chairs
                found[-1].evidence.append(span)
        found.extend(events)
        context.advance(sentence, refs)

    _speakers_join_ceremonies(found, sentences, people)
    _counterparts_countries(found, officials, text)
    _date_from_companions(found)
    found = [e for e in found if id(e) in told or not _part_of_talks(e, found)]
    merged = _merge(found)
    _date_news_events(merged, published)
    for event in merged:
        if event.kind == "bilateral_meeting" and _leaders_only(event, officials):
            event.kind = "summit"  # heads of state or government together
        event.topics = topics_in(" ".join(_paragraph(text, s.start) for s in event.evidence))
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


_LEADER = re.compile(
    r"^(?:(?:acting|interim|incoming)\s+)?(?:president|prime\s+minister|premier|chancellor|king|"
    r"queen|emperor|sultan|emir|amir|crown\s+prince|head\s+of\s+state|taoiseach)"
    r"(?:\s+of\b(?!.*\b(?:senate|assembly|parliament|house|court|council|committee|commission|"
    r"party|bank|fund|board|congress)\b).*)?$",
    re.I,
)


def _leaders_only(event: MeetingCandidate, officials: list[OfficialCandidate]) -> bool:
    """Every participant holds a head of state's or government's post (not a vice's), and
    no other post."""
    if len(event.participants) < 2:
        return False
    # Every post a leader: one who is also 'Senate President' may no longer lead.
    return all(
        officials[k].titles
        and all(_LEADER.match(_without_country(t)) for t, _ in officials[k].titles)
        for k in event.participants
    )


def _without_country(title: str) -> str:
    """A title as worded, its country out: 'Japanese Prime Minister', 'China's President'
    -> 'Prime Minister', 'President'; 'Cambodian Senate President' -> 'Senate President'."""
    for start, end, _code in reversed(countries_in(title)):
        title = title[:start] + title[end:]
    return re.sub(r"^\s*(?:[’']s\b)?\s*", "", title).strip()


def _date_news_events(merged: list[MeetingCandidate], published) -> None:
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
        if all(_ANNOUNCED.search(s.quote) for s in event.evidence):
            continue  # 'arrives … for bilateral talks': not yet held, its day unknown
        event.dates = parent.dates if parent is not None and parent.dates else week


def _joint_events(sentence, refs, dates, events, visit, officials) -> list[MeetingCandidate]:
    """Meetings no meeting word names: two officials of different countries acting together
    ('he and President Marcos agreed …'), or a document 'signed … by A and B'."""
    span = Span(sentence.start, sentence.end, sentence.text)
    # 'Marcos Jr.' or 'Mr.' do not end the clause.
    masked = _ABBREVIATION_DOT.sub(lambda m: m.group(1) + "·", sentence.text)
    out = []
    for pattern, kind in ((_SIGNED_BY, "ceremony"), (_JOINT, "bilateral_meeting")):
        for m in pattern.finditer(masked):
            if kind == "bilateral_meeting" and re.search(r"signed|witnessed", m.group(0)):
                kind = "ceremony"  # 'A and B signed …' is a signing
            at, end = sentence.start + m.start(), sentence.start + m.end()
            if kind == "ceremony":
                people = [r.official for r in refs if end <= r.start < end + SIGNATORY_CHARS]
            else:
                people = [r.official for r in refs if at - 90 <= r.start < end]
            people = _unique(people)
            countries = {officials[k].country for k in people}
            if len(people) < 2 or (None not in countries and len(countries) < 2):
                continue
            if any(set(people) <= set(e.participants) for e in events):
                continue  # a meeting the sentence names already
            if _PLURAL.search(sentence.text[: m.start()]) and visit is not None:
                continue
            out.append(
                MeetingCandidate(
                    kind=kind,
                    title="",
                    dates=_nearest_date(dates, at, end, sentence, strict=True),
                    location=None,
                    participants=people,
                    countries=set(),
                    evidence=[span],
                )
            )
            break
    return out


def _counterparts_countries(found, officials, text: str) -> None:
    """In a document about two countries, the other side of a two-person meeting with an
    official of one of them comes from the other: 'Korean FM Cho … courtesy call on Prime
    Minister Hun Manet' in a Korea-Cambodia text makes Hun Manet Cambodian."""
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


def _part_of_talks(event: MeetingCandidate, found: list[MeetingCandidate]) -> bool:
    """A signing ceremony between people who held talks the same day belongs to the talks."""
    if event.kind != "ceremony" or not event.participants:
        return False
    return any(
        other.kind in TALKS
        and set(event.participants) <= set(other.participants)
        and (event.dates is None or other.dates is None or event.dates.overlaps(other.dates))
        for other in found
    )


def _date_from_companions(found: list[MeetingCandidate]) -> None:
    """'X met Y on 2 June. X also paid a courtesy call on Z': the call has X's occasion's date."""
    for i, event in enumerate(found):
        if event.dates is not None:
            continue
        for earlier in reversed(found[:i]):
            near = event.evidence[0].start - earlier.evidence[0].start < COMPANION_CHARS
            if near and earlier.dates and set(earlier.participants) & set(event.participants):
                event.dates = earlier.dates
                break


def _paragraph(text: str, position: int) -> str:
    start = text.rfind("\n\n", 0, position) + 2
    end = text.find("\n\n", position)
    return text[max(start, 0) : end if end != -1 else len(text)]


def _speakers_join_ceremonies(found, sentences, people: People) -> None:
    """A ceremony reported with no named guests: the officials quoted speaking took part."""
    bare = [e for e in found if e.kind == "ceremony" and not e.participants]
    if len(bare) != 1:
        return
    speakers: list[int] = []
    for sentence in sentences:
        for m, key in people.in_sentence(sentence.index):
            tail = sentence.text[m.end - sentence.start :]
            if _SPEECH.search(tail[:120]) and key not in speakers:
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
    target.participants = _unique(target.participants + event.participants)
    target.hosts = _unique(target.hosts + event.hosts)
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
