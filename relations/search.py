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

Everything happens in one SQL query (`search_officials`): per word, a `contains` filter on
`Official.name_key` or an alias's `name_key`, and a CASE expression that ranks, so the result
is an ordinary queryset to paginate and facet in the database. `match_rank` is the same rule
in plain Python, for showing why a row matched and for tests. On PostgreSQL a trigram index on
the two `name_key` columns (migration 0003, `pg_trgm`) serve the `contains` filters; SQLite
reads every name, which is fine at its scale. Accents need no `unaccent`: `name_key` is
folded when a name is saved (`documents.extraction.names.fold`), the same way on both databases.

Typos: on PostgreSQL an official also matches when each query word is *like* a word of its
name or of an alias (`name_key %> 'word'`: pg_trgm's `word_similarity` above its threshold,
0.5 as `relations/settings.py` sets it), served by the same trigram indexes. SQLite has no
such measure: there a misspelt word finds nothing (`similar_spellings()` says which is the case).
"""

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, ExtractYear

from documents.extraction.names import name_words
from documents.extraction.vocabulary import HONORIFICS, TITLE_ABBREVIATIONS, TITLE_HEADS
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
    when it does not. The same rule as `search_officials` applies in SQL."""
    if not terms:
        return None
    if terms.exact_keys & set(keys):
        return Rank.EXACT
    ranks = [_word_rank(w, keys) for w in terms.words]
    if None in ranks:
        return None
    return max(ranks)


def matched_alias(terms: Terms, official) -> Alias | None:
    """The alias that found an official when its own name would not have (else None).
    Uses `official.aliases.all()`: prefetch it."""
    own = match_rank(terms, [official.name_key])
    best = None
    for alias in official.aliases.all():
        rank = match_rank(terms, [alias.name_key])
        if rank is not None and (own is None or rank < own) and (best is None or rank < best[0]):
            best = (rank, alias)
    return best[1] if best else None


# ---------------------------------------------------------------- SQL


def _padded(field: str) -> Concat:
    """' key ': whole words are ' w ' inside it, word starts ' w'."""
    return Concat(Value(" "), field, Value(" "), output_field=CharField())


def _somewhere(field: str, lookup: str, value) -> Q:
    """The official's name or one of its aliases satisfies `lookup`: on `name_key` itself,
    or on `padded` (the key between spaces, in which a whole word is ' w ', a word start
    ' w')."""
    aliases = Alias.objects.all()
    if field == "padded":
        aliases = aliases.annotate(padded=_padded("name_key"))
    own = "name_key" if field == "name_key" else "search_padded"
    return Q(**{f"{own}__{lookup}": value}) | Q(
        pk__in=aliases.filter(**{f"{field}__{lookup}": value}).values("official_id")
    )


def _named(word: str):
    """Ids of the officials whose name or one of whose aliases holds `word` (or, where the
    database can, a word spelled like it): a union of index scans (trigram indexes on
    PostgreSQL), where an OR across the two tables would read every official."""
    conditions = [Q(name_key__contains=word)]
    if similar_spellings():
        conditions.append(WordLike("name_key", Value(word)))
    names = [Official.objects.filter(c).values("pk") for c in conditions]
    aliases = [Alias.objects.filter(c).values("official_id") for c in conditions]
    first, *rest = names + aliases
    return first.union(*rest)


def _all(conditions: Iterable[Q]) -> Q:
    out = Q()
    for condition in conditions:
        out &= condition
    return out


def search_officials(query: str, queryset: QuerySet) -> QuerySet:
    """The officials of `queryset` that `query` names, best first (see the module).

    Annotates `search_rank` (a `Rank` value) and `meeting_count` (unless present) and orders
    by them, then by name. A query with no searchable word (only punctuation or emoji)
    matches nothing.
    """
    terms = parse(query)
    if not terms:
        return queryset.none()
    rows = queryset.alias(search_padded=_padded("name_key"))
    for word in terms.words:
        rows = rows.filter(pk__in=_named(word))
    exact = _somewhere("name_key", "in", sorted(terms.exact_keys))
    whole = _all(_somewhere("padded", "contains", f" {word} ") for word in terms.words)
    prefix = _all(_somewhere("padded", "contains", f" {word}") for word in terms.words)
    ranks = [
        When(exact, then=Value(Rank.EXACT.value)),
        When(whole, then=Value(Rank.WHOLE.value)),
        When(prefix, then=Value(Rank.PREFIX.value)),
    ]
    last = Rank.PARTIAL
    if similar_spellings():
        partial = _all(_somewhere("name_key", "contains", word) for word in terms.words)
        ranks.append(When(partial, then=Value(Rank.PARTIAL.value)))
        last = Rank.SIMILAR
    rank = Case(*ranks, default=Value(last.value), output_field=IntegerField())
    if "meeting_count" not in rows.query.annotations:
        rows = rows.annotate(meeting_count=meeting_count())
    return rows.annotate(search_rank=rank).order_by("search_rank", "-meeting_count", "name", "pk")


class _CountDistinct(Func):
    """COUNT(DISTINCT x) as a plain expression: a correlated subquery's one value."""

    template = "COUNT(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def _participations():
    """Participations of the official of the outer query (its own and those of records
    merged into it) in meetings the public sees: for a correlated subquery's one value."""
    # The official and the records merged into it, as a list of ids the participations'
    # index is probed with (an OR across the join would read every participation).
    stands_for = Official.objects.filter(
        Q(pk=OuterRef(OuterRef("pk"))) | Q(merged_into=OuterRef(OuterRef("pk")))
    ).values("pk")
    return (
        Participation.objects.filter(official__in=stands_for)
        .exclude(meeting__review_state=ReviewState.REJECTED)
        .exclude(meeting__merged_into__review_state=ReviewState.REJECTED)
        .order_by()
    )


def meeting_count() -> Coalesce:
    """The number of meetings an official took part in, as the official's page lists them:
    its own and those of records merged into it; a merged meeting counts as its survivor;
    rejected meetings do not count. A subquery, so it combines with any join or filter."""
    meetings = _participations().annotate(
        n=_CountDistinct(Coalesce("meeting__merged_into", "meeting"))
    )
    return Coalesce(Subquery(meetings.values("n"), output_field=IntegerField()), Value(0))


class _Year(Func):
    """MIN or MAX of the year of a date, as a plain expression (no GROUP BY)."""

    template = "%(function)s(%(expressions)s)"
    output_field = IntegerField()


def activity_years() -> dict:
    """Annotations `first_year` and `last_year`: the years of an official's first and last
    dated meetings (None when none is dated), over the meetings `meeting_count` counts."""
    year = ExtractYear("meeting__start_date")
    return {
        name: Subquery(_participations().annotate(y=_Year(year, function=f)).values("y"))
        for name, f in (("first_year", "MIN"), ("last_year", "MAX"))
    }


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
    terms = parse(query)
    rows = Official.objects.all()
    if not terms:
        return rows.none().values("pk")
    for word in terms.words:
        rows = rows.filter(pk__in=_named(word))
    return rows.values("pk")
