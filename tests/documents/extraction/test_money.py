import pytest

from documents.extraction.money import find_money


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("approximately USD 2.7 million", 2_700_000, "USD"),
        ("totalled $1.948 billion", 1_948_000_000, "USD"),
        ("an ODA loan of 8 billion yen for", 8_000_000_000, "JPY"),
        ("¥ 339,000,000", 339_000_000, "JPY"),
        ("JPY 3.56 billion", 3_560_000_000, "JPY"),
        ("US$5m", 5_000_000, "USD"),
        ("Rs 40 bn", 40_000_000_000, "INR"),
        ("€12.5 million", 12_500_000, "EUR"),
        ("2.5 million euros", 2_500_000, "EUR"),
    ],
)
def test_amounts_in_every_form(text, amount, currency):
    [money] = find_money(text)
    assert (money.amount, money.currency) == (amount, currency)


def test_words_that_look_like_currencies_are_not_money():
    assert find_money("we won 3 games in 2022") == []
