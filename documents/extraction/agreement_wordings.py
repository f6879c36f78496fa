"""What marks aid or an agreement in a sentence: aid words, commitments, instruments,
partnerships, and the kind a wording names (grant, loan, agreement)."""

import re

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
LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*]|\([a-z0-9]\)|[a-z][.)])\s+")
PROJECT_WORDS = r"Project|Programme|Program|Plan|Initiative|Scholarships?|Facility|Fund|Scheme"
CAP_RUN = re.compile(
    r"[A-Z][\w’'.-]*(?:\s+(?:(?:for|of|and|the|in|on|to|&)\s+)*(?:[A-Z0-9][\w’'.-]*))*"
    r"(?:\s*\([^()]{1,80}\))?"
)
_COMMIT_VERBS = (
    r"resume|establish|launch|sign|conclude|create|set\s+up|upgrade|expand|implement|hold|start|"
    r"restart|extend|renew|introduce"
)
COMMIT = re.compile(
    r"\b(?:agreed|agree|agreeing|decided|pledged|signed|launched|concluded|established|"
    rf"reached)\s+(?:upon\s+|on\s+)?(?:to\s+(?:further\s+)?(?P<verb>{_COMMIT_VERBS})\s+)?"
    rf"|\b(?:and|as well as)\s+to\s+(?P<more>{_COMMIT_VERBS})\s+",  # '… and to resume the …'
    re.IGNORECASE,
)
NP_END = re.compile(
    r",|;|\.(?:\s|$)|\bwhich\b|\bthat\b|\bwho\b|\bto\s+(?!the\b)[a-z]+\b|"
    r"\band\s+(?:expressed|agreed|discussed|welcomed|also|to)\b|\bbetween\b|\bwith\b|\bin order\b",
)
INSTRUMENT = re.compile(
    r"\b(?:programmes?|programs?|schemes?|initiatives?|dialogues?|mechanisms?|agreements?|"
    r"memorand(?:um|a|ums)|MoUs?|partnerships?|projects?|funds?|scholarships?|treaty|accords?|"
    r"deals?|letters? of intent|protocols?|documents?|contracts?|"
    r"exchange of notes|framework|commissions?|committees?|councils?|consultations?|flights?)\b",
    re.IGNORECASE,
)
NAMED_INSTRUMENT = re.compile(
    r"(?P<name>(?:[A-Z][\w’'-]*\s+){1,6}(?:Agreements?|Treaty|Accord|Protocol|Arrangement|"
    r"Memorandum of Understanding|Convention))\b"
)
IN_FORCE = re.compile(
    r"^[^.;]{0,40}?\b(?:was|were|has been|had been)?\s*(?:signed|concluded|ratified)\b|"
    r"^[^.;]{0,40}?\b(?:entered|came)\s+into\s+force\b|^[^.;]{0,40}?\btook\s+effect\b",
    re.IGNORECASE,
)
PARTNERSHIP = re.compile(
    r"(?:[A-Z][\w-]*\s+){1,4}Partnership\b"
    r"(?:\s+(?:for|of)\s+[A-Z][\w-]*(?:(?:,\s+|\s+and\s+|\s+)[A-Z][\w-]*){0,6})?"
)
_QUOTES = "“”‘’\"'"
BACK_REFERENCE = re.compile(
    r"\b(?:during|following|after|at|on the sidelines of)\s+the\s+(?:meeting|talks|visit)\b",
    re.IGNORECASE,
)
PLURAL_SUBJECT = re.compile(
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
