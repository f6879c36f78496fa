"""Dates as a reader means them: a meeting is on the day it starts, for every filter and page."""

import datetime as dt
import re

import pytest

from relations.models import Country, Meeting

pytestmark = pytest.mark.django_db


def shown_count(html: str) -> int:
    return int(re.search(r'class="results-count">(\d+) ', html).group(1))


def titles(html: str) -> set[str]:
    return set(re.findall(r'<h3><a href="/meeting/\d+/">([^<]+)</a></h3>', html))


def year_facet(html: str) -> dict[str, int]:
    section = html.split('id="facet-year"', 1)[1].split("</section>", 1)[0]
    pairs = re.findall(
        r'<span class="facet-label">(?:<span aria-hidden="true">✓ </span>)?([^<]+)</span>\s*'
        r'<span class="count"[^>]*>(\d+)</span>',
        section,
    )
    return {label.strip(): int(n) for label, n in pairs}


@pytest.fixture
def dated(db):
    jp = Country.objects.create(code="JP", name="Japan")
    kh = Country.objects.create(code="KH", name="Cambodia")

    def add(title, start, end=None, country=jp, **fields):
        m = Meeting.objects.create(
            kind=fields.get("kind", "courtesy_call"), title=title, start_date=start, end_date=end
        )
        m.countries.add(country)
        return m

    add("One-day call, no end date", dt.date(2019, 3, 5))
    add("One-day call, same end date", dt.date(2019, 3, 5), dt.date(2019, 3, 5), country=kh)
    add("Visit over New Year", dt.date(2018, 12, 30), dt.date(2019, 1, 2), kind="official_visit")
    add("Visit from 31 March", dt.date(2019, 3, 31), dt.date(2019, 4, 2), kind="official_visit")
    add("Call in April", dt.date(2019, 4, 1), country=kh)
    add("New Year's Eve 2019", dt.date(2019, 12, 31))


def test_a_one_day_meeting_without_an_end_date_is_found_by_from_and_to(client, dated):
    html = client.get("/meetings/?date_from=2019-03-05&date_to=2019-03-05").content.decode()
    assert titles(html) == {"One-day call, no end date", "One-day call, same end date"}


def test_from_and_to_over_a_year_agree_with_the_year_facet(client, dated):
    facet = year_facet(client.get("/meetings/").content.decode())
    html = client.get("/meetings/?date_from=2019-01-01&date_to=2019-12-31").content.decode()
    assert shown_count(html) == facet["2019"] == 5
    year = client.get("/meetings/?year=2019").content.decode()
    assert titles(year) == titles(html)
    # The year page counts the same meetings.
    assert "5 meetings" in client.get("/meetings/2019/").content.decode()


def test_the_year_page_has_the_lists_facets_and_they_narrow_it(client, dated):
    html = client.get("/meetings/2019/").content.decode()
    for facet in ("kind", "country", "participant", "location", "topic"):
        assert f'id="facet-{facet}"' in html
    assert 'id="facet-year"' not in html
    narrowed = client.get("/meetings/2019/?country=KH").content.decode()
    assert "2 meetings" in narrowed
    assert "One-day call, same end date" in narrowed and "New Year's Eve 2019" not in narrowed
    # The month tiles count the narrowed meetings and keep the filter.
    assert 'href="/meetings/2019/04/?country=KH" aria-label="April: 1 meeting"' in narrowed
    assert client.get("/meetings/2019/?country=ZZ").status_code == 400


def test_a_visit_is_listed_in_the_month_it_starts_with_its_days_linked(client, dated):
    march = client.get("/meetings/2019/03/").content.decode()
    assert "Visit from 31 March" in march
    assert "Visit from 31 March" not in client.get("/meetings/2019/04/").content.decode()
    days = re.findall(r'<a href="(/meetings/\?[^"]+)" aria-label="(\d+) March: (\d+) ', march)
    assert [(day, n) for _, day, n in days] == [("5", "2"), ("31", "1")]
    for url, _, n in days:
        listed = client.get(url.replace("&amp;", "&")).content.decode()
        assert shown_count(listed) == int(n)


def test_a_calendar_day_keeps_the_months_filters(client, dated):
    march = client.get("/meetings/2019/03/?country=KH").content.decode()
    days = re.findall(r'<a href="(/meetings/\?[^"]+)" aria-label="(\d+) March', march)
    assert len(days) == 1
    url = days[0][0].replace("&amp;", "&")
    assert "country=KH" in url and "date_from=2019-03-05" in url
    assert titles(client.get(url).content.decode()) == {"One-day call, same end date"}
