"""How names of people are written: name words in any Latin script, initials, particles
(`da`, `bin`), the honorifics and titles that stand before a name, and whether a run of
words is a name."""

import re

from spacy.lang.en.stop_words import STOP_WORDS

from documents.extraction.countries import country_pattern, find_country
from documents.extraction.vocabulary import (
    HONORIFIC_RE,
    HONORIFICS,
    NAME_PARTICLES,
    OFFICE_STYLES,
    ORGANISATION_WORDS,
    PORTFOLIO_WORDS,
    TITLE_HEAD_RE,
    TITLE_HEADS,
    TITLE_MODIFIER_RE,
)

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LOWER = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž"
_WORD_BODY = r"\w'’-"
_NAME_WORD = (
    rf"[{UPPER}](?=[{_WORD_BODY}]*[{_LOWER}])[{_WORD_BODY}]*+|[{UPPER}]{{2,}}(?![{_LOWER}])"
)
# Initials before a name: 'R. H. S. Samaratunga', 'L.Bold', 'J M Thilaka Jayasundara'.
_INITIALS = rf"(?:[{UPPER}](?:\.\s*|\s+)(?=[{UPPER}]))+"
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
RULE_NAME = re.compile(
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
COMMA_TITLE_NAME = re.compile(
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
CAPS_TITLE_NAME = re.compile(
    rf"(?<![\w])(?:{_CAPS_HEADS})(?:\s+(?:OF|FOR)(?:\s+(?:{_CAPS_PORTFOLIO})(?![\w'’]))+)?"
    r"\s+(?P<name>[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+){1,2})(?![\w])"
)
APPOSITION_NAME = re.compile(
    rf"(?P<name>{_FULL_NAME}),\s+(?:the\s+|a\s+|an\s+)?"
    rf"(?:[\w’']+(?:’s|'s)\s+)?(?i:{TITLE_MODIFIER_RE}*(?:{TITLE_HEAD_RE}))(?:-elect|-designate)?(?![\w-])"
    r"(?!\s+[A-Z][a-z]+\s+[A-Z])"  # not the title of the next name: 'Phnom Penh, PM Hun Manet'
)
COUNTERPART_NAME = re.compile(rf"\bcounterparts?,?\s+(?P<name>{_FULL_NAME})")
NOT_NAME_WORDS = {
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
PARTICLES = set(NAME_PARTICLES)
# 'King George VI Avenue': a street named after a person is a place.
STREET_AFTER = re.compile(r"\s+(?:Avenue|Street|Road|Boulevard|Highway|Square|Lane|Drive)\b")
STYLE_BEFORE = re.compile(
    rf"(?<![\w])(?:{'|'.join(re.escape(s) for s in sorted(OFFICE_STYLES, key=len, reverse=True))})"
    rf"\.?\s+(?:(?:{HONORIFIC_RE}|{TITLE_MODIFIER_RE}?(?:{TITLE_HEAD_RE}))\.?\s+)*$"
)


def is_name(words: list[str]) -> bool:
    if not words or len(words) > 8 or words[0] in PARTICLES or words[-1] in PARTICLES:
        return False
    for w in words:
        if w in PARTICLES:  # 'da' of 'Lula da Silva'
            continue
        core = w.strip("'’-.")
        if not core or not core[0].isupper() or core.lower() in NOT_NAME_WORDS:
            return False
        if core.lower() in STOP_WORDS and len(core) > 1:
            return False
        if find_country(core) or any(c.isdigit() for c in core):
            return False
    if all(w.lower() in _STYLE_WORDS for w in words):  # 'Akka' of a Khmer honorific chain
        return False
    if all(w.lower().strip(".") in HONORIFIC_WORDS for w in words):  # 'High Commissioner'
        return False
    return not all(len(w.strip(".")) == 1 for w in words)  # initials alone are no name


def _clean(start: int, end: int, normalised: str) -> tuple[int, int] | None:
    """Trim honorifics, titles and a possessive from a span; None when no name is left."""
    span = normalised[start:end]
    lead = _STRIP_LEAD.match(span)
    if lead:
        start += lead.end()
    start = skip_lead_words(start, end, normalised)
    span = normalised[start:end]
    possessive = re.search(r"(?:'s|’s|'|’)$", span)
    if possessive:
        end -= len(possessive.group(0))
    span = normalised[start:end].strip()
    return (start, start + len(span)) if span else None


def skip_lead_words(start: int, end: int, normalised: str) -> int:
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
            bare in HONORIFIC_WORDS
            or bare in NOT_NAME_WORDS  # the end of an organisation: 'Assembly Lee Hae-chan'
            or word.strip(".,") in _SHORT_HONORIFICS
            or acronym
        ):
            start += m.end()
            continue
        return start


def longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A span inside another is the same mention: keep the longest."""
    kept: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda se: (se[0] - se[1], se[0])):
        if not any(s < ke and ks < e for ks, ke in kept):
            kept.append((s, e))
    return kept


NAME_TOKEN_STOP = re.compile(rf"^(?:{HONORIFIC_RE}|{TITLE_HEAD_RE})$")
HONORIFIC_WORDS = {
    w.lower() for h in (*HONORIFICS, *TITLE_HEADS) for w in h.split() if len(w) > 2
} - {"and", "the", "for"}
_STYLE_WORDS = {w.lower() for h in HONORIFICS for w in h.split() if len(w) > 2}
# Short forms of address and rank, matched as written ('He Lifeng' keeps its 'He').
_SHORT_HONORIFICS = {
    "Mr", "Mrs", "Ms", "Dr", "H.E", "HE", "PM", "DPM", "FM", "HM", "HRH", "Hon", "Gen", "Col",
    "Lt", "Maj", "Adm", "Prof", "Amb", "Rt", "MP", "Brig", "Capt", "Cdr",
}  # fmt: skip
