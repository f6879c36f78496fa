"""Who gives and who receives, read from an agreement's sentence by general verbs, aid nouns
and prepositions (documents.extraction.direction). Invented sentences, other countries."""

import pytest

from documents.extraction.direction import direction


@pytest.mark.parametrize(
    ("sentence", "parties", "expected"),
    [
        (
            "The Government of Korea will provide a grant of 5 million dollars to Laos.",
            (),
            ("KR", "LA"),
        ),
        ("Thailand has agreed to lend Myanmar 2 billion baht for a railway.", (), ("TH", "MM")),
        (
            "Germany will extend a loan of 40 million euros for the water project.",
            ("DE", "KE"),
            ("DE", "KE"),
        ),
        ("The Republic of Kenya received 3 million dollars from Norway.", (), ("NO", "KE")),
        ("The clinic, financed by Australia, cost 2 million dollars.", ("AU", "FJ"), ("AU", "FJ")),
        ("Korean grant aid to Mongolia amounts to 1 billion won.", (), ("KR", "MN")),
        ("It is a loan from India to Nepal of 100 million dollars.", (), ("IN", "NP")),
        ("Sweden donated 4 million kronor to the Kingdom of Cambodia.", (), ("SE", "KH")),
    ],
)
def test_a_stated_giver_and_receiver_are_found(sentence, parties, expected):
    assert direction(sentence, parties) == expected


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        # Both countries are the subject: the sentence does not say who gives.
        ("Korea and Laos signed a grant agreement of 5 million dollars.", ("KR", "LA")),
        ("Laos and Korea signed a loan agreement worth 9 million dollars.", ("KR", "LA")),
        # "by" after "signed" names a signer, not a giver.
        ("The grant of 5 million dollars was signed by the Ambassador of Korea.", ("KR", "LA")),
        # A country named as a destination before the verb is not its subject.
        ("The Ambassador to Laos provided 3 million dollars.", ("KR", "LA")),
        # No country at all.
        ("The bank will provide a loan of 10 million dollars.", ()),
        # A giver, but three parties: the receiver is not guessed.
        ("Korea will provide a grant of 5 million dollars.", ("KR", "LA", "TH")),
    ],
)
def test_no_direction_where_the_sentence_does_not_say_it(sentence, parties):
    assert direction(sentence, parties) == (None, None)


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        # The country after "with" is the object, not who contributes.
        (
            "The fund signed a loan agreement with Nepal to contribute to financing a school.",
            ("IN", "NP"),
        ),
        # "US$" is a currency; the receiver alone does not say who gives.
        ("Some US$ 4 million will go to providing medicines to Laos.", ("KR", "LA")),
    ],
)
def test_objects_of_prepositions_and_currencies_are_not_givers(sentence, parties):
    assert direction(sentence, parties) == (None, None)
