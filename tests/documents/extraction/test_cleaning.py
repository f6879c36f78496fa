from documents.extraction.cleaning import clean_text


def test_markdown_emphasis_and_superscripts_are_removed():
    text = clean_text("**PRESS RELEASE**\n\nThe 70<sup>th</sup> Anniversary of **ties**.\n")
    assert "PRESS RELEASE" in text
    assert "The 70th Anniversary of ties." in text
    assert "*" not in text and "<sup>" not in text


def test_a_word_broken_across_lines_is_mended_in_one_line_paragraph_text():
    long = "x" * 120 + " "
    raw = f"{long}Prime Minister Samde\nch Thipadei Hun Manet spoke.\n\n{long}second paragraph.\n"
    assert "Samdech Thipadei Hun Manet" in clean_text(raw)


def test_a_hard_wrapped_sentence_keeps_its_spaces():
    raw = "The minister said that\nthe talks went well.\n\nNext paragraph.\n"
    assert "said that the talks went well." in clean_text(raw)


def test_a_heading_wrapped_over_lines_is_one_paragraph():
    raw = (
        "Outcomes of the Visit to Japan of  \nHis Excellency PRAK Sokhonn  \n"
        "on 21-24 January 2023\n\nBody.\n"
    )
    first = clean_text(raw).split("\n\n")[0]
    assert (
        first
        == "Outcomes of the Visit to Japan of His Excellency PRAK Sokhonn on 21-24 January 2023"
    )


def test_paragraphs_stay_apart():
    assert clean_text("One.\n\n\n\nTwo.\n") == "One.\n\nTwo.\n"
