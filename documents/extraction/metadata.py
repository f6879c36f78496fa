"""Stage 1: what a document says about itself — title, publisher, byline, date, kind.

Read from the head of the text (letterheads, the headline, a dateline, a byline, a
`Published:` stamp), from the first paragraph's dateline (`SEOUL, Jan. 4 (Yonhap) --`)
and from the close (a `Source:` line, a `-VNA` credit, a timestamp). A document that states
no publication date gets none: the date is never guessed from the events it reports.
"""

import re

from documents.extraction import credits
from documents.extraction.candidates import DocumentMeta
from documents.extraction.metadata_dates import (
    _stamp,
    credit_words,
    dateline_day,
    labelled_day,
    leading_stamp,
    split_stamp,
)
from documents.extraction.metadata_head import (
    _GOVERNMENT,
    ANALYSIS_LABEL,
    ANALYSIS_SECTION,
    ANALYSIS_WORDS,
    BYLINE,
    DONE_AT,
    HEAD_PARAGRAPHS,
    INSTRUMENT_TITLE,
    NAME_DATE,
    NEWS_WORDS_RE,
    ORG_HEADER,
    ORGANISATION_LINE,
    PERSON_SIGNATURE,
    RELEASE_LABEL,
    RELEASE_SECTION,
    RELEASE_TITLE,
    THINK_TANK,
    _clean_title,
    _closing,
    _issuer,
    _paragraphs,
    _title_case,
    _title_index,
    body_start,
    is_letterhead,
    is_masthead,
    is_organisation_name,
    release_issuer,
    source_line,
)


def extract_metadata(text: str) -> DocumentMeta:
    paragraphs = _paragraphs(text)
    head = paragraphs[:HEAD_PARAGRAPHS]
    title_index = _title_index(head)
    title, site = _clean_title(re.sub(r"\s+", " ", head[title_index])[:500] if head else "")
    body_index = body_start(head, title_index)

    publisher = byline = None
    published_on = None
    weak = None
    credited = ""  # "wire": a news agency signs the text; "newsroom": a newspaper
    released = False  # the text calls itself a release or statement
    for p in head[:title_index] + head[title_index + 1 : body_index]:
        line = p.splitlines()[0].strip()
        if len(line) > 200:  # a credit line run together with a caption
            published_on = published_on or labelled_day(line[:150])
            if publisher is None and (agency := credits.AGENCY_AT_START.match(line)):
                publisher, credited = agency.group("a"), "wire"
            continue
        if "|" in line:  # `Source: Xinhua| 2018-06-19 10:12:37|Editor: Li Xia`
            segments = [seg.strip() for seg in line.split("|")]
            days = [d for seg in segments if (d := _stamp(seg) or labelled_day(seg))]
            published_on = published_on or (days[0] if days else None)
            released = released or any(RELEASE_SECTION.match(seg) for seg in segments)
            line = next((seg for seg in segments if seg and not _stamp(seg)), "")
        whole = line
        line, day = split_stamp(line)
        published_on = published_on or day or labelled_day(line)
        if not line:
            continue
        # `Phnom Penh, 5 March 2024` is a dateline: its words are a place, not a byline.
        placed = line != whole and not re.match(r"(?i:by)\b|.*@", line)
        if RELEASE_SECTION.match(line):  # `30/08/2024 | Press release | ...`
            released = True
            continue
        if RELEASE_LABEL.match(line) and is_letterhead(line):
            released = True
            publisher = publisher or release_issuer(line)
        if len(line) > 120:
            continue
        if credit := credits.dateline_credit(line):  # `Phnom Penh, December 20, 2010 AKP --`
            published_on = published_on or dateline_day(line, text)
            if publisher is None:
                publisher, credited = credit, "wire"
        agency = credits.AGENCY_AT_START.match(line)
        if agency and publisher is None:
            publisher, credited = agency.group("a"), "wire"
        named = NAME_DATE.match(line)
        if named and (day := _stamp(named.group("d"))):
            name = named.group("p").strip()
            # 'CCRS, 10 July 2024' names the publisher; 'Hanoi, March 14, 2025' is a dateline.
            if publisher is None and (
                name.isupper() or ORGANISATION_LINE.match(name) or is_masthead(name)
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
        if publisher is None and (is_organisation_name(line) or re.fullmatch(r"[A-Z]{2,6}", line)):
            publisher = line
            continue
        outlet = re.match(r"^(?i:by)\s+[^,|]{3,40}[,|]\s*(?P<o>[^,|]{2,60})$", line)
        if outlet and publisher is None and is_masthead(outlet.group("o").strip()):
            # `By Joy Chelagat, Citizen Digital`: the writer, then the newsroom
            publisher, credited = outlet.group("o").strip(), "newsroom"
            continue
        by = re.sub(r"^[Bb][Yy]:?\s+", "", line)
        if publisher is None and is_masthead(by):
            publisher, credited = by, "wire" if credits.is_agency(by) else "newsroom"
            continue
        if (
            byline is None
            and not placed
            and (m := BYLINE.match(line))
            and not NEWS_WORDS_RE.search(line)
            and (not is_letterhead(line) or line[:3].upper() == "BY ")
        ):
            byline = _title_case(m.group("n")) if m.group("n").isupper() else m.group("n")

    # The first paragraph of the body: a dateline, with its credit and date.
    if body_index < len(head):
        first = head[body_index]
        if (credit := credits.dateline_credit(first)) and publisher is None:
            publisher, credited = credit, "wire"
        if published_on is None:
            published_on = leading_stamp(first) or dateline_day(first, text)

    closing = _closing(paragraphs)
    if named := source_line(head[:body_index] + closing):
        publisher = named
        credited = "wire" if credits.is_agency(named) else credited
    if publisher is None and closing:
        # The last paragraph that is no signature of a person (`Article in English by ...`).
        signed = [p for p in closing if not PERSON_SIGNATURE.match(p)]
        last = signed[-1] if signed else ""
        if is_masthead(last):
            publisher, credited = last, "wire" if credits.is_agency(last) else "newsroom"
        elif credit := credits.trailing_credit(last):
            publisher, credited = credit, "wire"
    if published_on is None and closing:
        # `BDST: 2143 HRS, OCT 20, 2014`, `Posted on 5 March 2024`, `Phnom Penh, 5 March 2024`
        last = closing[-1]
        named = NAME_DATE.match(last)
        published_on = (
            _stamp(last)
            or labelled_day(last)
            or (
                _stamp(named.group("d"))
                if named and len(named.group("p")) <= 40 and credit_words(named.group("p"))
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
            if is_letterhead(p) and ORG_HEADER.search(p):
                publisher = _organisation_name(p)
                break

    above = head[:title_index]
    if any(RELEASE_SECTION.match(p) for p in above):
        released = True
    kind = _kind(text, title, head[: body_index + 1], publisher, credited, released)
    if any(ANALYSIS_SECTION.match(p) for p in above) and kind == "news":
        kind = "analysis"
    return DocumentMeta(
        title=title, publisher=publisher, byline=byline, published_on=published_on, kind=kind
    )


def _kind(
    text: str, title: str, head: list[str], publisher: str | None, credited: str, released: bool
) -> str:
    if INSTRUMENT_TITLE.match(title) and DONE_AT.search(text):
        return "other"  # a treaty or declaration reproduced as signed
    if ANALYSIS_LABEL.match(title) or ANALYSIS_WORDS.search(title):
        return "analysis"
    labelled = any(RELEASE_LABEL.match(p) and is_letterhead(p.splitlines()[0]) for p in head)
    if released or labelled or RELEASE_TITLE.match(title):
        return "press_release"
    if credited == "wire":
        return "news"
    if re.match(r"(?:Why|How|What)\b", title) or (publisher and THINK_TANK.search(publisher)):
        return "analysis"
    if credited:
        return "news"
    if publisher and _GOVERNMENT.search(publisher):
        return "press_release"
    return "news"


def _organisation_name(letterhead: str) -> str:
    """`MINISTRY OF FOREIGN AFFAIRS AND INTERNATIONAL COOPERATION` in title case."""
    line = next(line for line in letterhead.splitlines() if ORG_HEADER.search(line))
    return _title_case(line)
