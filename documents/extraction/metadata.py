"""Stage 1: what a document says about itself — title, publisher, byline, date, kind.

Read from the head of the text (letterheads, the headline, a dateline, a byline) and from
a closing `Source:` line. A document that states no publication date gets none: the date
is never guessed from the events it reports.
"""

import re

from documents.extraction.candidates import DocumentMeta
from documents.extraction.dates import find_dates

HEAD_PARAGRAPHS = 12
_NEWS_WORDS = r"Post|Times|Herald|News|Daily|Journal|Gazette|Tribune|Press|Chronicle|Review|Monitor|Agency|Express|Observer|Telegraph|Mail|Star|Globe|Khmer|Kyodo|Nikkei|Xinhua|Reuters|Bernama|Mirror"  # noqa: E501
_PUBLISHER_LINE = re.compile(rf"^(?:The\s+)?(?:[A-Z][\w'’.-]*\s+){{0,5}}(?:{_NEWS_WORDS})$")
_SOURCE_LINE = re.compile(
    r"^(?:Source|Published by|Publisher)\s*[:：]\s*(?P<p>.{2,100}?)\.?$", re.I | re.M
)  # noqa: E501
_NAME_DATE = re.compile(r"^(?P<p>[A-Z][\w'’&. -]{1,60}),\s+(?P<d>.+)$")
_ORGANISATION_LINE = re.compile(
    r"^(?:The\s+)?(?:Ministry|Embassy|Office|Department|Government|Permanent Mission|Agency|"
    r"Secretariat|Council|Cabinet)\b[\w\s,'’&-]{0,100}$"
)
_PUBLISHED_LINE = re.compile(
    r"^(?:Published|Posted|Date|Released)\s*(?:on)?\s*:?\s*(?P<d>.{6,40})$", re.I | re.M
)  # noqa: E501
_BYLINE = re.compile(r"^(?:[Bb]y\s+)?(?P<n>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})$")
_ORG_HEADER = re.compile(r"\b(?:MINISTRY|EMBASSY|OFFICE|DEPARTMENT|GOVERNMENT|COUNCIL)\b")
_ANALYSIS = re.compile(
    r"\b(?:analysis|commentary|opinion|op-ed|perspective|insight|essence|takes|viewpoint|"
    r"explainer|reflection)\b",
    re.I,
)
_THINK_TANK = re.compile(
    r"\b(?:Institute|Centre|Center|Research|Studies|Think[- ]?tank|Foundation)\b"
)  # noqa: E501
_PRESS_RELEASE = re.compile(
    r"\bpress\s+release\b|\bpress\s+statement\b|\bjoint\s+statement\b", re.I
)
_GOVERNMENT = re.compile(r"\b(?:Ministry|Embassy|Government|Office of the|Department)\b", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z .]{2,30}\s*[–—-]\s", re.M)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _is_letterhead(paragraph: str) -> bool:
    letters = [c for c in paragraph if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _sole_date(paragraph: str):
    """The paragraph is a date and nothing else (`January 26, 2023`)."""
    dates = find_dates(paragraph, None)
    if len(dates) == 1 and dates[0].range and dates[0].range.precision == "day":
        rest = (paragraph[: dates[0].start] + paragraph[dates[0].end :]).strip(" ,.|-–")
        if not rest or re.fullmatch(r"(?:Published|Posted|Updated|Date)\s*:?", rest, re.I):
            return dates[0].range.start
    return None


def extract_metadata(text: str) -> DocumentMeta:
    paragraphs = _paragraphs(text)
    head = paragraphs[:HEAD_PARAGRAPHS]
    title_index = next((i for i, p in enumerate(head) if not _is_letterhead(p)), 0)
    title = re.sub(r"\s+", " ", head[title_index])[:500] if head else ""

    publisher = byline = None
    published_on = None
    for p in head[title_index + 1 :]:
        if len(p) > 300:  # the body has begun
            break
        line = p.splitlines()[0].strip()
        if len(line) > 120:
            continue
        if published_on is None and (day := _sole_date(line)):
            published_on = day
            continue
        named = _NAME_DATE.match(line)
        if named and (day := _sole_date(named.group("d"))):
            name = named.group("p").strip()
            # 'CCRS, 10 July 2024' names the publisher; 'Hanoi, March 14, 2025' is a dateline.
            if publisher is None and (name.isupper() or _ORGANISATION_LINE.match(name)):
                publisher = name
            published_on = published_on or day
            continue
        if publisher is None and (
            _ORGANISATION_LINE.match(line) or re.fullmatch(r"[A-Z]{2,6}", line)
        ):
            publisher = line
            continue
        if publisher is None and _PUBLISHER_LINE.match(line):
            publisher = line
            continue
        if byline is None and _BYLINE.match(line) and not _NEWS_WORDS_RE.search(line):
            byline = _BYLINE.match(line).group("n")
    if published_on is None:
        stamp = _PUBLISHED_LINE.search(text)
        published_on = _sole_date(stamp.group("d")) if stamp else None
    source = _SOURCE_LINE.search(text)
    if source:
        publisher = source.group("p").strip()
    if publisher is None:
        for p in paragraphs[:HEAD_PARAGRAPHS]:
            if _is_letterhead(p) and _ORG_HEADER.search(p):
                publisher = _organisation_name(p)
                break

    kind = "news"
    if _PRESS_RELEASE.search("\n".join(head)) or (publisher and _GOVERNMENT.search(publisher)):
        kind = "press_release"
    elif (
        _ANALYSIS.search(title)
        or re.match(r"(?:Why|How|What)\b", title)
        or (publisher and _THINK_TANK.search(publisher))
    ):
        kind = "analysis"
    return DocumentMeta(
        title=title, publisher=publisher, byline=byline, published_on=published_on, kind=kind
    )


_NEWS_WORDS_RE = re.compile(rf"\b(?:{_NEWS_WORDS})\b")


def _organisation_name(letterhead: str) -> str:
    """`MINISTRY OF FOREIGN AFFAIRS AND INTERNATIONAL COOPERATION` in title case."""
    line = next(line for line in letterhead.splitlines() if _ORG_HEADER.search(line))
    words = re.sub(r"\s+", " ", line).strip().split(" ")
    small = {"of", "and", "the", "for", "on", "in"}
    return " ".join(
        w.lower() if i and w.lower() in small else w.capitalize() for i, w in enumerate(words)
    )
