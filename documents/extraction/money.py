"""Amounts of money: a currency (symbol, ISO code or word), a number and a scale word.

`USD 2.7 million`, `$1.948 billion`, `8 billion yen`, `¥ 339,000,000`, `JPY 3.56 billion`,
`US$5m`, `Rs 40 bn`, `€12.5 million`, `2.5 million euros`, `KHR 100 billion`, `KD 10 million`,
`1 Billion Kenya Shillings`, `2.5 million U.S. dollars`, `the 46.3-billion-yen loan`,
`Tk 194 crore`, `1.2 lakh crore rupees`, `US$3,2 Million` (a decimal comma).
"""

import re

from documents.extraction.candidates import Money

# ISO 4217 codes written as such, upper case only; codes that are also English words in
# capitals (ALL, TOP, CUP, MAD, PEN, SOS…) are left out: 'ALL 20 COUNTRIES' is no money.
ISO_CODES = {
    "AED", "AFN", "AMD", "AOA", "ARS", "AUD", "AZN", "BBD", "BDT", "BGN",
    "BHD", "BIF", "BND", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF",
    "CLP", "CNY", "COP", "CRC", "CVE", "CZK", "DJF", "DKK", "DZD", "EGP", "ERN",
    "ETB", "EUR", "FJD", "GBP", "GHS", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG",
    "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR",
    "KMF", "KPW", "KRW", "KWD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MDL",
    "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PGK", "PHP", "PKR", "PLN", "PYG",
    "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SLE", "SOS",
    "SRD", "SSP", "STN", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TRY", "TTD", "TWD",
    "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES", "VND", "VUV", "WST", "XAF", "XOF", "XPF",
    "YER", "ZAR", "ZMW", "ZWL",
}  # fmt: skip
# Symbols and abbreviations, case-sensitive (`KD`, `Rs`, `Tk` as written).
SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "$": "USD", "¥": "JPY", "€": "EUR", "£": "GBP", "₩": "KRW",
    "₹": "INR", "฿": "THB", "₫": "VND", "៛": "KHR", "A$": "AUD", "AU$": "AUD", "S$": "SGD",
    "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD", "NT$": "TWD", "R$": "BRL",
    "RMB": "CNY", "Rs": "INR", "Rs.": "INR", "INR": "INR", "KD": "KWD", "KSh": "KES",
    "Ksh": "KES", "Kshs": "KES", "KShs": "KES", "TSh": "TZS", "USh": "UGX", "Tk": "BDT",
    "Tk.": "BDT", "৳": "BDT", "₦": "NGN", "₱": "PHP", "₽": "RUB", "₺": "TRY", "₴": "UAH",
    "₮": "MNT", "₭": "LAK", "₪": "ILS", "E£": "EGP", "LE": "EGP", "SR": "SAR", "QR": "QAR",
    "Dh": "AED", "Dhs": "AED", "RM": "MYR", "Rp": "IDR", "Br": "ETB", "GH₵": "GHS",
}  # fmt: skip
# Currency words (case-insensitive); a country adjective picks the currency of a name that
# several countries use (`Kenya shillings`, `Egyptian pounds`, `Sri Lankan rupees`).
WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "us dollar": "USD", "u.s. dollar": "USD", "american dollars": "USD",
    "australian dollars": "AUD", "canadian dollars": "CAD", "singapore dollars": "SGD",
    "new zealand dollars": "NZD", "hong kong dollars": "HKD", "taiwan dollars": "TWD",
    "fiji dollars": "FJD", "fijian dollars": "FJD",
    "yen": "JPY", "japanese yen": "JPY", "korean won": "KRW", "south korean won": "KRW",
    "thai baht": "THB", "vietnamese dong": "VND", "cambodian riels": "KHR",
    "chinese renminbi": "CNY", "indonesian rupiah": "IDR", "malaysian ringgit": "MYR",
    "lao kip": "LAK", "euro": "EUR", "euros": "EUR", "pound sterling": "GBP",
    "pounds sterling": "GBP",
    "pound": "GBP", "pounds": "GBP", "egyptian pounds": "EGP", "egyptian pound": "EGP",
    "yuan": "CNY", "renminbi": "CNY", "chinese yuan": "CNY",
    "riel": "KHR", "riels": "KHR", "baht": "THB", "dong": "VND", "won": "KRW",
    "rupee": "INR", "rupees": "INR", "indian rupees": "INR", "sri lankan rupees": "LKR",
    "sri lanka rupees": "LKR",
    "pakistani rupees": "PKR", "nepalese rupees": "NPR", "ringgit": "MYR", "rupiah": "IDR",
    "peso": "PHP", "pesos": "PHP", "philippine pesos": "PHP", "mexican pesos": "MXN",
    "kip": "LAK", "kyat": "MMK", "taka": "BDT", "tugrik": "MNT", "togrog": "MNT",
    "kenya shillings": "KES", "kenyan shillings": "KES", "kenya shilling": "KES",
    "tanzanian shillings": "TZS", "tanzania shillings": "TZS", "ugandan shillings": "UGX",
    "uganda shillings": "UGX", "kuwaiti dinars": "KWD", "kuwaiti dinar": "KWD",
    "bahraini dinars": "BHD", "jordanian dinars": "JOD", "saudi riyals": "SAR", "riyals": "SAR",
    "qatari riyals": "QAR", "dirhams": "AED", "emirati dirhams": "AED", "naira": "NGN",
    "birr": "ETB", "cedis": "GHS", "rand": "ZAR", "ruble": "RUB", "rubles": "RUB",
    "roubles": "RUB", "rouble": "RUB", "lira": "TRY", "swiss francs": "CHF", "real": "BRL",
    "reais": "BRL", "kwacha": "ZMW", "francs cfa": "XOF", "cfa francs": "XOF",
}  # fmt: skip
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6,
    "mln": 1e6, "mil": 1e6, "mio": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9,
    "bln": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5,
    "crore": 1e7, "crores": 1e7, "cr": 1e7,
}  # fmt: skip

# `3,2 Million` and `19,8 Million` write the decimal point as a comma (a comma followed by
# one or two digits and a scale word); `1,500,000` groups thousands.
_NUM = (
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,?\d)|\d+,\d{1,2}(?=[\s-]*(?i:million|billion|"
    r"trillion|mln|bln|bn|mn|crore|lakh)\b)|\d+(?:\.\d+)?)"
)
_SCALE_WORD = (
    r"(?:lakh\s+crores?|thousand|millions?|billions?|trillion|mln|bln|mil|mio|mn|bn|tn|"
    r"lakhs?|lac|crores?|cr|[kmb])"
)
_SCALE = rf"(?:[\s-]*(?P<scale>{_SCALE_WORD})\b)?"
_SYM = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_CODE = "|".join(sorted(ISO_CODES))
_WORD = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(WORDS, key=len, reverse=True))
_AFTER_SYM = "|".join(
    re.escape(s)
    for s in sorted(SYMBOLS, key=len, reverse=True)
    if re.fullmatch(r"[A-Z][A-Za-z]+", s)
)
_PATTERNS = [
    # USD 2.7 million, ¥ 339,000,000, US$5m, KD 10 million, Tk 194 crore
    re.compile(rf"(?<![\w$])(?P<cur>{_CODE}|{_SYM})\s?{_NUM}(?i:{_SCALE})"),
    # 8 billion yen, 2.5 million U.S. dollars, 1 Billion Kenya Shillings, 46.3-billion-yen
    re.compile(rf"{_NUM}(?i:{_SCALE}[\s-]+(?:of\s+)?(?P<cur>{_WORD}))(?!\w)"),
    # 3 million USD
    re.compile(rf"{_NUM}(?i:{_SCALE})\s+(?P<cur>{_CODE})\b"),
    # 3.5 billion Br, 194 crore Tk: a lettered symbol after the amount, with its scale word
    re.compile(rf"{_NUM}(?i:[\s-]*(?P<scale>{_SCALE_WORD}))\s+(?P<cur>{_AFTER_SYM})(?![\w$])"),
]


def _currency(token: str) -> str | None:
    if token in ISO_CODES:
        return token
    return SYMBOLS.get(token) or WORDS.get(re.sub(r"\s+", " ", token.lower()))


def _scale(word: str) -> float:
    word = re.sub(r"\s+", " ", word.lower())
    if word.startswith("lakh crore"):
        return 1e12
    return SCALES[word]


def find_money(text: str) -> list[Money]:
    """Every amount of money in text, in order; overlapping readings keep the first."""
    found: list[Money] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            currency = _currency(m.group("cur"))
            if currency is None:
                continue
            num = m.group("num")
            if re.fullmatch(r"\d+,\d{1,2}", num):
                num = num.replace(",", ".")
            amount = float(num.replace(",", ""))
            scale = m.group("scale")
            if scale:
                amount *= _scale(scale)
            found.append(Money(round(amount, 2), currency, m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)
