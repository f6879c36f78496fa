"""The sources pages as a reader sees them: the list of documents and one document."""

import csv
import datetime as dt
import html as htmllib
import io
import json
import re

import pytest
from django.urls import reverse

from documents.models import Document, Evidence
from relations.models import Agreement, Meeting, Official

pytestmark = pytest.mark.django_db

SENTENCE = "the two ministers held a bilateral meeting"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def rows(response) -> list[tuple[str, int]]:
    """(title, number of facts) for each document listed, in order."""
    return [
        (htmllib.unescape(title), int(facts))
        for title, facts in re.findall(
            r'<h3><a href="/documents/\d+/">([^<]+)</a></h3>\s*'
            r'<p class="fact-count"><data value="(\d+)">',
            response.content.decode(),
        )
    ]


def titles(response) -> list[str]:
    return [title for title, _ in rows(response)]


def facet_counts(response, facet: str) -> dict[str, int]:
    html = response.content.decode()
    section = html.split(f'id="facet-{facet}"', 1)[1].split("</section>", 1)[0]
    pairs = re.findall(
        r'<span class="facet-label">(?:<span aria-hidden="true">✓ </span>)?([^<]+)</span>\s*'
        r'<span class="count"[^>]*>(\d+)</span>',
        section,
    )
    return {htmllib.unescape(label.strip()): int(n) for label, n in pairs}


def document_text(response) -> str:
    html = response.content.decode()
    return html.split('<div class="document-text">', 1)[1].split("</div>", 1)[0]


def make_document(n: int, text: str = "Plain text.", **fields) -> Document:
    defaults = {
        "file_name": f"doc_{n:03d}.txt",
        "sha256": f"{n:064x}",
        "title": f"Document {n}",
        "kind": "news",
        "text": text,
    }
    return Document.objects.create(**{**defaults, **fields})


def cite(document: Document, fact, start: int, end: int) -> Evidence:
    field = type(fact).__name__.lower()
    return Evidence.objects.create(
        document=document,
        start=start,
        end=end,
        quote=document.text[start:end],
        fingerprint=f"{field}:{fact.pk}:{start}",
        extractor_version="test",
        **{field: fact},
    )


# ---------------------------------------------------------------- the list


def test_the_list_shows_every_document_newest_first_with_its_facts(client, ingested):
    response = client.get("/documents/")
    assert response.status_code == 200
    shown = rows(response)
    assert len(shown) == Document.objects.count() == 5
    dated = Document.objects.filter(published_on__isnull=False).order_by("-published_on")
    assert [t for t, _ in shown[: dated.count()]] == [d.title for d in dated]
    assert all(facts > 0 for _, facts in shown)
    page = text_of(response)
    assert "5 documents" in page
    assert "Date not stated" in page  # the press release is undated
    assert "Ministry of Foreign Affairs and International Cooperation" in page
    assert "Press release" in page


def test_a_kind_narrows_the_other_facets_while_the_kind_facet_keeps_its_counts(client, ingested):
    everything = client.get("/documents/")
    kinds = facet_counts(everything, "kind")
    assert kinds == {"News": 3, "Analysis": 1, "Press release": 1}

    news = client.get("/documents/?kind=news")
    assert len(titles(news)) == kinds["News"]
    assert facet_counts(news, "kind") == kinds
    publishers = facet_counts(news, "publisher")
    assert "CCRS" in facet_counts(everything, "publisher") and "CCRS" not in publishers
    undated = Document.objects.filter(published_on=None)
    assert facet_counts(news, "year") == {"2023": 1, "Unknown": undated.filter(kind="news").count()}
    assert facet_counts(everything, "year") == {"2024": 1, "2023": 1, "Unknown": undated.count()}
    assert len(titles(client.get("/documents/?year=unknown"))) == undated.count()
    assert "Kind: News" in text_of(news)

    either = client.get("/documents/?kind=news&kind=analysis")
    assert len(titles(either)) == kinds["News"] + kinds["Analysis"]
    both = client.get("/documents/?kind=news&year=2023")
    assert titles(both) == ["Japan scheme for politician visitors resumed"]


def test_publisher_and_search_filter_the_rows(client, ingested):
    by_publisher = client.get("/documents/?publisher=CCRS")
    assert len(titles(by_publisher)) == 1 and titles(by_publisher)[0].startswith("[CCRS")
    # "Senate President" is in a text but in no title: the search reads the text too.
    found = client.get("/documents/?q=Senate+President")
    assert titles(found)
    assert all("Senate President" not in t for t in titles(found))
    assert len(titles(found)) < 5
    nothing = client.get("/documents/?q=no-such-words-anywhere")
    assert "No document matches these filters" in nothing.content.decode()


def test_csv_and_json_hold_the_rows_of_the_list(client, ingested):
    for query in ("?kind=news&kind=press_release", "", "?q=Japan"):
        shown = rows(client.get("/documents/" + query))
        joiner = "&" if query else "?"
        data = json.loads(client.get(f"/documents/{query}{joiner}format=json").getvalue())["rows"]
        table = list(
            csv.DictReader(
                io.StringIO(client.get(f"/documents/{query}{joiner}format=csv").getvalue().decode())
            )
        )
        assert shown
        assert [(r["title"], r["facts"]) for r in data] == shown
        assert [(r["title"], int(r["facts"])) for r in table] == shown
        assert all(r["url"].endswith(f"/documents/{r['id']}/") for r in data)
    assert 'rel="alternate" type="text/csv"' in client.get("/documents/").content.decode()


def test_facts_are_counted_once_and_rejected_ones_not_at_all(client, db):
    document = make_document(1, "One. Two. Three. Four.")
    meeting = Meeting.objects.create(kind="summit", title="A summit")
    duplicate = Meeting.objects.create(kind="summit", title="Same summit", merged_into=meeting)
    rejected = Agreement.objects.create(kind="grant", title="No grant", review_state="rejected")
    official = Official.objects.create(name="Some One")
    cite(document, meeting, 0, 4)
    cite(document, meeting, 5, 9)
    cite(document, duplicate, 10, 16)
    cite(document, rejected, 17, 22)
    cite(document, official, 0, 4)
    assert rows(client.get("/documents/")) == [("Document 1", 2)]
    (row,) = json.loads(client.get("/documents/?format=json").getvalue())["rows"]
    assert (row["meetings"], row["agreements"], row["officials"]) == (1, 0, 1)


@pytest.mark.parametrize(
    "query", ["?kind=zzz", "?year=abc", "?year=99999", "?q=" + "x" * 5000, "?q=%00"]
)
def test_bad_filters_give_a_readable_400_page(client, db, query):
    response = client.get("/documents/" + query)
    assert response.status_code == 400
    assert "Some filters could not be read" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["?page=999999", "?page=abc", "?publisher=Nobody", "?q=%F0%9F%98%80", "?format=xml"]
)
def test_odd_but_harmless_queries_give_a_normal_page(client, ingested, query):
    assert client.get("/documents/" + query).status_code == 200


def test_an_unknown_document_is_not_found(client, db):
    response = client.get("/documents/999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


# ---------------------------------------------------------------- one document


def test_the_press_release_highlights_the_meeting_sentence_and_links_to_the_meeting(
    client, ingested
):
    document = Document.objects.get(kind="press_release")
    meeting = Meeting.objects.get(title="Bilateral meeting: Prak Sokhonn and Yoshimasa Hayashi")
    response = client.get(reverse("documents:detail", args=[document.pk]))
    assert response.status_code == 200
    text = document_text(response)
    mark = next(m for m in re.findall(r"<mark\b.*?</mark>", text, re.S) if SENTENCE in m)
    assert f'href="{reverse("relations:meeting", args=[meeting.pk])}"' in mark
    assert 'title="Meeting: Bilateral meeting: Prak Sokhonn and Yoshimasa Hayashi"' in mark
    evidence = meeting.evidence.get(document=document)
    assert f'id="ev-{evidence.pk}"' in text


def test_the_document_page_shows_its_details_and_the_whole_text_once(client, ingested):
    document = Document.objects.get(kind="press_release")
    response = client.get(f"/documents/{document.pk}/")
    page = text_of(response)
    assert document.title in page
    assert "Ministry of Foreign Affairs and International Cooperation" in page
    assert document.file_name in page
    assert "Date not stated" in page and "Press release" in page
    shown = re.sub(r"<sup\b.*?</sup>", "", document_text(response), flags=re.S)
    shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", shown)
    assert htmllib.unescape(re.sub(r"<[^>]+>", "", shown)) == document.text
    # Every piece of evidence can be linked to from the fact's page.
    for ev in document.evidence.all():
        assert response.content.decode().count(f'id="ev-{ev.pk}"') == 1


def test_the_facts_of_the_document_are_listed_by_kind_with_links(client, ingested):
    document = Document.objects.get(kind="press_release")
    html = client.get(f"/documents/{document.pk}/").content.decode()
    facts = html.split('id="facts-heading"', 1)[1]
    officials = facts.split('id="facts-official"', 1)[1].split("</section>", 1)[0]
    meetings = facts.split('id="facts-meeting"', 1)[1].split("</section>", 1)[0]
    agreements = facts.split('id="facts-agreement"', 1)[1].split("</section>", 1)[0]
    hayashi = Official.objects.get(name="Yoshimasa Hayashi")
    assert f'<a href="/officials/{hayashi.pk}/">Yoshimasa Hayashi</a>' in officials
    assert "Bilateral meeting: Prak Sokhonn and Yoshimasa Hayashi" in meetings
    assert "Comprehensive Strategic Partnership" in agreements
    assert "Prak Sokhonn" not in agreements


def test_untrusted_text_is_shown_as_text_never_run(client, db):
    text = "Intro <script>alert(1)</script> then {{ secret }} and {% now 'Y' %} <b>bold</b>."
    document = make_document(1, text, title="<i>Title</i>", publisher="<u>Pub</u>")
    meeting = Meeting.objects.create(kind="summit", title="<em>Summit</em>")
    cite(document, meeting, 6, 31)
    html = client.get(f"/documents/{document.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ secret }}" in html and "{% now &#x27;Y&#x27; %}" in html
    assert "<b>bold</b>" not in html and "<i>Title</i>" not in html
    assert "<u>Pub</u>" not in html and "<em>Summit</em>" not in html
    assert re.search(r"<mark [^>]*>.*&lt;script&gt;alert\(1\)&lt;/script&gt;.*</mark>", html)
    listing = client.get("/documents/").content.decode()
    assert "&lt;i&gt;Title&lt;/i&gt;" in listing and "<i>Title</i>" not in listing


def test_rejected_facts_are_not_highlighted_and_merged_ones_point_to_the_survivor(client, db):
    document = make_document(1, "First sentence. Second sentence. Third sentence.")
    survivor = Meeting.objects.create(kind="summit", title="The summit")
    merged = Meeting.objects.create(kind="summit", title="Old summit", merged_into=survivor)
    rejected = Agreement.objects.create(kind="grant", title="Wrong grant", review_state="rejected")
    ev_merged = cite(document, merged, 0, 15)
    ev_rejected = cite(document, rejected, 16, 32)
    html = client.get(f"/documents/{document.pk}/").content.decode()
    text = document_text(client.get(f"/documents/{document.pk}/"))
    (mark,) = re.findall(r"<mark\b.*?</mark>", text, re.S)
    assert "First sentence." in mark and f'id="ev-{ev_merged.pk}"' in mark
    assert f'href="/meeting/{survivor.pk}/"' in mark and "Old summit" not in html
    assert "Wrong grant" not in html and f"/agreements/{rejected.pk}/" not in html
    assert re.search(r"</mark> Second sentence\. Third sentence\.$", text)
    assert f'id="ev-{ev_rejected.pk}"' not in html


def test_a_document_without_facts_says_so(client, db):
    document = make_document(1, "Nothing to see.")
    response = client.get(f"/documents/{document.pk}/")
    assert "No fact has been extracted from this document" in response.content.decode()
    assert document_text(response) == "Nothing to see."


# ---------------------------------------------------------------- queries


def _many_documents(start: int, n: int) -> None:
    meeting = Meeting.objects.create(kind="summit", title=f"Summit {start}")
    official = Official.objects.create(name=f"Person {start}")
    for i in range(start, start + n):
        document = make_document(
            i,
            "A sentence about a summit. Another one.",
            publisher=f"Publisher {i % 4}",
            published_on=dt.date(2020, 1, 1) + dt.timedelta(days=i * 40),
            kind="news" if i % 2 else "analysis",
        )
        cite(document, meeting, 0, 26)
        cite(document, official, 2, 10)


@pytest.mark.parametrize(
    "query", ["", "?kind=news&year=2020", "?q=summit&publisher=Publisher+1", "?format=csv"]
)
def test_the_list_makes_the_same_few_queries_for_1_and_50_documents(
    client, query, django_assert_max_num_queries
):
    _many_documents(1, 1)
    # Facets (3), count, rows, and the data version the kept counts are checked against.
    with django_assert_max_num_queries(6) as one:
        response = client.get("/documents/" + query)
        assert response.status_code == 200 and response.getvalue()  # an export streams
    _many_documents(2, 49)
    with django_assert_max_num_queries(6) as fifty:
        response = client.get("/documents/" + query)
        assert response.status_code == 200 and response.getvalue()
    assert len(fifty.captured_queries) == len(one.captured_queries)


def test_a_document_page_makes_the_same_few_queries_for_1_and_50_evidence_rows(
    client, django_assert_max_num_queries
):
    text = "".join(f"Sentence number {i:02d}. " for i in range(50))
    document = make_document(1, text)
    url = f"/documents/{document.pk}/"

    def add(i: int) -> None:
        """Two evidence rows: a merged meeting's sentence, and a fact inside it."""
        start = i * 20
        survivor = Meeting.objects.create(kind="summit", title=f"Summit {i}")
        copy = Meeting.objects.create(kind="summit", title=f"Copy {i}", merged_into=survivor)
        cite(document, copy, start, start + 19)
        if i % 2:
            inside = Agreement.objects.create(kind="grant", title=f"Grant {i}")
        else:
            inside = Official.objects.create(name=f"Person {i}")
        cite(document, inside, start + 5, start + 15)

    add(0)
    with django_assert_max_num_queries(2) as one:
        assert client.get(url).status_code == 200
    for i in range(1, 25):
        add(i)
    assert document.evidence.count() == 50
    with django_assert_max_num_queries(2) as fifty:
        response = client.get(url)
    assert len(fifty.captured_queries) == len(one.captured_queries)
    assert response.content.decode().count("<mark ") >= 50
