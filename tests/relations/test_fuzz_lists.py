"""Every list page, fuzzed: random facet values, dates, page numbers, formats and long or odd
Unicode searches never make the server fail (a 500). An invalid query may get a 400 page,
an impossible year or page a 404 or a redirect; nothing else.

Hypothesis draws each page's query from its real facet names plus unknown ones, each value
either a real one of the knowledge base, a near miss, a number or date out of range, or
any text (control characters, NUL, emoji, right-to-left marks, up to 2,000 characters).
30 examples a page by default; FUZZ_EXAMPLES=300 digs deeper (docs/operations.md).
"""

import os
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from relations.models import AgreementKind, AgreementStatus, MeetingKind

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 30)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ACCEPTABLE = {200, 301, 302, 400, 404}

any_text = st.text(
    st.characters(blacklist_categories=["Cs"]),  # lone surrogates cannot be sent at all
    max_size=60,
)
long_text = st.text(st.characters(blacklist_categories=["Cs"]), min_size=200, max_size=2_000)
numbers = st.integers(min_value=-(10**20), max_value=10**20).map(str)
dates = st.one_of(
    st.dates().map(str),
    st.tuples(numbers, numbers, numbers).map("-".join),
    st.sampled_from(["2024-02-30", "0000-01-01", "9999-12-31", "2024-13-01", "today", ""]),
)
odd = st.sampled_from(
    ["", " ", "\x00", "%", "_", "'", '"', "\\", "*", "‮rtl", "😀" * 50, "a" * 10_000, "0x1F"]
)


def values(*real: str) -> st.SearchStrategy[str]:
    known = [st.sampled_from(list(real))] if real else []
    return st.one_of(*known, any_text, numbers, odd, long_text)


def queries(**params: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    common = {
        "q": values("Hun", "Japan", "minister"),
        "page": st.one_of(numbers, st.sampled_from(["1", "2", "last", "0", "-1"]), any_text),
        "format": st.sampled_from(["csv", "json", "xml", "", "CSV"]),
        "nonsense": any_text,
    }
    keys = {**common, **params}
    pair = st.sampled_from(sorted(keys)).flatmap(lambda k: st.tuples(st.just(k), keys[k]))
    return st.lists(pair, max_size=6).map(lambda pairs: urlencode(pairs))


def assert_answers(client, path: str, query: str) -> None:
    response = client.get(f"{path}?{query}")
    assert response.status_code in ACCEPTABLE, (path, query, response.status_code)


MEETINGS = queries(
    year=values("2023", "2024", "1999"),
    kind=values(*MeetingKind.values),
    country=values("JP", "KH", "jp", "XX"),
    participant=values("1", "2", "999999"),
    location=values("Tokyo", "Phnom Penh"),
    topic=values("trade", "security"),
    date_from=dates,
    date_to=dates,
    pair=values("jp-kh", "KH-jp", "jp-jp", "jp-xx", "jp-kh-th"),
    participants=values("all", "any"),
    sort=values("newest", "oldest"),
)
LISTS = {
    "relations:meetings": MEETINGS,
    "relations:officials": queries(
        country=values("JP", "KH"),
        post=values("Prime Minister", "Minister for Foreign Affairs"),
        organisation=values("Ministry of Foreign Affairs"),
    ),
    "relations:agreements": queries(
        kind=values(*AgreementKind.values),
        status=values(*AgreementStatus.values),
        currency=values("USD", "JPY", "usd", "ZZZ"),
        year=values("2023", "2024"),
        party=values("JP", "KH"),
        pair=values("jp-kh", "kh-jp", "jp-jp"),
        sort=values("newest", "oldest"),
    ),
    "documents:list": queries(
        publisher=values("Khmer Times", "MOFA"),
        kind=values("news", "press_release", "analysis", "other"),
        year=values("2023", "2024"),
    ),
}


@pytest.mark.parametrize("page", sorted(LISTS))
@FUZZ
@given(data=st.data())
def test_list_page(client, ingested, page, data):
    assert_answers(client, reverse(page), data.draw(LISTS[page], label="query"))


@FUZZ
@given(
    year=st.integers(min_value=0, max_value=9999),
    month=st.one_of(st.none(), st.integers(min_value=1, max_value=12)),
    query=MEETINGS,
)
def test_meetings_by_year_and_month(client, ingested, year, month, query):
    path = f"/meetings/{year:04d}/" + (f"{month:02d}/" if month else "")
    assert_answers(client, path, query)


@FUZZ
@given(query=queries())
def test_site_search(client, ingested, query):
    assert_answers(client, reverse("relations:search"), query)


@FUZZ
@given(pair=st.one_of(st.sampled_from(["jp-kh", "kh-jp", "JP-KH", "jp-jp", "xx-yy"]), any_text))
def test_country_pair(client, ingested, pair):
    response = client.get("/countries/" + urlencode({"": pair})[1:] + "/")
    assert response.status_code in ACCEPTABLE, (pair, response.status_code)


ADMIN_LISTS = (
    "relations.official",
    "relations.meeting",
    "relations.agreement",
    "documents.document",
)


@settings(FUZZ, max_examples=20)
@given(
    model=st.sampled_from(ADMIN_LISTS),
    query=queries(
        p=numbers,
        o=st.one_of(numbers, st.sampled_from(["1", "-2", "1.2.3", "x"])),
        review_state=values("extracted", "verified", "rejected"),
        kind=values(*MeetingKind.values, *AgreementKind.values),
        country__id__exact=numbers,
        start_date__year=numbers,
        start_date__month=numbers,
        e=any_text,
        all=any_text,
    ),
)
@example(model="relations.meeting", query="q=%00&start_date__year=%00&o=%00")
@example(model="documents.document", query="q=%00&publisher=%00")
@example(model="relations.meeting", query="start_date__year=2147483648")  # Django: 500
@example(model="relations.agreement", query="date__year=9999")  # Django: year 10000, 500
def test_admin_lists(admin_client, ingested, model, query):
    app, name = model.split(".")
    assert_answers(admin_client, reverse(f"admin:{app}_{name}_changelist"), query)


@settings(FUZZ, max_examples=20)
@given(query=queries(kind=values("official", "meeting", "agreement"), p=numbers))
def test_admin_review_queue(admin_client, ingested, query):
    assert_answers(admin_client, reverse("admin:relations_review_queue"), query)


def test_a_nul_character_in_a_facet_gets_the_lists_bad_filter_page(client, ingested):
    """PostgreSQL refuses NUL in any text it compares: the filters refuse it first."""
    for url in (
        "/documents/?publisher=%00",
        "/meetings/?location=%00",
        "/officials/?post=%00&organisation=%00",
        "/agreements/?currency=%00",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Some filters could not be read" in response.content.decode(), url
    assert client.get("/documents/?publisher=%01").status_code == 200


def test_a_nul_character_in_an_admin_list_gets_its_bad_filter_answer(admin_client, db):
    for model in ADMIN_LISTS:
        app, name = model.split(".")
        for query in ("q=a%00b", "kind=%00", "x%00=1"):
            url = reverse(f"admin:{app}_{name}_changelist") + "?" + query
            response = admin_client.get(url)

            assert response.status_code == 302, url
            assert response["Location"].endswith("?e=1"), url
