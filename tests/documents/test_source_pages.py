"""Where a source's address and a quote's page show: the document page, the sources under a
fact, and the admin, where an editor corrects the address."""

import re
import shutil
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from documents.models import Document

SOURCES = Path(__file__).parent.parent / "data" / "sources"


@pytest.fixture
def page_and_pdf(run_ingest, tmp_path):
    for name in ("news_page.html", "two_column.pdf"):
        shutil.copy(SOURCES / name, tmp_path)
    run_ingest(str(tmp_path))
    return Document.objects.get(file_name="news_page.html"), Document.objects.get(
        file_name="two_column.pdf"
    )


def test_document_page_links_the_original_address(client, page_and_pdf):
    page, _ = page_and_pdf

    html = client.get(f"/documents/{page.pk}/").content.decode()

    assert re.search(
        r'<dt>Address</dt><dd><a class="source-url" href="https://www\.harbour-gazette\.example/'
        r'world/2025/03/ministers-meet-trade-ties" rel="external noopener noreferrer">',
        html,
    )


def test_pdf_facts_say_their_page_on_the_document_page_and_under_the_fact(client, page_and_pdf):
    _, pdf = page_and_pdf
    evidence = pdf.evidence.select_related("meeting", "official", "agreement").first()

    document_page = client.get(f"/documents/{pdf.pk}/").content.decode()
    assert "in the text, p.&nbsp;1" in document_page
    assert "<dt>Pages</dt><dd>2</dd>" in document_page

    fact = evidence.fact
    kind = type(fact).__name__.lower()
    fact_page = client.get(f"/{kind}s/{fact.pk}/", follow=True).content.decode()
    assert '<span class="page">p.&nbsp;1</span>' in fact_page


def test_fact_page_links_the_sources_original(client, page_and_pdf):
    page, _ = page_and_pdf
    fact = page.evidence.first().fact
    kind = type(fact).__name__.lower()

    html = client.get(f"/{kind}s/{fact.pk}/", follow=True).content.decode()

    assert 'href="https://www.harbour-gazette.example/world/2025/03/ministers-meet-trade-ties"' in (
        html
    )
    assert '<span class="page">' not in html.split("harbour-gazette", 1)[1].split("</div>")[0]


def test_editor_corrects_the_address_and_reextraction_keeps_it(admin_client, page_and_pdf):
    page, _ = page_and_pdf
    url = f"/admin/documents/document/{page.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    assert "url" in form.fields and "source_metadata" not in form.fields
    data = {name: form[name].value() or "" for name in form.fields}
    data["url"] = "https://archive.example/harbour/ministers"

    assert admin_client.post(url, data).status_code == 302
    call_command("ingest", "--reextract", verbosity=0)

    page.refresh_from_db()
    assert page.url == "https://archive.example/harbour/ministers"
    assert "url" in page.edited_fields


def test_uploaded_page_takes_its_address_and_metadata(admin_client, db):
    data = (SOURCES / "ministry_page.html").read_bytes()
    response = admin_client.post(
        "/admin/documents/document/upload/",
        {"file": SimpleUploadedFile("release.html", data), "title": "", "text": ""},
    )

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.url == (
        "https://www.mfaic.example/en/press-releases/2024/state-secretary-receives-ambassador"
    )
    assert document.publisher == "Ministry of Foreign Affairs and International Cooperation"
    assert "Consular Services" not in document.text
