"""Aid stated as an amount: the title of what it pays for (a named project, a purpose, a
quoted name) and the amounts a sentence states, with restated and cumulative sums told apart."""

import re

from documents.extraction.agreement_wordings import (
    _QUOTES,
    AID_WORDS,
    CAP_RUN,
    INSTRUMENT,
    NOT_AID,
    PROJECT_WORDS,
)
from documents.extraction.countries import countries_in

_WHEN_TAIL = re.compile(
    r"\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|yesterday|"
    r"this\s+(?:morning|afternoon|evening|week)|last\s+week|here)$"
)


def _clean_title(title: str) -> str:
    title = title.strip(" ,.;:" + _QUOTES)
    title = re.sub(r"^(?:the|a|an|this|its|their|such)\s+", "", title, flags=re.IGNORECASE)
    title = re.sub(r"\s+", " ", title)
    title = _WHEN_TAIL.sub("", title)
    return title[:1].upper() + title[1:]


def _project_title(text: str) -> str | None:
    for m in CAP_RUN.finditer(text):
        run = m.group(0)
        if re.search(rf"\b(?:{PROJECT_WORDS})\b", run) and len(run.split()) >= 2:
            return _clean_title(run)
    return None


_RESTATED = re.compile(
    r"\s*[(\[]\s*[.,;:]?\s*(?:or\s+|i\.e\.,?\s*)?(?:about|approximately|approx\.?|around|some|roughly|over|"
    r"nearly|almost|more than|less than|just over|just under|equivalent to|equal to|"
    r"estimated at)?\s*"
)
# Statistics of the past, not an instrument: 'since 1979', 'bringing the total … to',
# 'has completed the disbursement of', 'had already extended 13 loans … totaling'.
_CUMULATIVE_BEFORE = re.compile(
    r"\b(?:since|already|so far|to date|hitherto|"
    r"(?:bring|rais)(?:s|es|ing)?\s+(?:the|its|their|his|her|our)\s+(?:[\w-]+\s+){0,3}?total|"
    r"complet\w+\s+the\s+disbursement|disbursed|cumulative(?:ly)?)\b",
    re.IGNORECASE,
)
# A lender's whole portfolio: 'covering 62 countries … with commitments of USD 26 billion'.
_PORTFOLIO = re.compile(r"\b(?:covering|across|in)\s+\d+\s+countries\b", re.I)
_CUMULATIVE_AFTER = re.compile(
    r"^\W*(?:[\w-]+\W+){0,7}?(?:since|so far|to date|(?:over|in|during)\s+the\s+(?:past|last)|"
    r"over the years)\b",
    re.I,
)
_LOAN_WORDS = r"loans?|lend\w*|lent|credit|concessional|soft"
_GRANT_WORDS = r"grants?|non-refundable|donat\w+|aid|assistance|gift|support|cheque|free of charge"
_OTHER_WORDS = r"deals?|deposits?|swaps?|investments?"
_KIND_WORD = re.compile(
    rf"\b(?:(?P<loan>{_LOAN_WORDS})|(?P<grant>{_GRANT_WORDS})|(?P<other>{_OTHER_WORDS}))\b",
    re.IGNORECASE,
)
_QUOTED_BEFORE = re.compile(r"[“\"]([^“”\"]{3,200})[”\"]\s*[(\[]?\s*$")
_FOR_NAME = re.compile(r"^\s*(?:is\s+)?(?:earmarked\s+|allocated\s+|used\s+)?for\s+(?:the\s+)?")
_NAMED_AFTER = re.compile(
    r"^\s*(?:(?:[\w-]+\s+){0,2}?(?:project|programme|program|package|grant|loan|aid|assistance|"
    r"scheme|facility)\s+)?"
    r"(?:(?:to|through|via)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+)?"  # a recipient
    r"(?:(?P<prep>to)\s+(?:the\s+)?(?P<rest>(?!the\b)[a-z][\w’'-]*\b.*)|"
    r"(?P<prep2>for)\s+(?:the\s+)?(?P<rest2>(?!the\b)[A-Za-z][\w’'-]*\b.*))",
    re.DOTALL,
)
_PURPOSE_END = re.compile(
    r"[,.;:]|\s[-–—]\s|\b(?:as|while|which|who|when|whereas|after|before|under|according|said|"
    r"subject|over the|in the coming|during|and (?:the|a|an) rest|to help|in order to|so as to|"
    r"and to|will|would|shall|is|are|was|were|has|have|had)\b"
)
_AID_NP = re.compile(
    r"(?<![\w’'-])((?:[\w-]+\s+){0,2}(?:grant|loan|aid|assistance|package|credit|deal|swap|"
    r"deposit)s?"
    r"(?:\s+aid)?)\s+"
    r"(?:of|worth|totall?ing|amounting to)\s*$",
    re.IGNORECASE,
)


_WORTH = re.compile(r"(?<![\w’'-])((?:[\w-]+\s+){1,4})worth\s*$")
_VERBISH = {"and", "or", "to", "will", "would", "also", "provide", "supply", "give", "send"}
_DETERMINERS = {"the", "a", "an", "its", "their", "this", "that", "his", "her", "our", "such"}
_IN_AID = re.compile(
    r"^\s*(?:in|as)\s+(?:(?:a|an|the)\s+)?(?:new\s+)?(?P<np>(?:[\w-]+\s+){0,5}?"
    r"(?:assistance|aid|support|grants?|loans?|financing|funding|credits?|ODA))\b"
)


def _np(words: str) -> str:
    """An aid noun phrase without the verb or determiner before it: 'provided the grant
    aid' -> 'grant aid'."""
    tokens = words.split()
    cut = 0
    for i, token in enumerate(tokens[:-1]):
        low = token.lower()
        if low in _DETERMINERS or low in _VERBISH or low.endswith("ed") or "’" in token:
            cut = i + 1
    return " ".join(tokens[cut:])


_PRICED_INSTRUMENTS = re.compile(
    r"\b(?:agreements?|deals?|contracts?|MoUs?|memorand\w+)\s+(?:worth|valued at|totall?ing)\s*$",
    re.IGNORECASE,
)
_NP_AFTER = re.compile(
    r"^\s*((?:[A-Z][\w-]*\s+){0,3}(?:concessional\s+|soft\s+|yen\s+)?(?:loan|grant|credit)s?)\b"
)
DESCRIBED = re.compile(
    r"\s*(?:The|This|That|These)\s+(?:money|amount|funds?|sum|cheque|check|payment)\s+"
    r"(?:was|is|were|are|will be|would be|has been)\s+(?:\w+\s+){0,2}?(?:as|for)\s+"
    r"(?P<what>(?:the\s+)?[\w-]+.*)",
    re.DOTALL,
)


def _kind_near(text: str, start: int, end: int) -> str:
    """The kind the aid word nearest to an amount names: 'a loan of', 'grant aid of'."""
    best, kind = None, "other"
    for m in _KIND_WORD.finditer(text):
        distance = start - m.end() if m.end() <= start else m.start() - end
        if distance < 0 or distance > 150:
            continue
        if best is None or distance < best:
            best, kind = distance, m.lastgroup
    return kind


_TRAILING = {"of", "for", "to", "in", "on", "and", "or", "the", "a", "an", "with", "at", "by"}


def trim_purpose(rest: str) -> str:
    rest = re.sub(r"\s*\([^()]{0,40}\)", "", rest)
    end = _PURPOSE_END.search(rest)
    words = (rest[: end.start()] if end else rest).split()[:16]
    while words and words[-1].lower() in _TRAILING:
        words.pop()  # '… in the coastal resort town of' -> '… in the coastal resort town'
    return " ".join(words).rstrip(" ,.;:")


def _named_project(after: str) -> str | None:
    """The project an amount pays for, named just after it: 'US$1.7 million Rural Renewable
    Energy Project', 'US$1.8 million for Landmine Action Sector', '… Project to strengthen
    transparency …', 'US$58.2 million is a loan for … Siem Reap Water Supply … Project (II)'."""
    for m in CAP_RUN.finditer(after[:200]):
        run = m.group(0)
        if re.search(r"\b(?:through|via|by|from|with)\s+(?:the\s+)?$", after[: m.start()]):
            continue  # the channel is an organisation: 'through the World Food Programme'

        lead = re.match(r"(\S+(?:\s+\S+){0,2}?)\s+(?:for|to)\s+(?:the\s+)?(?=[A-Z])", run)
        if lead and countries_in(lead.group(1)):
            run = run[lead.end() :]  # 'a $150 million credit to Bangladesh for the … Project'
        if re.search(rf"\b(?:{PROJECT_WORDS})\b", run) and len(run.split()) >= 2:
            return _clean_title(run)
        if re.fullmatch(rf"(?:The\s+)?(?:{PROJECT_WORDS})", run.strip()):
            tail = re.match(r"\s+(?:to|for)\s+[a-z].*", after[m.end() :], re.DOTALL)
            if tail:
                return _clean_title(run + " " + trim_purpose(tail.group(0).strip()))
    lower = re.match(
        r"\s*(?:project|programme|program|scheme|initiative)\s+(?:to|for)\s+[a-z].*", after, re.S
    )
    if lower:
        return _clean_title(trim_purpose(lower.group(0).strip()))
    named = _FOR_NAME.match(after)
    if named:
        run = CAP_RUN.match(after[named.end() :])
        if run and len(run.group(0).split()) >= 2 and not countries_in(run.group(0)):
            return _clean_title(run.group(0))
    return None


def aid_amounts(sentence: str, money, intro, earlier: str, prefix: str = ""):
    """The amounts of a sentence that are grants, loans or other aid, each with a title and
    a kind: one item per amount, an amount restated in a second currency is the same item."""
    kept, alternates = [], {}
    for amount in money:
        if kept and _RESTATED.fullmatch(sentence[kept[-1].end : amount.start]):
            alternates.setdefault(id(kept[-1]), []).append(amount)
            continue
        kept.append(amount)
    out = []
    for i, amount in enumerate(kept):
        seg_start = kept[i - 1].end if i else 0
        seg_end = kept[i + 1].start if i + 1 < len(kept) else len(sentence)
        restated = alternates.get(id(amount), [])
        after_start = restated[-1].end if restated else amount.end
        after = re.sub(r"^\s*\)", "", sentence[after_start:seg_end])
        before = sentence[seg_start : amount.start]
        near = sentence[max(0, amount.start - 120) : after_start + 40]  # past a restatement
        title = None
        quoted = _QUOTED_BEFORE.search((prefix + sentence[: amount.start])[-220:])
        if quoted:
            title = _clean_title(quoted.group(1))
        bracketed = re.search(r"\(\s*$", before) and [
            m.group(0)
            for m in CAP_RUN.finditer(before[-200:])
            if re.search(rf"\b(?:{PROJECT_WORDS})\b", m.group(0))
            and re.fullmatch(r"\s*\(\s*", before[-200:][m.end() :])
        ]
        if not title and bracketed:
            title = _clean_title(bracketed[-1])  # 'The Project for … (JPY 2.1 billion)'
        title = title or _named_project(after)
        aid = (
            AID_WORDS.search(near)
            or (intro and AID_WORDS.search(intro.text))
            or _PRICED_INSTRUMENTS.search(before)
        )
        if not aid and not (title and (AID_WORDS.search(earlier) or INSTRUMENT.search(earlier))):
            continue
        if NOT_AID.search(near) and not AID_WORDS.search(near) or NOT_AID.search(before[-60:]):
            continue  # 'Australia's aid budget rose to $4.7 billion'

        if (
            _CUMULATIVE_BEFORE.search(before[-100:])
            or _CUMULATIVE_AFTER.search(after)
            or _PORTFOLIO.search(before[-200:])
        ):
            continue
        kind = _kind_near(sentence, amount.start, amount.end)
        if kind == "other" and out and not _KIND_WORD.search(before):
            kind = out[-1][2]  # a list goes on: 'US$1.8 million for …, US$2.27 million for …'
        if kind == "other" and intro:
            kind = _kind_near(intro.text, len(intro.text), len(intro.text))
        if kind == "other" and not _KIND_WORD.search(sentence):
            context = prefix + sentence[: amount.start] if quoted else earlier
            last = [m.lastgroup for m in _KIND_WORD.finditer(context)]
            kind = last[-1] if last else kind
        if title is None:
            label = {"loan": "Loan", "grant": "Grant"}.get(kind, "Funding")
            np = _AID_NP.search(before) or _WORTH.search(before)
            np = _np(re.sub(r"^.*\bsigning\s+of\s+", "", np.group(1))) if np else ""
            np_after = _NP_AFTER.match(after)
            if not np and np_after and len(np_after.group(1).split()) >= 2:
                np = np_after.group(1)  # 'a KRW 45 billion EDCF loan'
            if not np and _PRICED_INSTRUMENTS.search(before):
                np = _np(re.sub(r"\s+(?:worth|valued at|totall?ing)\s*$", "", before.strip()))
            if np:
                label = _clean_title(np)
            in_aid = _IN_AID.match(after)
            if in_aid and len(in_aid.group("np").split()) >= 2:
                np = label = _clean_title(in_aid.group("np"))
            purpose = _NAMED_AFTER.match(after[in_aid.end() if in_aid else 0 :][:160])
            rest = purpose and trim_purpose(purpose.group("rest") or purpose.group("rest2"))
            if rest:
                title = f"{label} {purpose.group('prep') or purpose.group('prep2')} {rest}"
            elif np:
                title = label
            else:
                title = f"{label} of {amount.currency} {amount.amount:,.0f}"
        out.append((amount, title, kind, restated))
    return out
