"""The `money` filter: amounts written with their currency as people read them."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from relations.templatetags.money import format_amount, money


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (Decimal("59600000.00"), "USD", "USD 59.6 million"),
        (Decimal("8000000000.00"), "JPY", "JPY 8 billion"),
        (Decimal("2700000.00"), "USD", "USD 2.7 million"),
        (Decimal("950000.00"), "EUR", "EUR 950,000"),
        (Decimal("1000000"), "USD", "USD 1 million"),
        (Decimal("1250000"), "GBP", "GBP 1.25 million"),
        (Decimal("1234567"), "USD", "USD 1.23 million"),
        (Decimal("1500000000000"), "JPY", "JPY 1.5 trillion"),
        (Decimal("1250.50"), "EUR", "EUR 1,250.50"),
        (Decimal("0.5"), "USD", "USD 0.50"),
        (Decimal("0"), "USD", "USD 0"),
        (Decimal("-2500000"), "USD", "USD -2.5 million"),
        # Rounding never writes "1,000 million" or "1,000,000.00".
        (Decimal("999999999.99"), "USD", "USD 1 billion"),
        (Decimal("999999.999"), "USD", "USD 1 million"),
        # Other input types, and the currency code's case.
        (2700000, "usd", "USD 2.7 million"),
        ("59600000", "USD", "USD 59.6 million"),
        (12.5, "USD", "USD 12.50"),
        (Decimal("5000000"), "", "5 million"),
        (Decimal("5000000"), None, "5 million"),
    ],
)
def test_amounts_are_written_with_their_currency(amount, currency, expected):
    assert money(amount, currency) == expected


@pytest.mark.parametrize("amount", [None, "", "abc", "NaN", "Infinity", True, [1]])
def test_no_amount_or_an_unreadable_one_gives_an_empty_string(amount):
    assert money(amount, "USD") == ""
    assert format_amount(amount) == ""


def test_the_filter_works_in_templates_and_is_escaped():
    template = Template("{% load money %}[{{ amount|money:currency }}|{{ none|money:'USD' }}]")
    out = template.render(Context({"amount": Decimal("59600000"), "currency": "<b>", "none": None}))
    assert out == "[&lt;B&gt; 59.6 million|]"
    assert Template("{% load money %}{{ a|money:'USD' }}").render(Context({"a": 950000})) == (
        "USD 950,000"
    )
