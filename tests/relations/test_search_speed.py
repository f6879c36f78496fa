"""Name search at scale (issue 15): the officials list searched by name and the site search
make a fixed number of queries however many officials match, and rank from numbers kept
per data version (relations.search.kept_activity, _ranks) that every write renews: the
order a reader sees is the one a count per match gave, exact names first."""

import datetime as dt
import re

import pytest

from relations import facet_cache, search, selectors
from relations.models import Meeting, Official, Participation, ReviewState
from tests.relations.test_official_pages import names
from tests.relations.test_site_search import group

pytestmark = pytest.mark.django_db

HAYASHI = "Yoshimasa Hayashi"

RANKED = [
    "Hayashi",  # the query itself: first, though with no meeting
    "Hayashi Taro",  # whole words: the most meetings first
    HAYASHI,
    "Sato Hayashiba",  # a word start, with more meetings than all above
    "Ken Nakahayashi",  # inside a word, with the most meetings of all
]


def _meeting(title: str, day: dt.date, *people: Official, **fields) -> Meeting:
    meeting = Meeting.objects.create(
        kind="bilateral_meeting", title=title, start_date=day, **fields
    )
    for person in people:
        Participation.objects.create(meeting=meeting, official=person)
    return meeting


def _official(name: str, meetings: int = 0) -> Official:
    person = Official.objects.create(name=name)
    for i in range(meetings):
        _meeting(f"{name} talks {i}", dt.date(2020 + i, 1, 1), person)
    return person


@pytest.fixture
def hayashis() -> dict[str, Official]:
    counts = {"Hayashi": 0, "Hayashi Taro": 3, HAYASHI: 2, "Sato Hayashiba": 5}
    people = {name: _official(name, n) for name, n in counts.items()}
    people["Ken Nakahayashi"] = _official("Ken Nakahayashi", 9)
    return people


def meeting_counts(response) -> list[int]:
    """The number of meetings each listed official shows, in order."""
    html = response.content.decode()
    return [int(n) for n in re.findall(r'<span class="meetings">(\d+) meetings?</span>', html)]


# ---------------------------------------------------------------- the order readers see


def test_the_exact_name_comes_first_then_whole_words_by_number_of_meetings(client, hayashis):
    response = client.get("/officials/?q=hayashi")
    assert names(response) == RANKED
    assert meeting_counts(response) == [0, 3, 2, 5, 9]
    officials = group(client.get("/search/?q=hayashi").content.decode(), "officials")
    assert officials == (5, RANKED)


def test_the_order_follows_a_meeting_added_after_the_numbers_were_kept(client, hayashis):
    assert names(client.get("/officials/?q=hayashi"))[1:3] == ["Hayashi Taro", HAYASHI]
    for i in range(2):  # Yoshimasa Hayashi: 2 -> 4 meetings, one more than Hayashi Taro
        _meeting(f"New talks {i}", dt.date(2025, 1, 1 + i), hayashis[HAYASHI])
    response = client.get("/officials/?q=hayashi")
    assert names(response)[1:3] == [HAYASHI, "Hayashi Taro"]
    assert meeting_counts(response)[1:3] == [4, 3]
    officials = group(client.get("/search/?q=hayashi").content.decode(), "officials")
    assert officials[1][1:3] == [HAYASHI, "Hayashi Taro"]


def test_titles_in_the_query_still_make_the_name_exact(client, hayashis):
    # 'Minister' is dropped from the search, and the name is exact with or without it.
    assert names(client.get("/officials/?q=Minister+Hayashi"))[0] == "Hayashi"
    assert names(client.get("/officials/?q=Hayashi+Taro")) == ["Hayashi Taro"]


def test_meetings_are_counted_as_the_officials_page_lists_them(client):
    """Merged records and merged meetings count once, for their survivor; rejected meetings,
    and meetings merged into a rejected one, do not count; the years are those of the
    meetings that count."""
    person = _official("Test Person Counted")
    duplicate = Official.objects.create(name="T. P. Counted", merged_into=person)
    _meeting("Plain", dt.date(2011, 5, 1), person)
    _meeting("Rejected", dt.date(2001, 5, 1), person, review_state=ReviewState.REJECTED)
    survivor = _meeting("Survivor", dt.date(2015, 5, 1), person)
    _meeting("Merged copy", dt.date(2016, 5, 1), person, merged_into=survivor)
    gone = _meeting("Rejected survivor", dt.date(2030, 5, 1), review_state=ReviewState.REJECTED)
    _meeting("Merged into a rejected one", dt.date(2031, 5, 1), person, merged_into=gone)
    _meeting("The duplicate's", dt.date(2019, 5, 1), duplicate)

    assert search.count_activity().of(person.pk) == (3, 2011, 2019)
    response = client.get("/officials/?q=counted")
    assert names(response) == ["Test Person Counted"]
    assert meeting_counts(response) == [3]
    assert "met 2011–2019" in response.content.decode()
    page = client.get(f"/officials/{person.pk}/").content.decode()
    assert re.search(r"<dt>Meetings</dt><dd>(?:<a [^>]+>)?(\d+)", page).group(1) == "3"


def test_an_official_without_meetings_has_none_and_no_years():
    person = _official("Nobody Met")
    assert search.count_activity().of(person.pk) == (0, None, None)


# ---------------------------------------------------------------- queries


def _officials_named_lee(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        _official(f"Lee Number{i}", meetings=1 + i % 3)


# Cold (nothing kept): the data version, every official's number of meetings and years, the
# ranking of the officials the name finds, the three facets (+ the Unknown bucket of the two
# to-many ones) and the total, then the page: its rows, their posts and aliases.
OFFICIALS_SEARCH = {"cold": 12, "warm": 4}
# Cold: the data version, the numbers of meetings and the ranking (as above), then for each
# kind its first rows and, when there are more than it shows, their count (kept). Warm: the
# data version and the rows kept as found, read by id (here officials and meetings: no
# agreement or source names Lee), not matched again.
SITE_SEARCH = {"cold": 9, "warm": 3}


@pytest.mark.parametrize("matches", [1, 30])
def test_the_officials_search_makes_the_same_queries_for_1_and_30_matches(
    client, django_assert_num_queries, matches
):
    _officials_named_lee(matches)
    with django_assert_num_queries(OFFICIALS_SEARCH["cold"]):
        assert client.get("/officials/?q=lee").status_code == 200
    with django_assert_num_queries(OFFICIALS_SEARCH["warm"]):
        response = client.get("/officials/?q=lee")
    assert len(names(response)) == min(matches, 25)


def test_the_site_search_makes_a_fixed_number_of_queries(client, django_assert_num_queries):
    _officials_named_lee(30)  # more officials and meetings named Lee than a group shows
    with django_assert_num_queries(SITE_SEARCH["cold"]):
        assert client.get("/search/?q=lee").status_code == 200
    with django_assert_num_queries(SITE_SEARCH["warm"]):
        html = client.get("/search/?q=lee").content.decode()
    assert group(html, "officials")[0] == 30
    assert group(html, "meetings")[0] == sum(1 + i % 3 for i in range(30))


def test_the_site_searchs_kept_counts_follow_a_write(client):
    _officials_named_lee(12)
    before, _ = group(client.get("/search/?q=lee").content.decode(), "meetings")
    _meeting("Lee talks again", dt.date(2026, 1, 1))
    after, _ = group(client.get("/search/?q=lee").content.decode(), "meetings")
    assert after == before + 1


MEETING_TITLE = re.compile(r'class="meeting-item">.*?<h3><a href="[^"]+">([^<]+)</a>', re.S)


def _meeting_titles(html: str) -> list[str]:
    return MEETING_TITLE.findall(html)


def test_a_meetings_search_reads_the_meetings_it_found_and_follows_a_write(client):
    """The meetings a search finds are kept per query (selectors.meetings_found): its other
    pages and orders read them by id, and the next search after a write finds anew."""
    _officials_named_lee(12)  # 1 + i % 3 meetings each: 24
    _meeting("Seoul talks", dt.date(2019, 1, 1))  # found by no search for Lee
    first = client.get("/meetings/?q=lee").content.decode()
    assert len(_meeting_titles(first)) == 24 and "Seoul talks" not in first
    assert _meeting_titles(client.get("/meetings/?q=lee&sort=oldest").content.decode()) == list(
        reversed(_meeting_titles(first))
    )
    _meeting("Lee Number3 visits Seoul", dt.date(2026, 1, 1))
    after = _meeting_titles(client.get("/meetings/?q=lee").content.decode())
    assert after[0] == "Lee Number3 visits Seoul" and len(after) == 25


def test_a_search_finding_too_many_meetings_to_keep_is_matched_at_each_request(client, monkeypatch):
    _officials_named_lee(6)
    kept = _meeting_titles(client.get("/meetings/?q=lee").content.decode())
    monkeypatch.setattr(selectors, "KEPT_MATCHES", 3)  # fewer than the 12 found
    facet_cache.clear()
    assert _meeting_titles(client.get("/meetings/?q=lee&again=1").content.decode()) == kept


def test_a_search_alone_reads_its_page_by_id_in_the_order_the_database_gives(client):
    """With only a name search, a page's rows are read by id in the order the ranking works
    out in Python (`Ranking.order`); with a facet filter the database orders them. Both give
    the same order, rejected and merged officials left out, page after page."""
    _officials_named_lee(40)
    for twin in ("Lee Number3", "Lee Number7"):  # same name, same meetings: by id
        _official(twin, meetings=1 + int(twin[-1]) % 3)
    Official.objects.filter(name="Lee Number5").update(review_state=ReviewState.REJECTED)
    survivor = Official.objects.get(name="Lee Number6")
    Official.objects.filter(name="Lee Number9").update(merged_into=survivor)
    ranking = search.ranking("lee")
    in_database = ranking.apply(selectors.officials()).values_list("pk", flat=True)
    assert list(ranking.order) == list(in_database) and len(ranking.order) == 40
    shown = [names(client.get(f"/officials/?q=lee&page={page}")) for page in (1, 2)]
    assert len(shown[0]) == 25 and len(shown[1]) == 15
    by_id = dict(Official.objects.values_list("pk", "name"))
    assert shown[0] + shown[1] == [by_id[pk] for pk in ranking.order]
    assert "Lee Number5" not in shown[0] + shown[1] and "Lee Number9" not in shown[0] + shown[1]
