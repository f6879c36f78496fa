"""Search on PostgreSQL: names found by a misspelling (pg_trgm) and meetings and agreements
by their words (full text, stemmed), both served by indexes (migrations 0003 and 0004)."""

import re

from django.db import connection

from relations import search
from relations.models import Meeting, Official
from tests.postgresql import only_on_postgresql
from tests.relations.test_site_search import group, results_count

pytestmark = only_on_postgresql("pg_trgm similarity and full-text search")


def test_a_typo_in_the_header_search_finds_the_official_and_his_meetings(client, ingested):
    right = client.get("/search/?q=hayashi").content.decode()
    typo = client.get("/search/?q=hyashi").content.decode()
    assert group(typo, "officials") == (1, ["Yoshimasa Hayashi"])
    assert group(typo, "meetings") == group(right, "meetings")


def test_a_typo_in_the_officials_search_finds_him_ranked_after_true_matches(client, ingested):
    html = client.get("/officials/?q=yoshimsa+hyashi").content.decode()
    assert "Yoshimasa Hayashi" in html
    assert results_count(html) >= 1
    found = search.search_officials("hyashi", Official.objects.all())
    assert [(o.name, o.search_rank) for o in found] == [("Yoshimasa Hayashi", search.Rank.SIMILAR)]
    assert search.search_officials("hayashi", Official.objects.all())[0].search_rank < (
        search.Rank.SIMILAR
    )


def test_the_meetings_list_and_the_site_search_agree_on_a_typo(client, ingested):
    count, _ = group(client.get("/search/?q=hyashi").content.decode(), "meetings")
    listed = client.get("/meetings/", {"q": "hyashi"}).content.decode()
    assert results_count(listed) == count == 2


def test_a_word_finds_meetings_by_its_stem(client, ingested):
    # "visits" is in no title, "visit" is: the stemmed full text finds them.
    assert not Meeting.objects.filter(title__icontains="visits").exists()
    visits = Meeting.objects.filter(title__icontains="visit").count()
    assert visits
    assert results_count(client.get("/meetings/?q=visits").content.decode()) >= visits


def test_a_typo_finds_nothing_it_should_not(client, ingested):
    html = client.get("/search/?q=qzxwv").content.decode()
    assert "0 results for" in html


def _plan(queryset, *also_off: str) -> str:
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", *also_off):
            cursor.execute(f"SET LOCAL {setting} = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_indexes_serve_the_searches(ingested):
    words = Meeting.objects.filter(search.text_matches(Meeting, search.MEETING_TEXT, "visit"))
    # On a few rows the planner may walk the primary key and filter instead: with plain index
    # scans off too, the words can only be found through an index that holds them.
    assert re.search(r"meeting_text_search", _plan(words.order_by(), "enable_indexscan"))
    for column in search.MEETING_TEXT:
        plain = Meeting.objects.filter(**{f"{column}__icontains": "visit"}).order_by()
        assert f"meeting_{column}_trgm" in _plan(plain)
    names = search.officials_named("hyashi")
    assert "official_name_key_trgm" in _plan(names)
