"""Officials in search results say the years of their meetings (first–last)."""

import json

import pytest
from django.db.models import Max, Min

from relations import selectors
from relations.models import Meeting, Official

pytestmark = pytest.mark.django_db


def _years(official: Official) -> str:
    dates = (
        selectors.meetings()
        .filter(participations__official=official, start_date__isnull=False)
        .aggregate(first=Min("start_date"), last=Max("start_date"))
    )
    first, last = dates["first"].year, dates["last"].year
    return f"met {first}–{last}" if first != last else f"met {first}"


def test_search_results_say_the_years_of_each_officials_meetings(client, ingested):
    busiest = max(
        Official.objects.filter(participations__isnull=False).distinct(),
        key=lambda o: o.participations.count(),
    )
    expected = _years(busiest)
    word = busiest.name.split()[-1]
    for path in ("/search/", "/officials/"):
        html = client.get(path, {"q": word}).content.decode()
        assert f'<span class="active-years" title="Years of their meetings">{expected}' in html


def test_an_official_with_meetings_over_several_years_shows_a_range(client, ingested):
    official = Official.objects.create(name="Test Person Spanning")
    for year in (2011, 2019, 2015):
        meeting = Meeting.objects.create(title=f"Talks {year}", start_date=f"{year}-03-01")
        meeting.participations.create(official=official)
    undated = Meeting.objects.create(title="Talks undated")
    undated.participations.create(official=official)
    html = client.get("/officials/", {"q": "spanning"}).content.decode()
    assert "met 2011–2019" in html
    data = json.loads(client.get("/officials/", {"q": "spanning", "format": "json"}).getvalue())
    row = next(r for r in data["rows"] if r["name"] == "Test Person Spanning")
    assert (row["first_year"], row["last_year"]) == (2011, 2019)
