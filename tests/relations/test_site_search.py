"""One search box across kinds (`/search/?q=`), and the meetings list searching people,
places and topics too."""

import re

import pytest

pytestmark = pytest.mark.django_db


def group(html: str, kind: str) -> tuple[int, list[str]]:
    section = html.split(f'id="group-{kind}"', 1)[1].split("</section>", 1)[0]
    count = int(re.search(r'<span class="count">(\d+)</span>', section).group(1))
    return count, re.findall(r"<li>\s*<a [^>]*>([^<]+)</a>", section)


def results_count(html: str) -> int:
    return int(re.search(r'class="results-count">(\d+) ', html).group(1))


def test_hayashi_finds_him_his_two_meetings_and_the_sources(client, ingested):
    html = client.get("/search/?q=hayashi").content.decode()
    assert group(html, "officials") == (1, ["Yoshimasa Hayashi"])
    count, meetings = group(html, "meetings")
    assert count == 2
    assert "Official visit of Prak Sokhonn to Japan" in meetings  # he hosted it, unnamed
    assert group(html, "sources")[0] >= 1


def test_each_groups_count_is_the_count_of_its_list(client, ingested):
    for query in ("hayashi", "Peace Palace", "demining", "loan"):
        html = client.get(f"/search/?q={query}").content.decode()
        for kind, path in (("meetings", "/meetings/"), ("agreements", "/agreements/")):
            count, _ = group(html, kind)
            listed = client.get(path, {"q": query}).content.decode()
            assert results_count(listed) == count, (query, kind)


def test_the_meetings_list_searches_places_people_and_topics(client, ingested):
    assert results_count(client.get("/meetings/?q=Peace+Palace").content.decode()) >= 1
    assert results_count(client.get("/meetings/?q=demining").content.decode()) >= 1
    assert results_count(client.get("/meetings/?q=Hayashi").content.decode()) == 2


def test_every_page_has_the_search_box(client, ingested):
    html = client.get("/meetings/").content.decode()
    assert 'action="/search/" role="search"' in html
    assert '<label for="site-q" class="visually-hidden">Search everything</label>' in html


@pytest.mark.parametrize(
    ("query", "status", "text"),
    [
        ("", 200, "Officials, meetings, agreements and sources"),
        ("x" * 300, 400, "Search: write at most 200 characters."),
        ("a%00b", 400, "Search: null characters are not allowed."),
        ("zzzqqq", 200, "0 results for"),
    ],
)
def test_odd_searches_get_a_readable_answer(client, ingested, query, status, text):
    response = client.get(f"/search/?q={query}")
    assert response.status_code == status
    assert text in response.content.decode()
