"""Every facet has an "Unknown" bucket for rows without the value (no place, no date, no
country, no currency...): counted, and a filter value that lists exactly those rows."""

import datetime as dt
import json

import pytest

from relations.models import Agreement, Country, Meeting, Official

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(db):
    jp = Country.objects.create(code="JP", name="Japan")
    kh = Country.objects.create(code="KH", name="Cambodia")
    somebody = Official.objects.create(name="Some One", country=jp)
    Official.objects.create(name="No Country")
    dated = Meeting.objects.create(
        kind="dialogue", title="Dated in Tokyo", start_date=dt.date(2020, 5, 1), location="Tokyo"
    )
    dated.countries.add(jp, kh)
    dated.participations.create(official=somebody)
    Meeting.objects.create(kind="dialogue", title="Nowhere, no date")
    placed = Meeting.objects.create(
        kind="summit", title="Placed, no country", start_date=dt.date(2021, 1, 2), location="Osaka"
    )
    placed.topics.create(name="Trade")
    Agreement.objects.create(kind="loan", title="Loan in yen", amount=100, currency="JPY")
    Agreement.objects.create(kind="grant", title="Grant, no sum")


def facet(response, name: str) -> dict[str, tuple[int, str]]:
    found = next(f for f in response.context["facets"] if f.name == name)
    return {v.label: (v.count, v.toggle_url) for v in found.values}


def titles(client, path: str) -> list[str]:
    rows = json.loads(client.get(path + "&format=json").getvalue())["rows"]
    return sorted(r.get("title") or r.get("name") for r in rows)


@pytest.mark.parametrize(
    ("page", "name", "unknown"),
    [
        ("/meetings/", "location", ["Nowhere, no date"]),
        ("/meetings/", "year", ["Nowhere, no date"]),
        ("/meetings/", "country", ["Nowhere, no date", "Placed, no country"]),
        ("/meetings/", "participant", ["Nowhere, no date", "Placed, no country"]),
        ("/meetings/", "topic", ["Dated in Tokyo", "Nowhere, no date"]),
        ("/agreements/", "currency", ["Grant, no sum"]),
        ("/agreements/", "year", ["Grant, no sum", "Loan in yen"]),
        ("/agreements/", "party", ["Grant, no sum", "Loan in yen"]),
        ("/officials/", "country", ["No Country"]),
    ],
)
def test_the_unknown_bucket_counts_and_lists_the_rows_without_a_value(
    client, data, page, name, unknown
):
    count, url = facet(client.get(page), name)["Unknown"]
    assert count == len(unknown)
    assert url == f"?{name}=unknown"
    assert titles(client, page + url) == unknown


def test_unknown_combines_with_a_value_of_the_same_facet_as_either(client, data):
    assert titles(client, "/meetings/?location=unknown&location=Tokyo") == [
        "Dated in Tokyo",
        "Nowhere, no date",
    ]
    response = client.get("/meetings/?location=unknown")
    assert "Location: Unknown" in response.content.decode()  # its chip
    assert facet(response, "kind") == {"Dialogue": (1, "?kind=dialogue&location=unknown")}


def test_a_facet_without_missing_values_has_no_unknown_bucket(client, data):
    assert "Unknown" not in facet(client.get("/meetings/"), "kind")
