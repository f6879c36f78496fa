"""Lists sort by date either way, page to the first and last page, and total loans."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from relations.models import Agreement, Country, Meeting

pytestmark = pytest.mark.django_db


def titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/(?:meeting|agreements)/\d+/">([^<]+)</a></h3>', html)


@pytest.fixture
def meetings(db):
    for i in range(60):
        Meeting.objects.create(
            kind="dialogue", title=f"Talks {i:02}", start_date=dt.date(2020, 1, 1) + dt.timedelta(i)
        )
    Meeting.objects.create(kind="dialogue", title="Undated talks")


def test_meetings_sort_oldest_first_with_undated_last_either_way(client, meetings):
    oldest = client.get("/meetings/?sort=oldest").content.decode()
    assert titles(oldest)[:3] == ["Talks 00", "Talks 01", "Talks 02"]
    assert '<strong aria-current="true">Oldest first</strong>' in oldest
    newest = client.get("/meetings/").content.decode()
    assert titles(newest)[:2] == ["Talks 59", "Talks 58"]
    last = client.get("/meetings/?sort=oldest&page=3").content.decode()
    assert titles(last)[-1] == "Undated talks"
    assert titles(client.get("/meetings/?page=3").content.decode())[-1] == "Undated talks"
    # The export follows the order asked for.
    rows = client.get("/meetings/?sort=oldest&format=csv").getvalue().decode().splitlines()
    assert "Talks 00" in rows[1]


def test_the_order_survives_applying_a_search(client, meetings):
    html = client.get("/meetings/?sort=oldest").content.decode()
    assert '<input type="hidden" name="sort" value="oldest">' in html


def test_pages_link_to_the_first_and_last(client, meetings):
    first = client.get("/meetings/").content.decode()
    assert "Last »" in first and "« First" not in first  # page 2 of 3 is next anyway
    middle = client.get("/meetings/?page=2").content.decode()
    assert "« First" not in middle and "Last »" not in middle
    for _ in range(60):  # 121 meetings: 5 pages
        Meeting.objects.create(kind="summit", title="More", start_date=dt.date(2019, 1, 1))
    third = client.get("/meetings/?page=3").content.decode()
    assert 'href="?page=1#results">« First</a>' in third  # opens at the results
    assert 'href="?page=5#results">Last »</a>' in third


def test_a_bad_order_is_a_readable_400(client, meetings):
    response = client.get("/meetings/?sort=sideways")
    assert response.status_code == 400
    assert "“sideways” is not an order: write newest or oldest." in response.content.decode()


def test_the_loans_japan_gave_cambodia_are_totalled_per_currency(client, db):
    jp = Country.objects.create(code="JP", name="Japan")
    kh = Country.objects.create(code="KH", name="Cambodia")
    th = Country.objects.create(code="TH", name="Thailand")
    for title, amount, currency, parties in [
        ("Road loan", "59600000", "USD", [jp, kh]),
        ("Power loan", "8000000000", "JPY", [jp, kh]),
        ("Port loan", "400000", "USD", [jp, kh]),
        ("Rail loan to Thailand", "1000000", "USD", [jp, th]),
        ("Loan without an amount", None, "", [jp, kh]),
    ]:
        a = Agreement.objects.create(
            kind="loan", title=title, amount=Decimal(amount) if amount else None, currency=currency
        )
        a.parties.add(*parties)
    html = client.get("/agreements/?kind=loan&pair=jp-kh").content.decode()
    totals = re.sub(r"<[^>]+>", "", html.split('<p class="totals">', 1)[1].split("</p>", 1)[0])
    assert "JPY 8 billion (1 agreement)" in totals
    assert "USD 60 million (2 agreements)" in totals
    everything = re.sub(r"<[^>]+>", "", client.get("/agreements/").content.decode())
    assert "USD 61 million (3 agreements)" in everything
