"""Amounts of money: a currency (symbol, ISO code or word), a number and a scale word.

`USD 2.7 million`, `$1.948 billion`, `8 billion yen`, `¥ 339,000,000`, `JPY 3.56 billion`,
`US$5m`, `Rs 40 bn`, `€12.5 million`, `2.5 million euros`, `KHR 100 billion`.
"""

import re

from documents.extraction.candidates import Money

# ISO 4217 codes written as such, and what symbols and words stand for.
ISO_CODES = {
    "USD", "JPY", "EUR", "GBP", "CNY", "KHR", "THB", "VND", "KRW", "INR", "AUD", "CAD",
    "SGD", "MYR", "IDR", "PHP", "LAK", "MMK", "CHF", "NZD", "HKD", "TWD", "RUB", "BRL",
    "SEK", "NOK", "DKK", "PKR", "BDT", "LKR", "AED", "SAR",
}  # fmt: skip
SYMBOLS = {
    "US$": "USD", "$": "USD", "¥": "JPY", "€": "EUR", "£": "GBP", "₩": "KRW", "₹": "INR",
    "฿": "THB", "₫": "VND", "៛": "KHR", "A$": "AUD", "S$": "SGD", "C$": "CAD", "RMB": "CNY",
    "Rs": "INR", "Rs.": "INR",
}  # fmt: skip
WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "yen": "JPY", "euro": "EUR",
    "euros": "EUR", "pound": "GBP", "pounds": "GBP", "yuan": "CNY", "renminbi": "CNY",
    "riel": "KHR", "riels": "KHR", "baht": "THB", "dong": "VND", "won": "KRW",
    "rupee": "INR", "rupees": "INR", "ringgit": "MYR", "rupiah": "IDR", "peso": "PHP",
    "pesos": "PHP", "kip": "LAK", "kyat": "MMK",
}  # fmt: skip
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|[kmb])\b)?"
_SYM = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_CODE = "|".join(sorted(ISO_CODES))
_WORD = "|".join(sorted(WORDS, key=len, reverse=True))
_PATTERNS = [
    # USD 2.7 million, ¥ 339,000,000, US$5m
    re.compile(rf"(?P<cur>{_CODE}|{_SYM})\s?{_NUM}{_SCALE}"),
    # 8 billion yen, 2.5 million US dollars, 100 billion riels, 3 million USD
    re.compile(rf"{_NUM}{_SCALE}\s+(?:of\s+)?(?P<cur>{_WORD}|{_CODE})\b", re.IGNORECASE),
]


def _currency(token: str) -> str | None:
    if token.upper() in ISO_CODES and token.isupper():
        return token.upper()
    return SYMBOLS.get(token) or WORDS.get(token.lower())


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
            amount = float(m.group("num").replace(",", ""))
            scale = m.group("scale")
            if scale:
                amount *= SCALES[scale.lower()]
            found.append(Money(round(amount, 2), currency, m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)
