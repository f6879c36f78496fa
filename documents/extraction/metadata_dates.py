"""The publication date stated in a text: full dates and numeric days, timestamps and their
labels, datelines at the start of a paragraph, credits with a date."""

import datetime as dt
import re

from documents.extraction import credits
from documents.extraction.dates import MONTH_NAME, MONTHS, WEEKDAYS, find_dates

_YEAR = r"(?P<y>(?:1[89]|20)\d\d)"
# Year first is never ambiguous: `2026-01-06`, `2023/10/17`, `2023.10.17`.
_ISO = re.compile(
    rf"(?<![\d/.-]){_YEAR}(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?![\d/-]|\.\d)"
)
_NUMERIC = re.compile(rf"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.]{_YEAR}\b")
_MONTH_SLASH_YEAR = re.compile(  # `January 12/2023` (Ethiopian News Agency)
    rf"\b(?P<mon>{MONTH_NAME})\s+"
    rf"(?P<d>[0-3]?\d)\s*/\s*{_YEAR}\b",
    re.I,
)
_WEEKDAY = re.compile(
    r"\b(?P<w>Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday|s|\.)?\b", re.I
)
# What a date stamp may carry besides the date: a time, a time zone, a weekday, a label.
_STAMP_NOISE = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?|\b\d{3,4}\s*hrs\b|\bhrs\b|"
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b|"
    r"(?<![^\W\d_])(?:last\s+)?(?:published|posted|updated|modified|date[ds]?|released|issued|"
    r"created|written|time|on|at|am|pm)\b",
    re.I,
)
_TIME_ZONE = re.compile(r"\b(?:[A-Z]{1,3}[SD]?T|UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?(?!\w)")
# Capitalised, as a page prints it (`Last Updated :`), not a verb of a sentence.
_STAMP_LABEL = re.compile(
    r"\b(?:(?:Last|LAST)\s+)?(?:Published|Posted|Updated|Released|Issued|Dated|PUBLISHED|POSTED|"
    r"UPDATED|RELEASED|ISSUED|DATED)\s*(?:on|at)?\s*[:：–—-]?\s*"
)


def _full_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every day stated with its year: `2026-01-06`, `03/06/2013` (where certain),
    `January 12/2023`, `June 18, 2018`, `Oct 19 2024`, in order of position."""
    found: list[tuple[int, int, dt.date]] = []

    def add(start, end, day):
        if day and not any(start < e and s < end for s, e, _ in found):
            found.append((start, end, day))

    for m in _ISO.finditer(text):
        add(m.start(), m.end(), _day(int(m["y"]), int(m["m"]), int(m["d"])))
    for m in _MONTH_SLASH_YEAR.finditer(text):
        month = MONTHS[m["mon"].lower().rstrip(".")]
        add(m.start(), m.end(), _day(int(m["y"]), month, int(m["d"])))
    for m in _NUMERIC.finditer(text):
        add(m.start(), m.end(), _numeric_day(m, text))
    if re.search(r"\d", text):
        for d in find_dates(text, None):
            r = d.range
            if r and d.explicit_year and r.precision == "day" and r.start == r.end:
                add(d.start, d.end, r.start)
    return sorted(found)


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _numeric_day(m: re.Match, text: str) -> dt.date | None:
    """`03/06/2013` is 6 March or 3 June: a number above 12 or a weekday stated next to it
    (`Wed, 03/06/2013`) settles which; otherwise the day is not certain."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    readings = {d for d in (_day(y, a, b), _day(y, b, a)) if d}
    if len(readings) > 1:
        near = _WEEKDAY.search(text[max(0, m.start() - 15) : m.end() + 15])
        if near:
            wanted = next(i for i, w in enumerate(WEEKDAYS) if w.startswith(near["w"].lower()))
            readings = {d for d in readings if d.weekday() == wanted}
    return readings.pop() if len(readings) == 1 else None


def _stamp(line: str) -> dt.date | None:
    """The line is a date stamp and nothing else (`2026-01-06`, `Wed, 03/06/2013 - 14:41`,
    `On Thursday June 4, 2009`, `Posted Nov 4, 2019 8:15 pm EST`, `BDST: 2143 HRS, OCT 20,
    2014`): the one day it states."""
    if len(line) > 80:
        return None
    days = _full_dates(line)
    if len({d for _, _, d in days}) != 1:
        return None
    rest = line
    for start, end, _ in reversed(days):
        rest = rest[:start] + " " + rest[end:]
    rest = re.sub(r"\[[^\]]{0,40}\]", " ", rest)  # `[Provisional translation]`
    rest = _TIME_ZONE.sub(" ", _STAMP_NOISE.sub(" ", rest))
    return days[0][2] if not re.sub(r"[\W_]+", "", rest) else None


_STAMP_LEAD = re.compile(
    r"(?:[\s,:;|–—-]|\b(?:Last\s+)?(?:Published|Posted|Updated|Modified|Released|Issued|Dated|"
    r"On|at)\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\b\.?)*$",
    re.I,
)


def split_stamp(line: str) -> tuple[str, dt.date | None]:
    """A line that ends in a date stamp, once mended lines have run together: `Source: AKP
    2018-01-29`, `by The Associated Press Posted Nov 4, 2019 8:15 pm EST`, `BY SARAH KIM
    [kim.sarah@joongang.co.kr] 2026-01-06`. The words before the stamp, and its day."""
    if day := _stamp(line):
        return "", day
    for start, _end, _found in _full_dates(line):
        if start and (day := _stamp(line[start:])):
            prefix = line[:start]
            prefix = prefix[: _STAMP_LEAD.search(prefix).start()].strip()
            if credit_words(prefix):
                return prefix, day
    dates = _full_dates(line)
    if dates and dates[0][0] == 0:  # `30 March 2017, Male’;`: the date, then the place
        rest = line[dates[0][1] :]
        if re.fullmatch(r"\s*,\s*[A-Z][\w'’. -]{1,30}[;.,’']*\s*", rest):
            return "", dates[0][2]
    return line, None


def credit_words(prefix: str) -> bool:
    """`Source: AKP`, `BY SARAH KIM [kim.sarah@joongang.co.kr]`, `Phnom Penh,`: names, labels
    and addresses, not a sentence (`The meeting took place on 5 March 2024`)."""
    prefix = re.sub(r"\S+@\S+|^(?:by|source|from)\b", " ", prefix, flags=re.I)
    words = re.findall(r"[^\W\d_][\w'’.-]*", prefix)
    return all(w[0].isupper() or w in SMALL_WORDS for w in words)


def leading_stamp(line: str) -> dt.date | None:
    """A date opening the paragraph before a dash: `Wednesday, May 5, 2021 – Tanzanian ...`."""
    m = re.match(r"^(?P<d>.{6,60}?)\s*(?:[–—]|--?)\s", line)
    if not m or len(line) < m.end() + 40 or _EVENT_WORD.match(m["d"].split()[0]):
        return None
    return _stamp(m["d"])


def labelled_day(line: str) -> dt.date | None:
    """`Last Updated : Oct 19 2024 | 12:51 PM IST`, `Updated: 2007-12-22 14:33` inside a line."""
    for m in _STAMP_LABEL.finditer(line):
        days = _full_dates(line[m.end() : m.end() + 40])
        if days and days[0][0] == 0:
            return days[0][2]
    return None


def dateline_day(paragraph: str, text: str) -> dt.date | None:
    """The date of a dateline opening the first paragraph: `AKP Phnom Penh, June 18, 2018 —`,
    `Addis Ababa (ENA) January 12/2023`. A dateline without a year (`SEOUL, Jan. 4
    (Yonhap) --`) takes it only from the same day stated in full elsewhere in the text."""
    head = paragraph[:90]
    credited = credits.dateline_credit(paragraph) is not None

    def closes(end: int) -> bool:  # a dateline ends in a dash or a credit, a sentence does not
        return credited or bool(re.match(r"\s*(?:\([^()]{2,40}\)\s*)?[-–—:]", head[end:]))

    for start, end, day in _full_dates(head):
        if start <= 50 and _only_dateline_words(head[:start]) and closes(end):
            return day
        break
    m = re.match(
        r"^(?P<pre>(?:[A-Z][\w'’.-]*[ ,]+){0,4})(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>[0-3]?\d)\b",
        head,
    )
    if m and m["mon"].lower() in MONTHS and _only_dateline_words(m["pre"]) and closes(m.end()):
        month, day = MONTHS[m["mon"].lower()], int(m["d"])
        same = {d for _, _, d in _full_dates(text) if (d.month, d.day) == (month, day)}
        if len(same) == 1:
            return same.pop()
    return None


def _only_dateline_words(prefix: str) -> bool:
    """`Addis Ababa (ENA) `, `AKP Phnom Penh, `: capitalised words, a credit, punctuation."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", prefix)
    return (
        len(prefix) <= 50
        and all(w[0].isupper() for w in words)
        and not (words and _EVENT_WORD.match(words[0]))
    )


# `On March 5, 2024 the minister ...` opens with the event's date, not a dateline.
_EVENT_WORD = re.compile(
    r"^(?:On|In|During|From|Since|Until|By|After|Before|At|As|Last|This|Next|Early|Late)$"
)


# --- The document's head ----------------------------------------------------------------


SMALL_WORDS = {"of", "and", "the", "for", "on", "in", "to", "at", "&"}
