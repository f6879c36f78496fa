"""What marks a meeting in a sentence: the meeting wordings and kinds, and the patterns that
read participants, dates, places and clauses around them."""

import re

from documents.extraction.countries import country_pattern

# (kind, wording), most specific first. Visits are found apart: they hold the others.
VISIT = re.compile(
    r"\b(?:official|state|working|official\s+working|goodwill|\w+-day|\w+\s+day|first\s+official|"
    r"maiden|weekend)\s+visits?\b"
    r"|\bpa(?:id|ys?|ying)\s+(?:an?\s+|his\s+|her\s+)?(?:\w+\s+){0,2}visits?\s+to\b"
    r"|\b(?:is|was|are|were)\s+on\s+an?\s+(?:\w+\s+){0,2}visit\s+to\b"
    # 'visited Australia from 17 to 19 June': a visit to a country, not to a museum.
    rf"|\bvisit(?:ed|s)\s+(?:the\s+)?(?=(?:{country_pattern().pattern})\b)",
    re.IGNORECASE,
)
MEETING_WORDINGS = [
    (
        "phone_call",
        r"\b(?:tele)?phone\s+(?:call|talks?|conversation)s?\b|\bvideo\s*(?:conference|call)\b|"
        r"\bspoke\s+(?:by|on\s+the|over\s+the)\s+(?:tele)?phone\b|\btelephone\s+talk\b",
    ),
    (
        "courtesy_call",
        r"\bcourtesy\s+(?:call|meeting|visit)s?\b|\bcall(?:ed|s)?\s+on\b|\breceiv(?:ed|es)\s+(?=(?:visiting|the\s+visiting|H\.E\.|His|Her|[A-Z]))"
        r"|\b(?:held|hosted|gave)\s+a\s+reception\s+for\b"
        r"|\breceiv(?:ed|es|ing)\b(?=[^.;]{0,60}?\bvisiting\b)",
    ),
    ("summit", r"\bsummit(?:\s+meetings?|\s+talks)?\b"),
    (
        "dialogue",
        r"\b(?:\w+\s+)?dialogue\b|\bconsultations?\b|\bjoint\s+(?:committee|commission)\b",
    ),
    (
        "ceremony",
        r"\b(?:\w+\s+)?ceremony\b|\banniversary\b|\bcelebration\b|\binauguration\b"
        r"|\bceremonial\s+(?:welcome|reception)\b|\bguard\s+of\s+hono(?:u)?r\b"
        r"|\b(?:witnessed|presided\s+over|attended)\s+the\s+signing\b"
        r"|\b(?:signed|inked)\s+(?:an?|the|\d+|two|three|four|five|six|seven|eight|nine|ten|"
        r"several)\s+(?:[\w-]+\s+){0,3}"
        r"(?:memorand(?:um|a)|agreements?|MoUs?|deals?|declarations?|letters?)\b",
    ),
    (
        "bilateral_meeting",
        r"\bbilateral\s+(?:meeting|talks?)\b|\bheld\s+talks\b|\btalks\s+(?:(?!with\b)\w+\s+){0,2}with\b|\btalks\s+between\b|\bmet\b|\bmeets?\b|\bmeeting(?:s)?(?:\s+\w+){0,3}\s+(?:with|between)\b|\bhad\s+(?:a\s+)?(?:\w+\s+)?meeting\b|\bworking\s+(?:dinner|lunch|luncheon|breakfast)\b|\b(?:dinner|luncheon|banquet)\s+(?:with|for|hosted)\b"
        r"|\bdiscussions?\s+with\b|\bdiscussed\b[^.;]{0,60}?\bwith\b|\bconferred\s+with\b",
    ),
    ("other", r"\b(?:\w+\s+)?(?:conference|forum|workshop|symposium)\b"),
]
WORDINGS = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in MEETING_WORDINGS]
# Events without named people need a verb of holding and a date of their own.
HELD = re.compile(
    r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+\s+)?(?:held|convened|hosted)\b|\bheld\s+(?:on|in)\b|"
    r"\btook\s+place\b|^held\b",
    re.IGNORECASE,
)
KIND_RANK = {
    "courtesy_call": 5, "summit": 5, "phone_call": 5, "dialogue": 4, "ceremony": 4,
    "bilateral_meeting": 3, "official_visit": 2, "other": 1,
}  # fmt: skip
TALKS = {"courtesy_call", "summit", "bilateral_meeting", "dialogue"}
LABEL = {
    "official_visit": "Official visit", "summit": "Summit",
    "bilateral_meeting": "Bilateral meeting", "courtesy_call": "Courtesy call",
    "dialogue": "Dialogue", "phone_call": "Phone call", "ceremony": "Ceremony", "other": "Meeting",
}  # fmt: skip

PRONOUN = re.compile(r"\b(?:he|she|him|her)\b(?!\s+(?:Excellency|Majesty|Royal|Highness))", re.I)
# A sentence that opens on another event of its subject: 'Prior to her meeting with …, '.
OTHER_EVENT = re.compile(
    r"^(?:Prior\s+to|Before|After|Following|Ahead\s+of)\s+(?:his|her|their)\s+(?:\w+\s+){0,2}$"
)
SUBORDINATE = re.compile(
    r"\b(while|during|after|before|following|since|prior\s+to|ahead\s+of)\s+(?:the\s+|their\s+|his\s+|her\s+)?$",
    re.I,
)
# 'messages from X': X was not there. 'A letter of intent signed by X' is no such letter.
ABSENT = re.compile(
    r"\b(?:messages?|greetings|regards)\s+(?:from|of|by)\b|\bletters?\s+(?:from|by)\b", re.I
)
PLURAL = re.compile(
    r"\b(?:the\s+two|both)\s+(?:foreign\s+)?(?:ministers|FMs|leaders|sides|prime\s+ministers|"
    r"delegations|counterparts)\b|^they\b|,\s*they\b",
    re.IGNORECASE,
)
ROLE = re.compile(
    rf"\b(?:the\s+)?(?:(?P<adj>{country_pattern().pattern})\s+)?"
    r"(?<!Deputy )(?<!Vice )"
    r"(?P<title>DPM/FM|PM|FM|SP|DPM|Prime\s+Minister|Foreign\s+Minister|Senate\s+President|"
    r"[Pp]remier)\b"
    r"(?!\s+(?:[A-Z]|of\b))"
)
# Heads of state named by their post: 'the Tanzanian President', 'the Amir'.
HEAD_WORD = re.compile(r"\b(?:[Pp]resident|Emir|Amir|Sultan|King|Chancellor|[Hh]ead of [Ss]tate)\b")
HEAD_ROLE = re.compile(
    rf"\b[Tt]he\s+(?:(?P<adj>{country_pattern().pattern})\s+)?"
    r"(?P<title>President|Emir|Amir|Sultan|King|Chancellor|(?<=[a-z] )president)\b"
    r"(?!\s+(?:[A-Z]|of\b))"
    rf"|\b[Tt]he\s+(?P<title2>President|Emir|Amir|Sultan|King|[Hh]ead\s+of\s+[Ss]tate)\s+of\s+"
    r"(?:the\s+)?"
    rf"(?P<adj2>{country_pattern().pattern})\b"
)
# Other posts used as names, with their country before them: "Ireland's State Minister".
POST_WORD = re.compile(
    r"\b(?:State\s+Minister|Minister\s+of\s+State|Ambassador|High\s+Commissioner|"
    r"Vice\s+President|Deputy\s+Prime\s+Minister|Minister)\b(?!\s+[A-Z])"
)
COUNTRY_BEFORE = re.compile(rf"(?P<c>{country_pattern().pattern})(?:’s|'s)?\s+$")
# What ROLE cannot match without; cheap to look for, so most sentences skip ROLE, whose
# optional country alternation is tried at every word.
ROLE_TITLE = re.compile(
    r"DPM/FM|PM|FM|SP|Prime\s+Minister|Foreign\s+Minister|Senate\s+President|[Pp]remier"
)
HOSTED = re.compile(
    r"\b(?:hosted|held|chaired|co-chaired|presided over|attended|witnessed)\b", re.I
)
CHAIRED_BY = re.compile(
    r"(?:The|This|That|It|Its|Both)\b[^.;]{0,60}?\b(?:was|were|being)\s+"
    r"(?:jointly\s+)?(?:co-?chaired|chaired|presided\s+over|led|headed)\s+by\b"
)
# 'his visit to China after he took over … last month': that date is of the other clause.
OTHER_CLAUSE = re.compile(r"\b(?:after|following|since|when|before|until)\s+(?:he|she|they|the)\b")
ACCORDED = re.compile(
    r"\b(?:was|were)\s+(?:accorded|given)\s+a\s+(?:\w+\s+)?(?:ceremonial|welcome|guard)\b"
)
THEN = re.compile(r"\b(?:then|afterwards|thereafter|subsequently)\b", re.I)
SUBORDINATE_START = re.compile(r"(?:When|After|As|While|Before|Once|Since|During)\b")
# Two people acting together met: 'he and President Marcos agreed', 'signed by A and B'.
JOINT = re.compile(
    r"\band\b[^.;]{0,90}?\b(?:also\s+)?(?:agreed|signed|discussed|exchanged\s+views|reaffirmed|"
    r"concurred|pledged|expressed|welcomed|affirmed|witnessed|co-chaired)\b"
)
ABBREVIATION_DOT = re.compile(r"\b(Jr|Sr|Dr|Mr|Mrs|Ms|St|Gen|Col|Lt|Maj|Adm|Prof|No|H\.E)\.")
# 'signed … by A and B', 'inked here between … under the presence of A and B'.
SIGNED_BY = re.compile(
    r"\b(?:signed|inked)\b[^.;]{0,60}?\b(?:by|between)\b|\b(?:in|under)\s+the\s+presence\s+of\b"
)
SIGNATORY_CHARS = 200  # how far after 'signed by' the signatories may be named
# What announces an event to come: a bare weekday in such a sentence is the coming one.
FUTURE = re.compile(
    r"\b(?:will|shall|(?:scheduled|due|set|slated)\s+to|(?:is|are)\s+(?:expected\s+)?to|plans?\s+to)\b"
)
# What a report announces: talks to come ('arrives … for bilateral talks with') or a future
# tense. Such an event without its own date is not dated by the report.
DEPARTURE = re.compile(
    r"\b(?:depart|leav|left\b|arriv|head(?:s|ed|ing)\b|travel|fl(?:y|ew|ies)\b)\w*", re.I
)
ANNOUNCED = re.compile(
    rf"{FUTURE.pattern}|{DEPARTURE.pattern}[^.;]*?\bfor\s+(?:[\w-]+\s+){{0,2}}"
    r"(?:talks|summit|meetings?|discussions)\b",
    re.I,
)
# 'Mr. Modi, who will be joined by Minister X and Adviser Y, will …': his delegation.
ESCORT = re.compile(
    r"\b(?:joined|accompanied)\s+by\b[^;]*?(?=,\s*(?:will|would|has|had|is|was|and)\b|$)"
)
# Talks by phone a readout calls 'spoke with' where the document speaks of the call.
SPOKE_WITH = re.compile(r"\bsp(?:oke|eaks?)\s+(?:\w+\s+){0,2}?with\b")
CALL_MENTION = re.compile(r"\b(?:the|a|their|this)\s+(?:(?:tele)?phone\s+)?call\b(?!\s+on\b)", re.I)
# A sentence about the visit told before: 'The four-day state visit marks …'.
ANAPHORIC = re.compile(r"(?:The|This|That|His|Her|Their)\s+(?:[\w-]+\s+){0,3}visit\b")
# 'since taking office in June', 'until 2030': the date bounds something else.
BOUND_BEFORE = re.compile(
    r"\b(?:since|until|till|took\s+office|taking\s+office|elected)\b(?:\s+\w+){0,3}\s+(?:in\s+)?$",
    re.I,
)
# 'departed for China for summit talks', 'arrives … for bilateral talks': talks to come.
PURPOSE = re.compile(r"\bfor\s+(?:(?:bi-?lateral|summit|official)\s+)?$", re.I)
SOURCE = re.compile(r"\baccording\s+to\b", re.I)
SOURCE_CHARS = 60  # the source a sentence quotes is named right after 'according to'
_MODAL = re.compile(r"\b(?:could|would|might|may)\b")
SEPARATE = re.compile(r"\bseparate(?:ly)?\b", re.I)
NEWS_WINDOW_DAYS = 6  # a past event a dated report tells without its own date: that week
SPEECH = re.compile(r"\b(?:said|stressed|added|recalled|noted|told|stated|explained)\b")
AT_PLACE = re.compile(
    r"\b(?:at|in)\s+(?:the\s+)?(?P<place>[A-Z][\w’'-]*(?:\s+(?:of|in|de|the)?\s*[A-Z][\w’'-]*){0,6})"
)
MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
VISIT_DESTINATION = re.compile(
    rf"\bto\s+(?:the\s+)?(?P<place>{country_pattern().pattern}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
DURING_VISIT = re.compile(r"\b(?:during|while|in the course of|on the sidelines of)\b", re.I)


LEADER = re.compile(
    r"^(?:(?:acting|interim|incoming)\s+)?(?:president|prime\s+minister|premier|chancellor|king|"
    r"queen|emperor|sultan|emir|amir|crown\s+prince|head\s+of\s+state|taoiseach)"
    r"(?:\s+of\b(?!.*\b(?:senate|assembly|parliament|house|court|council|committee|commission|"
    r"party|bank|fund|board|congress)\b).*)?$",
    re.I,
)
