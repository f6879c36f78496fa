"""Agreements stated without an amount: instruments signed or adopted (`signed three MoUs on
...`), partnerships created, and who the principals of a signing are."""

import re

from documents.extraction.agreement_amounts import _clean_title, trim_purpose
from documents.extraction.agreement_wordings import LIST_ITEM, PARTNERSHIP, PLURAL_SUBJECT
from documents.extraction.candidates import AgreementCandidate, MeetingCandidate, Span
from documents.extraction.nlp import Sentence
from documents.extraction.officials import People

MORE_INSTRUMENTS = re.compile(
    r",\s*(?:and\s+|as well as\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:agreements?|memorand|"
    r"MoUs?|protocols?|treaty|accords?|letters?\s+of\s+intent)",
    re.IGNORECASE,
)
COUNT = r"\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
ADJECTIVAL = re.compile(r"\b(?:the|all|its|their|these|those|our|every)\s+$", re.IGNORECASE)
GENERIC = re.compile(
    r"(?:(?:the|a|an|this|that|one|two|three|\d+)\s+)?(?:new\s+)?(?P<noun>"
    r"[Mm]emorand(?:um|a|ums)(?:\s+of\s+understanding)?|MoUs?|[Aa]greements?|[Mm]echanism|"
    r"[Dd]eals?|[Aa]ccords?|[Dd]ocuments?|[Dd]eclarations?|[Pp]rotocols?|[Ll]etters?\s+of\s+intent)"
)
_CLAUSE = re.compile(
    r"^\s*(?:(?:that|which)\s+(?:will|would|shall|is to|are to|aims? to)\s+(?:"
    r"(?P<see>see|pave the way for|lead to|provide for|cover)\s+|"
    r"(?:enable|allow|help|permit)\s+(?:[\w-]+\s+){0,3}?to\s+(?=[a-z])|(?=[a-z]))"
    r"|(?P<prep>on|for|concerning|regarding|to)\s+(?=[a-z]))"
)


def _clause(after: str) -> str | None:
    """What a bare instrument is about, from the words that follow it: 'a memorandum that
    will see a gas pipeline built …' -> 'on a gas pipeline built …'; 'a mechanism that will
    enable our two countries to cooperate on …' -> 'to cooperate on …'."""
    m = _CLAUSE.match(after)
    if not m:
        return None
    rest = trim_purpose(after[m.end() :])
    if len(rest.split()) < 2:
        return None
    if m.group("prep"):
        return f"{m.group('prep')} {rest}"
    if m.group("see"):
        return f"on {rest}"
    return f"to {rest}"  # 'that will enable … to cooperate on …', 'that will boost …'


INSTRUMENT_NOUNS = (
    r"memorand(?:um|a|ums)\s+of\s+understanding|memorand(?:um|a|ums)|MoUs?|letters?\s+of\s+intent|"
    r"declarations?\s+of\s+intent|agreements?|deals?|accords?|protocols?|treaty|treaties|"
    r"exchanges?\s+of\s+notes|notes?|documents?|contracts?"
)
_PASSIVE_SIGNED = re.compile(
    rf"(?P<np>\b(?:(?:a|an|the|two|three|four|five|\d+)\s+)?(?:[\w-]+\s+){{0,3}}?"
    rf"(?:{INSTRUMENT_NOUNS})(?:\s+(?:on|for|concerning|regarding)\s+[^,;.]{{3,80}}?|"
    rf"\s+between\s+(?=[^,;.]{{0,160}}?\b(?:Institute|University|Ministry|Bank|Agency|Fund|"
    rf"Council|Academy|Centre|Center|Corporation|Authority|Department)\b)[^,;.]{{3,160}}?)?)\s+"
    r"(?:(?:was|were|has been|have been|had been|will be|would be)\s+)?(?:signed|inked)\b",
    re.IGNORECASE,
)
_SIGNING_OF = re.compile(
    r"\b(?:signing\s+(?:ceremony\s+)?(?:of|for)|exchange\s+of(?!\s+(?:notes|letters)\b))\s+"
    r"(?P<list>[^.;:]{3,200})",
    re.IGNORECASE,
)
_SIGNED_ON = re.compile(
    r"\b(?:signed|inked)\s+(?:(?:two|three|four|five|six|several|\d+)\s+)?"
    r"(?P<noun>documents|agreements|memorand\w+|MoUs|deals|accords|protocols)\s+"
    r"(?:on|for|concerning|regarding)\s+(?P<list>[^.;:]{3,240})",
    re.IGNORECASE,
)
_VAGUE = re.compile(r"(?:several|some|many|various|key|a number of|more|other)\b", re.I)
_CONJUNCTS = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def signed_instruments(sentence: str) -> list[str]:
    """Instruments a sentence says were signed, without an agreeing verb before them:
    'A joint letter of intent signed today by …', 'the signing of 12 cooperation agreements
    and 2 letters of intent', 'signed documents on mine clearance, … and renovation of …'."""
    titles = []
    for m in _PASSIVE_SIGNED.finditer(sentence):
        np = m.group("np").strip()
        if re.match(r"(?:these|those|such|this|the\s+above)\b", np, re.I):
            continue
        noun = re.search(rf"\b(?:{INSTRUMENT_NOUNS})\b", np, re.I)
        head = re.sub(
            r"^.*\b(?:the|a|an|and|had|has|have|was|were|total(?:\s+of)?)\s+(?=\S|$)",
            "",
            np[: noun.start()],
            flags=re.I,
        )
        np = head + np[noun.start() :]
        if GENERIC.fullmatch(np) or re.fullmatch(r"(?:\w+\s+)?(?:notes?|documents?)", np, re.I):
            clause = re.match(r"[^,;.]{0,80}?\b(to\s+(?!the\b)[a-z]+\b.*)", sentence[m.end() :])
            if not clause or not GENERIC.fullmatch(np):
                continue
            np = f"{GENERIC.fullmatch(np).group('noun')} {trim_purpose(clause.group(1))}"
        titles.append(_clean_title(np))
    for m in _SIGNING_OF.finditer(sentence):
        for part in _CONJUNCTS.split(m.group("list")):
            part = part.strip()
            if not re.search(rf"\b(?:{INSTRUMENT_NOUNS})\b", part, re.I):
                continue
            about = re.search(
                rf"\b(?:{INSTRUMENT_NOUNS})\s+(?:on|for|concerning|regarding)\s+\w", part, re.I
            )
            if re.match(r"(?:these|those|such|this|its|their)\b", part, re.I) or (
                re.match(r"the\b", part, re.I) and not about
            ):
                continue
            part = re.sub(r"^the\s+", "", part, flags=re.I)
            part = trim_purpose(part) if len(part.split()) > 12 else part
            part = re.split(r"\s+(?:between|with|by)\s+", part)[0]
            counted = re.match(r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s", part)
            specific = re.search(r"memorand|MoU|letters?\s+of\s+intent|protocol", part, re.I)
            about = re.search(
                rf"\b(?:{INSTRUMENT_NOUNS})\s+(?:on|for|concerning|regarding)\s+\w", part, re.I
            )
            if not counted and not ((specific or about) and not _VAGUE.match(part)):
                continue  # 'the signing of several key agreements' names nothing
            part = re.sub(r"^(?:a|an)\s+", "", part)
            titles.append(_clean_title(part))
    for m in _SIGNED_ON.finditer(sentence):
        noun = re.sub(r"s$", "", m.group("noun").lower()).capitalize()
        noun = {"Mou": "MoU", "Memorandum": "Memorandum", "Memoranda": "Memorandum"}.get(noun, noun)
        for part in _CONJUNCTS.split(m.group("list")):
            part = part.strip()
            if len(part.split()) >= 2:
                titles.append(f"{noun} on {trim_purpose(part)}")
    return titles


_CREATING = re.compile(
    r"\b(?:elevat\w*|upgrad\w*|establish\w*|launch\w*|announc\w*|agreed|forg\w*|raise[ds]?|"
    r"raising|form(?:ed|ing)|sign\w*|conclud\w*)\b",
    re.IGNORECASE,
)
_LOWER_PARTNERSHIP = re.compile(
    r"\b(?:elevat|upgrad|rais)\w*\s+[^.;]{0,80}?\bto\s+(?:an?\s+|the\s+)?[“\"']?"
    r"(?P<name>(?:[a-z][\w-]*\s+){1,4}partnership)\b"
)


def _partnerships(sentence: str) -> list:
    """Partnerships the text creates or raises ('elevating the bilateral ties to an
    "all-weather strategic partnership"', 'the recently upgraded Comprehensive Strategic
    Partnership'); a partnership merely mentioned ('further strengthening the … Partnership',
    'the Trans Pacific Partnership negotiations') is no agreement of the text."""
    out = []
    for m in PARTNERSHIP.finditer(sentence):
        before = sentence[max(0, m.start() - 100) : m.start()]
        after = sentence[m.end() : m.end() + 40]
        verbs = list(_CREATING.finditer(before))
        verb = verbs[-1] if verbs else None
        gap = before[verb.end() :] if verb else ""
        governs = verb and (len(gap) <= 25 or re.search(r"\bto\s+(?:an?\s+|the\s+)?[“\"']?$", gap))
        if governs or re.match(
            r"\s+(?:was|were|has been|had been|is)\s+(?:\w+\s+)?(?:agreed|established|elevated|"
            r"upgraded|launched|announced|signed)\b",
            after,
        ):
            out.append(m)
    for m in _LOWER_PARTNERSHIP.finditer(sentence):
        if not any(o.start() <= m.start("name") < o.end() for o in out):
            out.append(_Named(m.group("name")))
    return out


class _Named:
    """A match-like holder of a name found by a second reading."""

    def __init__(self, name: str) -> None:
        self.name = name

    def group(self, _index: int = 0) -> str:
        return self.name


INSTRUMENT_HEADING = re.compile(
    r"(?:Joint\s+)?(?:Declaration|Agreement|Treaty|Accord|Memorandum of Understanding|Protocol|"
    r"Convention|Charter)\b"
)
ADOPTED = re.compile(
    r"\b(?:have|has)\s+(?:reached|agreed|concluded|adopted)\s+the\s+following\b|"
    r"\bhereby\s+agree\b|^\s*Done\s+(?:in|at)\b",
    re.IGNORECASE | re.MULTILINE,
)


def _intro(sentences: list[Sentence], sentence: Sentence, text: str) -> Sentence | None:
    """The sentence that introduces a list item: the last one before the list began."""
    para_start = text.rfind("\n", 0, sentence.start) + 1
    if not LIST_ITEM.match(text[para_start : para_start + 8]):
        return None
    for earlier in reversed(sentences[: sentence.index]):
        start = text.rfind("\n", 0, earlier.start) + 1
        if not LIST_ITEM.match(text[start : start + 8]):
            return earlier
    return None


def unpriced(
    title: str,
    kind: str,
    status: str,
    *,
    sentence: Sentence,
    span: Span,
    parties: set[str],
    people: People,
    meeting: int | None,
    meetings: list[MeetingCandidate],
) -> AgreementCandidate:
    """An instrument the sentence names without an amount, signed by the principals of the
    meeting it was signed at (dated by that meeting's last day)."""
    visit = meetings[meeting] if meeting is not None else None
    return AgreementCandidate(
        kind=kind,
        title=title,
        amount=None,
        currency=None,
        status=status,
        evidence=[span],
        parties=parties,
        signatories=_principals(sentence, people, visit),
        meeting=meeting,
        date=visit.dates.end if visit and visit.dates else None,
        terms=sentence.text.strip(),
    )


def _principals(sentence: Sentence, people: People, visit: MeetingCandidate | None) -> list[int]:
    named = [key for _, key in people.in_sentence(sentence.index)]
    if visit and PLURAL_SUBJECT.search(sentence.text):
        return list(dict.fromkeys([*visit.participants, *named]))
    return list(dict.fromkeys(named))
