"""Uploading a document in the admin: the same pipeline as `manage.py ingest`, for editors."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

import documents.services
from documents.extraction.names import name_key
from documents.models import Document, Evidence
from relations.models import Agreement, Meeting, Official, ReviewState

UPLOAD_URL = "/admin/documents/document/upload/"
MODELS = (Document, Evidence, Official, Meeting, Agreement)

VISIT_TXT = """\
Cambodia and Japan sign grant for rural roads

Phnom Penh, 12 March 2025

H.E. Mr. HUN Sen, President of the Senate of the Kingdom of Cambodia, received H.E. Ms. \
KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, on 12 March 2025 in Phnom Penh.

During the visit, the two sides signed an exchange of notes on a grant of 1.2 billion yen \
for the improvement of rural roads in Cambodia.
"""

DEMINING_HTML = """\
<!DOCTYPE html>
<html><head><title>Embassy news</title>
<style>body { font-family: serif; }</style>
<script>document.write("H.E. Mr. FAKE Person met nobody");</script></head>
<body>
<h1>Japan &amp; Cambodia agree on demining grant</h1>
<p>Phnom Penh, 5 July 2024</p>
<p>H.E. Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, paid a courtesy call on
Samdech Moha Borvor Thipadei HUN Manet, Prime Minister of the Kingdom of Cambodia,
on 5&nbsp;July 2024 in Phnom Penh.</p>
<p>The two sides signed an exchange of notes on a grant of 500 million yen for mine
clearance &ndash; the &ldquo;Demining Capacity Project&rdquo;.</p>
<script>var tracking = "Samdech HUN Manet";</script>
</body></html>
"""

# Pasted from a page whose headline and date were not copied: the editor types them in.
TALKS_PASTED = (
    "H.E. Mr. PRAK Sokhonn, Deputy Prime Minister, Minister of Foreign Affairs and "
    "International Cooperation of Cambodia, held talks with H.E. Mr. HAYASHI Yoshimasa, "
    "Minister for Foreign Affairs of Japan, in Tokyo on 22 January 2023.\r\n"
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def official(name: str) -> Official:
    return Official.objects.get(name_key=name_key(name))


@pytest.fixture
def editor(db):
    call_command(
        "createeditor",
        "ed",
        "--email=ed@example.org",
        "--password=not-a-real-secret-42",
        "--no-input",
        stdout=StringIO(),
    )
    return get_user_model().objects.get(username="ed")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def upload(client, *, file=None, text="", title="", published_on="", follow=True):
    data = {"text": text, "title": title, "published_on": published_on}
    if file is not None:
        data["file"] = file
    return client.post(UPLOAD_URL, data, follow=follow)


def ingested_url(document: Document) -> str:
    return reverse("admin:documents_document_ingested", args=[document.pk])


def change_url(fact) -> str:
    return reverse(f"admin:relations_{type(fact).__name__.lower()}_change", args=[fact.pk])


def assert_lists(page: str, fact) -> None:
    assert f'<a href="{change_url(fact)}">{fact}</a>' in page


# ---------------------------------------------------------------- the way in


def test_changelist_has_an_upload_button_and_add_leads_to_upload(editor_client):
    page = editor_client.get("/admin/documents/document/").content.decode()
    assert f'href="{UPLOAD_URL}"' in page
    assert "Upload a document" in page

    response = editor_client.get("/admin/documents/document/add/")
    assert response.status_code == 302
    assert response["Location"] == UPLOAD_URL


def test_upload_page_shows_the_form(editor_client):
    response = editor_client.get(UPLOAD_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    for field in ("file", "text", "title", "published_on"):
        assert f'name="{field}"' in page


# ---------------------------------------------------------------- uploads that work


def test_txt_upload_is_ingested_and_the_result_page_lists_its_facts(editor_client, editor):
    response = upload(editor_client, file=SimpleUploadedFile("visit.txt", VISIT_TXT.encode()))

    document = Document.objects.get()
    assert response.redirect_chain == [(ingested_url(document), 302)]
    assert document.file_name == "visit.txt"
    assert document.title == "Cambodia and Japan sign grant for rural roads"
    assert document.published_on == dt.date(2025, 3, 12)
    hun_sen, kamikawa = official("Hun Sen"), official("Kamikawa Yoko")
    meeting, agreement = Meeting.objects.get(), Agreement.objects.get()
    assert agreement.amount == 1_200_000_000
    for fact in (hun_sen, kamikawa, meeting, agreement):
        assert fact.evidence.filter(document=document).exists()
        assert fact.review_state == ReviewState.EXTRACTED

    page = response.content.decode()
    assert "was ingested" in page
    for fact in (hun_sen, kamikawa, meeting, agreement):
        assert_lists(page, fact)
    assert "Officials: 2 new, 0 merged" in page
    assert "Meetings: 1 new, 0 merged" in page
    assert "Agreements: 1 new, 0 merged" in page
    assert "/admin/relations/official/?review_state__exact=extracted" in page
    # The upload is the editor's, in the admin's log and in the facts' history.
    entry = LogEntry.objects.get()
    assert (entry.user, entry.action_flag, entry.object_id) == (
        editor,
        ADDITION,
        str(document.pk),
    )
    assert hun_sen.history.earliest().history_user == editor


def test_html_upload_drops_scripts_and_styles_and_unescapes_entities(editor_client):
    response = upload(
        editor_client, file=SimpleUploadedFile("demining.html", DEMINING_HTML.encode())
    )

    document = Document.objects.get()
    assert response.redirect_chain == [(ingested_url(document), 302)]
    assert document.file_name == "demining.html"
    assert document.title == "Japan & Cambodia agree on demining grant"
    assert document.published_on == dt.date(2024, 7, 5)
    assert "<" not in document.text
    assert "&" in document.text and "&amp;" not in document.text
    assert "mine clearance – the “Demining Capacity Project”." in document.text
    for hidden in ("FAKE", "document.write", "tracking", "font-family"):
        assert hidden not in document.text
    assert not Official.objects.filter(name__icontains="Fake").exists()

    page = response.content.decode()
    for fact in (official("Kamikawa Yoko"), official("Hun Manet"), Agreement.objects.get()):
        assert_lists(page, fact)
    assert Agreement.objects.get().title == "Demining Capacity Project"


def test_pasted_text_takes_the_title_and_date_the_editor_gives(editor_client):
    response = upload(
        editor_client,
        text=TALKS_PASTED,
        title="Foreign ministers hold talks in Tokyo",
        published_on="2023-01-23",
    )

    document = Document.objects.get()
    assert response.redirect_chain == [(ingested_url(document), 302)]
    assert document.title == "Foreign ministers hold talks in Tokyo"
    assert document.published_on == dt.date(2023, 1, 23)
    assert document.file_name == "foreign-ministers-hold-talks-in-tokyo.txt"
    assert "\r" not in document.text
    prak = official("Prak Sokhonn")
    # The editor's date is the day the document speaks from: when the posts were seen.
    assert {p.first_seen for p in prak.positions.all()} == {dt.date(2023, 1, 23)}
    page = response.content.decode()
    for fact in (prak, official("Hayashi Yoshimasa"), Meeting.objects.get()):
        assert_lists(page, fact)


def test_file_upload_may_also_take_a_title_and_date(editor_client):
    upload(
        editor_client,
        file=SimpleUploadedFile("visit.md", VISIT_TXT.encode()),
        title="Senate President receives Japan's foreign minister",
        published_on="2025-03-13",
    )

    document = Document.objects.get()
    assert document.title == "Senate President receives Japan's foreign minister"
    assert document.published_on == dt.date(2025, 3, 13)


def test_facts_already_known_are_listed_as_merged(editor_client):
    upload(editor_client, file=SimpleUploadedFile("visit.txt", VISIT_TXT.encode()))
    kamikawa = official("Kamikawa Yoko")

    response = upload(
        editor_client, file=SimpleUploadedFile("demining.html", DEMINING_HTML.encode())
    )

    page = response.content.decode()
    assert "Officials: 1 new, 1 merged" in page
    assert official("Kamikawa Yoko") == kamikawa
    assert kamikawa.evidence.values("document").distinct().count() == 2
    row = page.split(f'<a href="{change_url(kamikawa)}">')[1].split("</tr>")[0]
    assert "merged with a known record" in row
    row = page.split(f'<a href="{change_url(official("Hun Manet"))}">')[1].split("</tr>")[0]
    assert "new" in row and "merged" not in row


def test_result_page_can_be_opened_again(editor_client):
    upload(editor_client, file=SimpleUploadedFile("visit.txt", VISIT_TXT.encode()))
    document = Document.objects.get()

    response = editor_client.get(ingested_url(document))

    assert response.status_code == 200
    assert_lists(response.content.decode(), official("Hun Sen"))


# ---------------------------------------------------------------- uploads refused


def assert_refused(response, message: str, before: dict[str, int]) -> None:
    assert response.status_code == 200
    assert response.redirect_chain == []
    page = response.content.decode()
    assert "Please correct the error below." in page
    assert message in page
    assert counts() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: empty file"),
        ("blank.md", b" \n\n\t\n", "blank.md: empty file"),
        ("scan.txt", b"%PDF-1.7\x00\x00\x01\x02binary", "scan.txt: binary file, not text"),
        ("latin1.txt", "Phnom Penh café".encode("latin-1"), "latin1.txt: not UTF-8 text"),
        ("only-script.html", b"<script>x()</script>", "only-script.html: no text"),
        ("report.pdf", b"%PDF-1.7", "report.pdf: damaged PDF"),
        ("report.docx", b"PK\x03\x04", "report.docx: unsupported file type &#x27;.docx&#x27;"),
    ],
)
def test_unreadable_file_is_refused_with_a_clear_error(editor_client, name, data, message):
    before = counts()

    response = upload(editor_client, file=SimpleUploadedFile(name, data))

    assert_refused(response, message, before)


def test_file_too_large_is_refused(editor_client, settings):
    settings.BILATERAL_MAX_DOCUMENT_BYTES = 100
    before = counts()

    response = upload(editor_client, file=SimpleUploadedFile("visit.txt", VISIT_TXT.encode()))

    size = len(VISIT_TXT.encode())
    assert_refused(response, f"visit.txt: too large ({size:,} bytes; the limit is 100)", before)


def test_pasted_text_too_large_is_refused(editor_client, settings):
    settings.BILATERAL_MAX_DOCUMENT_BYTES = 100
    before = counts()

    response = upload(editor_client, text=TALKS_PASTED, title="Talks")

    assert_refused(response, "talks.txt: too large (", before)


def test_duplicate_is_refused_and_names_the_document_already_stored(editor_client):
    upload(editor_client, file=SimpleUploadedFile("visit.txt", VISIT_TXT.encode()))
    document = Document.objects.get()
    before = counts()

    response = upload(editor_client, file=SimpleUploadedFile("copy.txt", VISIT_TXT.encode()))

    assert_refused(response, "copy.txt: already ingested, as", before)
    page = response.content.decode()
    assert f'<a href="{ingested_url(document)}">{document}</a>' in page


def test_pasted_duplicate_of_a_file_is_refused(editor_client):
    upload(editor_client, file=SimpleUploadedFile("visit.txt", VISIT_TXT.encode()))
    before = counts()

    response = upload(editor_client, text=VISIT_TXT.replace("\n", "\r\n"), title="Again")

    assert_refused(response, "again.txt: already ingested", before)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Upload a file or paste a text."),
        ({"text": "   \n"}, "Upload a file or paste a text."),
        ({"text": TALKS_PASTED}, "Give pasted text a title."),
        (
            {"text": TALKS_PASTED, "title": "T", "file": True},
            "Upload a file or paste a text, not both.",
        ),
        ({"text": TALKS_PASTED, "title": "T", "published_on": "someday"}, "Enter a valid date."),
    ],
)
def test_incomplete_form_is_refused(editor_client, fields, message):
    if fields.pop("file", None):
        fields["file"] = SimpleUploadedFile("visit.txt", VISIT_TXT.encode())
    before = counts()

    response = upload(editor_client, **fields)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before


def test_failure_while_writing_leaves_nothing_half_written(editor_client, monkeypatch):
    real = documents.services.apply_extraction

    def write_then_fail(**kwargs):
        real(**kwargs)
        assert Official.objects.exists()  # facts were written, in the transaction
        raise RuntimeError("disk full")

    monkeypatch.setattr(documents.services, "apply_extraction", write_then_fail)
    before = counts()

    response = upload(editor_client, file=SimpleUploadedFile("visit.txt", VISIT_TXT.encode()))

    assert_refused(response, "visit.txt: extraction failed (disk full)", before)


def test_staff_without_add_permission_cannot_upload(client, db):
    clerk = get_user_model().objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(clerk)

    assert client.get(UPLOAD_URL).status_code == 403
    response = client.post(UPLOAD_URL, {"text": TALKS_PASTED, "title": "T"})
    assert response.status_code == 403
    assert Document.objects.count() == 0


def test_a_title_and_date_an_editor_corrects_survive_reextraction(admin_client, ingested):
    from django.core.management import call_command

    from documents.models import Document

    document = Document.objects.get(file_name__startswith="001_")
    url = f"/admin/documents/document/{document.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(title="Outcomes of the Working Visit to Japan", published_on="2023-01-25")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    call_command("ingest", "--reextract", verbosity=0)
    document.refresh_from_db()
    assert document.title == "Outcomes of the Working Visit to Japan"
    assert str(document.published_on) == "2023-01-25"
    assert document.publisher == "Ministry of Foreign Affairs and International Cooperation"
