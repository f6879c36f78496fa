"""Stage 1: what a document says about itself — title, publisher, byline, date, kind.

Read from the head of the text (letterheads, the headline, a dateline, a byline, a
`Published:` stamp), from the first paragraph's dateline (`SEOUL, Jan. 4 (Yonhap) --`)
and from the close (a `Source:` line, a `-VNA` credit, a timestamp). A document that states
no publication date gets none: the date is never guessed from the events it reports.
"""

import datetime as dt
import re

from documents.extraction import credits
from documents.extraction.candidates import DocumentMeta
from documents.extraction.dates import MONTH_NAME, MONTHS, WEEKDAYS, find_dates

HEAD_PARAGRAPHS = 12
_NEWS_WORDS = r"Post|Times|Herald|News|Daily|Journal|Gazette|Tribune|Press|Chronicle|Review|Monitor|Agency|Express|Observer|Telegraph|Mail|Star|Globe|Khmer|Kyodo|Nikkei|Xinhua|Reuters|Bernama|Mirror|Standard|Courier|Sun|Nation|Inquirer|Dispatch|Leader|Guardian|Independent|Insider|Diplomat|Today|Online|Network|Broadcasting|Radio|Television|TV|Reporter|Citizen|Shimbun|Ilbo|Sinmun|Newswire|Wire|Bulletin|Examiner|Enquirer|Messenger|Sentinel|Weekly|Magazine|Digest|Digital"  # noqa: E501
# Page furniture that looks like a masthead: `Related News`, `Latest News`, `Press Release`.
_NOT_MASTHEAD = (
    r"(?i:Related|More|Latest|Top|Recent|Other|Breaking|Trending|Popular|Most|Read|See|Also|"
    r"Follow|Share|Subscribe|Sign|Back|Previous|Next|Featured|Editor'?s|Photo|Video)"
)
# `The Phnom Penh Post`, `The Kenyan DAILY POST`: capitalised words ending in a news word.
_PUBLISHER_LINE = re.compile(
    rf"^(?!(?:{_NOT_MASTHEAD})\b)(?:The\s+(?:[A-Z][\w'’.-]*\s+){{0,5}}|(?:[A-Z][\w'’.-]*\s+){{1,5}})"
    rf"(?i:{_NEWS_WORDS})$"
)
_NEWS_WORDS_RE = re.compile(rf"\b(?:{_NEWS_WORDS})\b")
_SOURCE_LINE = re.compile(
    r"^\(?(?:Source|Published by|Publisher)\s*[:：]\s*(?P<p>[^()]{2,100}?)\)?\.?$", re.I | re.M
)
_CREDIT_LABEL = re.compile(
    r"^(?:Full\s+story|Read\s+more|Courtesy(?:\s+of)?|Credit|Via|Story\s+by|Text)\s*[:：]?\s*"
    r"(?P<p>.{2,60})$",
    re.I,
)
# A closing line that signs a person, not the publisher: `By THOU Peou`, `Reporter: X`.
_PERSON_SIGNATURE = re.compile(
    r"^\(?(?:By|BY|Reporter|Editor|Edited by|Written by|Translated by|Photos?|Reporting by|"
    r"Writing by|Additional reporting|(?:Article|Story|Text) in \w+ by)\b[^\n]{0,120}$"
)
_NAME_DATE = re.compile(r"^(?P<p>[A-Z][\w'’&. -]{1,60}),\s+(?P<d>.+)$")
_ORGANISATION_LINE = re.compile(
    r"^(?:The\s+)?(?:Ministry|Embassy|Office|Department|Government|Permanent Mission|Agency|"
    r"Secretariat|Council|Cabinet)\b[\w\s,'’&-]{0,100}$"
)
_BYLINE = re.compile(
    r"^(?:[Bb][Yy]:?\s+)?(?P<n>[A-Z][a-z]+(?:[-\s][A-Za-z][a-z]+){1,2}|[A-Z]+(?:\s[A-Z]+){1,2})"
    r"(?:\s*\[?[\w.+-]+@[\w.-]+\]?)?$"
)
_ORG_HEADER = re.compile(r"\b(?:MINISTRY|EMBASSY|OFFICE|DEPARTMENT|GOVERNMENT|COUNCIL)\b")
# A release's own label, as a heading or at the head of a letterhead line.
_RELEASE_LABEL = re.compile(
    r"^(?:JOINT\s+)?(?:(?:PRESS|MEDIA|NEWS)\s+(?:RELEASE|STATEMENT)|PRESS\s+BRIEFING|STATEMENT|READOUT|"
    r"FOR\s+IMMEDIATE\s+RELEASE|"
    r"COMMUNIQU[EÉ])S?\b",
    re.I,
)
# `... Liberia White House Statement.`: the issuer named before `Statement` closing a headline.
_ISSUER_STATEMENT = re.compile(
    r"(?:^|\s)(?P<o>(?:The\s+)?(?:[A-Z][\w'’.-]*\s+){0,4}?[A-Z][\w'’.-]*)\s+"
    r"(?:Statement|Press Release|Media Release|Readout)\.?$"
)
# The noun that ends an issuing institution's name: `White House`, `Foreign Ministry`.
_INSTITUTION = re.compile(
    r"^(?:House|Palace|Ministry|Office|Department|Government|Presidency|Secretariat|Kremlin|"
    r"Embassy|Commission|Council|Cabinet|Spokesperson|Spokesman|Mission|Chancellery)$"
)
_NOT_ISSUERS = re.compile(r"^(?:Joint|Official|Full|Final|Press|Media|Public|New|The)$", re.I)
# US and similar executive styles: `Readout of ...`, `Statement by ...`, `Remarks by ...`.
_RELEASE_TITLE = re.compile(
    r"^(?:Readout\s+of|Statement\s+(?:by|from|of|on)|Remarks\s+by|Press\s+Release\b|"
    r"Media\s+Release\b|Fact\s+Sheet\b|Joint\s+(?:Press\s+)?Statement\b)",
    re.I,
)
_ANALYSIS_WORDS = re.compile(
    r"\b(?:analysis|commentary|opinion|op-ed|perspective|viewpoint|explainer|editorial)\b",
    re.I,
)
# A series label heading the title: `[CCRS' Takes] ...`, `Insight: ...`, `ANALYSIS-...`.
_ANALYSIS_LABEL = re.compile(
    r"^(?:\[[^\]]{0,40}\b(?:Takes?|Insights?|Views?|Analysis|Essay|Brief|Perspectives?)\]|"
    r"(?:Analysis|Insight|Commentary|Opinion|Explainer|Viewpoint|Essay)\s*[:-])",
    re.I,
)
_THINK_TANK = re.compile(
    r"\b(?:Institute|Centre|Center|Research|Studies|Think[- ]?tank|Foundation)\b"
)
_GOVERNMENT = re.compile(
    r"\b(?:Ministry|Ministers?|Embassy|Government|Office of the|Department|White House|"
    r"State House|Presidency|Cabinet|Consulate|High Commission|Permanent Mission)\b",
    re.I,
)
# A signed instrument reproduced as such: its title, and the formula that closes it.
_INSTRUMENT_TITLE = re.compile(
    r"^(?:Joint\s+)?(?:Declaration|Treaty|Agreement|Convention|Protocol|Accord|Charter|"
    r"Memorandum\s+of\s+Understanding)\b",
    re.I,
)
_DONE_AT = re.compile(r"^Done\s+(?:at|in)\s+[A-Z]", re.M)


# --- Dates a document states about itself ---------------------------------------------

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


def _split_stamp(line: str) -> tuple[str, dt.date | None]:
    """A line that ends in a date stamp, once mended lines have run together: `Source: AKP
    2018-01-29`, `by The Associated Press Posted Nov 4, 2019 8:15 pm EST`, `BY SARAH KIM
    [kim.sarah@joongang.co.kr] 2026-01-06`. The words before the stamp, and its day."""
    if day := _stamp(line):
        return "", day
    for start, _end, _found in _full_dates(line):
        if start and (day := _stamp(line[start:])):
            prefix = line[:start]
            prefix = prefix[: _STAMP_LEAD.search(prefix).start()].strip()
            if _credit_words(prefix):
                return prefix, day
    dates = _full_dates(line)
    if dates and dates[0][0] == 0:  # `30 March 2017, Male’;`: the date, then the place
        rest = line[dates[0][1] :]
        if re.fullmatch(r"\s*,\s*[A-Z][\w'’. -]{1,30}[;.,’']*\s*", rest):
            return "", dates[0][2]
    return line, None


def _credit_words(prefix: str) -> bool:
    """`Source: AKP`, `BY SARAH KIM [kim.sarah@joongang.co.kr]`, `Phnom Penh,`: names, labels
    and addresses, not a sentence (`The meeting took place on 5 March 2024`)."""
    prefix = re.sub(r"\S+@\S+|^(?:by|source|from)\b", " ", prefix, flags=re.I)
    words = re.findall(r"[^\W\d_][\w'’.-]*", prefix)
    return all(w[0].isupper() or w in _SMALL_WORDS for w in words)


def _leading_stamp(line: str) -> dt.date | None:
    """A date opening the paragraph before a dash: `Wednesday, May 5, 2021 – Tanzanian ...`."""
    m = re.match(r"^(?P<d>.{6,60}?)\s*(?:[–—]|--?)\s", line)
    if not m or len(line) < m.end() + 40 or _EVENT_WORD.match(m["d"].split()[0]):
        return None
    return _stamp(m["d"])


def _labelled_day(line: str) -> dt.date | None:
    """`Last Updated : Oct 19 2024 | 12:51 PM IST`, `Updated: 2007-12-22 14:33` inside a line."""
    for m in _STAMP_LABEL.finditer(line):
        days = _full_dates(line[m.end() : m.end() + 40])
        if days and days[0][0] == 0:
            return days[0][2]
    return None


def _dateline_day(paragraph: str, text: str) -> dt.date | None:
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


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _is_letterhead(paragraph: str) -> bool:
    letters = [c for c in paragraph if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _is_masthead(paragraph: str) -> bool:
    """A publisher's or agency's name standing alone (`The Phnom Penh Post`, `Xinhua`)."""
    return len(paragraph) <= 60 and bool(
        _PUBLISHER_LINE.match(paragraph)
        or credits.is_agency(paragraph)
        or credits.is_newsroom(paragraph)
    )


# A site's section name above the headline: `News`, `Press Releases`, `Opinion`.
_SECTION = re.compile(
    r"^(?i:(?:Latest\s+|Top\s+|Breaking\s+|World\s+|National\s+|Local\s+)?(?:News|Stories)|"
    r"Politics|World|Business|Economy|Diplomacy|National|International|Nation|Regional|Region|"
    r"Asia|Africa|Europe|Americas|Middle East|Pacific|Features?|Local|Home|Foreign Affairs|"
    r"External Relations|(?:Press|Media|News)\s+Releases?|Statements?|Readouts?|Speeches|"
    r"Announcements?|Opinion|Opinions|Commentary|Analysis|Editorial|Columns?|Blogs?|"
    r"Media\s+Cent(?:er|re)|Press\s+(?:Room|Cent(?:er|re))|Newsroom|Briefing\s+Room|"
    r"Statements\s+and\s+Releases|Press\s+Statements?)\.?$"
)
_ANALYSIS_SECTION = re.compile(r"^(?i:Opinions?|Commentary|Analysis|Editorial|Columns?)\.?$")
_RELEASE_SECTION = re.compile(
    r"^(?i:(?:Press|Media|News)\s+Releases?|Statements?|Readouts?|Statements\s+and\s+Releases|"
    r"Press\s+Statements?)\.?$"
)


def _stamp_line(p: str) -> bool:
    """The paragraph's first line is a date stamp, alone or among `|` segments."""
    line = p.splitlines()[0]
    return bool(_stamp(line) or ("|" in line and any(_stamp(seg) for seg in line.split("|"))))


def _title_index(head: list[str]) -> int:
    """The headline: the first paragraph that is not a letterhead in capitals, a masthead or
    a date stamp. A headline set in capitals (`MONGOLIA TO RECEIVE ...`) is the last
    capitals paragraph before a date stamp, when it names no organisation nor release."""
    capitals = None
    for i, p in enumerate(head):
        if _is_masthead(p) or _SECTION.match(p) or _stamp_line(p) or re.match(r"(?i:by)\s", p):
            continue
        if _is_organisation_name(p) and _headline_follows(head, i + 1):
            continue  # `Embassy of Japan in Cambodia` above the headline
        if _is_letterhead(p):
            if not (_ORG_HEADER.search(p) or _RELEASE_LABEL.match(p)):
                capitals = i
            continue
        if capitals is not None and (len(p) > 250 or _opens_with_dateline(p)):
            return capitals
        return i
    return 0


def _headline_follows(head: list[str], j: int) -> bool:
    """A headline comes next, maybe below a date stamp or a section name."""
    while j < len(head) and (_stamp_line(head[j]) or _SECTION.match(head[j])):
        j += 1
    return j < len(head) and _headline_like(head[j])


def _headline_like(p: str) -> bool:
    """Short, no full stop at its end, no stamp, byline or dateline: a headline."""
    return (
        len(p) <= 250
        and not p.rstrip().endswith(".")
        and not _stamp_line(p)
        and not _is_masthead(p)
        and not re.match(r"(?i:by)\s", p)
        and not _opens_with_dateline(p)
        and not _is_letterhead(p)
    )


def _opens_with_dateline(p: str) -> bool:
    """`SEOUL, Jan. 4 (Yonhap) -- ...`, `DHAKA: ...`, `Wednesday, May 5, 2021 – ...`."""
    return len(p) > 80 and bool(
        credits.dateline_credit(p)
        or _leading_stamp(p)
        or re.match(r"^[A-Z][A-Z .]{2,30}\s*[–—:-]", p)
    )


def _is_organisation_name(p: str) -> bool:
    """`Embassy of Japan in Cambodia`: an institution's name alone, every word capitalised."""
    return (
        len(p) <= 120
        and bool(_ORGANISATION_LINE.match(p))
        and all(w[0].isupper() or w in _SMALL_WORDS for w in p.split())
    )


_SMALL_WORDS = {"of", "and", "the", "for", "on", "in", "to", "at", "&"}


def _clean_title(title: str) -> tuple[str, str | None]:
    """A page title's trailing site name out (`Headline | The Japan Times`, `Headline -
    Xinhua | English.news.cn`), and the publisher it names."""
    publisher = None
    while m := re.search(r"\s+(?:\||[-–—]|::)\s+(?P<s>[^|–—]{2,60})$", title):
        site = m.group("s").strip()
        if re.search(r"\w\.(?:com|net|org|gov|info|news|[a-z]{2})\b", site, re.I):
            title = title[: m.start()]
            continue
        if _is_masthead(site):
            title, publisher = title[: m.start()], site
            continue
        break
    return title.strip(), publisher


def _body_start(head: list[str], title_index: int) -> int:
    """Index of the first paragraph of the body: long, or opening with a dateline."""
    for i in range(title_index + 1, len(head)):
        p = head[i]
        if len(p) > 300 or _opens_with_dateline(p):
            return i
    return len(head)


def _closing(paragraphs: list[str]) -> list[str]:
    """The last paragraphs, wire markers and e-mail signatures (`(END)`, `Enditem`) left out."""
    tail = paragraphs[-4:]
    while tail and credits.END_MARKER.match(tail[-1]):
        tail = tail[:-1]
    if tail:
        last = re.sub(r"\s*(?:Enditem|\(END\)|/\.)\s*$", "", tail[-1])
        tail = [*tail[:-1], last] if last else tail[:-1]
    return tail


def _source_line(paragraphs: list[str]) -> str | None:
    """`Source: Agence Kampuchea Presse` heading or closing the text (not a web address)."""
    for p in paragraphs:
        m = _SOURCE_LINE.search(p)
        if m and not re.search(r"https?:|www\.|\.\w{2,3}/", m.group("p")):
            named = _split_stamp(m.group("p").split("|")[0].strip())[0]
            if named:
                return named
        # `Full story: National News Bureau of Thailand`, `Courtesy: Xinhua`: a masthead.
        m = _CREDIT_LABEL.match(p)
        if m and _is_masthead(m.group("p").strip(" .")):
            return m.group("p").strip(" .")
    return None


def _title_case(words: str) -> str:
    small = {"of", "and", "the", "for", "on", "in"}
    return " ".join(
        w.lower() if i and w.lower() in small else w.capitalize()
        for i, w in enumerate(re.sub(r"\s+", " ", words).strip().split(" "))
    )


def _issuer(title: str) -> str | None:
    """`Meeting With President William R. Tolbert, Jr., of Liberia White House Statement.`:
    the capitalised words before `Statement` closing a headline name its issuer; a first
    word that ends a phrase of the headline (`of Liberia`) is not the issuer's."""
    m = _ISSUER_STATEMENT.search(title)
    if not m:
        return None
    words = m.group("o").split()
    if len(words) > 2 and re.search(
        r"\b(?:of|with|for|in|to|from|and|by)\s*$", title[: m.start("o")]
    ):
        words = words[1:]
    if words[0] == "The":
        words = words[1:]
    if not words or any(_NOT_ISSUERS.match(w) for w in words) or not _INSTITUTION.match(words[-1]):
        return None
    return " ".join(words)


def _release_issuer(line: str) -> str | None:
    """`MEDIA RELEASE MINISTER FOR FOREIGN AFFAIRS ALEXANDER DOWNER FA90 19 June 2002`: the
    capitals after a release label name who issues it."""
    m = _RELEASE_LABEL.match(line)
    if not m:
        return None
    issuer = re.match(
        r"\s*((?:[A-Z][A-Z'’.&-]*\s+){1,10}?)(?=[A-Z]*\d|\s*$|\d)", line[m.end() :] + " "
    )
    words = issuer.group(1).strip() if issuer else ""
    return _title_case(words) if len(words.split()) >= 2 else None


def extract_metadata(text: str) -> DocumentMeta:
    paragraphs = _paragraphs(text)
    head = paragraphs[:HEAD_PARAGRAPHS]
    title_index = _title_index(head)
    title, site = _clean_title(re.sub(r"\s+", " ", head[title_index])[:500] if head else "")
    body_index = _body_start(head, title_index)

    publisher = byline = None
    published_on = None
    weak = None
    credited = ""  # "wire": a news agency signs the text; "newsroom": a newspaper
    released = False  # the text calls itself a release or statement
    for p in head[:title_index] + head[title_index + 1 : body_index]:
        line = p.splitlines()[0].strip()
        if len(line) > 200:  # a credit line run together with a caption
            published_on = published_on or _labelled_day(line[:150])
            if publisher is None and (agency := credits.AGENCY_AT_START.match(line)):
                publisher, credited = agency.group("a"), "wire"
            continue
        if "|" in line:  # `Source: Xinhua| 2018-06-19 10:12:37|Editor: Li Xia`
            segments = [seg.strip() for seg in line.split("|")]
            days = [d for seg in segments if (d := _stamp(seg) or _labelled_day(seg))]
            published_on = published_on or (days[0] if days else None)
            released = released or any(_RELEASE_SECTION.match(seg) for seg in segments)
            line = next((seg for seg in segments if seg and not _stamp(seg)), "")
        whole = line
        line, day = _split_stamp(line)
        published_on = published_on or day or _labelled_day(line)
        if not line:
            continue
        # `Phnom Penh, 5 March 2024` is a dateline: its words are a place, not a byline.
        placed = line != whole and not re.match(r"(?i:by)\b|.*@", line)
        if _RELEASE_SECTION.match(line):  # `30/08/2024 | Press release | ...`
            released = True
            continue
        if _RELEASE_LABEL.match(line) and _is_letterhead(line):
            released = True
            publisher = publisher or _release_issuer(line)
        if len(line) > 120:
            continue
        if credit := credits.dateline_credit(line):  # `Phnom Penh, December 20, 2010 AKP --`
            published_on = published_on or _dateline_day(line, text)
            if publisher is None:
                publisher, credited = credit, "wire"
        agency = credits.AGENCY_AT_START.match(line)
        if agency and publisher is None:
            publisher, credited = agency.group("a"), "wire"
        named = _NAME_DATE.match(line)
        if named and (day := _stamp(named.group("d"))):
            name = named.group("p").strip()
            # 'CCRS, 10 July 2024' names the publisher; 'Hanoi, March 14, 2025' is a dateline.
            if publisher is None and (
                name.isupper() or _ORGANISATION_LINE.match(name) or _is_masthead(name)
            ):
                publisher = name
                credited = "wire" if credits.is_agency(name) else credited
            published_on = published_on or day
            continue
        if publisher is None and placed and re.fullmatch(r"[A-Z]{2,6}", line):
            # `CCRS, 10 July 2024` names the publisher, `HANOI, March 14, 2025` a place: a
            # word in capitals before a date counts when nothing else names the publisher.
            weak = weak or line
            continue
        if publisher is None and (_is_organisation_name(line) or re.fullmatch(r"[A-Z]{2,6}", line)):
            publisher = line
            continue
        outlet = re.match(r"^(?i:by)\s+[^,|]{3,40}[,|]\s*(?P<o>[^,|]{2,60})$", line)
        if outlet and publisher is None and _is_masthead(outlet.group("o").strip()):
            # `By Joy Chelagat, Citizen Digital`: the writer, then the newsroom
            publisher, credited = outlet.group("o").strip(), "newsroom"
            continue
        by = re.sub(r"^[Bb][Yy]:?\s+", "", line)
        if publisher is None and _is_masthead(by):
            publisher, credited = by, "wire" if credits.is_agency(by) else "newsroom"
            continue
        if (
            byline is None
            and not placed
            and (m := _BYLINE.match(line))
            and not _NEWS_WORDS_RE.search(line)
            and (not _is_letterhead(line) or line[:3].upper() == "BY ")
        ):
            byline = _title_case(m.group("n")) if m.group("n").isupper() else m.group("n")

    # The first paragraph of the body: a dateline, with its credit and date.
    if body_index < len(head):
        first = head[body_index]
        if (credit := credits.dateline_credit(first)) and publisher is None:
            publisher, credited = credit, "wire"
        if published_on is None:
            published_on = _leading_stamp(first) or _dateline_day(first, text)

    closing = _closing(paragraphs)
    if named := _source_line(head[:body_index] + closing):
        publisher = named
        credited = "wire" if credits.is_agency(named) else credited
    if publisher is None and closing:
        # The last paragraph that is no signature of a person (`Article in English by ...`).
        signed = [p for p in closing if not _PERSON_SIGNATURE.match(p)]
        last = signed[-1] if signed else ""
        if _is_masthead(last):
            publisher, credited = last, "wire" if credits.is_agency(last) else "newsroom"
        elif credit := credits.trailing_credit(last):
            publisher, credited = credit, "wire"
    if published_on is None and closing:
        # `BDST: 2143 HRS, OCT 20, 2014`, `Posted on 5 March 2024`, `Phnom Penh, 5 March 2024`
        last = closing[-1]
        named = _NAME_DATE.match(last)
        published_on = (
            _stamp(last)
            or _labelled_day(last)
            or (
                _stamp(named.group("d"))
                if named and len(named.group("p")) <= 40 and _credit_words(named.group("p"))
                else None
            )
        )
    if publisher is None and site:
        publisher, credited = site, "wire" if credits.is_agency(site) else "newsroom"
    if publisher is None and (issuer := _issuer(title)):
        publisher, released = issuer, True
    if publisher is None and weak:
        publisher = weak
    if publisher is None:
        for p in head:
            if _is_letterhead(p) and _ORG_HEADER.search(p):
                publisher = _organisation_name(p)
                break

    above = head[:title_index]
    if any(_RELEASE_SECTION.match(p) for p in above):
        released = True
    kind = _kind(text, title, head[: body_index + 1], publisher, credited, released)
    if any(_ANALYSIS_SECTION.match(p) for p in above) and kind == "news":
        kind = "analysis"
    return DocumentMeta(
        title=title, publisher=publisher, byline=byline, published_on=published_on, kind=kind
    )


def _kind(
    text: str, title: str, head: list[str], publisher: str | None, credited: str, released: bool
) -> str:
    if _INSTRUMENT_TITLE.match(title) and _DONE_AT.search(text):
        return "other"  # a treaty or declaration reproduced as signed
    if _ANALYSIS_LABEL.match(title) or _ANALYSIS_WORDS.search(title):
        return "analysis"
    labelled = any(_RELEASE_LABEL.match(p) and _is_letterhead(p.splitlines()[0]) for p in head)
    if released or labelled or _RELEASE_TITLE.match(title):
        return "press_release"
    if credited == "wire":
        return "news"
    if re.match(r"(?:Why|How|What)\b", title) or (publisher and _THINK_TANK.search(publisher)):
        return "analysis"
    if credited:
        return "news"
    if publisher and _GOVERNMENT.search(publisher):
        return "press_release"
    return "news"


def _organisation_name(letterhead: str) -> str:
    """`MINISTRY OF FOREIGN AFFAIRS AND INTERNATIONAL COOPERATION` in title case."""
    line = next(line for line in letterhead.splitlines() if _ORG_HEADER.search(line))
    return _title_case(line)
