"""Who wrote a text, as news pages and wire copy say it: credit lines and datelines.

A general vocabulary of the world's wire services and national news agencies (their
English names and the acronyms they sign with), and the patterns in which newsrooms credit
them: `BEIJING, Oct. 17 (Xinhua) --`, `Tokyo (VNA) -`, `Ulaanbaatar /MONTSAME/`,
`AKP Phnom Penh, June 18, 2018 —`, a closing `-VNA`, `by The Associated Press`.
The patterns carry most of the work; the vocabulary only recognises an agency's name where
nothing else marks it as one (`Xinhua, June 19, 2018`, `Press Trust of India Colombo`).
"""

import re

from documents.extraction.dates import MONTH_NAME

# Names and acronyms of wire services and national news agencies (any country).
# English names of wire services and national news agencies (any country), matched in any
# case, and the acronyms they sign with, matched as written.
AGENCY_NAMES = (
    # global wires
    "Associated Press", "The Associated Press", "Reuters", "Agence France-Presse",
    "Agence France Presse", "United Press International", "Bloomberg",
    "Deutsche Presse-Agentur", "Agencia EFE", "Anadolu Agency", "Anadolu",
    # Asia and the Pacific
    "Xinhua", "Xinhua News Agency", "China News Service", "Yonhap", "Yonhap News Agency",
    "Kyodo", "Kyodo News", "Kyodo News Agency", "Jiji Press", "Korean Central News Agency",
    "Central News Agency", "Vietnam News Agency", "Agence Kampuchea Presse",
    "Agency Kampuchea Press", "Khaosan Pathet Lao", "Lao News Agency", "Thai News Agency",
    "National News Bureau of Thailand", "Bernama", "Antara", "Philippine News Agency",
    "Myanmar News Agency", "Montsame", "Montsame News Agency", "Press Trust of India",
    "Indo-Asian News Service", "Asian News International", "United News of India",
    "Bangladesh Sangbad Sangstha", "Associated Press of Pakistan", "Rastriya Samachar Samiti",
    "Pajhwok Afghan News", "Kazinform", "Kabar", "Khovar", "AKIpress", "Trend News Agency",
    "Azertac", "Armenpress", "Australian Associated Press", "Fiji Broadcasting Corporation",
    # Middle East and Africa
    "Kuwait News Agency", "Emirates News Agency", "Saudi Press Agency", "Qatar News Agency",
    "Bahrain News Agency", "Oman News Agency", "Middle East News Agency",
    "Islamic Republic News Agency", "Petra News Agency", "Jordan News Agency",
    "Syrian Arab News Agency", "Ethiopian News Agency", "Kenya News Agency",
    "News Agency of Nigeria", "Algeria Press Service", "Maghreb Arabe Presse",
    "Tunis Afrique Presse", "South African Press Association", "Agence Ivoirienne de Presse",
    "Agence de Presse Sénégalaise", "Tanzania News Agency", "Uganda Media Centre",
    # Europe and the Americas
    "TASS", "RIA Novosti", "Interfax", "Ukrinform", "BelTA", "Agerpres", "Tanjug", "Lusa",
    "Belga", "Ritzau", "Canadian Press", "The Canadian Press", "Prensa Latina", "Notimex",
    "Télam", "Agência Brasil", "Andina",
)  # fmt: skip
AGENCY_ACRONYMS = (
    "AP", "AFP", "UPI", "DPA", "dpa", "EFE", "ANSA", "AA", "KCNA", "CNA", "VNA", "AKP", "KPL",
    "TNA", "NNT", "PNA", "MNA", "MONTSAME", "PTI", "IANS", "ANI", "UNI", "BSS", "APP", "RSS",
    "AZERTAC", "AAP", "FBC", "KUNA", "WAM", "SPA", "QNA", "BNA", "ONA", "MENA", "IRNA", "SANA",
    "ENA", "KNA", "NAN", "APS", "MAP", "TAP", "SAPA", "AIP", "APA", "PAP", "ČTK", "CTK", "MTI",
    "BTA", "HINA", "STA", "ANP", "NTB", "TT", "STT", "CP",
)  # fmt: skip
# International broadcasters, whose names carry no newspaper word.
BROADCASTERS = (
    "Voice of America", "Radio Free Asia", "Radio Free Europe", "BBC", "BBC News", "CNN",
    "Al Jazeera", "Deutsche Welle", "DW", "France 24", "RFI", "NHK", "NHK World",
    "NHK WORLD-JAPAN", "KBS", "KBS World", "Arirang", "CGTN", "CCTV", "China Radio International",
    "CRI", "ABC", "ABC News", "RNZ", "Channel NewsAsia", "VOA", "RFA", "TRT World", "Sputnik",
    "RT", "VTV", "Vietnam Television", "TVK", "Bangkok Post", "Nikkei Asia", "VietnamPlus",
)  # fmt: skip
AGENCIES = AGENCY_NAMES + AGENCY_ACRONYMS


def _alternation(names) -> str:
    return "|".join(sorted((re.escape(n) for n in set(names)), key=len, reverse=True))


_AGENCY = rf"(?i:{_alternation(AGENCY_NAMES)})|{_alternation(AGENCY_ACRONYMS)}"
# An agency's name at the head of a line: `Press Trust of India Colombo`, `Xinhua, June 19`,
# `by The Associated Press` (not a photo credit, `AP Photo/...`, nor a sentence, `Reuters
# reported that ...`).
AGENCY_AT_START = re.compile(
    rf"^(?i:by\s+)?(?P<a>{_AGENCY})(?![\w-])(?!\s*Photo)(?=\s*(?:$|[,|:;–—(-]|[A-Z\d]))"
)
_AGENCY_WORD = re.compile(rf"^(?:{_AGENCY})$")
_NEWSROOM = re.compile(rf"^(?:{_alternation(BROADCASTERS)})$")
# `SEOUL, Jan. 4 (Yonhap) --`, `Tokyo (VNA) -`, `Addis Ababa (ENA) January 12/2023`,
# `(Xinhua) 15:13, October 17, 2023`, `(Xinhua)`: a capitalised place (and date) before a
# name in parentheses, then a dash, a date or the end of the line.
_PAREN_CREDIT = re.compile(
    r"^(?P<pre>(?:[A-Z][\w'’.-]*|\d{1,2}(?:st|nd|rd|th)?,?)"
    r"(?:[ ,]+(?:[A-Z][\w'’.-]*|\d{1,4}(?:/\d{2,4})?,?))"
    r"{0,5}\s*)?\((?P<a>[A-Z][A-Za-z'’&. -]{0,38}[A-Za-z.])\)"
    rf"(?=\s*,?\s*(?:[-–—:]|\d|{MONTH_NAME}\b|$))",
    re.MULTILINE,
)
# `New Delhi, Jan 5 (PTI) India and ...`: after a dated dateline, any text may follow.
_DATED_PAREN_CREDIT = re.compile(
    rf"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}},?\s+(?:{MONTH_NAME}\s+\d{{1,2}}|"
    rf"\d{{1,2}}\s+{MONTH_NAME})(?:/\d{{4}}|,?\s+\d{{4}})?,?\s*"
    rf"\((?P<a>[A-Z][A-Za-z'’&. -]{{0,38}}[A-Za-z.])\)"
)
# `Ulaanbaatar /MONTSAME/ Mongolia has agreed ...`
_SLASH_CREDIT = re.compile(r"^[A-Z][\w'’., -]{1,40}?\s*/(?P<a>[A-Z][A-Za-z.&-]{1,30})/")
# `AKP Phnom Penh, June 18, 2018 —`, `ENA December 2/2019 Germany announced ...`
_ACRONYM_DATELINE = re.compile(
    rf"^(?P<a>[A-Z]{{2,8}})\s+(?:[A-Z][a-z'’-]+,?\s+){{0,3}}{MONTH_NAME}\s+\d"
)
# `Phnom Penh, February 28, 2011 AKP – ...`: the acronym after the dateline's date.
_DATE_ACRONYM = re.compile(
    rf"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}},?\s+(?:{MONTH_NAME}\s+\d{{1,2}},?|"
    rf"\d{{1,2}}\s+{MONTH_NAME})\s+(?:(?:18|19|20)\d\d\s+)?(?P<a>[A-Z]{{2,8}})\s*(?:[-–—]|$)"
)
# A closing credit: `... the Lao FM.-VNA`, `... in various fields. AS`.
_TRAILING_CREDIT = re.compile(
    r"(?:^[-–—(\s]*|[.!?\"”’)]\s*[-–—]|[.!?\"”’]\s+|\s[-–—]\s?)\(?(?P<a>[A-Z]{2,8})\)?[-–—]?\s*$"
)
# Markers that close wire copy without naming anyone.
END_MARKER = re.compile(
    r"^(?:\(?END\)?|-+\s*END\s*-+|Enditem|###|-30-|\(?ends\)?|/\.|"
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$",
    re.I,
)
_NOT_CREDITS = {
    "AM", "PM", "US", "USA", "UK", "UN", "EU", "END", "LEAD", "PHOTO", "PHOTOS", "VIDEO",
    "UPDATE", "UPDATED", "ATTN", "AD", "BC", "II", "III", "IV", "OK", "ID", "FTA", "URGENT",
    "EXCLUSIVE", "FOCUS", "CORRECTED", "REFILE", "FILE", "ADVISORY", "WATCH",
}  # fmt: skip


def is_agency(name: str) -> bool:
    return bool(_AGENCY_WORD.match(name.strip()))


def is_newsroom(name: str) -> bool:
    """A broadcaster or news site whose name has no newspaper word (`Al Jazeera`, `NHK`)."""
    return bool(_NEWSROOM.match(name.strip()))


def _credit(name: str) -> str | None:
    name = name.strip(" .")
    return None if not name or name.upper() in _NOT_CREDITS else name


def dateline_credit(paragraph: str) -> str | None:
    """The agency a dateline credits at the start of a paragraph, if any."""
    head = paragraph[:160]
    patterns = (_PAREN_CREDIT, _DATED_PAREN_CREDIT, _SLASH_CREDIT, _ACRONYM_DATELINE, _DATE_ACRONYM)
    for pattern in patterns:
        m = pattern.match(head)
        if m and (name := _credit(m.group("a"))):
            return name
    return None


def trailing_credit(paragraph: str) -> str | None:
    """The agency's signature closing the last paragraph (`...-VNA`, `... fields. AS`)."""
    m = _TRAILING_CREDIT.search(paragraph if len(paragraph) <= 80 else paragraph[-80:])
    return _credit(m.group("a")) if m else None
