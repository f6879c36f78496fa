"""The officials pages as a reader sees them: searching, facets, downloads and one official."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.db.models import F
from django.urls import reverse

from documents.models import Document, Evidence
from relations import facet_cache
from relations.models import (
    Agreement,
    Alias,
    Country,
    DataVersion,
    Meeting,
    Official,
    Participation,
    Position,
)
from tests.postgresql import ON_POSTGRESQL

pytestmark = pytest.mark.django_db

HAYASHI = "Yoshimasa Hayashi"


def html_of(response) -> str:
    return response.content.decode()


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_of(response)))


def names(response) -> list[str]:
    """The officials listed, in order."""
    return re.findall(r'<h3><a href="/officials/\d+/">([^<]+)</a></h3>', html_of(response))


def facet_counts(response, facet: str) -> dict[str, int]:
    html = html_of(response)
    section = html.split(f'id="facet-{facet}"', 1)[1].split("</section>", 1)[0]
    pairs = re.findall(
        r'<span class="facet-label">(?:<span aria-hidden="true">✓ </span>)?([^<]*)</span>\s*'
        r'<span class="count"[^>]*>(\d+)</span>',
        section,
    )
    return {label.strip(): int(n) for label, n in pairs}


def official(name: str) -> Official:
    return Official.objects.get(name=name)


def meetings_of(person: Official) -> list[Meeting]:
    """The meetings the database records for someone, oldest first."""
    return list(
        Meeting.objects.filter(participations__official=person).order_by("start_date", "pk")
    )


def _meeting(title: str, day: dt.date, *people: Official, kind="bilateral_meeting") -> Meeting:
    meeting = Meeting.objects.create(kind=kind, title=title, start_date=day)
    for person in people:
        Participation.objects.create(meeting=meeting, official=person)
    return meeting


# ---------------------------------------------------------------- search


@pytest.fixture
def rivals(ingested):
    """Officials whose names look like Hayashi's, so that ranking has work to do."""
    # A prefix match with fewer meetings than Hayashi (he has two).
    hayashida = Official.objects.create(name="Kenji Hayashida")
    _meeting("Talks with Hayashida", dt.date(2024, 3, 1), hayashida)
    # 'hayashi' inside a word, with many meetings.
    inside = Official.objects.create(name="Ken Nakahayashi")
    for i in range(4):
        _meeting(f"Talks {i}", dt.date(2024, 4, 1 + i), inside)


@pytest.mark.parametrize(
    "query",
    [
        "hayashi",
        "Yoshimasa%20Hayashi",
        "HAYASHI%20Yoshimasa",
        "H.E.%20Hayashi",
        "hayash",
        "His%20Excellency%20Mr.%20HAYASHI",
        "Hay%C3%A1shi",  # an accent the name does not have
        "Foreign%20Minister%20Hayashi",
        "yoshimasa",
    ],
)
def test_every_spelling_of_hayashi_lists_him_first(client, rivals, query):
    response = client.get(f"/officials/?q={query}")
    assert response.status_code == 200
    assert names(response)[0] == HAYASHI


def test_ranking_is_whole_words_then_prefixes_then_parts_of_words(client, rivals):
    # A prefix match with more meetings than anyone still comes after a whole word.
    busy = Official.objects.create(name="Sato Hayashiba")
    for i in range(6):
        _meeting(f"Busy talks {i}", dt.date(2024, 5, 1 + i), busy)
    assert names(client.get("/officials/?q=hayashi")) == [
        HAYASHI,
        "Sato Hayashiba",  # prefixes: more meetings first
        "Kenji Hayashida",
        "Ken Nakahayashi",  # 'hayashi' inside a word
    ]
    assert names(client.get("/officials/?q=ken")) == ["Ken Nakahayashi", "Kenji Hayashida"]


def test_part_of_a_name_finds_the_person(client, ingested):
    assert names(client.get("/officials/?q=sokhon"))[0] == "Prak Sokhonn"
    # A whole word before a word start: Sok Chenda Sophea, then Prak Sokhonn.
    assert names(client.get("/officials/?q=sok")) == ["Sok Chenda Sophea", "Prak Sokhonn"]
    assert names(client.get("/officials/?q=Samdech%20HUN%20Sen"))[0] == "Hun Sen"


def test_an_alias_only_spelling_finds_the_person_and_says_so(client, ingested):
    query = "/officials/?q=Hayasi%20Yosimasa"
    before = client.get(query)
    # PostgreSQL finds a name spelled like the query (pg_trgm), but not as an alias; SQLite
    # does not find it at all.
    assert names(before) == ([HAYASHI] if ON_POSTGRESQL else [])
    assert "Found as" not in html_of(before)
    Alias.objects.create(official=official(HAYASHI), name="HAYASI Yosimasa")
    response = client.get(query)
    assert names(response) == [HAYASHI]
    assert "Found as <q>HAYASI Yosimasa</q>" in html_of(response)


def test_without_a_query_every_official_is_listed_by_name(client, ingested):
    response = client.get("/officials/")
    shown = names(response)
    visible = Official.objects.exclude(review_state="rejected").filter(merged_into=None)
    assert shown == sorted(visible.values_list("name", flat=True))
    assert f"{len(shown)} officials" in text_of(response)


def test_each_row_shows_the_latest_post_and_the_number_of_meetings(client, ingested):
    html = html_of(client.get("/officials/?q=hun%20sen"))
    row = html[html.index(">Hun Sen</a>") :].split("</li>", 1)[0]
    assert "President of the Senate" in row  # seen in 2024, after Prime Minister in 2023
    assert "Prime Minister" not in row
    count = len(meetings_of(official("Hun Sen")))
    assert count >= 2
    assert f"{count} meetings" in row


def test_an_empty_result_says_what_to_do(client, ingested):
    response = client.get("/officials/?q=Nobody%20Anywhere")
    assert response.status_code == 200
    assert names(response) == []
    text = text_of(response)
    assert "No official matches “Nobody Anywhere”" in text
    assert "try fewer words" in text.lower()
    assert "0 officials" in text


def test_merged_and_rejected_officials_are_not_listed(client, ingested):
    Official.objects.filter(name="Hun Manet").update(review_state="rejected")
    Official.objects.filter(name="Kin Phea").update(merged_into=official("Hun Sen"))
    shown = names(client.get("/officials/"))
    assert "Hun Sen" in shown
    assert "Hun Manet" not in shown and "Kin Phea" not in shown
    assert names(client.get("/officials/?q=hun")) == ["Hun Sen"]


# ---------------------------------------------------------------- facets and downloads


def test_facet_counts_narrow_when_a_country_is_chosen(client, ingested):
    everyone = client.get("/officials/")
    countries = facet_counts(everyone, "country")
    assert countries["Cambodia"] >= 5 and countries["Japan"] >= 4
    posts = facet_counts(everyone, "post")
    assert posts["Minister of Foreign Affairs"] >= 3

    cambodia = client.get("/officials/?country=KH")
    assert len(names(cambodia)) == countries["Cambodia"]
    assert set(names(cambodia)) == set(
        Official.objects.filter(country__code="KH").values_list("name", flat=True)
    )
    # Countries still count every country (values OR within a facet)…
    assert facet_counts(cambodia, "country") == countries
    # …while posts count only Cambodians.
    narrowed = facet_counts(cambodia, "post")
    assert narrowed["Minister of Foreign Affairs"] < posts["Minister of Foreign Affairs"]
    cambodian_posts = set(
        Position.objects.filter(official__country__code="KH").values_list("title", flat=True)
    )
    foreign_only = [title for title in posts if title not in cambodian_posts]
    assert foreign_only, posts
    assert not set(foreign_only) & set(narrowed)
    assert "Country: Cambodia" in text_of(cambodia)


def test_facets_and_the_search_combine(client, ingested):
    response = client.get("/officials/?q=yoko&country=JP")
    assert names(response) == ["Kamikawa Yoko", "Yoko Minamino"]  # more meetings first
    assert sum(facet_counts(response, "country").values()) == 2
    post = client.get("/officials/?q=yoko&post=Goodwill%20Ambassador")
    assert names(post) == ["Yoko Minamino"]


def test_the_organisation_facet_has_no_blank_value(client, ingested):
    organisations = facet_counts(client.get("/officials/"), "organisation")
    assert "" not in organisations
    assert organisations["Ministry of Foreign Affairs"] >= 3
    senate = client.get("/officials/?organisation=Senate")
    assert names(senate) == ["Hun Sen"]


@pytest.mark.parametrize("query", ["", "?q=hun", "?country=JP", "?q=yoko&country=JP", "?page=2"])
def test_csv_and_json_hold_every_row_of_the_list_in_its_order(client, ingested, query):
    for i in range(30):  # enough for a second page
        Official.objects.create(name=f"Extra Person{i:02}")
    sep = "&" if query else "?"
    filters = query.replace("?page=2", "")
    page = client.get("/officials/" + query)
    first = client.get(f"/officials/{filters}")
    shown = names(first)
    if 'rel="next"' in html_of(first):
        shown += names(client.get(f"/officials/{filters}{'&' if filters else '?'}page=2"))
    assert shown and set(names(page)) <= set(shown)
    data = json.loads(client.get(f"/officials/{query}{sep}format=json").getvalue())
    table = list(
        csv.DictReader(
            io.StringIO(client.get(f"/officials/{query}{sep}format=csv").getvalue().decode())
        )
    )
    assert [r["name"] for r in data["rows"]] == shown
    assert [r["name"] for r in table] == shown
    assert data["count"] == len(shown)
    assert list(table[0]) == [
        *("id", "name", "country", "latest_post", "meetings", "first_year", "last_year", "url")
    ]
    assert 'rel="alternate" type="text/csv"' in html_of(page)


def test_a_download_row_says_what_the_page_says(client, ingested):
    rows = json.loads(client.get("/officials/?q=hun%20sen&format=json").getvalue())["rows"]
    hun_sen = official("Hun Sen")
    years = [m.start_date.year for m in meetings_of(hun_sen) if m.start_date]
    assert rows == [
        {
            "id": hun_sen.pk,
            "name": "Hun Sen",
            "country": "Cambodia",
            "latest_post": "President of the Senate",
            "meetings": len(meetings_of(hun_sen)),
            "first_year": min(years),
            "last_year": max(years),
            "url": f"http://testserver/officials/{hun_sen.pk}/",
        }
    ]


# ---------------------------------------------------------------- odd requests


@pytest.mark.parametrize(
    "query", ["?q=" + "x" * 10_000, "?country=ZZ", "?q=%00", "?post=" + "&post=x" * 60]
)
def test_bad_filters_give_a_readable_400_page(client, ingested, query):
    response = client.get("/officials/" + query)
    assert response.status_code == 400
    assert "Some filters could not be read" in text_of(response)


@pytest.mark.parametrize(
    "query",
    [
        "?q=%F0%9F%98%80",  # an emoji
        "?q=%E2%80%AE%E2%80%8B",  # right-to-left override, zero-width space
        "?q=%D1%85%D0%B0%D1%8F%D1%88%D0%B8",  # Cyrillic
        "?q=%25%25_%5C",  # LIKE wildcards
        "?q=" + "hayashi%20" * 19,  # long, within bounds
        "?post=No%20such%20post",
        "?page=abc",
        "?page=-1",
    ],
)
def test_odd_but_harmless_queries_give_a_normal_page(client, ingested, query):
    assert client.get("/officials/" + query).status_code == 200


def test_a_page_past_the_end_shows_the_last_page(client, ingested):
    for i in range(30):
        Official.objects.create(name=f"Zed Person{i:02}")
    response = client.get("/officials/?page=999999")
    assert response.status_code == 200
    assert names(response) == names(client.get("/officials/?page=2"))
    assert names(response)[-1] == "Zed Person29"
    assert "Page 2 of 2" in text_of(response)


# ---------------------------------------------------------------- one official


def test_hun_sens_page_shows_his_posts_in_time_order_and_meetings_newest_first(client, ingested):
    hun_sen = official("Hun Sen")
    response = client.get(reverse("relations:official", args=[hun_sen.pk]))
    assert response.status_code == 200
    html = html_of(response)
    assert "<title>Hun Sen · Bilateral</title>" in html
    posts = html.split('id="posts-heading"', 1)[1].split("</section>", 1)[0]
    assert posts.index("Prime Minister") < posts.index("President of the Senate")
    assert "Senate</td>" in posts  # the organisation
    meetings = html.split('id="meetings-heading"', 1)[1].split("</section>", 1)[0]
    shown = [int(pk) for pk in re.findall(r'<a href="/meeting/(\d+)/">', meetings)]
    recorded = meetings_of(hun_sen)
    assert shown == [m.pk for m in reversed(recorded)]
    assert len(recorded) >= 2 and recorded[0].start_date < recorded[-1].start_date
    older = meetings.index("Summit: Hun Sen and Fumio Kishida")  # 2022
    assert meetings.index("Courtesy call: Kamikawa Yoko and Hun Sen") < older  # July 2024
    assert f'href="/meetings/?participant={hun_sen.pk}">All {len(recorded)} in' in meetings
    assert "Courtesy call</span>" in meetings and "Summit</span>" in meetings
    assert 'datetime="2024-07-05"' in meetings
    assert "HUN Sen" in html.split('id="names-heading"', 1)[1].split("</section>", 1)[0]


def test_stated_terms_of_office_are_shown(client, ingested):
    hun_sen = official("Hun Sen")
    Position.objects.filter(official=hun_sen, title="Prime Minister").update(
        start=dt.date(1985, 1, 14), end=dt.date(2023, 8, 22)
    )
    text = text_of(client.get(f"/officials/{hun_sen.pk}/"))
    assert "from 14 Jan 1985 until 22 Aug 2023" in text


def test_the_page_quotes_the_sources_with_links_to_the_sentence(client, ingested):
    hun_sen = official("Hun Sen")
    html = html_of(client.get(f"/officials/{hun_sen.pk}/"))
    evidence = Evidence.objects.filter(official=hun_sen)
    assert evidence.count() >= 2
    for ev in evidence:
        assert f'href="/documents/{ev.document_id}/#ev-{ev.pk}"' in html
        assert ev.quote.replace("'", "&#x27;").replace('"', "&quot;")[:60] in html


def test_agreements_signed_are_listed_unless_rejected(client, ingested):
    prak = official("Prak Sokhonn")
    signed = prak.agreements_signed.get()
    url = f"/officials/{prak.pk}/"
    assert f'<a href="/agreements/{signed.pk}/">{signed.title}</a>' in html_of(client.get(url))
    signed.review_state = "rejected"  # an editor rejects it
    signed.save()
    assert f'href="/agreements/{signed.pk}/"' not in html_of(client.get(url))


def test_a_merged_official_redirects_to_the_one_it_was_merged_into(client, ingested):
    hun_sen = official("Hun Sen")
    duplicate = Official.objects.create(name="Samdech Techo Hun Sen", merged_into=hun_sen)
    response = client.get(f"/officials/{duplicate.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/officials/{hun_sen.pk}/"
    # Chains of merges end at the last one.
    older = Official.objects.create(name="HUN SEN", merged_into=duplicate)
    assert client.get(f"/officials/{older.pk}/")["Location"] == f"/officials/{hun_sen.pk}/"


def test_the_survivor_shows_what_was_recorded_of_the_merged_official(client, ingested):
    hun_sen = official("Hun Sen")
    before = len(meetings_of(hun_sen))
    duplicate = Official.objects.create(name="Hun Sen (duplicate)", merged_into=hun_sen)
    _meeting("Phone call with the duplicate", dt.date(2021, 5, 1), duplicate, kind="phone_call")
    html = html_of(client.get(f"/officials/{hun_sen.pk}/"))
    assert "Phone call with the duplicate" in html
    rows = json.loads(client.get("/officials/?q=hun%20sen&format=json").getvalue())["rows"]
    assert rows[0]["meetings"] == before + 1


def test_a_merged_meeting_is_shown_and_counted_once_as_its_survivor(client, ingested):
    hun_sen = official("Hun Sen")
    before = len(meetings_of(hun_sen))
    kept = _meeting("Talks kept", dt.date(2025, 2, 1), hun_sen)
    merged = _meeting("Talks merged away", dt.date(2025, 2, 1), hun_sen)
    rejected = _meeting("Talks rejected", dt.date(2025, 3, 1), hun_sen)
    Meeting.objects.filter(pk=merged.pk).update(merged_into=kept)
    Meeting.objects.filter(pk=rejected.pk).update(review_state="rejected")
    html = html_of(client.get(f"/officials/{hun_sen.pk}/"))
    assert html.count("Talks kept") == 1
    assert "Talks merged away" not in html and "Talks rejected" not in html
    rows = json.loads(client.get("/officials/?q=hun%20sen&format=json").getvalue())["rows"]
    assert rows[0]["meetings"] == before + 1


def test_an_official_page_shows_a_new_meeting_at_once_though_its_counts_are_kept(client, ingested):
    """The meetings, their count, the people met and the timeline are kept until the data
    changes: a meeting saved since shows on the next visit, in each of them."""
    hun_sen, hayashi = official("Hun Sen"), official("Yoshimasa Hayashi")
    url = f"/officials/{hun_sen.pk}/"
    before = text_of(client.get(url))
    _meeting("Talks added later", dt.date(2026, 1, 5), hun_sen, hayashi)
    after = text_of(client.get(url))
    count = len(meetings_of(hun_sen))
    assert "Talks added later" not in before and "Talks added later" in after
    assert f"All {count} in the meetings list" in after
    assert "2026" in html_of(client.get(url)).split('id="timeline-heading"', 1)[1]
    assert "Yoshimasa Hayashi" in html_of(client.get(url)).split('class="data met-with"', 1)[1]


def test_an_official_page_shows_posts_as_they_are_after_another_process_wrote(
    client, ingested, monkeypatch
):
    """Names, posts and sources are never shown as they were before a write (the counts
    kept beside them may lag one recount, as the lists' do)."""
    monkeypatch.setattr(facet_cache, "_start_worker", lambda: None)  # that recount waits
    hun_sen = official("Hun Sen")
    url = f"/officials/{hun_sen.pk}/"
    facet_cache.clear()  # this process's writes are settled, as after another's ingestion
    assert "Chair of the Example Council" not in text_of(client.get(url))
    Position.objects.filter(official=hun_sen, title="President of the Senate").update(
        title="Chair of the Example Council"
    )
    assert DataVersion.objects.filter(pk=1).update(number=F("number") + 1) == 1
    assert "Chair of the Example Council" in text_of(client.get(url))


def test_an_official_page_shows_a_meetings_new_title_after_another_process_wrote(
    client, ingested, monkeypatch
):
    """A page of the official's meetings is kept drawn: a title changed since is shown in
    the next visit, though the ids of the meetings may lag one recount."""
    monkeypatch.setattr(facet_cache, "_start_worker", lambda: None)  # that recount waits
    hun_sen = official("Hun Sen")
    url = f"/officials/{hun_sen.pk}/"
    facet_cache.clear()  # this process's writes are settled, as after another's ingestion
    assert "A title given later" not in text_of(client.get(url))
    Meeting.objects.filter(pk=meetings_of(hun_sen)[-1].pk).update(title="A title given later")
    assert DataVersion.objects.filter(pk=1).update(number=F("number") + 1) == 1
    assert "A title given later" in text_of(client.get(url))


def test_each_meeting_says_whether_the_official_hosted_it_or_was_a_guest(client, ingested):
    """Also for a meeting merged into another: its survivor carries the role."""
    hun_sen = official("Hun Sen")
    hosted = _meeting("Talks hosted", dt.date(2025, 4, 1))
    Participation.objects.create(meeting=hosted, official=hun_sen, role="host")
    kept = _meeting("Visit kept", dt.date(2025, 5, 1))
    merged = _meeting("Visit merged away", dt.date(2025, 5, 1))
    Participation.objects.create(meeting=merged, official=hun_sen, role="guest")
    Meeting.objects.filter(pk=merged.pk).update(merged_into=kept)
    html = html_of(client.get(f"/officials/{hun_sen.pk}/"))
    meetings = html.split('id="meetings-heading"', 1)[1].split("</section>", 1)[0]
    assert '>Talks hosted</a> <span class="tag">host</span>' in meetings
    assert '>Visit kept</a> <span class="tag">guest</span>' in meetings


def test_a_rejected_official_is_not_found(client, ingested):
    hun_manet = official("Hun Manet")
    assert client.get(f"/officials/{hun_manet.pk}/").status_code == 200
    Official.objects.filter(pk=hun_manet.pk).update(review_state="rejected")
    assert client.get(f"/officials/{hun_manet.pk}/").status_code == 404
    assert client.get("/officials/999999/").status_code == 404


# ---------------------------------------------------------------- structure


def _headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


@pytest.mark.parametrize(
    "path", ["/officials/", "/officials/?q=hayashi", "/officials/?q=nobody", "hun-sen"]
)
def test_pages_have_one_h1_headings_in_order_and_labelled_inputs(client, ingested, path):
    if path == "hun-sen":
        path = f"/officials/{official('Hun Sen').pk}/"
    html = html_of(client.get(path))
    levels = _headings(html)
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert re.search(r"<title>[^<]+ · Bilateral</title>", html)
    for input_id in re.findall(r'<input type="(?:text|search|date)"[^>]* id="([^"]+)"', html):
        assert re.search(rf'<label for="{input_id}"[ >]', html), input_id


def test_the_list_has_a_labelled_name_search(client, ingested):
    html = html_of(client.get("/officials/?q=hayashi"))
    assert '<label for="id_q">Name</label>' in html
    assert 'name="q" value="hayashi"' in html
    assert "<title>Officials matching “hayashi” · Bilateral</title>" in html


# ---------------------------------------------------------------- queries


def _many_officials(n: int, start: int = 0) -> None:
    japan, _ = Country.objects.get_or_create(code="JP", defaults={"name": "Japan"})
    document = Document.objects.create(
        file_name=f"doc{start}.txt", sha256=f"{start:064}", title="A document", text="text"
    )
    for i in range(start, start + n):
        person = Official.objects.create(name=f"Hayashi Person{i:03}", country=japan)
        Alias.objects.create(official=person, name=f"PERSON{i:03} Hayashi")
        Position.objects.create(
            official=person,
            title=f"Post {i % 5}",
            organization="Ministry",
            first_seen=dt.date(2020, 1, 1),
            last_seen=dt.date(2021, 1, 1),
        )
        Position.objects.create(official=person, title="Adviser", last_seen=dt.date(2022, 1, 1))
        meeting = _meeting(f"Talks {i}", dt.date(2020, 1, 1) + dt.timedelta(days=i), person)
        Evidence.objects.create(
            document=document, official=person, fingerprint=f"o{i}", start=0, end=4, quote="t"
        )
        Evidence.objects.create(
            document=document, meeting=meeting, fingerprint=f"m{i}", start=0, end=4, quote="t"
        )


@pytest.mark.parametrize(
    "path",
    [
        "/officials/",
        "/officials/?q=hayashi",
        "/officials/?q=H.E.%20person0",
        "/officials/?country=JP&post=Adviser&organisation=Ministry",
        "/officials/?q=hayashi&format=csv",
        "/officials/?page=2",
    ],
)
def test_the_list_makes_the_same_few_queries_for_1_and_50_officials(
    client, path, django_assert_max_num_queries
):
    _many_officials(1)
    # + the Unknown bucket of the post and organisation facets (officials with none), every
    # official's number of meetings and, for a search, its ranking (kept once counted).
    with django_assert_max_num_queries(12) as one:
        response = client.get(path)
        assert response.status_code == 200 and response.getvalue()  # an export streams
    _many_officials(49, start=1)
    with django_assert_max_num_queries(12) as fifty:
        response = client.get(path)
        assert response.status_code == 200 and response.getvalue()
    assert len(fifty.captured_queries) == len(one.captured_queries)


def _busy_official(person: Official, n: int, start: int = 0) -> None:
    """Give an official n more aliases, posts, meetings, agreements and quotes."""
    document = Document.objects.create(
        file_name=f"busy{start}.txt", sha256=f"{start:064}", title="Busy", text="text"
    )
    for i in range(start, start + n):
        Alias.objects.create(official=person, name=f"Busy P{i}")
        Position.objects.create(official=person, title=f"Post {i}", first_seen=dt.date(2020, 1, 1))
        _meeting(f"Meeting {i}", dt.date(2020, 1, 1) + dt.timedelta(days=i), person)
        agreement = Agreement.objects.create(kind="grant", title=f"Grant {i}")
        agreement.signatories.add(person)
        Evidence.objects.create(
            document=document, official=person, fingerprint=f"b{i}", start=i, end=i + 1, quote="q"
        )


def test_an_officials_page_makes_the_same_few_queries_for_1_and_50_rows(
    client, django_assert_max_num_queries
):
    person = Official.objects.create(name="Busy Person")
    _busy_official(person, 1)
    # The official, aliases, posts; the meetings' ids and the official's roles, a page of
    # them; the people met; agreements; sources; the timeline's meetings, their people and
    # those people's posts.
    with django_assert_max_num_queries(12) as one:
        response = client.get(f"/officials/{person.pk}/")
    assert html_of(response).count('<a href="/meeting/') == 1
    _busy_official(person, 49, start=1)
    with django_assert_max_num_queries(12) as fifty:
        response = client.get(f"/officials/{person.pk}/")
    assert html_of(response).count('<a href="/meeting/') == 25  # a page of the 50
    assert "Page 1 of 2" in html_of(response)
    assert len(re.findall(r'<a href="/agreements/\d+/">', html_of(response))) == 50
    assert len(fifty.captured_queries) == len(one.captured_queries)
