from datetime import date

from documents.extraction.cleaning import clean_text
from documents.extraction.metadata import extract_metadata


def meta(raw):
    return extract_metadata(clean_text(raw))


def test_a_news_article_with_headline_byline_publisher_and_date():
    m = meta(
        "Japan scheme resumed\n\nLay Samean\n\nThe Phnom Penh Post\n\nJanuary 26, 2023\n\n"
        "PHNOM PENH – " + "Cambodia and Japan agreed to resume a scheme. " * 10 + "\n"
    )
    assert (m.title, m.byline, m.publisher, m.published_on, m.kind) == (
        "Japan scheme resumed",
        "Lay Samean",
        "The Phnom Penh Post",
        date(2023, 1, 26),
        "news",
    )


def test_a_ministry_press_release_without_a_date_keeps_it_unknown():
    m = meta(
        "**KINGDOM OF THAILAND**\n\n**MINISTRY OF FOREIGN AFFAIRS**\n\n**PRESS RELEASE**\n\n"
        "**Outcomes of the Visit of the Foreign Minister to Laos on 2-3 May 2024**\n\n"
        + "The minister met his counterpart. " * 10
        + "\n"
    )
    assert m.title == "Outcomes of the Visit of the Foreign Minister to Laos on 2-3 May 2024"
    assert m.publisher == "Ministry of Foreign Affairs"
    assert m.published_on is None
    assert m.kind == "press_release"


def test_a_think_tank_analysis_with_a_name_and_date_line():
    m = meta(
        "[CSIS Takes] Essence of the Visit\n\nCSIS, 10 July 2024\n\nBackground\n\n"
        + "The visit mattered. " * 20
        + "\n"
    )
    assert (m.publisher, m.published_on, m.kind) == ("CSIS", date(2024, 7, 10), "analysis")


def test_a_closing_source_line_names_the_publisher():
    m = meta(
        "Leaders meet\n\n" + "The leaders met. " * 20 + "\n\nSource: Agence Kampuchea Presse\n"
    )
    assert m.publisher == "Agence Kampuchea Presse"
    assert m.published_on is None
