"""What a mention of a person holds (`Mention`) and the posts a title phrase gives it (`Post`):
the title before or after a name read into title, organisation and country."""

import re
from dataclasses import dataclass, field

from documents.extraction.countries import countries_in, country_pattern, find_country
from documents.extraction.name_patterns import _PORTFOLIO, is_name
from documents.extraction.nlp import Sentence
from documents.extraction.vocabulary import (
    AGENCY_COUNTRIES,
    HONORIFIC_RE,
    ORGANISATION_WORDS,
    RANK_RE,
    SMALL_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_HEAD_RE,
    TITLE_MODIFIER_RE,
    TITLE_SYNONYMS,
)


@dataclass
class Post:
    title: str
    organisation: str | None = None
    country: str | None = None


@dataclass
class Mention:
    sentence: int
    start: int
    end: int
    surface: str  # as written in the document, honorifics removed
    name: str  # title-cased where the document wrote capitals
    posts: list[Post] = field(default_factory=list)
    country: str | None = None
    counterpart_of: bool = False  # 'his Japanese counterpart X': takes the subject's post
    title_start: int | None = None  # where a title before the name begins
    visiting: bool = False  # 'visiting Japanese Minister …'
    title_end: int | None = None  # where a title in apposition after the name ends
    styled: bool = False  # 'Hon. Ukur Yatani': a style given to holders of an office
    plural_title: bool = False  # 'Presidents X and Y': the title is Y's too
    worded: list[str] = field(default_factory=list)  # titles as written, with their country

    @property
    def words(self) -> list[str]:
        return self.name.split()


# A capitalised word with a small letter in it, or a word in capitals, in any Latin script
# ('López', 'Müller', 'Hae-chan'). Written so that a word is read once (a lookahead for the
# small letter, then the word taken whole, no backtracking into it): what follows a name
# word in every pattern (a space, a comma, the end) cannot be part of a word, so only whole
# words ever matched anyway.


_COUNTRY = country_pattern().pattern
_HONORIFIC_WORD = rf"(?!(?:{HONORIFIC_RE})(?![\w]))"
_TITLE_CORE = (
    rf"(?<![\w-])(?i:{TITLE_MODIFIER_RE}*(?:{TITLE_HEAD_RE}))(?:-elect|-designate)?(?![\w-])"
    rf"(?:\s+(?:of|for|on|to|OF|FOR|TO)\s+(?:the\s+|THE\s+)?[\w’'-]+"
    rf"(?:(?:\s+(?:and|of|the|for|on|to|&|AND|OF|THE|FOR|TO))*\s+{_HONORIFIC_WORD}[A-Z][\w’'-]*)*)?"
)
# A party's post: 'Lao Party General Secretary', 'Cambodia People’s Party President'.
_PARTY = r"(?:(?:[A-Z][\w’'-]*\s+){0,3}Party\s+)"
# A portfolio before the post: 'Foreign Affairs Cabinet Secretary Raychelle Omamo'.
_PORTFOLIO_LEAD = rf"(?:(?=[A-Z])(?i:{_PORTFOLIO})\s+){{0,3}}"
_PRE_TITLE = re.compile(
    rf"(?:(?P<visiting>(?i:visiting))\s+)?(?:(?P<poss>{_COUNTRY})(?:’s|'s)\s+)?(?:(?P<adj>{_COUNTRY})\s+)?"
    rf"(?:(?i:visiting|incoming|outgoing|new)\s+)?(?P<title>{_PARTY}?{_PORTFOLIO_LEAD}{_TITLE_CORE}(?:\s*(?:and|/|,)\s*{_TITLE_CORE})*)"
    rf"(?:\s*\((?P<abbr>[A-Z]{{2,6}})\))?"
    # where the post is held: 'Chargé d'Affaires of the Embassy of X in Abuja, Nigeria, Name'
    r"(?:\s+in\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?(?:,\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)?,)?"
    rf",?(?:\s+(?:{HONORIFIC_RE}|{RANK_RE})\.?)*\s*$",
)
_PLURAL_TITLE = re.compile(r"(?:Presidents|Ministers|Leaders|Premiers|Ambassadors)$")
_COUNTERPART = re.compile(
    rf"(?:his|her|their)\s+(?P<adj>{_COUNTRY})\s+counterparts?,?"
    rf"(?:\s+(?:{HONORIFIC_RE}|{TITLE_MODIFIER_RE}?(?:{TITLE_HEAD_RE}))\.?)*\s*$"
)
_APPOSITION_CUT = re.compile(
    r"\s+(?:on|in|at|from|during|who|which|said|told|stressed|led|has|had|was|is|will|"
    r"recently|also|and\s+(?:visiting\s+)?(?:His|Her|H\.E\.|Samdech|Mr|Ms|Dr|the|a)\b)\b.*$|"
    r"\s*\(.*$|;.*$",
    re.DOTALL,
)
_GOVERNMENT_OF = re.compile(
    r"(?:the\s+)?Government\s+of\s+(?:the\s+)?(?:(?:Kingdom|Republic|State|Federal\s+Republic|"
    rf"Islamic\s+Republic|People’s\s+Republic|People's\s+Republic)\s+of\s+)?(?P<c>{_COUNTRY})"
)
_AND_NAME_END = re.compile(r"(.*\S)\s+and\s+(?P<n>(?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+)$", re.S)
_APPOSITIVE_TITLE = re.compile(
    rf"(?i:the\s+|a\s+|an\s+)?(?:(?P<poss>{_COUNTRY})(?:’s|'s)\s+|[\w’']+(?:’s|'s)\s+)?"
    rf"(?:(?P<adj>{_COUNTRY})\s+)?"
    rf"(?P<title>{_TITLE_CORE}(?:\s*(?:and|/)\s*{_TITLE_CORE})*)",
)


def attach_posts(
    mention: Mention, text: str, normalised: str, sentence: Sentence, not_before: int = 0
) -> None:
    """Read the posts and country the sentence gives this person, before and after the name
    (a title before it never reaches back over the person named before)."""
    before = normalised[max(sentence.start, not_before) : mention.start]
    counterpart = _COUNTERPART.search(before)
    if counterpart:
        mention.counterpart_of = True
        mention.country = find_country(counterpart.group("adj"))
        mention.title_start = sentence.start + counterpart.start()
    window = before[-220:]
    pre = _PRE_TITLE.search(window)
    if (
        pre
        and not_before
        and len(before) <= 220
        and re.fullmatch(r"\s*,\s*", window[: pre.start()])
        and "," in window[pre.end("title") :]
    ):
        # 'X, Minister for Foreign Affairs of Japan, His Excellency Y': the title between
        # two commas is X's apposition, not Y's.
        pre = None
    if pre:
        mention.posts += parse_posts(pre.group("title"), pre.group("adj") or pre.group("poss"))
        mention.plural_title = bool(_PLURAL_TITLE.search(pre.group("title")))
        mention.title_start = mention.start - len(window) + pre.start()
        mention.visiting = bool(pre.group("visiting"))
        first = next(g for g in ("poss", "adj", "title") if pre.group(g))
        origin = mention.start - len(window)
        mention.worded.append(_worded(text[origin + pre.start(first) : origin + pre.end("title")]))
        agency = re.search(
            r"(?<![\w-])([A-Za-z]{3,7})(?:\s+[A-Z][a-z]+)?\s+$", window[: pre.start()]
        )
        if agency and agency.group(1) in AGENCY_COUNTRIES:  # 'USAID Mission Director X'
            mention.country = AGENCY_COUNTRIES[agency.group(1)]
    after = normalised[mention.end : sentence.end]
    of_country = re.match(
        rf"(?:,?\s*(?:Jr|Sr|II|III)\b\.?)?,?\s+of\s+(?:the\s+)?(?P<c>{_COUNTRY})", after
    )
    if of_country:  # 'PM Kishida Fumio of Japan'
        mention.country = find_country(of_country.group("c"))
    if after.startswith(","):
        persons = [e for e in sentence.ents("PERSON") if e.start >= mention.end]
        first_start: int | None = None
        segments = 0
        for segment in after[1:].split(","):
            segment = segment.strip()
            cut = _APPOSITION_CUT.sub("", segment)
            cut = cut.strip(" .")
            m = _APPOSITIVE_TITLE.match(cut)
            government = segments and _GOVERNMENT_OF.match(segment)
            if government:  # 'X, Finance Minister, Government of the Kingdom of Eswatini'
                mention.country = mention.country or find_country(government.group("c"))
                break
            # the title, or the title and then another person: 'X, China's deputy Finance
            # Minister and Koji Tanami'
            if not m or not re.fullmatch(r"(?:\s+and\s+.*|\s+[a-z].*)?", cut[m.end() :], re.DOTALL):
                break
            title_text = cut[: m.end()]
            title_start = normalised.find(title_text, mention.end)
            title_stop = title_start + len(title_text)
            # a title whose complement runs on into the next signatory: 'X, state minister
            # of Finance and Y, Ambassador' — the title ends at the 'and' before that name
            nxt = next((e for e in persons if title_start < e.start < title_stop), None)
            head = nxt and re.match(r"(.*\S)\s+and\s*$", normalised[title_start : nxt.start], re.S)
            if not head:  # the model missed that name: '…Development and Rina Vogt, Director'
                head = _AND_NAME_END.match(cut)
                if head and not is_name(head.group("n").split()):
                    head = None
            shorter = _APPOSITIVE_TITLE.match(head.group(1)) if head else None
            cut_short = bool(shorter and shorter.end() == len(head.group(1)))
            if cut_short:
                m, cut = shorter, head.group(1)
                title_stop = title_start + len(cut)
            # the title must not run into the next person: 'X, Cambodian Minister of Foreign
            # Affairs Sok Chenda Sophea paid a visit'
            if any(e.start < title_stop and title_start < e.end for e in persons):
                break
            mention.posts += parse_posts(m.group("title"), m.group("adj") or m.group("poss"))
            mention.title_end = title_stop
            mention.worded.append(_worded(text[title_start:title_stop]))
            first_start = title_start if first_start is None else first_start
            segments += 1
            if cut_short or cut != segment or m.end() < len(cut):  # the sentence goes on
                break
        if segments > 1:  # 'Deputy Prime Minister, Minister of MFAIC' is one title too
            mention.worded.append(_worded(text[first_start : mention.title_end]))
    for post in mention.posts:
        mention.country = mention.country or post.country


def _worded(phrase: str) -> str:
    """A title as the text words it, country and all ('Japanese Ambassador to Cambodia')."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;")
    return re.sub(r"^(?:the|a|an|visiting)\s+", "", phrase, flags=re.IGNORECASE)


def parse_posts(phrase: str, adjective: str | None = None) -> list[Post]:
    """`Deputy Prime Minister and Minister of Foreign Affairs of the Kingdom of Cambodia` ->
    two posts, country KH. Abbreviations expanded, synonyms made one, case made title case."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.")
    phrase = re.sub(r"^(?:the|The)\s+", "", phrase)  # 'The Chargé d'Affaires of …'
    if phrase.isupper() and len(phrase) > 6:  # 'MINISTER FOR FOREIGN AFFAIRS'
        phrase = phrase.title()
    country = find_country(adjective) if adjective else None
    # A trailing 'of <country>' names the country, not the post.
    tail = re.search(rf"\s+of\s+(?:the\s+)?(?P<c>{_COUNTRY})$", phrase, re.IGNORECASE)
    if tail and not re.search(r"\b(?:Ministry|Embassy)\s+of\s+(?:the\s+)?\S+$", phrase):
        country = country or find_country(tail.group("c"))
        phrase = phrase[: tail.start()]
    # 'Secretary of Sri Lanka's Ministry of Education': the ministry's country.
    owner = re.search(rf"\b(?:of|for)\s+(?:the\s+)?(?P<c>{_COUNTRY})(?:’s|'s)\s", phrase)
    if owner:
        country = country or find_country(owner.group("c"))
    # 'Ambassador of Japan to Cambodia': the country sending them.
    sender = re.search(rf"\bof\s+(?:the\s+)?(?P<c>{_COUNTRY})\s+to\s+", phrase)
    if sender:
        country = country or find_country(sender.group("c"))
    lead = re.match(rf"(?P<c>{_COUNTRY})\s+", phrase, re.IGNORECASE)
    if lead and find_country(lead.group("c")):
        country = country or find_country(lead.group("c"))
        phrase = phrase[lead.end() :]
    posts: list[Post] = []
    for part in re.split(
        rf"\s*(?:/|\band\b)\s*(?={TITLE_MODIFIER_RE}*(?:{TITLE_HEAD_RE})\b)",
        phrase,
        flags=re.IGNORECASE,
    ):
        part = re.sub(r"^(?:the\s+)?late\s+", "", part.strip(" ,"), flags=re.IGNORECASE)
        if not part:
            continue
        for title in TITLE_ABBREVIATIONS.get(part.upper(), [part]):
            title = TITLE_SYNONYMS.get(title.lower(), title)
            title, organisation, org_country = _split_organisation(title)
            posts.append(Post(_title_case(title), organisation, country or org_country))
    return posts


def _split_organisation(title: str) -> tuple[str, str | None, str | None]:
    """The organisation a post belongs to, and the country it names if any."""
    org = None
    m = re.match(r"(?P<head>.*)\s+of\s+(?:the\s+)?(?P<org>(?:\S+\s+)*?(?P<w>\S+))$", title)
    org_words = {w.strip(".,").lower() for w in m.group("org").split()} if m else set()
    last = m.group("w").strip(".,") if m else ""
    if (
        m
        and m.group("head")
        and (org_words & ORGANISATION_WORDS or re.fullmatch(r"[A-Z]{2,}", last))
    ):
        org = _title_case(m.group("org"))
    if org is None:
        minister = re.match(r"(?:.*\s)?Minister\s+(?:of|for)\s+(?P<p>.+)$", title, re.IGNORECASE)
        if minister:
            org = "Ministry of " + _title_case(minister.group("p"))
        elif re.search(r"President of the Senate", title, re.IGNORECASE):
            org = "Senate"
    found = countries_in(org or "")
    return title, org, found[0][2] if found else None


def _title_case(phrase: str) -> str:
    words = phrase.split()
    out = []
    for i, w in enumerate(words):
        if i and w.lower() in SMALL_WORDS:
            out.append(w.lower())
        elif w.isupper() and len(w) > 1:
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)
