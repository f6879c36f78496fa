"""Agreements: aid with amounts and currencies, and what the parties agreed."""

from documents.extraction import extract


def agreements(text):
    return [(a.kind, a.amount, a.currency, a.title, a.status) for a in extract(text).agreements]


def test_list_items_take_the_aid_wording_of_their_introduction():
    found = agreements(
        "Signing\n\nJuly 10, 2024\n\nDuring the visit, two documents were signed:\n\n"
        "1. Grant aid (approximately USD 2.7 million) to implement the Project for Human "
        "Resource Development Scholarships.\n\n"
        "2. Loan (approximately USD 59.6 million) to implement the National Road No. 5 "
        "Improvement Project.\n"
    )
    assert found == [
        (
            "grant",
            2_700_000,
            "USD",
            "Project for Human Resource Development Scholarships",
            "signed",
        ),
        ("loan", 59_600_000, "USD", "National Road No. 5 Improvement Project", "signed"),
    ]


def test_an_amount_restated_in_another_currency_is_one_agreement():
    found = agreements(
        "Aid\n\nJapan will provide a grant of JPY 1.3 billion (about USD 9.7 million) for the "
        "Rural Water Supply Project.\n"
    )
    assert [(k, a, c) for k, a, c, _, _ in found] == [("grant", 1_300_000_000, "JPY")]


def test_trade_figures_are_not_agreements():
    assert agreements("Trade\n\nBilateral trade totalled $1.948 billion in 2022.\n") == []


def test_what_the_parties_agreed_to_resume_is_an_agreement_each():
    found = agreements(
        "Talks\n\nThailand and Laos have agreed to resume the Joint Commission on Trade as well "
        "as a programme for young diplomats to study abroad.\n"
    )
    assert [(k, t, s) for k, _, _, t, s in found] == [
        ("other", "Joint Commission on Trade", "agreed"),
        ("programme", "Programme for young diplomats", "agreed"),
    ]


def test_generic_cooperation_is_not_an_agreement():
    assert agreements("Talks\n\nThe two sides agreed to expand such collaboration.\n") == []


def test_a_named_partnership_is_recorded_once_per_document():
    found = agreements(
        "Ties\n\nThe Comprehensive Strategic Partnership was agreed in 2023. "
        "Both sides praised the Comprehensive Strategic Partnership.\n"
    )
    assert found == [("partnership", None, None, "Comprehensive Strategic Partnership", "agreed")]
