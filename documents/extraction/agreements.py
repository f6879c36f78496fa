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
    absorb,
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
__all__ = ["absorb", "find_agreements", "title_key"]


def find_agreements(
    text: str,
    sentences: list[Sentence],
    people: People,
    meetings: list[MeetingCandidate],
    reference,
) -> list[AgreementCandidate]:
    visits = [i for i, m in enumerate(meetings) if m.kind == "official_visit" and m.dates]
    doc_countries = [c for _, _, c in countries_in(text)]
    main_pair = set(sorted(set(doc_countries), key=doc_countries.count, reverse=True)[:2])
    found: list[AgreementCandidate] = []
    alternates: dict[int, list] = {}  # amounts restated in a second currency, per agreement

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

    for sentence in sentences:
        span = Span(sentence.start, sentence.end, sentence.text)
        intro = _intro(sentences, sentence, text)
        context = (intro.text + " " if intro else "") + sentence.text
        money = find_money(sentence.text)
        before_start = sentences[max(0, sentence.index - 3)].start
        earlier = text[before_start : sentence.start]
        prefix = text[max(0, sentence.start - 220) : sentence.start]
        for amount, title, kind, restated in aid_amounts(
            sentence.text, money, intro, earlier, prefix
        ):
            signed = re.search(r"\bsign", context, re.I)
            signer_sentence = intro or sentence
            meeting = meeting_for(sentence)
            visit = meetings[meeting] if meeting is not None else None
            signatories = _principals(signer_sentence, people, visit) if signed else []
            if meeting is not None and visit.dates is None:
                visit = None
            parties = {c for _, _, c in countries_in(context)} or set(main_pair)
            found.append(
                AgreementCandidate(
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
            )
            alternates[id(found[-1])] = restated
        described = DESCRIBED.match(sentence.text)
        last = [a for a in found if a.amount and a.evidence[0].end <= sentence.start]
        if described and last and generic(last[-1].title):
            # 'handed over a cheque of US$ 25 million. The money was given as the fourth tranche
            # of …': the next sentence says what the amount is
            last[-1].title = _clean_title(trim_purpose(described.group("what")))
        if money:
            continue
        committed = False
        for m in COMMIT.finditer(sentence.text):
            if m.group("more") and not committed:
                continue  # 'and to resume' counts only after an agreement wording
            committed = True
            if ADJECTIVAL.search(sentence.text[: m.start()]):
                continue  # 'carrying out all the signed agreements'
            rest = sentence.text[m.end() :]
            end = NP_END.search(rest)
            while end and MORE_INSTRUMENTS.match(rest[end.start() :]):
                # 'signed an agreement on tourism, and an agreement on legal assistance'
                following = NP_END.search(rest, end.end() + 1)
                end = following
            phrase = rest[: end.start()] if end else rest
            parts = rf",?\s+as well as\s+|,?\s+and\s+(?=(?:the|a|an|{COUNT})\s)|,\s+(?=(?:a|an)\s)"
            for np in re.split(parts, phrase):
                np = np.strip()
                if not np or not re.match(
                    rf"(?:(?:the|a|an|another|{COUNT})\s|[{_QUOTES}]|[A-Z])", np
                ):
                    continue
                np = re.sub(r"^another\s+", "a ", np)  # 'signed another framework agreement'
                if re.match(rf"(?:{COUNT})\s", np) and not re.search(
                    rf"\b(?:{INSTRUMENT_NOUNS})\b", " ".join(np.split()[:4]), re.I
                ):
                    continue
                if re.match(r"(?:the\s+)?following\b", np, re.I):
                    continue  # 'reached the following joint agreement': the text itself
                if not INSTRUMENT.search(np):
                    continue
                if len(np.split()) > 14:
                    np = " ".join(np.split()[:14])
                    np = re.sub(r"(?:\s+(?:and|or|of|for|the|a|an|in|on|to|with))+$", "", np)
                # 'signed the agreement in Addis Ababa': where it was signed names nothing
                np = re.sub(r"\s+(?:in|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}$", "", np)
                if GENERIC.fullmatch(np) and not re.match(rf"(?:{COUNT})\s", np):
                    clause = _clause(sentence.text[m.end() + len(phrase) :])
                    if not clause:
                        continue  # a bare 'memorandum' or 'mechanism' says nothing
                    np = f"{GENERIC.fullmatch(np).group('noun')} {clause}"
                if re.match(
                    r"(?:the|a|an)\s+(?:\w+\s+)?(?:cooperation|collaboration|relations?|ties)\b",
                    np,
                    re.I,
                ):
                    continue
                verb = sentence.text[m.start() : m.end()].lower()
                found.append(
                    unpriced(
                        _clean_title(np),
                        _kind(np),
                        "signed" if "sign" in verb else "agreed",
                        sentence=sentence,
                        span=span,
                        parties=set(main_pair),
                        people=people,
                        meeting=meeting_for(sentence),
                        meetings=meetings,
                    )
                )
        for title in signed_instruments(sentence.text):
            if any(title_key(title) == title_key(a.title) for a in found):
                continue
            kind = _kind(title)
            found.append(
                unpriced(
                    title,
                    kind if kind in {"mou", "exchange_of_notes", "loan", "grant"} else "other",
                    "signed",
                    sentence=sentence,
                    span=span,
                    parties=set(main_pair),
                    people=people,
                    meeting=meeting_for(sentence),
                    meetings=meetings,
                )
            )
        for m in NAMED_INSTRUMENT.finditer(sentence.text):
            tail = sentence.text[m.end() : m.end() + 80]
            head = sentence.text[max(0, m.start() - 30) : m.start()]
            if not IN_FORCE.search(tail) or re.search(r"\bsince\b", head, re.I):
                continue
            if any(
                title_key(m.group("name")) in title_key(a.title)
                for a in found
                if a.evidence[0].start == sentence.start
            ):
                continue
            own = [d for d in find_dates(tail, reference) if d.range]
            named = {c for _, _, c in countries_in(m.group("name"))}
            found.append(
                AgreementCandidate(
                    kind=_kind(m.group("name"))
                    if "memorand" in m.group("name").lower()
                    else "other",
                    title=_clean_title(m.group("name")),
                    amount=None,
                    currency=None,
                    status="signed",
                    evidence=[span],
                    parties=named if len(named) >= 2 else set(main_pair) | named,
                    date=own[0].range.start if own and own[0].range.precision == "day" else None,
                    terms=sentence.text.strip(),
                )
            )
        for m in _partnerships(sentence.text):
            if any(m.group(0) in a.title for a in found if a.evidence[0].start == sentence.start):
                continue  # inside a commitment already read: 'the … Partnership Framework'
            found.append(
                AgreementCandidate(
                    kind="partnership",
                    title=_clean_title(m.group(0)),
                    amount=None,
                    currency=None,
                    status="agreed",
                    evidence=[span],
                    parties=set(main_pair),
                )
            )
    heading = text.strip().split("\n", 1)[0].strip()
    if INSTRUMENT_HEADING.match(heading) and ADOPTED.search(text) and len(heading.split()) <= 20:
        found.insert(
            0,
            AgreementCandidate(
                kind=_kind(heading) if _kind(heading) == "mou" else "other",
                title=_clean_title(heading),
                amount=None,
                currency=None,
                status="signed",
                evidence=[Span(0, len(heading), heading)],
                parties={c for _, _, c in countries_in(heading)} or set(main_pair),
            ),
        )
    return with_directions(drop_counts(_merge(drop_totals(found, alternates))))
