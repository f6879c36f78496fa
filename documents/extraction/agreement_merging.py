"""After the first reading of a text's agreements: totals and counts of other agreements
dropped, and the sentences that state the same agreement merged (`absorb`, `title_key`)."""

import re

from documents.extraction.agreement_instruments import COUNT
from documents.extraction.candidates import AgreementCandidate

_TOTAL_WORDS = re.compile(
    r"\b(?:total\w*|in all|altogether|overall|up to|nearly|almost|some|about|approximately|"
    r"of which)\b",
    re.IGNORECASE,
)


def drop_totals(found: list[AgreementCandidate], alternates) -> list[AgreementCandidate]:
    """A sum that only adds up two or more items of the same text ('a total of US$4.3 million
    … the US$1.7 million … and the US$2.6 million …') is not an agreement of its own."""
    priced = [a for a in found if a.amount]
    drop = set()
    for a in priced:
        for value in [(a.amount, a.currency)] + [
            (m.amount, m.currency) for m in alternates.get(id(a), [])
        ]:
            parts = [
                b.amount
                for b in priced
                if b is not a and b.currency == value[1] and b.amount < value[0]
            ]
            # an approximate sum ('nearly US$73 million') only where the text says it is one
            low = 0.85 if _TOTAL_WORDS.search(a.terms) else 0.98
            if len(parts) >= 2 and low * value[0] <= sum(parts) <= 1.02 * value[0]:
                drop.add(id(a))
    for a in priced:
        for m in alternates.get(id(a), []):
            # '600 million Sri Lanka rupees (INR 172.25 million)' restates 'Rs 172.25 million'
            same = next(
                (
                    b
                    for b in priced
                    if b is not a
                    and id(b) not in drop
                    and b.currency == m.currency
                    and abs(b.amount - m.amount) <= 0.02 * m.amount
                ),
                None,
            )
            if same is not None and id(a) not in drop:
                absorb(same, a)
                drop.add(id(a))
    return [a for a in found if id(a) not in drop]


_COUNTED = re.compile(rf"^(?P<n>{COUNT})\s", re.I)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip


def drop_counts(found: list[AgreementCandidate]) -> list[AgreementCandidate]:
    """'signed two agreements … the MoU on A … the MoU on B': once the text names as many
    instruments one by one, the count only sums them up."""
    named = [a for a in found if a.amount is None and not _COUNTED.match(a.title)]
    out = []
    for a in found:
        m = _COUNTED.match(a.title) if a.amount is None else None
        if m:
            n = _NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
            noun = _noun_of(a.title)  # '2 letters of intent': letters only; 'two agreements': any
            same = [b for b in named if noun is None or _noun_of(b.title) == noun]
            if len(same) >= n:
                continue
        out.append(a)
    return out


_SPECIFIC_NOUN = re.compile(
    r"\b(?P<memo>memorand\w*|MoUs?)\b|\b(?P<letter>letters?\s+of\s+intent)\b|"
    r"\b(?P<note>notes)\b|\b(?P<protocol>protocols?)\b",
    re.I,
)


def _noun_of(title: str) -> str | None:
    m = _SPECIFIC_NOUN.search(title)
    return m.lastgroup if m else None


def title_key(title: str) -> str:
    """Words of a title that identify it: 'programme' and 'program' are one word."""
    words = re.findall(r"[a-z0-9]+", title.lower().replace("programme", "program"))
    return " ".join(w for w in words if w not in {"the", "a", "an", "of", "for", "and"})


STATUS_RANK = {"announced": 0, "agreed": 1, "signed": 2}


def generic(title: str) -> bool:
    return bool(re.match(r"(?:Aid|Loan|Grant|Funding) of [A-Z]{3} ", title))


def _same(a: AgreementCandidate, b: AgreementCandidate) -> bool:
    if a.amount and b.amount:
        if a.currency != b.currency or abs(a.amount - b.amount) > 0.02 * b.amount:
            return False
        # two list items of one sentence may cost the same: 'US$2.27 million for Construction
        # Material Sector, US$2.27 million for Cadastral Survey Sector'
        distinct = not generic(a.title) and not generic(b.title)
        return not (
            distinct and a.evidence[0] == b.evidence[0] and title_key(a.title) != title_key(b.title)
        )
    if a.amount or b.amount:
        return False
    if title_key(a.title) == title_key(b.title):
        return True
    if a.kind == b.kind == "partnership":  # 'all-weather strategic (cooperation) partnership'
        wa, wb = set(title_key(a.title).split()), set(title_key(b.title).split())
        return wa <= wb or wb <= wa
    return False


def _restated_by(a: AgreementCandidate, priced: list[AgreementCandidate]):
    """The priced agreement an instrument without amount is the paper of: 'the loan agreement
    was signed …' after 'signed a loan agreement … at a value of KD 10 million'; 'documents on
    mine clearance' where 'in the mine clearance cooperation, China provided … 2.5 million …'."""
    if a.kind == "exchange_of_notes" and priced:
        return priced[0]  # notes without a total are the paper of the priced items
    if re.search(r"\b(?:loan|grant)s?\s+agreements?\b", a.title, re.I):
        same = [b for b in priced if b.kind == a.kind]
        if same:
            return same[0]
    topic = re.match(r"(?:Documents?|Agreements?|Memorand\w+|MoUs?)\s+on\s+(.+)", a.title)
    if topic:
        words = set(title_key(topic.group(1)).split())
        for b in priced:
            if words and words <= set(title_key(b.terms).split()):
                return b
    return None


def absorb(same: AgreementCandidate, a: AgreementCandidate) -> None:
    """`a` told again as `same`: its evidence, signatories and parties join it."""
    same.evidence += [s for s in a.evidence if s not in same.evidence]
    if same.kind == "other" and a.kind != "other" and not (same.amount and not a.amount):
        same.kind = a.kind
    if generic(same.title) and not generic(a.title):
        same.title = a.title
    if STATUS_RANK[a.status] > STATUS_RANK[same.status]:
        same.status = a.status
    same.signatories = list(dict.fromkeys(same.signatories + a.signatories))
    same.parties |= a.parties
    same.meeting = same.meeting if same.meeting is not None else a.meeting
    same.date = same.date or a.date


def _merge(found: list[AgreementCandidate]) -> list[AgreementCandidate]:
    merged: list[AgreementCandidate] = []
    for a in found:
        same = next((b for b in merged if _same(a, b)), None)
        if same is None:
            merged.append(a)
        else:
            absorb(same, a)
    priced = [a for a in merged if a.amount]
    kept = []
    for a in merged:
        target = None if a.amount else _restated_by(a, priced)
        if target is None:
            kept.append(a)
        else:
            absorb(target, a)
    for a in kept:
        money = f"{a.currency}:{a.amount:.0f}" if a.amount else ""
        a.fingerprint = f"agreement:{a.kind}:{money or title_key(a.title)}"
    return kept
