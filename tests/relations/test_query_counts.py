"""Every public page makes the same number of SQL queries with 1 row as with 50 and more.

The data comes from `generate_kb` (meetings with participants, officials with aliases and
posts, agreements, documents with evidence): once with one meeting, then with a thousand
(over 50 meetings, officials, agreements and documents). Each page is asked for twice:
cold (no kept counts: what the first visitor after an edit gets) and warm.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from documents.models import Document
from relations import facet_cache
from relations.models import Agreement, Meeting, Official

# page -> (cold, warm) number of queries. Warm pages read the data version, then their rows
# and what the rows show; cold ones also count (facets, totals, months) what is then kept:
# a facet of a to-many relation (countries, participants, topics, posts, parties) counts its
# Unknown bucket (rows with none) in one more query.
PINNED = {
    "home": (12, 5),  # cold: the timeline's meetings with their people, and posts (kept)
    "meetings": (16, 4),
    "meetings filtered": (17, 5),
    "meetings csv": (7, 4),  # no facets: the count, then the rows, streamed
    # The year and month pages count the list's facets (but the year) for their meetings.
    # Warm: the page's visits and other meetings, the meetings inside those visits, then the
    # countries and people of both at once.
    "meetings year": (18, 5),
    "meetings month": (18, 6),
    # Cold: the data version, the meeting, its participants and their posts, countries,
    # topics, the meetings inside it, its agreements and sources; then kept until the data
    # changes, so warm it reads the data version only.
    "meeting": (9, 1),
    # Cold: + every official's number of meetings and years, in one grouped query (kept).
    "officials": (10, 3),
    # Cold: + the ranking of the officials the name finds (the names of each, kept).
    "officials search": (12, 4),
    # Warm: the official and the data version. Cold also what is kept until the data
    # changes: names, posts, the sources, the agreements signed; the meetings' ids newest
    # first and the official's role in each, the people met and their posts (three); the
    # timeline's two (the official's dated meetings with who took part, and those people's
    # posts); and the page's meetings, drawn.
    "official": (14, 2),
    "agreements": (13, 3),  # + the totals per currency, the Given by/Given to facets (kept)
    "agreement": (5, 5),
    "documents": (6, 2),
    "document": (2, 2),
    # Cold: the meetings counted, the timeline's two, the visits' directions from three
    # queries of plain values, the agreements by year and their totals (kept until the data
    # changes). This pair has no official visit; the latest visits with their people add
    # three, cold and warm (tests/relations/test_country_pages.py pins that pair page).
    "countries": (10, 2),
    # The data version, a few rows of each kind; cold, the officials' numbers of meetings and
    # ranking (as the officials search) and a count for a kind with more than it shows.
    "search": (7, 5),
}


def pages() -> dict[str, str]:
    """The address of each page, for rows that exist at both sizes."""
    meeting = Meeting.objects.order_by("pk").first()
    country = meeting.countries.order_by("code").first()
    other = Meeting.countries.through.objects.exclude(country=country).first().country
    year, month = meeting.start_date.year, meeting.start_date.month
    official = Official.objects.order_by("pk").first()
    busiest = Meeting.objects.annotate(n=Count("participations")).order_by("-n", "pk").first()
    return {
        "home": "/",
        "meetings": "/meetings/",
        "meetings filtered": f"/meetings/?kind={meeting.kind}&country={country.code}",
        "meetings csv": "/meetings/?format=csv",
        "meetings year": f"/meetings/{year}/",
        "meetings month": f"/meetings/{year}/{month:02d}/",
        "meeting": f"/meeting/{busiest.pk}/",
        "officials": "/officials/",
        "officials search": f"/officials/?q={official.family_name}",
        "official": f"/officials/{official.pk}/",
        "agreements": "/agreements/",
        "agreement": f"/agreements/{Agreement.objects.order_by('pk').first().pk}/",
        "documents": "/documents/",
        "document": f"/documents/{Document.objects.order_by('pk').first().pk}/",
        "countries": "/countries/{}-{}/".format(*sorted([country.code, other.code])).lower(),
        "search": f"/search/?q={official.family_name}",
    }


@pytest.fixture(autouse=True)
def _rendered(settings):
    """The queries of rendering each page: kept whole pages (one read) are pinned apart, in
    test_kept_pages."""
    settings.KEPT_PAGES = False


def measure(client, paths: dict[str, str]) -> dict[str, tuple[int, int]]:
    counts = {}
    for name, path in paths.items():
        facet_cache.clear()
        runs = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
                response.getvalue()  # an export streams: its queries run as it is read
            assert response.status_code == 200, (name, path, response.status_code)
            runs.append(len(queries.captured_queries))
        counts[name] = tuple(runs)
    return counts


def test_every_page_makes_the_same_queries_for_1_and_for_50_rows(client, db):
    call_command("generate_kb", meetings=1, seed=3, verbosity=0)
    paths = pages()
    one = measure(client, paths)

    call_command("generate_kb", meetings=1000, seed=4, verbosity=0)
    assert Meeting.objects.count() > 50 and Official.objects.count() > 50
    assert Agreement.objects.count() > 50 and Document.objects.count() >= 50
    many = measure(client, paths)

    assert one == PINNED
    assert many == PINNED


def test_the_pages_really_show_many_rows_at_the_larger_size(client, db):
    """The pinned counts above hold for full pages, not for near-empty ones."""
    call_command("generate_kb", meetings=1000, seed=4, verbosity=0)
    html = client.get("/meetings/").content.decode()
    assert html.count('class="meeting-item"') == 25
    assert "Next →" in html
    official = Official.objects.order_by("pk").first()
    html = client.get(f"/officials/?q={official.family_name}").content.decode()
    assert official.name in html
