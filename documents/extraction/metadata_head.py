"""The head of a text, read for its title and its publisher: letterheads and mastheads, the
headline, section labels, bylines, the issuer of a release or a statement, and the words
that tell a document's kind."""

import re

from documents.extraction import credits
from documents.extraction.metadata_dates import SMALL_WORDS, _stamp, leading_stamp, split_stamp

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
NEWS_WORDS_RE = re.compile(rf"\b(?:{_NEWS_WORDS})\b")
_SOURCE_LINE = re.compile(
    r"^\(?(?:Source|Published by|Publisher)\s*[:：]\s*(?P<p>[^()]{2,100}?)\)?\.?$", re.I | re.M
)
_CREDIT_LABEL = re.compile(
    r"^(?:Full\s+story|Read\s+more|Courtesy(?:\s+of)?|Credit|Via|Story\s+by|Text)\s*[:：]?\s*"
    r"(?P<p>.{2,60})$",
    re.I,
)
# A closing line that signs a person, not the publisher: `By THOU Peou`, `Reporter: X`.
PERSON_SIGNATURE = re.compile(
    r"^\(?(?:By|BY|Reporter|Editor|Edited by|Written by|Translated by|Photos?|Reporting by|"
    r"Writing by|Additional reporting|(?:Article|Story|Text) in \w+ by)\b[^\n]{0,120}$"
)
NAME_DATE = re.compile(r"^(?P<p>[A-Z][\w'’&. -]{1,60}),\s+(?P<d>.+)$")
ORGANISATION_LINE = re.compile(
    r"^(?:The\s+)?(?:Ministry|Embassy|Office|Department|Government|Permanent Mission|Agency|"
    r"Secretariat|Council|Cabinet)\b[\w\s,'’&-]{0,100}$"
)
BYLINE = re.compile(
    r"^(?:[Bb][Yy]:?\s+)?(?P<n>[A-Z][a-z]+(?:[-\s][A-Za-z][a-z]+){1,2}|[A-Z]+(?:\s[A-Z]+){1,2})"
    r"(?:\s*\[?[\w.+-]+@[\w.-]+\]?)?$"
)
ORG_HEADER = re.compile(r"\b(?:MINISTRY|EMBASSY|OFFICE|DEPARTMENT|GOVERNMENT|COUNCIL)\b")
# A release's own label, as a heading or at the head of a letterhead line.
RELEASE_LABEL = re.compile(
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
RELEASE_TITLE = re.compile(
    r"^(?:Readout\s+of|Statement\s+(?:by|from|of|on)|Remarks\s+by|Press\s+Release\b|"
    r"Media\s+Release\b|Fact\s+Sheet\b|Joint\s+(?:Press\s+)?Statement\b)",
    re.I,
)
ANALYSIS_WORDS = re.compile(
    r"\b(?:analysis|commentary|opinion|op-ed|perspective|viewpoint|explainer|editorial)\b",
    re.I,
)
# A series label heading the title: `[CCRS' Takes] ...`, `Insight: ...`, `ANALYSIS-...`.
ANALYSIS_LABEL = re.compile(
    r"^(?:\[[^\]]{0,40}\b(?:Takes?|Insights?|Views?|Analysis|Essay|Brief|Perspectives?)\]|"
    r"(?:Analysis|Insight|Commentary|Opinion|Explainer|Viewpoint|Essay)\s*[:-])",
    re.I,
)
THINK_TANK = re.compile(
    r"\b(?:Institute|Centre|Center|Research|Studies|Think[- ]?tank|Foundation)\b"
)
_GOVERNMENT = re.compile(
    r"\b(?:Ministry|Ministers?|Embassy|Government|Office of the|Department|White House|"
    r"State House|Presidency|Cabinet|Consulate|High Commission|Permanent Mission)\b",
    re.I,
)
# A signed instrument reproduced as such: its title, and the formula that closes it.
INSTRUMENT_TITLE = re.compile(
    r"^(?:Joint\s+)?(?:Declaration|Treaty|Agreement|Convention|Protocol|Accord|Charter|"
    r"Memorandum\s+of\s+Understanding)\b",
    re.I,
)
DONE_AT = re.compile(r"^Done\s+(?:at|in)\s+[A-Z]", re.M)


# --- Dates a document states about itself ---------------------------------------------


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def is_letterhead(paragraph: str) -> bool:
    letters = [c for c in paragraph if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def is_masthead(paragraph: str) -> bool:
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
ANALYSIS_SECTION = re.compile(r"^(?i:Opinions?|Commentary|Analysis|Editorial|Columns?)\.?$")
RELEASE_SECTION = re.compile(
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
        if is_masthead(p) or _SECTION.match(p) or _stamp_line(p) or re.match(r"(?i:by)\s", p):
            continue
        if is_organisation_name(p) and _headline_follows(head, i + 1):
            continue  # `Embassy of Japan in Cambodia` above the headline
        if is_letterhead(p):
            if not (ORG_HEADER.search(p) or RELEASE_LABEL.match(p)):
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
        and not is_masthead(p)
        and not re.match(r"(?i:by)\s", p)
        and not _opens_with_dateline(p)
        and not is_letterhead(p)
    )


def _opens_with_dateline(p: str) -> bool:
    """`SEOUL, Jan. 4 (Yonhap) -- ...`, `DHAKA: ...`, `Wednesday, May 5, 2021 – ...`."""
    return len(p) > 80 and bool(
        credits.dateline_credit(p)
        or leading_stamp(p)
        or re.match(r"^[A-Z][A-Z .]{2,30}\s*[–—:-]", p)
    )


def is_organisation_name(p: str) -> bool:
    """`Embassy of Japan in Cambodia`: an institution's name alone, every word capitalised."""
    return (
        len(p) <= 120
        and bool(ORGANISATION_LINE.match(p))
        and all(w[0].isupper() or w in SMALL_WORDS for w in p.split())
    )


def _clean_title(title: str) -> tuple[str, str | None]:
    """A page title's trailing site name out (`Headline | The Japan Times`, `Headline -
    Xinhua | English.news.cn`), and the publisher it names."""
    publisher = None
    while m := re.search(r"\s+(?:\||[-–—]|::)\s+(?P<s>[^|–—]{2,60})$", title):
        site = m.group("s").strip()
        if re.search(r"\w\.(?:com|net|org|gov|info|news|[a-z]{2})\b", site, re.I):
            title = title[: m.start()]
            continue
        if is_masthead(site):
            title, publisher = title[: m.start()], site
            continue
        break
    return title.strip(), publisher


def body_start(head: list[str], title_index: int) -> int:
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


def source_line(paragraphs: list[str]) -> str | None:
    """`Source: Agence Kampuchea Presse` heading or closing the text (not a web address)."""
    for p in paragraphs:
        m = _SOURCE_LINE.search(p)
        if m and not re.search(r"https?:|www\.|\.\w{2,3}/", m.group("p")):
            named = split_stamp(m.group("p").split("|")[0].strip())[0]
            if named:
                return named
        # `Full story: National News Bureau of Thailand`, `Courtesy: Xinhua`: a masthead.
        m = _CREDIT_LABEL.match(p)
        if m and is_masthead(m.group("p").strip(" .")):
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


def release_issuer(line: str) -> str | None:
    """`MEDIA RELEASE MINISTER FOR FOREIGN AFFAIRS ALEXANDER DOWNER FA90 19 June 2002`: the
    capitals after a release label name who issues it."""
    m = RELEASE_LABEL.match(line)
    if not m:
        return None
    issuer = re.match(
        r"\s*((?:[A-Z][A-Z'’.&-]*\s+){1,10}?)(?=[A-Z]*\d|\s*$|\d)", line[m.end() :] + " "
    )
    words = issuer.group(1).strip() if issuer else ""
    return _title_case(words) if len(words.split()) >= 2 else None
