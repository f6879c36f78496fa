"""Saved web pages: the article alone goes in, with the page's own metadata.

The fixtures in tests/data/sources are invented pages shaped like real ones: a news site's
story with navigation, related links, comments and a footer; a ministry's press release
with a menu, a sidebar, share buttons and its metadata in JSON-LD.
"""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from documents.models import Document
from documents.reader import read_source

SOURCES = Path(__file__).parent.parent / "data" / "sources"
LIMIT = 1_000_000

NEWS_BOILERPLATE = [
    "Subscribe today",  # navigation
    "Home",  # breadcrumbs
    "Related stories",
    "Rice exports climb",  # aside
    "Comments (3)",
    "finally some progress on the port",  # a reader's comment
    "reader_4711",
    "All rights reserved",  # footer
    "Privacy policy",
    "gtag",  # script
]


def test_news_page_gives_the_article_without_navigation_comments_or_footer():
    source = read_source(SOURCES / "news_page.html", max_bytes=LIMIT)

    for text in NEWS_BOILERPLATE:
        assert text not in source.text
    assert source.text.startswith("Foreign ministers meet in the capital to expand trade ties\n\n")
    assert "received H.E. Ms. Tanaka Emiko, Minister for Foreign Affairs of Japan" in source.text
    assert source.text.rstrip().endswith("anniversary of their diplomatic relations.")


def test_news_page_metadata_comes_from_its_markup():
    meta = read_source(SOURCES / "news_page.html", max_bytes=LIMIT).meta

    assert meta.title == "Foreign ministers meet in the capital to expand trade ties"
    assert meta.published_on == dt.date(2025, 3, 14)
    assert meta.publisher == "The Harbour Gazette"
    assert meta.byline == "Dara Okonkwo"
    assert meta.url == (
        "https://www.harbour-gazette.example/world/2025/03/ministers-meet-trade-ties"
    )


def test_ministry_page_without_menu_sidebar_or_share_buttons_and_json_ld_metadata():
    source = read_source(SOURCES / "ministry_page.html", max_bytes=LIMIT)

    for text in ("Consular Services", "Latest press releases", "flood relief", "Telegram",
                 "Hotline", "Visitors today", "No. 3, Main Boulevard"):  # fmt: skip
        assert text not in source.text
    assert "received a courtesy call by H.E. Ms. Ingrid Solberg" in source.text
    assert source.meta.published_on == dt.date(2024, 11, 5)
    assert source.meta.publisher == "Ministry of Foreign Affairs and International Cooperation"
    assert source.meta.title == "State Secretary receives the Ambassador of Norway"


@pytest.mark.django_db
def test_ingested_page_takes_its_metadata_and_evidence_points_into_the_stored_text(
    run_ingest, tmp_path
):
    shutil.copy(SOURCES / "news_page.html", tmp_path)

    out, err, error = run_ingest(str(tmp_path))

    assert (err, error) == ("", None)
    document = Document.objects.get()
    assert document.title == "Foreign ministers meet in the capital to expand trade ties"
    assert document.publisher == "The Harbour Gazette"
    assert document.published_on == dt.date(2025, 3, 14)
    assert document.byline == "Dara Okonkwo"
    assert document.url.startswith("https://www.harbour-gazette.example/world/")
    assert "Comments (3)" not in document.text
    evidence = list(document.evidence.all())
    assert evidence
    for item in evidence:
        assert document.text[item.start : item.end] == item.quote


@pytest.mark.django_db
def test_page_metadata_survives_reextraction_and_an_editors_correction_beats_it(
    run_ingest, tmp_path
):
    shutil.copy(SOURCES / "ministry_page.html", tmp_path)
    run_ingest(str(tmp_path))
    document = Document.objects.get()
    document.publisher = "MFAIC press office"
    document.edited_fields = ["publisher"]
    document.save()

    run_ingest("--reextract")

    document.refresh_from_db()
    assert document.publisher == "MFAIC press office"
    assert document.published_on == dt.date(2024, 11, 5)
    assert document.title == "State Secretary receives the Ambassador of Norway"
    assert document.url.startswith("https://www.mfaic.example/")
