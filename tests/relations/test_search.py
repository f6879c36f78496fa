"""Searching officials by name: reading the query, the ranking rule, and the SQL that applies it."""

import datetime as dt

import pytest

from relations.models import Alias, Country, Meeting, Official, Participation
from relations.search import (
    MAX_WORDS,
    Rank,
    match_rank,
    matched_alias,
    parse,
    search_officials,
    title_words,
)

# ---------------------------------------------------------------- reading the query


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("hayashi", ("hayashi",)),
        ("  HAYASHI   Yoshimasa ", ("hayashi", "yoshimasa")),
        ("H.E. Hayashi", ("hayashi",)),
        ("HE Mr. Hayashi", ("hayashi",)),
        ("His Excellency Prime Minister Hun Sen", ("hun", "sen")),
        ("DPM/FM Prak Sokhonn", ("prak", "sokhonn")),
        ("Samdech Akka Moha Sena Padei Techo HUN Sen", ("hun", "sen")),
        ("Sóc Trăng ĐẶNG", ("soc", "trang", "dang")),
        ("hayashi Hayashi HAYASHI", ("hayashi",)),
    ],
)
def test_a_query_is_folded_and_loses_its_honorifics_and_titles(query, words):
    assert parse(query).words == words


def test_titles_stay_when_nothing_else_would_remain():
    assert parse("Prime Minister").words == ("prime", "minister")
    assert parse("King").words == ("king",)


def test_the_dropped_words_are_kept_for_exact_matching():
    terms = parse("Sheikh Hasina")
    assert terms.words == ("hasina",)
    assert terms.dropped == ("sheikh",)
    assert "hasina sheikh" in terms.exact_keys


@pytest.mark.parametrize("query", ["", "   ", "😀 🎉", "\x00", "--//..", "'"])
def test_a_query_without_letters_or_digits_has_no_words(query):
    assert not parse(query)
    assert match_rank(parse(query), ["hayashi yoshimasa"]) is None


def test_a_long_query_is_cut_to_a_few_words():
    terms = parse(" ".join(f"word{i}" for i in range(500)))
    assert len(terms.words) == MAX_WORDS
    assert terms.words[0] == "word0"


def test_title_words_come_from_the_vocabularies():
    words = title_words()
    assert {"he", "h", "e", "excellency", "samdech", "minister", "pm", "fm", "dr"} <= words
    assert not {"hun", "sen", "hayashi", "prak", "sokhonn", "kamikawa"} & words


# ---------------------------------------------------------------- the ranking rule

HAYASHI = ["hayashi yoshimasa"]


@pytest.mark.parametrize(
    ("query", "keys", "rank"),
    [
        ("Yoshimasa Hayashi", HAYASHI, Rank.EXACT),
        ("HAYASHI Yoshimasa", HAYASHI, Rank.EXACT),
        ("H.E. Yoshimasa Hayashi", HAYASHI, Rank.EXACT),
        ("hayashi", HAYASHI, Rank.WHOLE),
        ("H.E. Hayashi", HAYASHI, Rank.WHOLE),
        ("hayash", HAYASHI, Rank.PREFIX),
        ("yoshi haya", HAYASHI, Rank.PREFIX),
        ("hayashi yoshi", HAYASHI, Rank.PREFIX),
        ("ayash", HAYASHI, Rank.PARTIAL),
        ("hayashi taro", HAYASHI, None),
        ("kishida", HAYASHI, None),
        # An alias counts as much as the name; each word takes its best match.
        ("hayasi", ["hayashi yoshimasa", "hayasi yoshimasa"], Rank.WHOLE),
        ("hayasi yoshimasa", ["hayashi yoshimasa", "hayasi yoshimasa"], Rank.EXACT),
        ("Sheikh Hasina", ["hasina sheikh"], Rank.EXACT),
        ("Sheikh Hasina", ["hasina wazed"], Rank.WHOLE),
    ],
)
def test_match_rank(query, keys, rank):
    assert match_rank(parse(query), keys) == rank


def test_ranks_order_best_first():
    assert Rank.EXACT < Rank.WHOLE < Rank.PREFIX < Rank.PARTIAL


# ---------------------------------------------------------------- in the database


def _official(name, *aliases, meetings=0, country=None):
    official = Official.objects.create(name=name, country=country)
    for alias in aliases:
        Alias.objects.create(official=official, name=alias)
    for i in range(meetings):
        meeting = Meeting.objects.create(
            kind="bilateral_meeting", title=f"{name} talks {i}", start_date=dt.date(2024, 1, 1)
        )
        Participation.objects.create(meeting=meeting, official=official)
    return official


def _names(query):
    return [o.name for o in search_officials(query, Official.objects.all())]


@pytest.mark.django_db
def test_exact_then_whole_words_then_prefixes_then_partial_matches():
    _official("Sato Hayashiba", meetings=3)  # a prefix only, with many meetings
    _official("Nakahayashi Ken", meetings=5)  # 'hayashi' inside a word
    _official("Hayashi Taro Ichiro", meetings=2)  # whole words
    _official("Yoshimasa Hayashi")  # whole word, no meeting
    _official("Taro Hayashi")  # exact for 'hayashi taro', no meeting
    assert _names("Hayashi") == [
        "Hayashi Taro Ichiro",
        "Taro Hayashi",
        "Yoshimasa Hayashi",
        "Sato Hayashiba",
        "Nakahayashi Ken",
    ]
    assert _names("HAYASHI Taro") == ["Taro Hayashi", "Hayashi Taro Ichiro"]
    assert _names("yoshimasa hayashi") == ["Yoshimasa Hayashi"]


@pytest.mark.django_db
def test_ties_go_to_the_most_meetings_then_the_name():
    _official("Hun Manet", meetings=1)
    _official("Hun Sen", meetings=2)
    _official("Hun Many")
    assert _names("hun") == ["Hun Sen", "Hun Manet", "Hun Many"]


@pytest.mark.django_db
def test_aliases_find_the_official_and_are_reported():
    official = _official("Yoshimasa Hayashi", "HAYASI Yoshimasa")
    _official("Hayasida Ken")
    assert _names("hayasi") == ["Yoshimasa Hayashi", "Hayasida Ken"]
    found = search_officials("hayasi", Official.objects.prefetch_related("aliases"))[0]
    assert found == official
    assert (
        matched_alias(parse("hayasi"), found.name_key, found.aliases.all()).name
        == "HAYASI Yoshimasa"
    )
    # When the name itself matches as well, no alias needs showing.
    assert matched_alias(parse("yoshimasa"), found.name_key, found.aliases.all()) is None


@pytest.mark.django_db
def test_an_official_with_many_aliases_is_listed_once():
    _official("Hun Sen", "HUN Sen", "Samdech Hun Sen", "Hun Sen Techo", "H. Sen")
    assert _names("hun sen") == ["Hun Sen"]
    assert search_officials("sen", Official.objects.all()).count() == 1


@pytest.mark.django_db
def test_the_search_keeps_the_querysets_filters():
    japan = Country.objects.create(code="JP", name="Japan")
    _official("Yoko Kamikawa", country=japan)
    _official("Yoko Ono")
    assert _names("yoko") == ["Yoko Kamikawa", "Yoko Ono"]
    narrowed = search_officials("yoko", Official.objects.filter(country=japan))
    assert [o.name for o in narrowed] == ["Yoko Kamikawa"]


@pytest.mark.django_db
def test_queries_that_name_nobody_find_nobody():
    _official("Hun Sen")
    assert _names("😀") == []
    assert _names("zzz") == []
    assert _names("%") == []
    assert _names("hun_sen") == ["Hun Sen"]  # '_' separates words, it is no wildcard


@pytest.mark.django_db
def test_the_sql_ranks_as_match_rank_does():
    people = [
        ("Yoshimasa Hayashi", ["HAYASHI Yoshimasa", "Hayasi Y."]),
        ("Hayashi Taro", []),
        ("Kobayashi Ken", ["Ken Kobayasi"]),
        ("Prak Sokhonn", ["PRAK Sokhon"]),
        ("Sok Chenda Sophea", []),
        ("Hun Sen", ["Samdech Hun Sen"]),
        ("Hun Manet", []),
        ("Sheikh Hasina", []),
    ]
    for name, aliases in people:
        _official(name, *aliases)
    queries = [
        "hayashi", "hayasi", "yoshimasa hayashi", "y hayashi", "ayas", "sok", "sokhon", "okhon",
        "hun", "hun sen", "sen hun", "samdech hun", "sheikh hasina", "hasina", "ken kobayasi",
        "k", "a", "en", "prak sok", "nobody",
    ]  # fmt: skip
    officials = Official.objects.prefetch_related("aliases")
    for query in queries:
        terms = parse(query)
        expected = {
            o.pk: match_rank(terms, [o.name_key, *(a.name_key for a in o.aliases.all())])
            for o in officials
        }
        found = {o.pk: o.search_rank for o in search_officials(query, officials)}
        # Names only spelled like the query (PostgreSQL's trigrams) come last, and only there.
        similar = {pk for pk, rank in found.items() if rank == Rank.SIMILAR}
        assert all(expected[pk] is None for pk in similar), query
        found = {pk: rank for pk, rank in found.items() if pk not in similar}
        assert found == {pk: r for pk, r in expected.items() if r is not None}, query
