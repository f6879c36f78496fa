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
from documents.extraction.countries import countries_in
from documents.extraction.dates import find_dates
from documents.extraction.direction import with_directions
from documents.extraction.money import find_money
from documents.extraction.nlp import Sentence
from documents.extraction.officials import People

AID_WORDS = re.compile(
    r"\b(?:grants?|loans?|aid|ODA|assistance|financing|finance|credit|concessional|funding|"
    r"fund|donat\w+|provide[sd]?|providing|commit(?:s|ted|ting)?|disburse\w*|cheque|"
    r"non-refundable|swaps?|deposits?)\b",
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
    r"memorand(?:um|a|ums)|MoUs?|partnerships?|projects?|funds?|scholarships?|treaty|accords?|"
    r"deals?|letters? of intent|protocols?|documents?|contracts?|"
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
_PARTNERSHIP = re.compile(
    r"(?:[A-Z][\w-]*\s+){1,4}Partnership\b"
    r"(?:\s+(?:for|of)\s+[A-Z][\w-]*(?:(?:,\s+|\s+and\s+|\s+)[A-Z][\w-]*){0,6})?"
)
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
    if re.search(r"partnership", w) and not re.search(
        r"\b(?:declaration|agreement|memorand\w*|letters?|treaty|accord|protocol|notes)\b.*"
        r"partnership",
        w,
    ):
        return "partnership"
    if re.match(r"(?:the\s+)?(?:\w+\s+)?exchanges? of notes", w):
        return "exchange_of_notes"
    if re.match(r"(?:the\s+)?(?:\w+\s+)?(?:memorand|mous?\b)", w):
        return "mou"
    if re.search(r"\bloans?\b", w):
        return "loan"
    if re.search(r"\bgrants?\b", w):
        return "grant"
    if re.search(r"memorand|\bmous?\b", w):
        return "mou"
    if "exchange of notes" in w:
        return "exchange_of_notes"
    if re.search(r"programme|program|scheme|initiative|scholarship", w):
        return "programme"
    return "other"


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
    for m in _CAP_RUN.finditer(text):
        run = m.group(0)
        if re.search(rf"\b(?:{_PROJECT_WORDS})\b", run) and len(run.split()) >= 2:
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
_DESCRIBED = re.compile(
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


def _trim_purpose(rest: str) -> str:
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
    for m in _CAP_RUN.finditer(after[:200]):
        run = m.group(0)
        if re.search(r"\b(?:through|via|by|from|with)\s+(?:the\s+)?$", after[: m.start()]):
            continue  # the channel is an organisation: 'through the World Food Programme'

        lead = re.match(r"(\S+(?:\s+\S+){0,2}?)\s+(?:for|to)\s+(?:the\s+)?(?=[A-Z])", run)
        if lead and countries_in(lead.group(1)):
            run = run[lead.end() :]  # 'a $150 million credit to Bangladesh for the … Project'
        if re.search(rf"\b(?:{_PROJECT_WORDS})\b", run) and len(run.split()) >= 2:
            return _clean_title(run)
        if re.fullmatch(rf"(?:The\s+)?(?:{_PROJECT_WORDS})", run.strip()):
            tail = re.match(r"\s+(?:to|for)\s+[a-z].*", after[m.end() :], re.DOTALL)
            if tail:
                return _clean_title(run + " " + _trim_purpose(tail.group(0).strip()))
    lower = re.match(
        r"\s*(?:project|programme|program|scheme|initiative)\s+(?:to|for)\s+[a-z].*", after, re.S
    )
    if lower:
        return _clean_title(_trim_purpose(lower.group(0).strip()))
    named = _FOR_NAME.match(after)
    if named:
        run = _CAP_RUN.match(after[named.end() :])
        if run and len(run.group(0).split()) >= 2 and not countries_in(run.group(0)):
            return _clean_title(run.group(0))
    return None


def _aid_amounts(sentence: str, money, intro, earlier: str, prefix: str = ""):
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
            for m in _CAP_RUN.finditer(before[-200:])
            if re.search(rf"\b(?:{_PROJECT_WORDS})\b", m.group(0))
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
        if not aid and not (title and (AID_WORDS.search(earlier) or _INSTRUMENT.search(earlier))):
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
            rest = purpose and _trim_purpose(purpose.group("rest") or purpose.group("rest2"))
            if rest:
                title = f"{label} {purpose.group('prep') or purpose.group('prep2')} {rest}"
            elif np:
                title = label
            else:
                title = f"{label} of {amount.currency} {amount.amount:,.0f}"
        out.append((amount, title, kind, restated))
    return out


_MORE_INSTRUMENTS = re.compile(
    r",\s*(?:and\s+|as well as\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:agreements?|memorand|"
    r"MoUs?|protocols?|treaty|accords?|letters?\s+of\s+intent)",
    re.IGNORECASE,
)
_COUNT = r"\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_ADJECTIVAL = re.compile(r"\b(?:the|all|its|their|these|those|our|every)\s+$", re.IGNORECASE)
_GENERIC = re.compile(
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
    rest = _trim_purpose(after[m.end() :])
    if len(rest.split()) < 2:
        return None
    if m.group("prep"):
        return f"{m.group('prep')} {rest}"
    if m.group("see"):
        return f"on {rest}"
    return f"to {rest}"  # 'that will enable … to cooperate on …', 'that will boost …'


_INSTRUMENT_NOUNS = (
    r"memorand(?:um|a|ums)\s+of\s+understanding|memorand(?:um|a|ums)|MoUs?|letters?\s+of\s+intent|"
    r"declarations?\s+of\s+intent|agreements?|deals?|accords?|protocols?|treaty|treaties|"
    r"exchanges?\s+of\s+notes|notes?|documents?|contracts?"
)
_PASSIVE_SIGNED = re.compile(
    rf"(?P<np>\b(?:(?:a|an|the|two|three|four|five|\d+)\s+)?(?:[\w-]+\s+){{0,3}}?"
    rf"(?:{_INSTRUMENT_NOUNS})(?:\s+(?:on|for|concerning|regarding)\s+[^,;.]{{3,80}}?|"
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


def _signed_instruments(sentence: str) -> list[str]:
    """Instruments a sentence says were signed, without an agreeing verb before them:
    'A joint letter of intent signed today by …', 'the signing of 12 cooperation agreements
    and 2 letters of intent', 'signed documents on mine clearance, … and renovation of …'."""
    titles = []
    for m in _PASSIVE_SIGNED.finditer(sentence):
        np = m.group("np").strip()
        if re.match(r"(?:these|those|such|this|the\s+above)\b", np, re.I):
            continue
        noun = re.search(rf"\b(?:{_INSTRUMENT_NOUNS})\b", np, re.I)
        head = re.sub(
            r"^.*\b(?:the|a|an|and|had|has|have|was|were|total(?:\s+of)?)\s+(?=\S|$)",
            "",
            np[: noun.start()],
            flags=re.I,
        )
        np = head + np[noun.start() :]
        if _GENERIC.fullmatch(np) or re.fullmatch(r"(?:\w+\s+)?(?:notes?|documents?)", np, re.I):
            clause = re.match(r"[^,;.]{0,80}?\b(to\s+(?!the\b)[a-z]+\b.*)", sentence[m.end() :])
            if not clause or not _GENERIC.fullmatch(np):
                continue
            np = f"{_GENERIC.fullmatch(np).group('noun')} {_trim_purpose(clause.group(1))}"
        titles.append(_clean_title(np))
    for m in _SIGNING_OF.finditer(sentence):
        for part in _CONJUNCTS.split(m.group("list")):
            part = part.strip()
            if not re.search(rf"\b(?:{_INSTRUMENT_NOUNS})\b", part, re.I):
                continue
            about = re.search(
                rf"\b(?:{_INSTRUMENT_NOUNS})\s+(?:on|for|concerning|regarding)\s+\w", part, re.I
            )
            if re.match(r"(?:these|those|such|this|its|their)\b", part, re.I) or (
                re.match(r"the\b", part, re.I) and not about
            ):
                continue
            part = re.sub(r"^the\s+", "", part, flags=re.I)
            part = _trim_purpose(part) if len(part.split()) > 12 else part
            part = re.split(r"\s+(?:between|with|by)\s+", part)[0]
            counted = re.match(r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s", part)
            specific = re.search(r"memorand|MoU|letters?\s+of\s+intent|protocol", part, re.I)
            about = re.search(
                rf"\b(?:{_INSTRUMENT_NOUNS})\s+(?:on|for|concerning|regarding)\s+\w", part, re.I
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
                titles.append(f"{noun} on {_trim_purpose(part)}")
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
    for m in _PARTNERSHIP.finditer(sentence):
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


_INSTRUMENT_HEADING = re.compile(
    r"(?:Joint\s+)?(?:Declaration|Agreement|Treaty|Accord|Memorandum of Understanding|Protocol|"
    r"Convention|Charter)\b"
)
_ADOPTED = re.compile(
    r"\b(?:have|has)\s+(?:reached|agreed|concluded|adopted)\s+the\s+following\b|"
    r"\bhereby\s+agree\b|^\s*Done\s+(?:in|at)\b",
    re.IGNORECASE | re.MULTILINE,
)


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


def _unpriced(
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
    alternates: dict[int, list] = {}  # amounts restated in a second currency, per agreement

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
        before_start = sentences[max(0, sentence.index - 3)].start
        earlier = text[before_start : sentence.start]
        prefix = text[max(0, sentence.start - 220) : sentence.start]
        for amount, title, kind, restated in _aid_amounts(
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
        described = _DESCRIBED.match(sentence.text)
        last = [a for a in found if a.amount and a.evidence[0].end <= sentence.start]
        if described and last and _generic(last[-1].title):
            # 'handed over a cheque of US$ 25 million. The money was given as the fourth tranche
            # of …': the next sentence says what the amount is
            last[-1].title = _clean_title(_trim_purpose(described.group("what")))
        if money:
            continue
        committed = False
        for m in _COMMIT.finditer(sentence.text):
            if m.group("more") and not committed:
                continue  # 'and to resume' counts only after an agreement wording
            committed = True
            if _ADJECTIVAL.search(sentence.text[: m.start()]):
                continue  # 'carrying out all the signed agreements'
            rest = sentence.text[m.end() :]
            end = _NP_END.search(rest)
            while end and _MORE_INSTRUMENTS.match(rest[end.start() :]):
                # 'signed an agreement on tourism, and an agreement on legal assistance'
                following = _NP_END.search(rest, end.end() + 1)
                end = following
            phrase = rest[: end.start()] if end else rest
            parts = rf",?\s+as well as\s+|,?\s+and\s+(?=(?:the|a|an|{_COUNT})\s)|,\s+(?=(?:a|an)\s)"
            for np in re.split(parts, phrase):
                np = np.strip()
                if not np or not re.match(
                    rf"(?:(?:the|a|an|another|{_COUNT})\s|[{_QUOTES}]|[A-Z])", np
                ):
                    continue
                np = re.sub(r"^another\s+", "a ", np)  # 'signed another framework agreement'
                if re.match(rf"(?:{_COUNT})\s", np) and not re.search(
                    rf"\b(?:{_INSTRUMENT_NOUNS})\b", " ".join(np.split()[:4]), re.I
                ):
                    continue
                if re.match(r"(?:the\s+)?following\b", np, re.I):
                    continue  # 'reached the following joint agreement': the text itself
                if not _INSTRUMENT.search(np):
                    continue
                if len(np.split()) > 14:
                    np = " ".join(np.split()[:14])
                    np = re.sub(r"(?:\s+(?:and|or|of|for|the|a|an|in|on|to|with))+$", "", np)
                # 'signed the agreement in Addis Ababa': where it was signed names nothing
                np = re.sub(r"\s+(?:in|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}$", "", np)
                if _GENERIC.fullmatch(np) and not re.match(rf"(?:{_COUNT})\s", np):
                    clause = _clause(sentence.text[m.end() + len(phrase) :])
                    if not clause:
                        continue  # a bare 'memorandum' or 'mechanism' says nothing
                    np = f"{_GENERIC.fullmatch(np).group('noun')} {clause}"
                if re.match(
                    r"(?:the|a|an)\s+(?:\w+\s+)?(?:cooperation|collaboration|relations?|ties)\b",
                    np,
                    re.I,
                ):
                    continue
                verb = sentence.text[m.start() : m.end()].lower()
                found.append(
                    _unpriced(
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
        for title in _signed_instruments(sentence.text):
            if any(title_key(title) == title_key(a.title) for a in found):
                continue
            kind = _kind(title)
            found.append(
                _unpriced(
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
        for m in _NAMED_INSTRUMENT.finditer(sentence.text):
            tail = sentence.text[m.end() : m.end() + 80]
            head = sentence.text[max(0, m.start() - 30) : m.start()]
            if not _IN_FORCE.search(tail) or re.search(r"\bsince\b", head, re.I):
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
    if _INSTRUMENT_HEADING.match(heading) and _ADOPTED.search(text) and len(heading.split()) <= 20:
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
    return with_directions(_drop_counts(_merge(_drop_totals(found, alternates))))


_TOTAL_WORDS = re.compile(
    r"\b(?:total\w*|in all|altogether|overall|up to|nearly|almost|some|about|approximately|"
    r"of which)\b",
    re.IGNORECASE,
)


def _drop_totals(found: list[AgreementCandidate], alternates) -> list[AgreementCandidate]:
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


_COUNTED = re.compile(rf"^(?P<n>{_COUNT})\s", re.I)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip


def _drop_counts(found: list[AgreementCandidate]) -> list[AgreementCandidate]:
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


def _generic(title: str) -> bool:
    return bool(re.match(r"(?:Aid|Loan|Grant|Funding) of [A-Z]{3} ", title))


def _same(a: AgreementCandidate, b: AgreementCandidate) -> bool:
    if a.amount and b.amount:
        if a.currency != b.currency or abs(a.amount - b.amount) > 0.02 * b.amount:
            return False
        # two list items of one sentence may cost the same: 'US$2.27 million for Construction
        # Material Sector, US$2.27 million for Cadastral Survey Sector'
        distinct = not _generic(a.title) and not _generic(b.title)
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
    if _generic(same.title) and not _generic(a.title):
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
