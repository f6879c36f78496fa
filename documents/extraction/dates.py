"""Date expressions in text, resolved against the document's date, with their precision.

Handles what newsrooms and ministries write: `5-6 July 2024`, `from 21 to 24 January
2023`, `from January 21-24`, `September 3, 2021`, `Jan. 9`, `in November 2022`, `in
January this year`, `last year`, `later this year`, `yesterday`, `on Thursday`, `in 1955`.
Durations (`30 years`, `10-year`) and ordinals (`the 70th`) are not dates. An expression
that needs a reference date the document does not give resolves to nothing: unknown, never
guessed.
"""

import bisect
import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from documents.extraction.candidates import DateRange
from documents.extraction.caseless import Caseless, Folded

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# A month's name, in full or abbreviated (`Sept.`); `MONTHS` reads it (lower case, no dot).
MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_MONTH = "(?P<{}>" + MONTH_NAME + ")"
_M1, _M2 = _MONTH.format("m1"), _MONTH.format("m2")
_D1, _D2 = r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?", r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<y>(?:1[89]|20)\d\d)"
_DASH = r"\s*[-–—]\s*"
_TO = r"\s*(?:[-–—]|\bto\b|\buntil\b|\btill\b|\band\b|\bthrough\b)\s*"

# Most specific first; each pattern's named groups say what it carries.
_PATTERNS = [
    r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>0?[1-9]|1[0-2])-(?P<d1>0?[1-9]|[12]\d|3[01])\b(?!-)",  # ISO
    rf"\b{_M1}\s+{_D1}\s*/\s*{_Y}\b",  # January 12/2023 (Ethiopian News Agency datelines)
    rf"\b{_D1}\s+{_M1}{_TO}{_D2}\s+{_M2},?\s+{_Y}\b",  # 30 June - 2 July 2024
    rf"\b{_M1}\s+{_D1}{_TO}{_M2}\s+{_D2},?\s+{_Y}\b",  # June 30 - July 2, 2024
    rf"\b{_D1}{_TO}{_D2}\s+{_M1},?\s+{_Y}\b",  # 5-6 July 2024, 21 to 24 January 2023
    rf"\b{_M1}\s+{_D1}{_DASH}{_D2},?\s+{_Y}\b",  # July 5-6, 2024
    rf"\b{_D1}\s+{_M1},?\s+{_Y}\b",  # 10 July 2024
    rf"\b{_M1}\s+{_D1},?\s+{_Y}\b",  # September 3, 2021
    rf"\b{_M1}\s+{_D1}{_TO}{_D2}\b(?!\s*,?\s*\d)",  # January 21-24
    rf"\b{_D1}{_TO}{_D2}\s+{_M1}\b",  # 21-24 January
    rf"\b{_M1}\s+(?P<rel>this|last|next)\s+year\b",  # January this year
    rf"\b{_M1},?\s+{_Y}\b",  # November 2022
    rf"\b{_D1}\s+{_M1}\b",  # 9 January
    rf"\b{_M1}\s+{_D1}\b(?!,?\s*\d)",  # Jan. 9
    rf"\b(?:in|since|during|early|late|mid|mid-|by|from|last|this|next)\s+{_M1}\b",  # in July
    r"\b(?P<rel>last|this|next|later this|earlier this|early this|late last)\s+(?P<unit>year|month|week)\b",  # noqa: E501
    r"\b(?P<day>yesterday|today|tomorrow|this morning|this afternoon|this evening|tonight|last night)\b",  # noqa: E501
    r"\b(?:on|last|this|next)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!\s*,?\s*\(?\[?(?:\d|[A-Z][a-z]+\s+\d))",
    rf"\b(?P<yctx>in|since|during|of|year|the year|early|late|mid-|by|until|before|after)\s+{_Y}\b",
    rf"(?<![\d/.-]){_Y}(?![\d/%-]|\s*(?:years?|per\b|percent))",
]
_COMPILED = [Caseless(p) for p in _PATTERNS]
# What each pattern cannot match without: a month's name, a digit, or nothing cheaper to
# test (the relative words). A text without a month's name skips every pattern that needs
# one, which is most of them: the answer is the same, found sooner.
_ANY_MONTH = Caseless(_MONTH.format("m"))
_ANY_DIGIT = Caseless(r"\d")
_NEEDS = [
    _ANY_MONTH if "(?P<m1>" in p else _ANY_DIGIT if "(?P<y>" in p else None for p in _PATTERNS
]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    range: DateRange | None
    explicit_year: bool  # the text states the year itself


def _month(name: str | None) -> int | None:
    return MONTHS.get(name.lower().rstrip(".")) if name else None


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_range(y: int, m: int) -> DateRange:
    return DateRange(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month")


def _year_range(y: int) -> DateRange:
    return DateRange(date(y, 1, 1), date(y, 12, 31), "year")


def _resolve(groups: dict, ref: date | None, future: bool = False) -> tuple[DateRange | None, bool]:
    g = {k: v for k, v in groups.items() if v is not None}
    year = int(g["y"]) if "y" in g else None
    explicit = year is not None
    m1, m2 = _month(g.get("m1")) or (int(g["mo"]) if "mo" in g else None), _month(g.get("m2"))
    d1, d2 = (int(g["d1"]) if "d1" in g else None), (int(g["d2"]) if "d2" in g else None)

    if "day" in g:
        if ref is None:
            return None, False
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(g["day"].lower(), 0)
        day = ref + timedelta(days=offset)
        return DateRange(day, day, "day"), False
    if "wd" in g:
        if ref is None:
            return None, False
        # A past event on a weekday: the latest such day on or before the reference; an
        # announced one ('will hold talks on Monday'): the first on or after it.
        back = (ref.weekday() - WEEKDAYS.index(g["wd"].lower())) % 7
        day = ref - timedelta(days=back)
        if future and back:
            day += timedelta(days=7)
        return DateRange(day, day, "day"), False
    if "unit" in g:
        if ref is None:
            return None, False
        rel = g["rel"].lower()
        shift = -1 if "last" in rel else 1 if rel == "next" else 0
        if g["unit"].lower() == "year":
            return _year_range(ref.year + shift), False
        if g["unit"].lower() == "month":
            first = date(ref.year, ref.month, 1)
            if shift < 0:
                first = (first - timedelta(days=1)).replace(day=1)
            elif shift > 0:
                first = (first + timedelta(days=32)).replace(day=1)
            return _month_range(first.year, first.month), False
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        return DateRange(monday, monday + timedelta(days=6), "day"), False
    if "rel" in g and m1:  # January this year
        if ref is None:
            return None, False
        shift = {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
        return _month_range(ref.year + shift, m1), False
    if year is None:
        if ref is None:
            return None, False
        year = ref.year
        # News reports what happened: a day months after the reference is last year's.
        if m1 and (m1 - ref.month) > 3:
            year -= 1
    if m1 is None:  # a year alone
        if g.get("yctx", "").lower() in {"by", "until", "before"}:
            return None, explicit  # a deadline or a bound, not an event's date
        return _year_range(year), explicit
    if d1 is None:
        return _month_range(year, m1), explicit
    start = _day(year, m1, d1)
    end = _day(year, m2 or m1, d2) if d2 is not None else start
    if start is None or end is None:
        return None, explicit
    if end < start:  # 30 December - 2 January
        end = _day(year + 1, m2 or m1, d2) or start
    return DateRange(start, end, "day"), explicit


def find_dates(text: str, ref: date | None, future: bool = False) -> list[DateMention]:
    """Every date expression in text, in order, longest match first where they overlap.
    `future`: the text announces what will happen, so a bare weekday is the coming one."""
    return list(_find_dates(text, ref, future))


@lru_cache(maxsize=512)  # stages ask about the same sentences and the same whole text
def _find_dates(text: str, ref: date | None, future: bool = False) -> tuple[DateMention, ...]:
    taken: list[tuple[int, int]] = []  # spans already read, sorted, none overlapping
    found: list[DateMention] = []
    present: dict[Caseless, bool] = {}
    folded = Folded.of(text)  # the groups read are lowered: `_resolve` reads any case
    for pattern, needs in zip(_COMPILED, _NEEDS, strict=True):
        if needs is not None:
            if needs not in present:
                present[needs] = needs.search(folded) is not None
            if not present[needs]:
                continue
        for m in pattern.finditer(folded):
            if m.start() == m.end() or _overlaps(taken, m.start(), m.end()):
                continue  # (an empty match is no date)
            rng, explicit = _resolve(m.groupdict(), ref, future)
            bisect.insort(taken, (m.start(), m.end()))
            found.append(DateMention(m.start(), m.end(), text[m.start() : m.end()], rng, explicit))
    return tuple(sorted(found, key=lambda d: d.start))


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether start..end overlaps a span of `taken` (sorted, none overlapping another): only
    the last span beginning before `end` can, so one look, not a scan of every date found."""
    at = bisect.bisect_left(taken, (end, end))
    return at > 0 and taken[at - 1][1] > start


def latest_stated_day(text: str) -> date | None:
    """The latest day a text states with its year ('21-24 January 2023' -> 24 January)."""
    days = [
        d.range.end
        for d in find_dates(text, None)
        if d.range and d.explicit_year and d.range.precision == "day"
    ]
    return max(days) if days else None


HEADER_CHARS = 400  # a headline, a byline and a dateline fit in this


def header_day(text: str) -> date | None:
    """The day a header states with its year, after the headline: a date line ('2018-01-29',
    'Posted Nov 4, 2019 8:15 pm'), a dateline ('AKP Phnom Penh, June 18, 2018 —', 'ENA
    December 2/2019'). The headline itself may quote an event's date, so it does not count."""
    first = text.find("\n")
    if first == -1:
        return None
    head = text[first : first + HEADER_CHARS]
    for d in find_dates(head, None):
        if d.range and d.explicit_year and d.range.precision == "day":
            return d.range.start
    return None


def reference_date(text: str, published_on: date | None) -> date | None:
    """The date that relative expressions count from: the publication date, or else the
    latest day the text itself states with its year (a press release dated by its events)."""
    if published_on:
        return published_on
    day = header_day(text)
    if day:
        return day
    day = latest_stated_day(text)
    if day:
        return day
    years = [
        d.range.end
        for d in find_dates(text, None)
        if d.range and d.explicit_year and d.range.precision in {"month", "year"}
    ]
    return max(years) if years else None
