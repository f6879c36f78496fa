"""Document text, and the names and titles extracted from it, are untrusted: markup, HTML
entities and template syntax in them show as the characters they are, on every page that
shows them, the admin's included; none is run, decoded or rendered.

Every document, fact and quote of the seed knowledge base is given a hostile prefix (and
every document a hostile last paragraph); each page is then read and must hold the hostile
text escaped once — never raw, never double-decoded, never evaluated.
"""

import pytest
from django.db.models import F, Value
from django.db.models.functions import Concat, Left
from django.utils.html import escape

from documents.models import Document, Evidence, Ingestion
from relations.models import Agreement, Alias, Meeting, Official, Position
from tests.site_pages import admin_action_pages, admin_pages, public_pages

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<script>alert("owned")</script><img src=x onerror=alert(1)> '
    "&amp; &lt;b&gt;bold&lt;/b&gt; {{ request.user }} {% now 'Y' %} "
)
SHOWN = escape(HOSTILE)  # what the page's HTML must hold: the text, escaped once
# Markers of a leak: markup let through, or an entity of the text decoded.
RAW = ("<script>alert(", "<img src=x", "<b>bold", "&lt;b&gt;bold")


@pytest.fixture
def hostile(ingested):
    """The seed knowledge base with every text field a visitor reads made hostile."""
    prefix = Value(HOSTILE)
    Document.objects.update(
        title=Concat(prefix, F("title")), text=Concat(F("text"), Value("\n\n" + HOSTILE))
    )
    Official.objects.update(name=Concat(prefix, F("name")))
    # Cut to the column's length (PostgreSQL refuses longer text): the prefix stays whole.
    Alias.objects.update(name=Left(Concat(prefix, F("name")), 200))
    Position.objects.update(title=Left(Concat(prefix, F("title")), 200))
    Meeting.objects.update(title=Concat(prefix, F("title")), location=Concat(prefix, F("location")))
    Agreement.objects.update(title=Concat(prefix, F("title")))
    Evidence.objects.update(quote=Concat(prefix, F("quote")))
    for model, field in ((Official, "name"), (Meeting, "title"), (Agreement, "title")):
        model.history.update(**{field: Concat(prefix, F(field))})  # the admin's history pages
    # A queued file's name and failure message, as the queue's admin lists them.
    Ingestion.objects.create(batch="b", file_name=HOSTILE[:255], message=HOSTILE, data=b"")


def leaks(page: str) -> list[str]:
    problems = [f"raw {marker!r}" for marker in RAW if marker in page]
    if SHOWN not in page:
        problems.append("the hostile text is not shown, escaped once")
    return problems


def quiet(name: str) -> bool:
    """Admin pages that show no document text, name or title: accounts, login records,
    reference data, empty forms, evidence by its place (file and offsets), the task queue's
    results (task names and ids)."""
    prefixes = ("auth.", "axes.", "relations.country", "relations.topic", "django_tasks_database.")
    return name.startswith(prefixes) or (
        name.endswith(" add")
        or name
        in {
            "index",
            "upload",
            "password change",
            "relations.mergerecord list",
            "relations.mergerecord search",
            "documents.evidence delete",
            "documents.evidence history",
        }
    )


def test_every_public_page_shows_hostile_text_as_text(client, hostile):
    pages = public_pages()
    assert len(pages) >= 14

    problems = {
        name: found
        for name, url in pages.items()
        if (found := leaks(client.get(url).content.decode()))
    }

    assert problems == {}


def test_the_document_page_shows_the_hostile_paragraph_of_its_text(client, hostile):
    url = public_pages()["document"]
    page = client.get(url).content.decode()

    assert page.count(SHOWN) >= 2  # in the title and as the text's last paragraph
    assert "admin" not in page.split(SHOWN)[1][:40]  # {{ request.user }} was not rendered


def test_every_admin_page_shows_hostile_text_as_text(admin_client, admin_user, hostile):
    pages = admin_pages(admin_user)
    assert len(pages) > 40

    problems = {}
    for name, url in pages.items():
        response = admin_client.get(url, follow=True)
        assert response.status_code == 200, name
        page = response.content.decode()
        found = leaks(page)
        if quiet(name):
            found = [p for p in found if p.startswith("raw")]
        if found:
            problems[name] = found
    for name, response in admin_action_pages(admin_client).items():
        if found := leaks(response.content.decode()):
            problems[name] = found

    assert problems == {}


def test_a_hostile_document_ingested_shows_as_text(run_ingest, stub_extraction, client, tmp_path):
    """Through the real reader and cleaning: entities and template syntax in a file are
    stored as the characters they are, and shown so."""
    path = tmp_path / "hostile.txt"
    path.write_text(
        "Talks &amp; toasts {{ request.user }}\n\n"
        "1 < 2 and 3 > 2: &lt;script&gt;alert(1)&lt;/script&gt; {% debug %}\n",
        encoding="utf-8",
    )
    out, err, error = run_ingest(str(path))
    assert (err, error) == ("", None)
    document = Document.objects.get()

    assert document.title == "Talks &amp; toasts {{ request.user }}"
    for url in (public_pages()["documents"], public_pages()["document"]):
        page = client.get(url).content.decode()
        assert "Talks &amp;amp; toasts {{ request.user }}" in page
        assert "<script>" not in page
    page = client.get(public_pages()["document"]).content.decode()
    assert "1 &lt; 2 and 3 &gt; 2: &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;" in page
    assert "{% debug %}" in page


def test_the_check_sees_a_leak(client):
    assert leaks(f"<p>{HOSTILE}</p>") == [f"raw {m!r}" for m in (RAW[0], RAW[1], RAW[3])] + [
        "the hostile text is not shown, escaped once"
    ]
    assert leaks(f"<p>{escape(SHOWN)}</p>") == ["the hostile text is not shown, escaped once"]
    assert leaks(f"<p>{SHOWN.replace('&amp;lt;b&amp;gt;', '<b>')}</p>")[0] == "raw '<b>bold'"
    assert leaks(f"<p>{SHOWN}</p>") == []
