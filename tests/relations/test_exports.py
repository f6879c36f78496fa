"""Downloads hold the whole filtered list, streamed, whichever page asks for them."""

import csv
import datetime as dt
import io
import json

import pytest

from relations.models import Country, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(db):
    jp = Country.objects.create(code="JP", name="Japan")
    kh = Country.objects.create(code="KH", name="Cambodia")
    for i in range(60):
        m = Meeting.objects.create(
            kind="courtesy_call" if i % 2 else "dialogue",
            title=f"Call {i:02}",
            start_date=dt.date(2020, 1, 1) + dt.timedelta(days=i),
            date_precision="day",
        )
        m.countries.add(jp if i % 3 else kh)


def test_the_csv_of_a_filtered_list_holds_every_matching_row_not_the_page(client, many):
    response = client.get("/meetings/?kind=courtesy_call&page=2&format=csv")
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="meetings.csv"'
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    expected = [f"Call {i:02}" for i in range(59, -1, -1) if i % 2]
    assert [r["title"] for r in rows] == expected  # 30 rows: more than a page, newest first
    assert rows[0]["date_precision"] == "day"
    assert rows[0]["countries"] in ("JP", "KH")


def test_the_json_says_how_many_rows_and_holds_them_all(client, many):
    response = client.get("/meetings/?country=KH&format=json")
    assert response.streaming and response["Content-Type"] == "application/json"
    data = json.loads(response.getvalue())
    assert data["count"] == len(data["rows"]) == 20
    assert data["rows"][0]["url"].startswith("http://testserver/meeting/")


def test_an_export_of_a_pair_holds_exactly_the_pairs_rows(client, many):
    m = Meeting.objects.get(title="Call 00")
    m.countries.add(Country.objects.get(code="JP"))
    data = json.loads(client.get("/meetings/?pair=jp-kh&format=json").getvalue())
    assert data["count"] == 1 and [r["title"] for r in data["rows"]] == ["Call 00"]


def test_an_empty_export_is_an_empty_list(client, many):
    data = json.loads(client.get("/meetings/?q=nothing-like-it&format=json").getvalue())
    assert data == {"count": 0, "rows": []}
    assert client.get("/meetings/?q=nothing-like-it&format=csv").getvalue() == b""
