"""Stage 3a: mentions of people — clean names, and the titles and countries beside them.

A mention comes from the model (a PERSON entity) or from the rules (a title or an
honorific followed by capitalised words: `His Excellency HAYASHI Yoshimasa`). Its name is
stripped of honorifics and titles; the title phrase before it (`Japanese Minister for
Foreign Affairs`) or after it (`, deputy chief of mission of the Embassy`) gives posts,
organisations and a country.
"""

import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from documents.extraction.countries import countries_in, country_pattern, find_country
from documents.extraction.nlp import Sentence, pos
from documents.extraction.vocabulary import (
    AGENCY_COUNTRIES,
    HONORIFIC_RE,
    HONORIFICS,
    NAME_PARTICLES,
    OFFICE_STYLES,
    ORGANISATION_WORDS,
    PORTFOLIO_WORDS,
    RANK_RE,
    SMALL_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_HEAD_RE,
    TITLE_HEADS,
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
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LOWER = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž"
_WORD_BODY = r"\w'’-"
_NAME_WORD = (
    rf"[{_UPPER}](?=[{_WORD_BODY}]*[{_LOWER}])[{_WORD_BODY}]*+|[{_UPPER}]{{2,}}(?![{_LOWER}])"
)
# Initials before a name: 'R. H. S. Samaratunga', 'L.Bold', 'J M Thilaka Jayasundara'.
_INITIALS = rf"(?:[{_UPPER}](?:\.\s*|\s+)(?=[{_UPPER}]))+"
_PARTICLE = "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
_NAME_SEP = rf"\s+(?:(?:{_PARTICLE})\s+)?"  # 'Lula da Silva', 'Mohammed bin Salman'


def _name_run(more_min: int, more_max: int) -> str:
    """A name: initials or not, then a first word and `more_min`..`more_max` others."""
    word = f"(?:{_NAME_WORD})"
    return rf"(?:{_INITIALS})?{word}(?:{_NAME_SEP}{word}){{{more_min},{more_max}}}"


# A name of two words or more, counting initials as words ('L.Bold').
_FULL_NAME = (
    rf"(?:{_INITIALS}(?:{_NAME_WORD})(?:{_NAME_SEP}(?:{_NAME_WORD})){{0,7}}|{_name_run(1, 8)})"
)
_STRIP_LEAD = re.compile(
    # a whole word only: 'Dr' is no lead of 'Draupadi', nor 'Sir' of 'Sirisena'
    rf"^(?:(?:{HONORIFIC_RE}|{TITLE_MODIFIER_RE}?(?:{TITLE_HEAD_RE})|the|The)"
    rf"(?:(?<=\.)|(?![\w’'-]))\.?\s*)+"
)
_PORTFOLIO = "|".join(re.escape(w) for w in sorted(PORTFOLIO_WORDS, key=len, reverse=True))
_TITLE_OR_STYLE = (
    rf"(?:{HONORIFIC_RE}|{TITLE_MODIFIER_RE}?(?:{TITLE_HEAD_RE})(?:-elect|-designate)?)"
)
_RULE_NAME = re.compile(
    rf"(?:(?<![\w])(?:{_TITLE_OR_STYLE})\.?"
    # the complement: portfolio words, a country, its ministry ('Secretary of Sri Lanka's
    # Ministry of Education and Science and Technology J M Thilaka Jayasundara')
    rf"(?:\s+(?:of|for|to)(?:\s+(?:(?:{country_pattern().pattern})(?:’s|'s)?|Ministry|"
    rf"Department|(?i:{_PORTFOLIO}))(?![\w'’]))+)?\s+)"
    rf"(?:(?:{_TITLE_OR_STYLE})\.?\s+)*"  # a chain: 'H.E. Gen. Wei Fenghe', 'Hon. Dr.'
    rf"(?P<name>{_name_run(0, 8)})"
)
# 'Minister for Immigration and Multicultural and Indigenous Affairs, Philip Ruddock': a
# title whose complement is any run of capitalised words, closed by a comma, then a name.
_COMMA_TITLE_NAME = re.compile(
    rf"(?<![\w])(?:{TITLE_MODIFIER_RE}?(?:{TITLE_HEAD_RE}))(?:-elect|-designate)?"
    rf"(?:\s+(?:of|for|to)(?:\s+(?:the|and|of|for|&|to|[A-Z][\w’'-]*))+)?,\s+"
    rf"(?:(?:{_TITLE_OR_STYLE})\.?\s+)*"
    rf"(?P<name>{_FULL_NAME})(?=\s*[,.;:)]|\s+[a-z]|\s*$)"
)
# A letterhead in capitals names who issues a release: 'MEDIA RELEASE MINISTER FOR FOREIGN
# AFFAIRS ALEXANDER DOWNER FA90'. Only lines written wholly in capitals are read so.
_CAPS_HEADS = "|".join(re.escape(h.upper()) for h in sorted(TITLE_HEADS, key=len, reverse=True))
_CAPS_PORTFOLIO = "|".join(
    re.escape(w.upper()) for w in sorted(PORTFOLIO_WORDS, key=len, reverse=True)
)
_CAPS_TITLE_NAME = re.compile(
    rf"(?<![\w])(?:{_CAPS_HEADS})(?:\s+(?:OF|FOR)(?:\s+(?:{_CAPS_PORTFOLIO})(?![\w'’]))+)?"
    r"\s+(?P<name>[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+){1,2})(?![\w])"
)
_APPOSITION_NAME = re.compile(
    rf"(?P<name>{_FULL_NAME}),\s+(?:the\s+|a\s+|an\s+)?"
    rf"(?:[\w’']+(?:’s|'s)\s+)?(?i:{TITLE_MODIFIER_RE}*(?:{TITLE_HEAD_RE}))(?:-elect|-designate)?(?![\w-])"
    r"(?!\s+[A-Z][a-z]+\s+[A-Z])"  # not the title of the next name: 'Phnom Penh, PM Hun Manet'
)
_COUNTERPART_NAME = re.compile(rf"\bcounterparts?,?\s+(?P<name>{_FULL_NAME})")
_NOT_NAME_WORDS = {
    "ministry", "minister", "government", "embassy", "kingdom", "republic", "senate",
    "office", "department", "council", "the", "of", "and", "for", "said", "his", "her",
    "affairs", "foreign", "international", "cooperation", "state", "prime", "deputy",
    "president", "excellency", "both", "two", "japan", "cambodia", "royal", "national",
    "related", "articles", "photo", "source", "press", "release", "port", "summit",
    "meeting", "meetings", "talks", "visit", "islamic", "democratic", "federal", "socialist",
    "people's", "people’s", "federative", "united", "commonwealth", "extraordinary",
    "plenipotentiary", "self-defence", "self-defense", "assembly", "readout", "statement",
    "manager", "officer", "avenue", "street", "road", "boulevard", "highway", "square",
    *ORGANISATION_WORDS, *(w for w in PORTFOLIO_WORDS if len(w) > 3),
}  # fmt: skip
_PARTICLES = set(NAME_PARTICLES)
# 'King George VI Avenue': a street named after a person is a place.
_STREET_AFTER = re.compile(r"\s+(?:Avenue|Street|Road|Boulevard|Highway|Square|Lane|Drive)\b")
_STYLE_BEFORE = re.compile(
    rf"(?<![\w])(?:{'|'.join(re.escape(s) for s in sorted(OFFICE_STYLES, key=len, reverse=True))})"
    rf"\.?\s+(?:(?:{HONORIFIC_RE}|{TITLE_MODIFIER_RE}?(?:{TITLE_HEAD_RE}))\.?\s+)*$"
)


def _is_name(words: list[str]) -> bool:
    if not words or len(words) > 8 or words[0] in _PARTICLES or words[-1] in _PARTICLES:
        return False
    for w in words:
        if w in _PARTICLES:  # 'da' of 'Lula da Silva'
            continue
        core = w.strip("'’-.")
        if not core or not core[0].isupper() or core.lower() in _NOT_NAME_WORDS:
            return False
        if core.lower() in STOP_WORDS and len(core) > 1:
            return False
        if find_country(core) or any(c.isdigit() for c in core):
            return False
    if all(w.lower() in _STYLE_WORDS for w in words):  # 'Akka' of a Khmer honorific chain
        return False
    if all(w.lower().strip(".") in _HONORIFIC_WORDS for w in words):  # 'High Commissioner'
        return False
    return not all(len(w.strip(".")) == 1 for w in words)  # initials alone are no name


def _clean(start: int, end: int, normalised: str) -> tuple[int, int] | None:
    """Trim honorifics, titles and a possessive from a span; None when no name is left."""
    span = normalised[start:end]
    lead = _STRIP_LEAD.match(span)
    if lead:
        start += lead.end()
    start = _skip_lead_words(start, end, normalised)
    span = normalised[start:end]
    possessive = re.search(r"(?:'s|’s|'|’)$", span)
    if possessive:
        end -= len(possessive.group(0))
    span = normalised[start:end].strip()
    return (start, start + len(span)) if span else None


def _skip_lead_words(start: int, end: int, normalised: str) -> int:
    """Skip words before a name that are not part of it: honorifics and ranks one by one
    ('Akka Moha Sena Padei Techo', 'Pichey Sena', 'Gen.', 'PM'), and an acronym still in
    capitals in the normalised text, which is an organisation's ('KFAED Abdul Wahab
    Al-Bader'): family names in capitals were title-cased there already."""
    while True:
        m = re.match(r"\s*(\S+)\s+(?=\S)", normalised[start:end])
        if not m:
            return start
        word = m.group(1)
        bare = word.strip(".,").lower()
        acronym = re.fullmatch(r"[A-Z]{2,}", word) is not None
        if (
            bare in _HONORIFIC_WORDS
            or bare in _NOT_NAME_WORDS  # the end of an organisation: 'Assembly Lee Hae-chan'
            or word.strip(".,") in _SHORT_HONORIFICS
            or acronym
        ):
            start += m.end()
            continue
        return start


def _longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A span inside another is the same mention: keep the longest."""
    kept: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda se: (se[0] - se[1], se[0])):
        if not any(s < ke and ks < e for ks, ke in kept):
            kept.append((s, e))
    return kept


def find_mentions(text: str, normalised: str, sentences: list[Sentence]) -> list[Mention]:
    """Every person mention, model and rules together, one per stretch of text.

    A full name found once is found again wherever the text repeats it, even where the
    model missed it (`Minister of Foreign Affairs … Prak Sokhonn`).
    """
    found = [_candidate_spans(normalised, sentence) for sentence in sentences]
    # The first reading only gathers names: posts are read on the second.
    first = _find_mentions(text, normalised, sentences, found, [], with_posts=False)
    full = {m.name for m in first if len(m.words) > 1}
    # A word of one known name only ('Wang' of 'Wang Yi'; not 'Hun' of Hun Sen and Hun Manet).
    owners: dict[str, set[str]] = {}
    for name in full:
        for word in name.split():
            owners.setdefault(word, set()).add(name)
    short = {
        w for w, names in owners.items()
        if len(names) == 1 and len(w) > 2 and w.lower() not in STOP_WORDS and not find_country(w)
    }  # fmt: skip
    known = sorted(full | short, key=len, reverse=True)
    return _find_mentions(text, normalised, sentences, found, known)


def _candidate_spans(normalised: str, sentence: Sentence) -> list[tuple[int, int]]:
    """Stretches of a sentence that may name a person: the model's PERSON entities and
    what the title, apposition and counterpart rules find."""
    spans: list[tuple[int, int]] = []
    places = [(e.start, e.end) for e in sentence.ents("GPE", "LOC", "FAC")]
    for ent in sentence.ents("PERSON"):
        cleaned = _clean(*_widen(sentence, ent.start, ent.end), normalised)
        if cleaned:
            spans.append(cleaned)
    for pattern in (_APPOSITION_NAME, _COUNTERPART_NAME, _COMMA_TITLE_NAME):
        for m in pattern.finditer(normalised, sentence.start, sentence.end):
            s, e = m.start("name"), m.end("name")
            s = _skip_lead_words(s, e, normalised)  # 'Padei Techo Hun Sen', 'PM Li Qiang'
            if not any(ps <= s < pe for ps, pe in places):
                spans.append((s, e))
    for line in re.finditer(r"[^\n]+", normalised[sentence.start : sentence.end]):
        letters = [c for c in line.group(0) if c.isalpha()]
        if len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.9:
            offset = sentence.start + line.start()
            for m in _CAPS_TITLE_NAME.finditer(line.group(0)):
                spans.append((offset + m.start("name"), offset + m.end("name")))
    for m in _RULE_NAME.finditer(normalised, sentence.start, sentence.end):
        s, e = m.start("name"), m.end("name")
        cleaned = _clean(s, e, normalised)
        if cleaned:
            spans.append(cleaned)
    # A name does not begin inside a country's name ('… to Sri Lanka Khalaf Bu Dhhair').
    countries = [
        (sentence.start + cs, sentence.start + ce)
        for cs, ce, _ in countries_in(normalised[sentence.start : sentence.end])
    ]
    out = []
    for s, e in spans:
        for cs, ce in countries:
            if cs <= s < ce < e:
                s = ce + len(normalised[ce:e]) - len(normalised[ce:e].lstrip())
        out.append((s, e))
    return out


def _find_mentions(
    text: str,
    normalised: str,
    sentences: list[Sentence],
    found: list[list[tuple[int, int]]],
    known_names: list[str],
    with_posts: bool = True,
) -> list[Mention]:
    mentions: list[Mention] = []
    known = (
        re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in known_names)})(?![\w-])")
        if known_names
        else None
    )
    for sentence, candidates in zip(sentences, found, strict=True):
        spans = list(candidates)
        if known:
            for m in known.finditer(normalised, sentence.start, sentence.end):
                spans.append((m.start(), m.end()))
        kept = list(_longest_first(spans))
        previous_end = 0  # where the last mention of this sentence ends
        previous: Mention | None = None
        for s, e in sorted(kept):
            name = _trim_name(normalised[s:e])
            if not _is_name(name.split()):
                continue
            # where the name ends in the text, however many spaces it has ('Narendra  Modi')
            parts = name.split()
            last = list(re.finditer(r"\S+", normalised[s:e]))[len(parts) - 1]
            e = s + last.start() + len(parts[-1])
            if _STREET_AFTER.match(normalised, e):
                continue
            if all(w.isupper() and len(w) > 1 for w in name.split()):  # a letterhead's
                name = name.title()
            name = re.sub(rf"\b([{_UPPER}])\.(?=[{_UPPER}])", r"\1. ", name)  # 'J.Erdenebat'
            mention = Mention(sentence.index, s, e, text[s:e], name)
            mention.styled = bool(_STYLE_BEFORE.search(normalised[max(0, s - 80) : s]))
            if with_posts:
                attach_posts(mention, text, normalised, sentence, not_before=previous_end)
                # 'Presidents Andrés Manuel López Obrador and Bernardo Arévalo'
                if (
                    not mention.posts
                    and previous is not None
                    and previous.plural_title
                    and normalised[previous.end : s].strip() == "and"
                ):
                    mention.posts = [Post(p.title, p.organisation, None) for p in previous.posts]
            previous_end = max(previous_end, e)
            previous = mention
            mentions.append(mention)
    return mentions


_NAME_TOKEN_STOP = re.compile(rf"^(?:{HONORIFIC_RE}|{TITLE_HEAD_RE})$")
_HONORIFIC_WORDS = {
    w.lower() for h in (*HONORIFICS, *TITLE_HEADS) for w in h.split() if len(w) > 2
} - {"and", "the", "for"}
_STYLE_WORDS = {w.lower() for h in HONORIFICS for w in h.split() if len(w) > 2}
# Short forms of address and rank, matched as written ('He Lifeng' keeps its 'He').
_SHORT_HONORIFICS = {
    "Mr", "Mrs", "Ms", "Dr", "H.E", "HE", "PM", "DPM", "FM", "HM", "HRH", "Hon", "Gen", "Col",
    "Lt", "Maj", "Adm", "Prof", "Amb", "Rt", "MP", "Brig", "Capt", "Cdr",
}  # fmt: skip


def _widen(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """Grow a PERSON span over proper nouns the model left out ('Taninai' of 'Taninai
    Ichitomo'), stopping at titles, honorifics and country names."""
    tokens = list(sentence.doc) if sentence.doc is not None else []
    spans = [(sentence.offset + t.idx, sentence.offset + t.idx + len(t.text), t) for t in tokens]
    inside = [i for i, (s, e, _) in enumerate(spans) if s >= start and e <= end]
    if not inside:
        return start, end

    def name_like(token) -> bool:
        word = token.text
        return (
            word[:1].isupper()
            and not _NAME_TOKEN_STOP.match(word)
            and not find_country(word)
            and word.lower() not in _NOT_NAME_WORDS
            and word.lower() not in _HONORIFIC_WORDS
            and pos(token) == "PROPN"  # last: the part of speech is set on demand
        )

    def joins_title(index: int) -> bool:  # 'Minister of Commerce Phumtham': not a name
        return index > 0 and spans[index - 1][2].text.lower() in {"of", "for", "and", "the"}

    first, last = inside[0], inside[-1]
    while (
        first > 0
        and inside[0] - first < 2
        and name_like(spans[first - 1][2])
        and not joins_title(first - 1)
    ):
        first -= 1
    while last + 1 < len(spans) and last - inside[-1] < 2 and name_like(spans[last + 1][2]):
        last += 1
    return spans[first][0], spans[last][1]


def _trim_name(name: str) -> str:
    """Cut a name where words that are not names begin (`Hun Sen said` -> `Hun Sen`); a
    possessive ends it (`Dissanayake’s New Delhi visit` -> `Dissanayake`)."""
    words: list[str] = []
    parts = name.split()
    for i, w in enumerate(parts):
        if w in _PARTICLES and i + 1 < len(parts) and parts[i + 1][:1].isupper():
            words.append(w)
            continue
        if w.lower() in _NOT_NAME_WORDS or not w[0].isupper():
            break
        possessive = re.search(r"(?:'s|’s|'|’)$", w)
        if possessive:
            if len(w) > len(possessive.group(0)):
                words.append(w[: -len(possessive.group(0))])
            break
        words.append(w)
    while words and words[-1] in _PARTICLES:
        words.pop()
    return " ".join(words)


# ---------------------------------------------------------------- titles

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
                if head and not _is_name(head.group("n").split()):
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
