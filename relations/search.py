"""Finding officials by name: however the reader spells, orders, titles or shortens it.

A query and a name are compared word by word on their folded forms (`extraction.names`), so
case, accents and word order never matter. Honorifics and titles of office ("H.E.", "Prime
Minister", "FM") are dropped from the query, unless nothing else would remain. An official
matches when every remaining query word is part of some word of its name or of one of its
aliases (word by word: "HAYASHI Yoshimasa", "hayash", "yoshi hayashi" all find Yoshimasa
Hayashi).

Matches are ranked, best first:

    0 EXACT    the query is the name or an alias (in any order, with or without its titles)
    1 WHOLE    every query word is a whole word of the name or an alias
    2 PREFIX   every query word starts a word ("hayash")
    3 PARTIAL  some query word only occurs inside a word ("okhon")
    4 SIMILAR  on PostgreSQL only: some query word is only spelled like a word of the name
               ("hyashi", "yoshimsa"), by pg_trgm's word similarity

then by number of meetings (most first), then by name. Each word takes its best match over
the name and all aliases; the rank is that of the worst-matched word.

The matches are found in SQL (`search_officials`): per word, a `contains` filter on
`Official.name_key` or an alias's `name_key`, so the result is an ordinary queryset to
paginate and facet in the database. On PostgreSQL a trigram index on the two `name_key`
columns (migration 0003, `pg_trgm`) serves the `contains` filters; SQLite reads every name,
which is fine at its scale. Accents need no `unaccent`: `name_key` is folded when a name is
saved (`documents.extraction.names.fold`), the same way on both databases.

The order is worked out beforehand: `match_rank` ranks every official the words name from
its name keys (one query, kept per query and data version: `_ranks`, in
relations.facet_cache), and the numbers of meetings come from `kept_activity()` (every
official's, counted in one grouped query per data version). The query reads both from JSON
parameters. Counting each match's meetings in the query instead cost 0.3 ms a match (200 ms
for 'hayashi' at 200,000 meetings).

Typos: on PostgreSQL an official also matches when each query word is *like* a word of its
name or of an alias (`name_key %> 'word'`: pg_trgm's `word_similarity` above its threshold,
0.5 as `relations/settings.py` sets it), served by the same trigram indexes. SQLite has no
such measure: there a misspelt word finds nothing (`similar_spellings()` says which is the case).
"""

import enum
import json
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear

from documents.extraction.names import name_words
from documents.extraction.vocabulary import HONORIFICS, TITLE_ABBREVIATIONS, TITLE_HEADS
from relations import facet_cache
from relations.models import Alias, Official, Participation, ReviewState

# More words than this are ignored: each word costs a few clauses in the SQL.
MAX_WORDS = 8


class Rank(enum.IntEnum):
    EXACT = 0
    WHOLE = 1
    PREFIX = 2
    PARTIAL = 3
    SIMILAR = 4


def similar_spellings() -> bool:
    """Whether the database can find a word by a misspelling (PostgreSQL's pg_trgm)."""
    return connection.vendor == "postgresql"


class WordLike(Func):
    """`column %> 'word'`: some word of the column is spelled like `word` (pg_trgm's
    word_similarity above `pg_trgm.word_similarity_threshold`); a GIN trigram index on the
    column serves it. PostgreSQL only."""

    template = "(%(expressions)s)"
    arg_joiner = " %%> "
    output_field = BooleanField()


@cache
def title_words() -> frozenset[str]:
    """Folded words of honorifics and titles: 'H.E.' gives 'h', 'e' and 'he'."""
    phrases = [
        *HONORIFICS,
        *TITLE_HEADS,
        *TITLE_ABBREVIATIONS,
        *(title for titles in TITLE_ABBREVIATIONS.values() for title in titles),
    ]
    words: set[str] = set()
    for phrase in phrases:
        words.update(name_words(phrase))
        words.update(name_words(phrase.replace(".", "").replace("'", "")))
    return frozenset(words)


@dataclass(frozen=True)
class Terms:
    """A query read for searching: `words` are searched for, `all_words` were typed."""

    words: tuple[str, ...]
    all_words: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def dropped(self) -> tuple[str, ...]:
        return tuple(w for w in self.all_words if w not in self.words)

    @property
    def exact_keys(self) -> frozenset[str]:
        """Name keys this query names exactly: with and without its titles."""
        return frozenset({" ".join(sorted(self.words)), " ".join(sorted(self.all_words))})


def parse(query: str) -> Terms:
    """The words to search for: folded, each once, without honorifics and titles."""
    typed = tuple(dict.fromkeys(name_words(query or "")))[: MAX_WORDS * 2]
    titles = title_words()
    words = tuple(w for w in typed if w not in titles) or typed
    return Terms(words=words[:MAX_WORDS], all_words=typed)


def _word_rank(word: str, keys: Iterable[str]) -> Rank | None:
    best = None
    for key in keys:
        for part in key.split():
            if part == word:
                return Rank.WHOLE
            if part.startswith(word):
                best = Rank.PREFIX
            elif word in part and best is None:
                best = Rank.PARTIAL
    return best


def match_rank(terms: Terms, keys: Sequence[str]) -> Rank | None:
    """How well an official whose name keys (name, then aliases) are `keys` matches; None
    when it does not: the rank `search_officials` orders by."""
    if not terms:
        return None
    if terms.exact_keys & set(keys):
        return Rank.EXACT
    ranks = [_word_rank(w, keys) for w in terms.words]
    if None in ranks:
        return None
    return max(ranks)


def matched_alias(terms: Terms, name_key: str, aliases: Iterable):
    """The alias (of those given, each with a `name_key`) that found an official whose own
    name, `name_key`, would not have (else None)."""
    own = match_rank(terms, [name_key])
    best = None
    for alias in aliases:
        rank = match_rank(terms, [alias.name_key])
        if rank is not None and (own is None or rank < own) and (best is None or rank < best[0]):
            best = (rank, alias)
    return best[1] if best else None


# ---------------------------------------------------------------- SQL


def _named(word: str):
    """Ids of the officials whose name or one of whose aliases holds `word` (or, where the
    database can, a word spelled like it): a union of the two tables' index scans (trigram
    indexes on PostgreSQL, both conditions of a table in one bitmap), where an OR across the
    two tables would read every official."""
    condition = Q(name_key__contains=word)
    if similar_spellings():
        condition |= Q(WordLike("name_key", Value(word)))
    names = Official.objects.filter(condition).values("pk")
    return names.union(Alias.objects.filter(condition).values("official_id"))


def _by_id(numbers: dict[int, int]) -> str:
    """Numbers by official id as the JSON object `_KeptNumber` reads."""
    return json.dumps({str(pk): int(n) for pk, n in numbers.items()})


class _ById(Func):
    """An expression of a JSON object by id (`_by_id`) sent as one parameter and of a row's
    id: `template` names them {numbers} and {pk} (and the other source expressions)."""

    def _read(self, compiler, template: str):
        parts = [compiler.compile(e) for e in self.get_source_expressions()]
        sqls, params = zip(*parts, strict=True)
        names = dict(zip(("numbers", "pk", "default"), sqls, strict=False))
        return template.format(**names), [param for some in params for param in some]


class _KeptNumber(_ById):
    """The number a JSON object (`{"<id>": n}`, `_by_id`) holds for a row's id, `default`
    when it holds none: numbers computed beforehand, sent as one parameter, read with the
    rows."""

    output_field = IntegerField()

    def __init__(self, numbers_json: str, default: int = 0, pk: str = "pk"):
        super().__init__(Value(numbers_json), F(pk), Value(default))

    def as_sql(self, compiler, connection, **extra):
        # SQLite's JSON functions: the member '$."<id>"'.
        return self._read(
            compiler, "COALESCE(JSON_EXTRACT({numbers}, '$.\"' || {pk} || '\"'), {default})"
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self._read(
            compiler, "COALESCE((({numbers})::jsonb ->> CAST({pk} AS text))::integer, {default})"
        )


class _KeptIdsHold(_ById):
    """Whether a JSON object by id (`_by_id`) has a member for the row's id: the officials
    found beforehand, sent as one parameter and read through the primary key's index (the
    name filters again in the query cost a scan of every official)."""

    output_field = BooleanField()

    def __init__(self, numbers_json: str, pk: str = "pk"):
        super().__init__(Value(numbers_json), F(pk))

    def as_sql(self, compiler, connection, **extra):
        return self._read(
            compiler, "{pk} IN (SELECT CAST(key AS INTEGER) FROM JSON_EACH({numbers}))"
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self._read(
            compiler, "{pk} = ANY(ARRAY(SELECT JSONB_OBJECT_KEYS(({numbers})::jsonb)::bigint))"
        )


def ids_json(ids: Iterable[int]) -> str:
    """Ids as the JSON object `among` reads."""
    return _by_id(dict.fromkeys(ids, 1))


def among(ids: str) -> _KeptIdsHold:
    """The condition that a row's id is one of `ids` (`ids_json`): ids found beforehand,
    sent as one parameter and read through the primary key's index."""
    return _KeptIdsHold(ids)


@dataclass(frozen=True)
class Ranking:
    """How a query finds and orders officials (see the module): its words, and the rank and
    number of meetings of every official they name, as JSON objects by id. Worked out once
    (`ranking`), applied to every queryset a page filters by the query (`apply`: the list,
    and the list without each facet's own filter). `order` holds the ids of the officials
    the public sees in the order `apply` gives: a page the query alone filters reads its
    rows by id from it instead of sorting every match in the database."""

    terms: Terms
    ranks: str
    meetings: str
    order: tuple[int, ...] = ()

    def apply(self, queryset: QuerySet) -> QuerySet:
        """The officials of `queryset` the words name, best first: annotated with
        `search_rank` (a `Rank` value) and ordered by it, then by the number of meetings,
        then by name."""
        if not self.terms:
            return queryset.none()
        # The officials `_ranks` ranked are those the words name.
        rows = queryset.filter(_KeptIdsHold(self.ranks))
        rank = _KeptNumber(self.ranks, default=max(Rank))
        return rows.annotate(search_rank=rank).order_by(
            "search_rank", _KeptNumber(self.meetings).desc(), "name", "pk"
        )


def ranking(query: str) -> Ranking:
    """The `Ranking` of a query: the ranks are worked out in Python for every official its
    words name (`_ranks`), the numbers of meetings read from `kept_activity()`; all of it,
    the order too, kept until the data changes. A query with no searchable word (only
    punctuation or emoji) matches nothing."""
    terms = parse(query)
    if not terms:
        return Ranking(terms, ranks="{}", meetings="{}")
    # Keyed by every word typed: titles dropped from the search still make a name exact.
    key = f"search:ranking:{' '.join(terms.all_words)}"
    return Ranking(terms, **facet_cache.cached(key, lambda: _ranking(terms)))


def _ranking(terms: Terms) -> dict:
    ranked = _ranks(terms)
    ranks = ranked["ranks"]
    meetings = kept_activity().meetings_of(ranks)
    # As `apply` orders: by rank, most meetings first, then by name and id. "shown" is
    # already in the database's order of names (its collation decides), and a sort keeps
    # that order among equals. (Worked out at each request, this took 1-2 ms for the 630
    # officials "hayashi" names.)
    order = sorted(ranked["shown"], key=lambda pk: (ranks[pk], -meetings.get(pk, 0)))
    return {"ranks": _by_id(ranks), "meetings": _by_id(meetings), "order": tuple(order)}


def search_officials(query: str, queryset: QuerySet) -> QuerySet:
    """The officials of `queryset` that `query` names, best first (`Ranking.apply`)."""
    return ranking(query).apply(queryset)


def _ranks(terms: Terms) -> dict:
    """The rank (`match_rank`; SIMILAR when only a spelling is alike) of each official the
    words name, by id ("ranks"), and the ids of those the public sees by name and id
    ("shown"): their names, aliases and whether the public sees them read in one query."""
    public = Official.objects.public().filter(pk=OuterRef("pk"))
    named = (
        Official.objects.filter(pk__in=officials_named_by(terms))
        .annotate(shown=Exists(public))
        .order_by("name", "pk")
    )
    keys: dict[int, list[str]] = {}
    shown: list[int] = []
    rows = named.values_list("pk", "name_key", "aliases__name_key", "shown")
    for pk, name_key, alias_key, is_shown in rows:
        if pk not in keys and is_shown:
            shown.append(pk)  # by name: the rows come in the order of names
        official_keys = keys.setdefault(pk, [name_key])  # the name, then each alias
        if alias_key is not None:
            official_keys.append(alias_key)
    ranks = {pk: match_rank(terms, official_keys) for pk, official_keys in keys.items()}
    return {
        "ranks": {pk: int(Rank.SIMILAR if r is None else r) for pk, r in ranks.items()},
        "shown": shown,
    }


# ---------------------------------------------------------------- meetings and years


def _counted_participations() -> QuerySet:
    """Participations in meetings the public sees, or in meetings merged into one it sees:
    rejected meetings do not count, and a merged meeting counts as its survivor."""
    return (
        Participation.objects.exclude(meeting__review_state=ReviewState.REJECTED)
        .exclude(meeting__merged_into__review_state=ReviewState.REJECTED)
        .order_by()
    )


NO_YEAR = 0  # in `Activity`'s arrays: no dated meeting


@dataclass(frozen=True)
class Activity:
    """Every official's number of meetings and the years of the first and last, as the
    official's page lists them: its own and those of records merged into it; a merged
    meeting counts once, as its survivor; rejected meetings do not count. Arrays by official
    id (sorted), not a dict: kept in the cache, they are read back in a fraction of a
    millisecond where a dict of 20,000 officials takes over ten."""

    ids: array
    meetings: array
    first_years: array
    last_years: array

    def of(self, pk: int) -> tuple[int, int | None, int | None]:
        """(meetings, first year, last year) of an official: (0, None, None) without any."""
        at = bisect_left(self.ids, pk)
        if at == len(self.ids) or self.ids[at] != pk:
            return 0, None, None
        first, last = self.first_years[at], self.last_years[at]
        return self.meetings[at], first or None, last or None

    def meetings_of(self, pks: Iterable[int]) -> dict[int, int]:
        """The number of meetings of each of these officials that has any, by id."""
        return {pk: n for pk in pks if (n := self.of(pk)[0])}

    def attach(self, officials: Iterable[Official]) -> None:
        """Sets each official's `meeting_count`, `first_year` and `last_year`."""
        for official in officials:
            official.meeting_count, official.first_year, official.last_year = self.of(official.pk)


def count_activity() -> Activity:
    """Every official's `Activity` in one grouped query (0.6 s at 200,000 meetings, so
    kept until the data changes, see `kept_activity`)."""
    year = ExtractYear("meeting__start_date")
    rows = (
        _counted_participations()
        .values(survivor=Coalesce("official__merged_into", "official"))
        .annotate(
            n=Count(Coalesce("meeting__merged_into", "meeting"), distinct=True),
            first=Min(year),
            last=Max(year),
        )
        .order_by("survivor")
        .values_list("survivor", "n", "first", "last")
    )
    columns = [array("q"), array("q"), array("q"), array("q")]
    for row in rows.iterator():
        for column, value in zip(columns, row, strict=True):
            column.append(NO_YEAR if value is None else value)
    return Activity(*columns)


def kept_activity() -> Activity:
    """`count_activity()`, counted once per data version (relations.facet_cache)."""
    return facet_cache.cached("officials:activity", count_activity, held=True)


# ---------------------------------------------------------------- other kinds of record

# The text of meetings and agreements that full-text search reads, on PostgreSQL (with a GIN
# index on the same expression: migration 0004). English stemming: "visits" finds "visit".
MEETING_TEXT = ("title", "summary", "location")
AGREEMENT_TEXT = ("title", "terms")
TEXT_CONFIG = "english"


def text_vector(fields: Sequence[str]) -> SearchVector:
    """The indexed document of a row: its `fields`, one after the other."""
    return SearchVector(*fields, config=TEXT_CONFIG)


def text_matches(model, fields: Sequence[str], query: str) -> Q:
    """On PostgreSQL, the rows of `model` whose `fields` hold the words of `query` (full-text,
    as a web search engine reads it: `"exact phrase"`, `-word`, `or`); an empty condition
    that matches nothing elsewhere (the callers also search plainly)."""
    if not similar_spellings():
        return Q(pk__in=[])
    found = (
        model._default_manager.alias(document=text_vector(fields))
        .filter(document=SearchQuery(query, search_type="websearch", config=TEXT_CONFIG))
        .values("pk")
    )
    return Q(pk__in=found)


def officials_named(query: str) -> QuerySet:
    """Ids of the officials, merged or not, whose names or aliases hold every word of `query`
    (or, on PostgreSQL, words spelled like them): for finding their meetings."""
    return officials_named_by(parse(query))


def officials_named_by(terms: Terms) -> QuerySet:
    """`officials_named` for a query already read."""
    rows = Official.objects.all()
    if not terms:
        return rows.none().values("pk")
    for word in terms.words:
        rows = rows.filter(pk__in=_named(word))
    return rows.values("pk")
