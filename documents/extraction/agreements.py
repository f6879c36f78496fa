"""Stage 5: agreements — grants and loans with amounts, and commitments the parties made.

Two readings:
- money in an aid context (`Grant aid (approximately USD 2.7 million) to implement the
  Project for …`, `an ODA loan of 8 billion yen for the … Project`), including list items
  whose aid wording is in the sentence that introduces the list; an amount restated in a
  second currency (`JPY 1.3 billion (about USD 9.7 million)`) is the same agreement;
- commitments: what the parties `agreed to resume`, `signed`, `launched`, `established`
  (`the Dialogue on Human Rights`, `a programme for young … politicians`), and named
  frameworks of the relationship (`Comprehensive Strategic Partnership`).
Trade figures and investment totals are not agreements.
"""

import re
from dataclasses import dataclass

from documents.extraction.agreement_amounts import (
    DESCRIBED,
    _clean_title,
    aid_amounts,
    trim_purpose,
)
from documents.extraction.agreement_instruments import (
    ADJECTIVAL,
    ADOPTED,
    COUNT,
    GENERIC,
    INSTRUMENT_HEADING,
    INSTRUMENT_NOUNS,
    MORE_INSTRUMENTS,
    _clause,
    _intro,
    _partnerships,
    _principals,
    signed_instruments,
    unpriced,
)
from documents.extraction.agreement_merging import (
    _merge,
    drop_counts,
    drop_totals,
    generic,
    title_key,
)
from documents.extraction.agreement_wordings import (
    _QUOTES,
    BACK_REFERENCE,
    COMMIT,
    IN_FORCE,
    INSTRUMENT,
    NAMED_INSTRUMENT,
    NP_END,
    _kind,
)
from documents.extraction.candidates import AgreementCandidate, MeetingCandidate, Span
from documents.extraction.countries import countries_in
from documents.extraction.dates import find_dates
from documents.extraction.direction import with_directions
from documents.extraction.money import find_money
from documents.extraction.nlp import Sentence
from documents.extraction.officials import People

# How the knowledge base compares agreement titles, read from here.


def _main_pair(text: str) -> set:
    """The two countries the document names most."""
    doc_countries = [c for _, _, c in countries_in(text)]
    return set(sorted(set(doc_countries), key=doc_countries.count, reverse=True)[:2])


def _meeting_finder(meetings: list[MeetingCandidate], reference):
    visits = [i for i, m in enumerate(meetings) if m.kind == "official_visit" and m.dates]

    def meeting_for(sentence: Sentence) -> int | None:
        """The visit an agreement belongs to, or the meeting a sentence refers back to
        ('Following the meeting, the two ministers signed …')."""
        own = [d for d in find_dates(sentence.text, reference) if d.range]
        if len(visits) == 1 and not own:
            return visits[0]
        if BACK_REFERENCE.search(sentence.text):
            before = [i for i, m in enumerate(meetings) if m.evidence[0].start < sentence.start]
            return before[-1] if before else None
        return None

    return meeting_for


def _aid_agreements(text, sentences, sentence, span, money, ctx) -> list[tuple]:
    """Grants and loans with their amounts: (agreement, amounts restated) pairs."""
    intro = _intro(sentences, sentence, text)
    context = (intro.text + " " if intro else "") + sentence.text
    before_start = sentences[max(0, sentence.index - 3)].start
    earlier = text[before_start : sentence.start]
    prefix = text[max(0, sentence.start - 220) : sentence.start]
    read = []
    for amount, title, kind, restated in aid_amounts(sentence.text, money, intro, earlier, prefix):
        signed = re.search(r"\bsign", context, re.I)
        signer_sentence = intro or sentence
        meeting = ctx.meeting_for(sentence)
        visit = ctx.meetings[meeting] if meeting is not None else None
        signatories = _principals(signer_sentence, ctx.people, visit) if signed else []
        if meeting is not None and visit.dates is None:
            visit = None
        parties = {c for _, _, c in countries_in(context)} or set(ctx.main_pair)
        agreement = AgreementCandidate(
            kind=kind,
            title=title,
            amount=amount.amount,
            currency=amount.currency,
            status="signed" if signed else "announced",
            evidence=[span],
            parties=parties,
            signatories=signatories,
            meeting=meeting,
            date=visit.dates.start if visit and visit.dates else None,
            terms=sentence.text.strip(),
        )
        read.append((agreement, restated))
    return read


def _describe_last_amount(sentence: Sentence, found: list[AgreementCandidate]) -> None:
    """'handed over a cheque of US$ 25 million. The money was given as the fourth tranche
    of …': the next sentence says what the amount is."""
    described = DESCRIBED.match(sentence.text)
    last = [a for a in found if a.amount and a.evidence[0].end <= sentence.start]
    if described and last and generic(last[-1].title):
        last[-1].title = _clean_title(trim_purpose(described.group("what")))


def _committed_phrase(rest: str) -> str:
    """The noun phrases after a commitment verb, up to where they end."""
    end = NP_END.search(rest)
    while end and MORE_INSTRUMENTS.match(rest[end.start() :]):
        # 'signed an agreement on tourism, and an agreement on legal assistance'
        following = NP_END.search(rest, end.end() + 1)
        end = following
    return rest[: end.start()] if end else rest


def _committed_title(np: str, after: str) -> str | None:
    """One noun phrase of a commitment as an agreement title, or None if it names none;
    `after` is the sentence after the phrases (a clause a bare noun may take)."""
    np = np.strip()
    if not np or not re.match(rf"(?:(?:the|a|an|another|{COUNT})\s|[{_QUOTES}]|[A-Z])", np):
        return None
    np = re.sub(r"^another\s+", "a ", np)  # 'signed another framework agreement'
    if re.match(rf"(?:{COUNT})\s", np) and not re.search(
        rf"\b(?:{INSTRUMENT_NOUNS})\b", " ".join(np.split()[:4]), re.I
    ):
        return None
    if re.match(r"(?:the\s+)?following\b", np, re.I):
        return None  # 'reached the following joint agreement': the text itself
    if not INSTRUMENT.search(np):
        return None
    if len(np.split()) > 14:
        np = " ".join(np.split()[:14])
        np = re.sub(r"(?:\s+(?:and|or|of|for|the|a|an|in|on|to|with))+$", "", np)
    # 'signed the agreement in Addis Ababa': where it was signed names nothing
    np = re.sub(r"\s+(?:in|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}$", "", np)
    if GENERIC.fullmatch(np) and not re.match(rf"(?:{COUNT})\s", np):
        clause = _clause(after)
        if not clause:
            return None  # a bare 'memorandum' or 'mechanism' says nothing
        np = f"{GENERIC.fullmatch(np).group('noun')} {clause}"
    if re.match(
        r"(?:the|a|an)\s+(?:\w+\s+)?(?:cooperation|collaboration|relations?|ties)\b",
        np,
        re.I,
    ):
        return None
    return np


def _unpriced(title, kind, status, sentence, span, ctx) -> AgreementCandidate:
    return unpriced(
        title,
        kind,
        status,
        sentence=sentence,
        span=span,
        parties=set(ctx.main_pair),
        people=ctx.people,
        meeting=ctx.meeting_for(sentence),
        meetings=ctx.meetings,
    )


def _commitments(sentence: Sentence, span: Span, ctx) -> list[AgreementCandidate]:
    """What the parties agreed to, signed, launched or established."""
    read = []
    committed = False
    for m in COMMIT.finditer(sentence.text):
        if m.group("more") and not committed:
            continue  # 'and to resume' counts only after an agreement wording
        committed = True
        if ADJECTIVAL.search(sentence.text[: m.start()]):
            continue  # 'carrying out all the signed agreements'
        phrase = _committed_phrase(sentence.text[m.end() :])
        parts = rf",?\s+as well as\s+|,?\s+and\s+(?=(?:the|a|an|{COUNT})\s)|,\s+(?=(?:a|an)\s)"
        for np in re.split(parts, phrase):
            np = _committed_title(np, sentence.text[m.end() + len(phrase) :])
            if np is None:
                continue
            verb = sentence.text[m.start() : m.end()].lower()
            status = "signed" if "sign" in verb else "agreed"
            read.append(_unpriced(_clean_title(np), _kind(np), status, sentence, span, ctx))
    return read


def _signed_instruments(sentence, span, found, ctx) -> list[AgreementCandidate]:
    read = []
    for title in signed_instruments(sentence.text):
        if any(title_key(title) == title_key(a.title) for a in found + read):
            continue
        kind = _kind(title)
        kind = kind if kind in {"mou", "exchange_of_notes", "loan", "grant"} else "other"
        read.append(_unpriced(title, kind, "signed", sentence, span, ctx))
    return read


def _instruments_in_force(sentence, span, found, ctx) -> list[AgreementCandidate]:
    """Named instruments the sentence says are in force (not 'in force since …')."""
    read = []
    for m in NAMED_INSTRUMENT.finditer(sentence.text):
        tail = sentence.text[m.end() : m.end() + 80]
        head = sentence.text[max(0, m.start() - 30) : m.start()]
        if not IN_FORCE.search(tail) or re.search(r"\bsince\b", head, re.I):
            continue
        if any(
            title_key(m.group("name")) in title_key(a.title)
            for a in found + read
            if a.evidence[0].start == sentence.start
        ):
            continue
        own = [d for d in find_dates(tail, ctx.reference) if d.range]
        named = {c for _, _, c in countries_in(m.group("name"))}
        read.append(
            AgreementCandidate(
                kind=_kind(m.group("name")) if "memorand" in m.group("name").lower() else "other",
                title=_clean_title(m.group("name")),
                amount=None,
                currency=None,
                status="signed",
                evidence=[span],
                parties=named if len(named) >= 2 else set(ctx.main_pair) | named,
                date=own[0].range.start if own and own[0].range.precision == "day" else None,
                terms=sentence.text.strip(),
            )
        )
    return read


def _named_partnerships(sentence, span, found, ctx) -> list[AgreementCandidate]:
    read = []
    for m in _partnerships(sentence.text):
        if any(
            m.group(0) in a.title for a in found + read if a.evidence[0].start == sentence.start
        ):
            continue  # inside a commitment already read: 'the … Partnership Framework'
        read.append(
            AgreementCandidate(
                kind="partnership",
                title=_clean_title(m.group(0)),
                amount=None,
                currency=None,
                status="agreed",
                evidence=[span],
                parties=set(ctx.main_pair),
            )
        )
    return read


def _heading_instrument(text: str, main_pair: set) -> AgreementCandidate | None:
    """A document whose heading names the instrument it adopts."""
    heading = text.strip().split("\n", 1)[0].strip()
    if INSTRUMENT_HEADING.match(heading) and ADOPTED.search(text) and len(heading.split()) <= 20:
        return AgreementCandidate(
            kind=_kind(heading) if _kind(heading) == "mou" else "other",
            title=_clean_title(heading),
            amount=None,
            currency=None,
            status="signed",
            evidence=[Span(0, len(heading), heading)],
            parties={c for _, _, c in countries_in(heading)} or set(main_pair),
        )
    return None


@dataclass
class _Reading:
    """What every stage of one document's reading shares."""

    people: People
    meetings: list[MeetingCandidate]
    reference: object
    main_pair: set
    meeting_for: object


def find_agreements(
    text: str,
    sentences: list[Sentence],
    people: People,
    meetings: list[MeetingCandidate],
    reference,
) -> list[AgreementCandidate]:
    ctx = _Reading(
        people, meetings, reference, _main_pair(text), _meeting_finder(meetings, reference)
    )
    found: list[AgreementCandidate] = []
    alternates: dict[int, list] = {}  # amounts restated in a second currency, per agreement
    for sentence in sentences:
        span = Span(sentence.start, sentence.end, sentence.text)
        money = find_money(sentence.text)
        for agreement, restated in _aid_agreements(text, sentences, sentence, span, money, ctx):
            found.append(agreement)
            alternates[id(agreement)] = restated
        _describe_last_amount(sentence, found)
        if money:
            continue
        found += _commitments(sentence, span, ctx)
        found += _signed_instruments(sentence, span, found, ctx)
        found += _instruments_in_force(sentence, span, found, ctx)
        found += _named_partnerships(sentence, span, found, ctx)
    heading = _heading_instrument(text, ctx.main_pair)
    if heading:
        found.insert(0, heading)
    return with_directions(drop_counts(_merge(drop_totals(found, alternates))))
