"""Long lists: facets cut to their top values link to more, periods and lists come in pages."""

import datetime as dt
import re

from relations import paging
from relations.models import Country, Meeting, Official, Participation


def facet_labels(html: str, facet: str) -> list[str]:
    start = html.index(f'id="facet-{facet}"')
    section = html[start : html.index("</section>", start)]
    return re.findall(r'class="facet-label">(?:<span[^>]*>✓ </span>)?([^<]+)</span>', section)


def meetings_with_people(n: int, day: dt.date) -> None:
    japan, _ = Country.objects.get_or_create(code="JP", defaults={"name": "Japan"})
    for i in range(n):
        m = Meeting.objects.create(kind="dialogue", title=f"Talks {i}", start_date=day)
        m.countries.add(japan)
        person = Official.objects.create(name=f"Person Number{i}")
        Participation.objects.create(meeting=m, official=person)


def test_a_cut_facet_links_to_more_of_its_values(client, db):
    meetings_with_people(15, dt.date(2020, 5, 1))
    html = client.get("/meetings/").content.decode()
    assert len(facet_labels(html, "participant")) == 12
    more = re.search(r'<a href="([^"]+)" rel="nofollow">Show more participant values</a>', html)
    assert more
    html = client.get("/meetings/" + more.group(1).replace("&amp;", "&")).content.decode()
    assert len(facet_labels(html, "participant")) == 15
    assert "Show more participant values" not in html


def test_a_year_comes_a_page_of_visits_at_a_time_with_the_meetings_inside_them(client, db):
    meetings_with_people(30, dt.date(2020, 3, 1))
    visit = Meeting.objects.create(
        kind="official_visit",
        title="Visit to Japan",
        start_date=dt.date(2020, 1, 10),
        end_date=dt.date(2020, 1, 12),
    )
    Meeting.objects.create(
        kind="courtesy_call", title="Call inside", start_date=dt.date(2020, 1, 11), parent=visit
    )
    first = client.get("/meetings/2020/").content.decode()
    assert first.count('<div class="visit-group">') == 25
    assert "32 meetings" in first and "Page 1 of 2" in first
    last = client.get("/meetings/2020/?page=2").content.decode()
    assert last.count('<div class="visit-group">') == 6
    visit_at = last.index("Visit to Japan")
    assert last.index('<ol class="inside"', visit_at) < last.index("Call inside")


def test_a_list_stops_after_its_last_offered_page_and_says_so(client, db, monkeypatch):
    monkeypatch.setattr(paging, "MAX_PAGES", 2)
    meetings_with_people(60, dt.date(2021, 6, 1))
    html = client.get("/meetings/?page=3").content.decode()
    assert "Page 2 of 2" in html
    assert "The list stops after 2 pages" in html
    assert "60 meetings" in html
