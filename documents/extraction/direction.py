"""Who gives and who receives an agreement's money, where its sentence says so.

    "Japan will provide a grant of … to Cambodia"           Japan → Cambodia
    "the loan from Korea to Laos"                            Korea → Laos
    "Japanese grant aid to Cambodia"                         Japan → Cambodia
    "Cambodia received … from Japan"                         Japan → Cambodia
    "… the project, financed by Japan" (two parties)          Japan → the other party

The rules read a general vocabulary of verbs of giving (provide, extend, grant, lend,
donate, finance …) and of receiving (receive, borrow, obtain), nouns of aid (loan, grant,
aid, assistance …) and the prepositions that mark a recipient (to, for) or a source (from,
by), around the country mentions of the sentence (`countries_in`: names, official names and
demonyms). The giver of an active verb is the nearest country before it in the same clause,
unless two countries are its subject together ("Japan and Cambodia signed a grant …" says
nothing of who gives). Where the giver is stated but the recipient is not, and the agreement
has exactly two parties, the recipient is the other party (never the other way round: the
giver must be stated). Otherwise: no direction (None).
"""

import re
from collections.abc import Iterable

from documents.extraction.candidates import AgreementCandidate
from documents.extraction.countries import countries_in

# Verbs of giving: forms that are only verbs, and bare forms that are nouns too ("a grant",
# "the fund"), counted only after a modal or "to" ("will grant", "agreed to finance").
_GIVING_FORMS = (
    r"provid(?:es|ed|ing|e)|extend(?:s|ed|ing)|grant(?:s|ed)|lend(?:s|ing)?|lent"
    r"|loaned|donat(?:es|ed|ing|e)|financ(?:es|ed)|fund(?:s|ed)|gives?|gave"
    r"|offer(?:s|ed)|pledg(?:es|ed)|contribut(?:es|ed|e)|disburs(?:es|ed|ing|e)"
    r"|hand(?:s|ed)?\s+over"
)
_GIVING_BARE = r"extend|grant|finance|fund|offer|pledge|loan"
_MODAL = r"(?:will|would|shall|should|to|has|have|had|can|could|may)"
GIVING = re.compile(
    rf"\b(?P<verb>{_GIVING_FORMS})\b|\b{_MODAL}\s+(?:also\s+|further\s+)?(?P<bare>{_GIVING_BARE})\b",
    re.I,
)
RECEIVING = re.compile(r"\b(?:receiv(?:es|ed|ing|e)|borrow(?:s|ed|ing)?|obtain(?:s|ed))\b", re.I)
AID = (
    r"(?:aid|assistance|grants?|loans?|ODA|funding|financing|support|contributions?"
    r"|donations?|credits?)"
)
# The giver named before an aid noun: "Japanese grant aid to", "Japan's concessional loan".
_AID_MODIFIER = (
    r"(?:grant|ODA|official|concessional|soft|yen|financial|development|technical|emergency"
    r"|humanitarian|budget|new|additional)"
)
GIVER_ADJECTIVE = re.compile(rf"^(?:'s|’s)?\s+(?:{_AID_MODIFIER}\s+){{0,2}}{AID}\b", re.I)
# Between a verb (or an aid noun) and the country it is given to: "to the Kingdom of".
RECIPIENT_BEFORE = re.compile(r"\b(?:to|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", re.I)
SOURCE_BEFORE = re.compile(r"\b(?:from|by)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", re.I)
FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", re.I)
# A country right after a verb of giving is given to: "lend Laos", "provide the Kingdom of".
OBJECT_BEFORE = re.compile(r"^\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:of\s+)?){0,3}$")
# A country after one of these is the object of a preposition, not a verb's subject.
PREPOSITION_OBJECT = re.compile(
    r"\b(?:with|in|at|on|between|among|against)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:of\s+)?){0,3}$"
)
PASSIVE_BY = re.compile(r"^\s+by\b", re.I)
# What ends the clause a verb's subject is looked for in.
CLAUSE_BREAK = re.compile(r"[;:]|\bwhile\b|\bwhereas\b|\bwhich\b", re.I)
JOINED = re.compile(r"^\s*(?:,|and|&|as\s+well\s+as)\s*(?:the\s+)?$", re.I)
SUBJECT_REACH = 160  # characters back from a verb to its subject


Mention = tuple[int, int, str]


def _after(mentions: list[Mention], pos: int, before: re.Pattern, text: str) -> str | None:
    """The first country after `pos` that `before` introduces ("to the Kingdom of …")."""
    for start, _, code in mentions:
        if start >= pos and before.search(text[pos:start]):
            return code
    return None


def _object(mentions: list[Mention], pos: int, text: str) -> str | None:
    """The country a verb ending at `pos` is directly followed by ("lend Laos …")."""
    after = [m for m in mentions if m[0] >= pos]
    if after and OBJECT_BEFORE.match(text[pos : after[0][0]]):
        return after[0][2]
    return None


def _subject(mentions: list[Mention], pos: int, text: str) -> str | None:
    """The country that is the subject of the verb at `pos`: the nearest before it in the
    same clause, alone (not one of two joined by 'and')."""
    before = [m for m in mentions if m[1] <= pos and pos - m[1] <= SUBJECT_REACH]
    if not before:
        return None
    start, end, code = before[-1]
    if CLAUSE_BREAK.search(text[end:pos]) or SOURCE_BEFORE.search(text[:start]):
        return None
    if RECIPIENT_BEFORE.search(text[max(0, start - 40) : start]):
        return None  # "the Ambassador to Cambodia provided": not the subject's country
    if PREPOSITION_OBJECT.search(text[max(0, start - 40) : start]):
        return None  # "signed a loan agreement with Sri Lanka to contribute": its object
    earlier = [m for m in mentions if m[1] <= start]
    if earlier and earlier[-1][2] != code and JOINED.match(text[earlier[-1][1] : start]):
        return None
    return code


def _complete(giver, receiver, parties: set[str]) -> tuple[str | None, str | None]:
    if giver and not receiver and len(parties) == 2 and giver in parties:
        receiver = next(iter(parties - {giver}))
    if not giver or not receiver or giver == receiver:
        return None, None
    return giver, receiver


def direction(sentence: str, parties: Iterable[str] = ()) -> tuple[str | None, str | None]:
    """(giver, receiver) as country codes, or (None, None) when the sentence does not say."""
    parties = set(parties)
    # A code before "$" is a currency ("US$ 3 million"), not a country.
    mentions = [m for m in countries_in(sentence) if not sentence.startswith("$", m[1])]
    if not mentions:
        return None, None
    for m in GIVING.finditer(sentence):
        verb = "verb" if m.group("verb") else "bare"
        start, end = m.span(verb)
        if PASSIVE_BY.match(sentence[end:]):  # "financed by Japan"
            giver = _after(mentions, end, SOURCE_BEFORE, sentence)
        else:
            giver = _subject(mentions, start, sentence)
        receiver = _after(mentions, end, RECIPIENT_BEFORE, sentence) or _object(
            mentions, end, sentence
        )
        found = _complete(giver, receiver, parties)
        if found[0]:
            return found
    for m in RECEIVING.finditer(sentence):
        receiver = _subject(mentions, m.start(), sentence)
        giver = _after(mentions, m.end(), SOURCE_BEFORE, sentence)
        if giver and receiver:
            return _complete(giver, receiver, parties)
    for _, end, code in mentions:
        if GIVER_ADJECTIVE.match(sentence[end:]):  # "Japanese grant aid to Cambodia"
            found = _complete(code, _after(mentions, end, RECIPIENT_BEFORE, sentence), parties)
            if found[0]:
                return found
    for m in re.finditer(rf"\b{AID}\b", sentence, re.I):  # "a loan from Korea to Laos"
        giver = _after(mentions, m.end(), FROM_BEFORE, sentence)
        if giver:
            receiver = _after(mentions, m.end(), RECIPIENT_BEFORE, sentence)
            found = _complete(giver, receiver, parties)
            if found[0]:
                return found
    return None, None


def with_directions(found: list[AgreementCandidate]) -> list[AgreementCandidate]:
    """The agreements, each with `giver` and `receiver` where its sentence says them."""
    for agreement in found:
        agreement.giver, agreement.receiver = direction(agreement.terms, agreement.parties)
    return found
