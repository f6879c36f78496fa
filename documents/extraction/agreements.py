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

from documents.extraction.candidates import AgreementCandidate, MeetingCandidate, Span
from documents.extraction.dates import find_dates
from documents.extraction.money import find_money
from documents.extraction.nlp import Sentence
from documents.extraction.officials import People
from relations.countries import countries_in

AID_WORDS = re.compile(
    r"\b(?:grants?|loans?|aid|ODA|assistance|financing|finance|credit|concessional|funding|"
    r"fund|donat\w+|provide[sd]?|providing)\b",
    re.IGNORECASE,
)
NOT_AID = re.compile(
    r"\b(?:trade|exports?|imports?|volume|GDP|revenue|turnover|investments? (?:reached|totall?ed)|"
    r"budget|worth of goods|tourists?)\b",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*]|\([a-z0-9]\)|[a-z][.)])\s+")
_PROJECT_WORDS = r"Project|Programme|Program|Plan|Initiative|Scholarships?|Facility|Fund|Scheme"
_CAP_RUN = re.compile(
    r"[A-Z][\w’'.-]*(?:\s+(?:(?:for|of|and|the|in|on|to|&)\s+)*(?:[A-Z0-9][\w’'.-]*))*"
    r"(?:\s*\([^()]{1,80}\))?"
)
_COMMIT_VERBS = (
    r"resume|establish|launch|sign|conclude|create|set\s+up|upgrade|expand|implement|hold|start|"
    r"restart|extend|renew|introduce"
)
_COMMIT = re.compile(
    r"\b(?:agreed|agree|agreeing|decided|pledged|signed|launched|concluded|established|"
    rf"reached)\s+(?:upon\s+|on\s+)?(?:to\s+(?:further\s+)?(?P<verb>{_COMMIT_VERBS})\s+)?"
    rf"|\b(?:and|as well as)\s+to\s+(?P<more>{_COMMIT_VERBS})\s+",  # '… and to resume the …'
    re.IGNORECASE,
)
_NP_END = re.compile(
    r",|;|\.(?:\s|$)|\bwhich\b|\bthat\b|\bwho\b|\bto\s+(?!the\b)[a-z]+\b|"
    r"\band\s+(?:expressed|agreed|discussed|welcomed|also|to)\b|\bbetween\b|\bwith\b|\bin order\b",
)
_INSTRUMENT = re.compile(
    r"\b(?:programmes?|programs?|schemes?|initiatives?|dialogues?|mechanisms?|agreements?|"
    r"memorand(?:um|a)|MoUs?|partnerships?|projects?|funds?|scholarships?|treaty|accord|"
    r"exchange of notes|framework|commissions?|committees?|councils?|consultations?|flights?)\b",
    re.IGNORECASE,
)
_NAMED_INSTRUMENT = re.compile(
    r"(?P<name>(?:[A-Z][\w’'-]*\s+){1,6}(?:Agreements?|Treaty|Accord|Protocol|Arrangement|"
    r"Memorandum of Understanding|Convention))\b"
)
_IN_FORCE = re.compile(
    r"^[^.;]{0,40}?\b(?:was|were|has been|had been)?\s*(?:signed|concluded|ratified)\b|"
    r"^[^.;]{0,40}?\b(?:entered|came)\s+into\s+force\b|^[^.;]{0,40}?\btook\s+effect\b",
    re.IGNORECASE,
)
_PARTNERSHIP = re.compile(r"(?:[A-Z][\w-]*\s+){1,4}Partnership\b")
_QUOTES = "“”‘’\"'"
_BACK_REFERENCE = re.compile(
    r"\b(?:during|following|after|at|on the sidelines of)\s+the\s+(?:meeting|talks|visit)\b",
    re.IGNORECASE,
)
_PLURAL_SUBJECT = re.compile(
    r"\b(?:the\s+two|both)\s+(?:foreign\s+)?(?:ministers|FMs|leaders|sides|prime\s+ministers)\b",
    re.IGNORECASE,
)


def _kind(words: str) -> str:
    w = words.lower()
    if "partnership" in w:
        return "partnership"
    if re.search(r"\bloans?\b", w):
        return "loan"
    if re.search(r"\bgrants?\b", w):
        return "grant"
    if re.search(r"memorand|\bmou\b", w):
        return "mou"
    if "exchange of notes" in w:
        return "exchange_of_notes"
    if re.search(r"programme|program|scheme|initiative|scholarship", w):
        return "programme"
    return "other"


def _clean_title(title: str) -> str:
    title = title.strip(" ,.;:" + _QUOTES)
    title = re.sub(r"^(?:the|a|an|this|its|their|such)\s+", "", title, flags=re.IGNORECASE)
    title = re.sub(r"\s+", " ", title)
    return title[:1].upper() + title[1:]


def _project_title(text: str) -> str | None:
    for m in _CAP_RUN.finditer(text):
        run = m.group(0)
        if re.search(rf"\b(?:{_PROJECT_WORDS})\b", run) and len(run.split()) >= 2:
            return _clean_title(run)
    return None


def _intro(sentences: list[Sentence], sentence: Sentence, text: str) -> Sentence | None:
    """The sentence that introduces a list item: the last one before the list began."""
    para_start = text.rfind("\n", 0, sentence.start) + 1
    if not _LIST_ITEM.match(text[para_start : para_start + 8]):
        return None
    for earlier in reversed(sentences[: sentence.index]):
        start = text.rfind("\n", 0, earlier.start) + 1
        if not _LIST_ITEM.match(text[start : start + 8]):
            return earlier
    return None


def _principals(sentence: Sentence, people: People, visit: MeetingCandidate | None) -> list[int]:
    named = [key for _, key in people.in_sentence(sentence.index)]
    if visit and _PLURAL_SUBJECT.search(sentence.text):
        return list(dict.fromkeys([*visit.participants, *named]))
    return list(dict.fromkeys(named))


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

    def meeting_for(sentence: Sentence) -> int | None:
        """The visit an agreement belongs to, or the meeting a sentence refers back to
        ('Following the meeting, the two ministers signed …')."""
        own = [d for d in find_dates(sentence.text, reference) if d.range]
        if len(visits) == 1 and not own:
            return visits[0]
        if _BACK_REFERENCE.search(sentence.text):
            before = [i for i, m in enumerate(meetings) if m.evidence[0].start < sentence.start]
            return before[-1] if before else None
        return None

    for sentence in sentences:
        span = Span(sentence.start, sentence.end, sentence.text)
        intro = _intro(sentences, sentence, text)
        context = (intro.text + " " if intro else "") + sentence.text
        money = find_money(sentence.text)
        restated = set()
        for a, b in zip(money, money[1:], strict=False):
            between = sentence.text[a.end : b.start]
            if re.fullmatch(
                r"\s*\(\s*(?:about|approximately|approx\.?|around|or|some|roughly)?\s*", between
            ):  # noqa: E501
                restated.add(id(b))
        for amount in money:
            if id(amount) in restated:
                continue
            near = sentence.text[max(0, amount.start - 120) : amount.end + 40]
            if not AID_WORDS.search(near) and not (intro and AID_WORDS.search(intro.text)):
                continue
            if NOT_AID.search(near) and not AID_WORDS.search(near):
                continue
            title = _project_title(sentence.text[amount.end :]) or _project_title(sentence.text)
            kind = _kind(near + " " + (intro.text if intro else ""))
            if title is None:
                purpose = re.search(
                    r"\bfor\s+(?:the\s+)?([a-z][\w\s-]{3,80}?)(?=[,.;(]|$)",
                    sentence.text[amount.end :],
                )  # noqa: E501
                label = kind.capitalize() if kind in {"loan", "grant"} else "Aid"
                title = (
                    f"{label} for {purpose.group(1).strip()}"
                    if purpose
                    else f"{label} of {amount.currency} {amount.amount:,.0f}"
                )
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
                    kind=kind if kind in {"loan", "grant"} else "other",
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
        if money:
            continue
        committed = False
        for m in _COMMIT.finditer(sentence.text):
            if m.group("more") and not committed:
                continue  # 'and to resume' counts only after an agreement wording
            committed = True
            rest = sentence.text[m.end() :]
            end = _NP_END.search(rest)
            phrase = rest[: end.start()] if end else rest
            for np in re.split(r"\s+as well as\s+|\s+and\s+(?=(?:the|a|an)\s)", phrase):
                np = np.strip()
                if not np or not re.match(rf"(?:the|a|an|[{_QUOTES}]|[A-Z])", np):
                    continue
                if not _INSTRUMENT.search(np) or len(np.split()) > 14:
                    continue
                if re.match(
                    r"(?:the|a|an)\s+(?:\w+\s+)?(?:cooperation|collaboration|relations?|ties)\b",
                    np,
                    re.I,
                ):  # noqa: E501
                    continue
                meeting = meeting_for(sentence)
                visit = meetings[meeting] if meeting is not None else None
                verb = sentence.text[m.start() : m.end()].lower()
                found.append(
                    AgreementCandidate(
                        kind=_kind(np),
                        title=_clean_title(np),
                        amount=None,
                        currency=None,
                        status="signed" if "sign" in verb else "agreed",
                        evidence=[span],
                        parties=set(main_pair),
                        signatories=_principals(sentence, people, visit),
                        meeting=meeting,
                        date=visit.dates.end if visit and visit.dates else None,
                        terms=sentence.text.strip(),
                    )
                )
        for m in _NAMED_INSTRUMENT.finditer(sentence.text):
            tail = sentence.text[m.end() : m.end() + 80]
            head = sentence.text[max(0, m.start() - 30) : m.start()]
            if not _IN_FORCE.search(tail) or re.search(r"\bsince\b", head, re.I):
                continue
            if any(
                title_key(m.group("name")) in title_key(a.title)
                for a in found
                if a.evidence[0].start == sentence.start
            ):  # noqa: E501
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
        for m in _PARTNERSHIP.finditer(sentence.text):
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
    return _merge(found)


def title_key(title: str) -> str:
    """Words of a title that identify it: 'programme' and 'program' are one word."""
    words = re.findall(r"[a-z0-9]+", title.lower().replace("programme", "program"))
    return " ".join(w for w in words if w not in {"the", "a", "an", "of", "for", "and"})


STATUS_RANK = {"announced": 0, "agreed": 1, "signed": 2}


def _generic(title: str) -> bool:
    return bool(re.match(r"(?:Aid|Loan|Grant) of [A-Z]{3} ", title))


def _merge(found: list[AgreementCandidate]) -> list[AgreementCandidate]:
    merged: list[AgreementCandidate] = []
    for a in found:
        same = next(
            (
                b
                for b in merged
                if (
                    a.amount
                    and b.amount
                    and a.currency == b.currency
                    and abs(a.amount - b.amount) <= 0.02 * b.amount
                )  # noqa: E501
                or (not a.amount and not b.amount and title_key(a.title) == title_key(b.title))
            ),
            None,
        )
        if same is None:
            merged.append(a)
            continue
        same.evidence += [s for s in a.evidence if s not in same.evidence]
        if same.kind == "other" and a.kind != "other":
            same.kind = a.kind
        if _generic(same.title) and not _generic(a.title):
            same.title = a.title
        if STATUS_RANK[a.status] > STATUS_RANK[same.status]:
            same.status = a.status
        same.signatories = list(dict.fromkeys(same.signatories + a.signatories))
        same.parties |= a.parties
        same.meeting = same.meeting if same.meeting is not None else a.meeting
        same.date = same.date or a.date
    for a in merged:
        money = f"{a.currency}:{a.amount:.0f}" if a.amount else ""
        a.fingerprint = f"agreement:{a.kind}:{money or title_key(a.title)}"
    return merged
