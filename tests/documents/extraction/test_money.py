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
        ("vows a 3.5 billion Br grant", 3_500_000_000, "ETB"),
        ("some 194 crore Tk for", 1_940_000_000, "BDT"),
        ("€12.5 million", 12_500_000, "EUR"),
        ("2.5 million euros", 2_500_000, "EUR"),
    ],
)
def test_amounts_in_every_form(text, amount, currency):
    [money] = find_money(text)
    assert (money.amount, money.currency) == (amount, currency)


def test_words_that_look_like_currencies_are_not_money():
    assert find_money("we won 3 games in 2022") == []


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        # currencies of many countries, as codes, symbols and words
        ("at a value of KD 10 million (about", 10_000_000, "KWD"),
        ("(1 Billion Kenya Shillings)", 1_000_000_000, "KES"),
        ("KSh 240 million", 240_000_000, "KES"),
        ("2.5 million U.S. dollars to Cambodia", 2_500_000, "USD"),
        ("an aid package of 645 million Yuan", 645_000_000, "CNY"),
        ("RMB 3 billion", 3_000_000_000, "CNY"),
        ("a KWD 30m loan agreement", 30_000_000, "KWD"),
        ("(approximately Tk 194 crore)", 1_940_000_000, "BDT"),
        ("350 million Egyptian pounds", 350_000_000, "EGP"),
        ("NGN 2.5bn", 2_500_000_000, "NGN"),
        # scale words: crore, lakh, lakh crore, bln, mln, mil, capitals
        ("Rs 1.2 lakh crore", 1_200_000_000_000, "INR"),
        ("5 lakh rupees", 500_000, "INR"),
        ("USD 1.5 bln", 1_500_000_000, "USD"),
        ("EUR 20 mln", 20_000_000, "EUR"),
        ("over €352 mil financial support", 352_000_000, "EUR"),
        ("US$18.40 Million for", 18_400_000, "USD"),
        # the amount written into a hyphenated adjective
        ("The 46.3-billion-yen loan", 46_300_000_000, "JPY"),
        # a decimal comma before a scale word
        ("Some US$3,2 Million of the total fund", 3_200_000, "USD"),
        ("US$19,8 Million for the Improvement", 19_800_000, "USD"),
    ],
)
def test_currencies_and_scales_of_any_country(text, amount, currency):
    [money] = find_money(text)
    assert (money.amount, money.currency) == (amount, currency)


def test_thousands_separators_are_not_decimal_commas():
    [money] = find_money("USD 1,500 million and")
    assert money.amount == 1_500_000_000


def test_capitalised_words_that_are_iso_codes_are_not_money():
    assert find_money("ALL 20 COUNTRIES SIGN") == []
