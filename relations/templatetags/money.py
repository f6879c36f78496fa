"""Amounts with their currency, as people write them: `USD 59.6 million`, `EUR 950,000`.

`{% load money %}{{ agreement.amount|money:agreement.currency }}`. Amounts of a million or
more are written in millions, billions or trillions with at most two decimals (trailing
zeros dropped); smaller ones in full with thousands separators, and cents only when there
are any. No amount gives an empty string, so templates can fall back with `default`.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)
CENT = Decimal("0.01")


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        return None
    return amount if amount.is_finite() else None


def _trimmed(number: Decimal) -> str:
    """At most two decimals, trailing zeros dropped: 59.60 -> '59.6', 8.00 -> '8'."""
    text = f"{number.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_amount(value) -> str:
    """The number alone: '59.6 million', '8 billion', '950,000', '1,250.50'."""
    amount = _decimal(value)
    if amount is None:
        return ""
    sign, amount = ("-" if amount < 0 else ""), abs(amount)
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    for index, (size, word) in enumerate(SCALES):
        if amount >= size:
            scaled = (amount / size).quantize(CENT, rounding=ROUND_HALF_UP)
            # 999.999 million rounds to 1,000 million: say 1 billion instead.
            if scaled >= 1000 and index > 0:
                size, word = SCALES[index - 1]
                scaled = (amount / size).quantize(CENT, rounding=ROUND_HALF_UP)
            return f"{sign}{_trimmed(scaled)} {word}"
    if amount == amount.to_integral_value():
        return f"{sign}{amount:,.0f}"
    return f"{sign}{amount:,.2f}"


@register.filter
def money(amount, currency="") -> str:
    """`amount|money:currency` -> 'USD 59.6 million'; '' when there is no amount."""
    number = format_amount(amount)
    if not number:
        return ""
    code = str(currency or "").strip().upper()
    return f"{code} {number}" if code else number
