"""The agreements pages as a reader sees them: the faceted list, its CSV/JSON, one agreement."""

import csv
import datetime as dt
import html
import io
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from documents.models import Document, Evidence
from relations.models import Agreement, Country, Meeting, Official

pytestmark = pytest.mark.django_db

ROAD = "National Road No. 5 Improvement Project"
POWER = "Phnom Penh City Transmission and Distribution System Expansion Project"


def text_of(response) -> str:
    plain = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(plain))


def items(response) -> list[str]:
    """Each agreement of the list as the text a reader sees, in order."""
    blocks = re.findall(
        r'<article class="row-item agreement-item">(.*?)</article>',
        response.content.decode(),
        re.S,
    )
    return [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", b))).strip() for b in blocks]


def titles(response) -> list[str]:
    found = re.findall(
        r'<h3><a href="/agreements/\d+/">([^<]+)</a></h3>', response.content.decode()
    )
    return [html.unescape(t) for t in found]


def facet_counts(response, facet: str) -> dict[str, int]:
    page = response.content.decode()
    section = page.split(f'id="facet-{facet}"', 1)[1].split("</section>", 1)[0]
    pairs = re.findall(
        r'<span class="facet-label">(?:<span aria-hidden="true">✓ </span>)?([^<]+)</span>\s*'
        r'<span class="count"[^>]*>(\d+)</span>',
        section,
    )
    return {html.unescape(label.strip()): int(n) for label, n in pairs}


def csv_rows(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def json_rows(client, url: str) -> list[dict]:
    return json.loads(client.get(url).getvalue())["rows"]


# ---------------------------------------------------------------- the list


def test_the_list_shows_each_amount_with_its_currency_beside_its_agreement(client, ingested):
    shown = items(client.get("/agreements/"))
    road = next(i for i in shown if ROAD in i)
    power = next(i for i in shown if POWER in i)
    grant = next(i for i in shown if "Human Resource Development Scholarships" in i)
    assert "USD 59.6 million" in road and "Loan" in road and "5 Jul 2024" in road
    assert "JPY 8 billion" in power and "Date not stated" in power
    assert "USD 2.7 million" in grant and "Grant" in grant
    assert "Parties: Cambodia, Japan" in road
    # An agreement without an amount shows none, rather than an empty currency.
    partnership = next(i for i in shown if "Comprehensive Strategic Partnership" in i)
    assert "USD" not in partnership and "JPY" not in partnership


def test_the_list_is_newest_first_with_undated_agreements_last(client, ingested):
    shown = titles(client.get("/agreements/"))
    dates = {a.title: a.date for a in Agreement.objects.all()}
    assert len(shown) == 7
    dated = [dates[t] for t in shown if dates[t]]
    assert dated == sorted(dated, reverse=True)
    assert [t for t in shown if not dates[t]] == shown[len(dated) :]
    assert shown[-2:] == ["Comprehensive Strategic Partnership", POWER]


def test_choosing_a_kind_narrows_the_other_facets_but_not_its_own(client, ingested):
    everything = client.get("/agreements/")
    loans = client.get("/agreements/?kind=loan")
    no_sum = Agreement.objects.filter(currency="").count()  # the Unknown bucket
    assert facet_counts(everything, "currency") == {"USD": 2, "JPY": 1, "Unknown": no_sum}
    loan_titles = set(Agreement.objects.filter(kind="loan").values_list("title", flat=True))
    assert len(loan_titles) == 2
    # The loans, in the order of the full list.
    assert titles(loans) == [t for t in titles(everything) if t in loan_titles]
    # The kind facet still counts every kind, so the reader can add grants to loans…
    assert facet_counts(loans, "kind") == facet_counts(everything, "kind")
    assert facet_counts(loans, "kind")["Loan"] == 2
    assert facet_counts(loans, "kind")["Grant"] == 1
    # …while the other facets count loans only.
    assert facet_counts(loans, "currency") == {"USD": 1, "JPY": 1}
    assert facet_counts(loans, "status") == {"Signed": 1, "Announced": 1}
    undated_loans = Agreement.objects.filter(kind="loan", date=None).count()
    assert facet_counts(loans, "year") == {"2024": 1, "Unknown": undated_loans}
    assert facet_counts(loans, "party") == {"Cambodia": 2, "Japan": 2}
    assert "Kind: Loan" in text_of(loans)


def test_the_year_facet_is_newest_first_and_counts_dated_agreements(client, ingested):
    years = facet_counts(client.get("/agreements/"), "year")
    undated = Agreement.objects.filter(date=None).count()
    assert undated and list(years) == ["2024", "2023", "Unknown"]  # the undated last
    assert years == {"2024": 3, "2023": 2, "Unknown": undated}


def test_filters_combine_and_search_reads_titles_and_terms(client, ingested):
    both = client.get("/agreements/?kind=loan&kind=grant&currency=usd")
    assert sorted(titles(both)) == sorted(
        Agreement.objects.filter(kind__in=["loan", "grant"], currency="USD").values_list(
            "title", flat=True
        )
    )
    assert len(titles(both)) == 2
    assert titles(client.get("/agreements/?q=battambang")) == [
        Agreement.objects.get(title__startswith=ROAD).title
    ]
    assert titles(client.get("/agreements/?party=JP&year=2023")) == [
        "Dialogue on Human Rights",
        "Programme for young Cambodian politicians",
    ]


@pytest.mark.parametrize(
    "query", ["", "?kind=loan", "?currency=USD&party=KH", "?year=2024&status=signed", "?q=project"]
)
def test_csv_and_json_hold_the_rows_of_the_list(client, ingested, query):
    page = client.get("/agreements/" + query)
    shown = titles(page)
    assert shown, "every query above matches some agreement"
    sep = "&" if query else "?"
    table = csv_rows(client, f"/agreements/{query}{sep}format=csv")
    rows = json_rows(client, f"/agreements/{query}{sep}format=json")
    assert [r["title"] for r in table] == shown
    assert [r["title"] for r in rows] == shown
    assert list(table[0]) == [
        "id",
        "kind",
        "title",
        "amount",
        "currency",
        "amount_display",
        "date",
        "status",
        "parties",
        "from",
        "to",
        "url",
    ]
    for row, item in zip(table, items(page), strict=True):
        if row["amount_display"]:
            assert row["amount_display"] in item
    assert 'rel="alternate" type="text/csv"' in page.content.decode()


def test_the_csv_row_of_the_road_loan(client, ingested):
    row = next(r for r in csv_rows(client, "/agreements/?format=csv") if ROAD in r["title"])
    loan = Agreement.objects.get(title__startswith=ROAD)
    assert row["amount"] == "59600000.00"
    assert row["currency"] == "USD"
    assert row["amount_display"] == "USD 59.6 million"
    assert row["date"] == "2024-07-05"
    assert row["status"] == "signed"
    assert row["parties"] == "KH; JP"
    assert row["url"] == f"http://testserver/agreements/{loan.pk}/"
    power = next(r for r in json_rows(client, "/agreements/?format=json") if r["title"] == POWER)
    assert power["amount_display"] == "JPY 8 billion" and power["date"] is None


def test_rejected_and_merged_agreements_are_not_listed(client, ingested):
    road = Agreement.objects.get(title__startswith=ROAD)
    grant = Agreement.objects.get(kind="grant")
    road.review_state = "rejected"
    road.save()
    grant.merged_into = Agreement.objects.get(title=POWER)
    grant.save()
    shown = titles(client.get("/agreements/"))
    assert road.title not in shown and grant.title not in shown
    assert len(shown) == 5
    assert facet_counts(client.get("/agreements/"), "kind")["Loan"] == 1


def test_pages_of_the_list_and_their_csv_match(client, db):
    _many_agreements(30)
    first, second = client.get("/agreements/"), client.get("/agreements/?page=2")
    assert len(titles(first)) == 25 and len(titles(second)) == 5
    assert not set(titles(first)) & set(titles(second))
    # An export holds the whole list, whichever page asks for it.
    whole = titles(first) + titles(second)
    assert [r["title"] for r in csv_rows(client, "/agreements/?page=2&format=csv")] == whole
    assert "Page 2 of 2" in text_of(second)


@pytest.mark.parametrize(
    "query",
    [
        "?year=abc",
        "?year=12",
        "?kind=nonsense",
        "?status=rumoured",
        "?party=ZZ",
        "?q=" + "x" * 5000,
        "?year=2024&year=abc",
        "?q=%00",
    ],
)
def test_bad_filters_give_a_readable_400_page(client, ingested, query):
    response = client.get("/agreements/" + query)
    assert response.status_code == 400
    assert "Some filters could not be read" in response.content.decode()
    assert titles(response) == []


def test_a_bad_filter_asked_as_csv_gets_the_400_page_not_an_empty_file(client, ingested):
    response = client.get("/agreements/?year=abc&format=csv")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "query",
    [
        "?currency=%3Cscript%3Ealert(1)%3C/script%3E",
        "?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "?party=%3Cscript%3E",
    ],
)
def test_markup_in_the_query_string_is_never_echoed_as_markup(client, ingested, query):
    response = client.get("/agreements/" + query)
    assert response.status_code in (200, 400)
    body = response.content.decode().lower()
    plain = client.get("/agreements/").content.decode().lower()
    assert body.count("<script") == plain.count("<script")  # only the site's own scripts
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize(
    "query",
    ["?page=999999", "?page=abc", "?page=-1", "?q=%F0%9F%98%80", "?format=xml", "?currency=XYZ"],
)
def test_odd_but_harmless_queries_give_a_normal_page(client, ingested, query):
    response = client.get("/agreements/" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_a_page_past_the_end_shows_the_last_page(client, ingested):
    assert titles(client.get("/agreements/?page=999999")) == titles(client.get("/agreements/"))


def test_an_empty_result_says_what_to_do(client, ingested):
    response = client.get("/agreements/?q=no-such-agreement-anywhere")
    assert "No agreement matches these filters" in text_of(response)
    assert "0 agreements" in text_of(response)


# ---------------------------------------------------------------- one agreement


def test_an_agreement_page_shows_its_facts_and_quotes_its_source(client, ingested):
    loan = Agreement.objects.get(title__startswith=ROAD)
    response = client.get(reverse("relations:agreement", args=[loan.pk]))
    assert response.status_code == 200
    text = text_of(response)
    page = response.content.decode()
    assert f"<h1>{html.escape(loan.title)}</h1>" in page
    assert "Kind Loan" in text
    assert "Amount USD 59.6 million" in text
    assert "Date 5 July 2024" in text
    assert "Status Signed" in text
    assert "Parties Cambodia, Japan" in text
    # Signatories link to their pages, with the post they held then.
    for name in ("Kamikawa Yoko", "Sok Chenda Sophea"):
        official = Official.objects.get(name=name)
        assert f'<a href="/officials/{official.pk}/">{name}</a>' in page
    assert "Kamikawa Yoko , Minister of Foreign Affairs (Japan)" in text
    # The meeting where it was signed.
    visit = Meeting.objects.get(title="Official visit of Kamikawa Yoko to Cambodia")
    assert f'<a href="/meeting/{visit.pk}/">{visit.title}</a>' in page
    assert "Signed at Official visit of Kamikawa Yoko to Cambodia" in text
    # Its terms and the sentence it was read from, linked to that place in the document.
    assert "to implement the National Road No. 5 Improvement Project" in text
    evidence = Evidence.objects.get(agreement=loan)
    assert "2. Loan (approximately USD 59.6 million) to implement" in evidence.quote
    assert f'<blockquote cite="/documents/{evidence.document_id}/#ev-{evidence.pk}">' in page
    assert html.escape(evidence.quote) in page
    assert f'href="/documents/{evidence.document_id}/#ev-{evidence.pk}"' in page
    assert 'href="/countries/jp-kh/"' in page


def test_every_source_is_quoted_with_a_link_to_its_place(client, ingested):
    partnership = Agreement.objects.get(title="Comprehensive Strategic Partnership")
    evidence = list(Evidence.objects.filter(agreement=partnership))
    assert len(evidence) >= 3
    page = client.get(reverse("relations:agreement", args=[partnership.pk])).content.decode()
    for ev in evidence:
        assert html.escape(ev.quote) in page
        assert f'href="/documents/{ev.document_id}/#ev-{ev.pk}"' in page
        assert html.escape(ev.document.title) in page
    text = text_of(client.get(reverse("relations:agreement", args=[partnership.pk])))
    assert "Amount Not stated" in text and "Date Not stated" in text
    assert "Signatories Not named in the sources" in text


def test_a_merged_agreement_redirects_to_the_one_it_was_merged_into(client, ingested):
    survivor = Agreement.objects.get(title=POWER)
    middle = Agreement.objects.get(kind="grant")
    merged = Agreement.objects.get(title__startswith=ROAD)
    middle.merged_into = survivor
    middle.save()
    merged.merged_into = middle
    merged.save()
    response = client.get(f"/agreements/{merged.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/agreements/{survivor.pk}/"
    # The survivor stands for both: it quotes their sources too.
    page = client.get(response["Location"]).content.decode()
    assert html.escape(Evidence.objects.get(agreement=middle).quote) in page


@pytest.mark.parametrize(
    "path", ["/agreements/999999/", "/agreements/0/", "/agreements/" + "9" * 30 + "/"]
)
def test_unknown_agreements_are_not_found(client, ingested, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_rejected_agreement_is_not_found(client, ingested):
    loan = Agreement.objects.get(title__startswith=ROAD)
    assert client.get(f"/agreements/{loan.pk}/").status_code == 200
    loan.review_state = "rejected"
    loan.save()
    assert client.get(f"/agreements/{loan.pk}/").status_code == 404


def test_a_merged_signatory_shows_as_the_official_it_was_merged_into(client, ingested):
    loan = Agreement.objects.get(title__startswith=ROAD)
    kamikawa = Official.objects.get(name="Kamikawa Yoko")
    twin = Official.objects.create(name="Yoko Kamikawa", merged_into=kamikawa)
    loan.signatories.remove(kamikawa)
    loan.signatories.add(twin)
    page = client.get(f"/agreements/{loan.pk}/").content.decode()
    assert f'<a href="/officials/{kamikawa.pk}/">Kamikawa Yoko</a>' in page
    assert f"/officials/{twin.pk}/" not in page


# ---------------------------------------------------------------- queries


def _many_agreements(n: int) -> None:
    japan, _ = Country.objects.get_or_create(code="JP", defaults={"name": "Japan"})
    cambodia, _ = Country.objects.get_or_create(code="KH", defaults={"name": "Cambodia"})
    start = Agreement.objects.count()
    for i in range(start, start + n):
        a = Agreement.objects.create(
            kind=("loan", "grant", "mou")[i % 3],
            title=f"Agreement {i:03d}",
            amount=Decimal(1_000_000 * (i + 1)) if i % 3 != 2 else None,
            currency=("USD", "JPY", "")[i % 3],
            date=dt.date(2010 + i % 12, 1 + i % 12, 1) if i % 5 != 4 else None,
            status=("signed", "announced", "agreed")[i % 3],
        )
        a.parties.add(japan, cambodia)
        signer = Official.objects.create(name=f"Signer Person{i}", country=japan)
        a.signatories.add(signer)


@pytest.mark.parametrize(
    "path",
    [
        "/agreements/",
        "/agreements/?kind=loan&party=JP&year=2010",
        "/agreements/?q=agreement&currency=USD&status=signed",
        "/agreements/?format=csv",
        "/agreements/?kind=loan&format=json",
    ],
)
def test_the_list_makes_the_same_few_queries_for_1_and_50_agreements(
    client, db, path, django_assert_max_num_queries
):
    _many_agreements(1)
    # Facets (7, + the party facet's Unknown), totals, count, rows, parties, data version.
    with django_assert_max_num_queries(14) as one:
        first = client.get(path)
        first_body = first.getvalue()  # an export streams: its queries run as it is read
    _many_agreements(49)
    with django_assert_max_num_queries(14) as fifty:
        second = client.get(path)
        second_body = second.getvalue()
    assert len(fifty.captured_queries) == len(one.captured_queries)
    assert first.status_code == second.status_code == 200
    # The same query matched rows both times, and more of them the second time.
    assert "Agreement 000" in first_body.decode()
    assert len(second_body) > len(first_body)


def test_an_agreement_page_makes_the_same_few_queries_for_1_and_50_signatories_and_sources(
    client, db, django_assert_max_num_queries
):
    japan = Country.objects.create(code="JP", name="Japan")
    cambodia = Country.objects.create(code="KH", name="Cambodia")
    meeting = Meeting.objects.create(kind="summit", title="Summit", start_date=dt.date(2024, 1, 1))
    agreement = Agreement.objects.create(
        kind="loan", title="A loan", amount=Decimal(5), currency="USD", meeting=meeting
    )
    agreement.parties.add(japan, cambodia)
    url = f"/agreements/{agreement.pk}/"

    def add(n: int) -> None:
        for _ in range(n):
            i = agreement.signatories.count()
            official = Official.objects.create(name=f"Person {i}", country=japan)
            official.positions.create(title="Minister of Finance", first_seen=dt.date(2024, 1, 1))
            agreement.signatories.add(official)
            doc = Document.objects.create(file_name=f"d{i}.txt", sha256=f"{i:064d}", text="x")
            Evidence.objects.create(
                document=doc, agreement=agreement, fingerprint="f", start=0, end=1, quote=f"q{i}"
            )

    add(1)
    with django_assert_max_num_queries(8) as one:
        assert client.get(url).status_code == 200
    add(49)
    with django_assert_max_num_queries(8) as fifty:
        response = client.get(url)
    assert len(fifty.captured_queries) == len(one.captured_queries)
    assert text_of(response).count("Minister of Finance (Japan)") == 50
    assert "q49" in text_of(response)


def test_a_currency_typed_in_lower_case_ticks_the_same_value(client, ingested):
    response = client.get("/agreements/?currency=usd")
    counts = facet_counts(response, "currency")
    assert "usd" not in counts and counts["USD"] == 2
    assert 'aria-current="true" class="selected"' in response.content.decode()
