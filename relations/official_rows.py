"""Officials as the list shows them (/officials/, with or without a name search): plain
values in three or four queries, whatever the number of rows.

    rows = official_rows(queryset[:25], aliases=True)   # in the queryset's order
    rows = officials_by_id(ids, queryset, aliases=True)  # in the order of `ids`

A row shows an official's name, country, latest post, number of meetings and years, and
review mark; with a name search, the alias that found them. Read as model instances (the
official, its country, its posts and aliases prefetched), a page of 25 spent about 7 ms of
the name search's 20 at 200,000 meetings, most of it building about 110 objects.
"""

import datetime as dt
from dataclasses import dataclass, field

from relations import selectors
from relations.meeting_rows import Place
from relations.models import Alias, Position

VALUES = ("pk", "name", "name_key", "review_state", "edited_fields")
COUNTRY = ("country_id", "country__code", "country__name")
POST_VALUES = ("official_id", "title", "organization", "first_seen", "last_seen", "start", "end")


@dataclass(slots=True, frozen=True)
class Post:
    title: str
    organization: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    start: dt.date | None
    end: dt.date | None


@dataclass(slots=True, frozen=True)
class Name:
    """Another spelling of the official's name (an alias)."""

    name: str
    name_key: str


@dataclass(slots=True)
class OfficialRow:
    pk: int
    name: str
    name_key: str
    review_state: str
    edited_fields: object
    country: Place | None
    # Posts as the sources show them, first seen first; aliases by name (read for a search).
    posts: list[Post] = field(default_factory=list)
    aliases: list[Name] = field(default_factory=list)
    # Set by `search.Activity.attach`.
    meeting_count: int = 0
    first_year: int | None = None
    last_year: int | None = None

    @property
    def latest_post(self) -> Post | None:
        """The post the sources last show."""
        return selectors.post_among(self.posts, None)


def official_rows(queryset, *, aliases: bool = False) -> list[OfficialRow]:
    """The officials of `queryset` (filtered, ordered, sliced as it is) as rows with their
    posts, and their aliases if asked: three or four queries."""
    rows = [
        _row(values) for values in queryset.prefetch_related(None).values_list(*VALUES, *COUNTRY)
    ]
    _attach(rows, aliases)
    return rows


def officials_by_id(ids: list[int], queryset, *, aliases: bool = False) -> list[OfficialRow]:
    """The officials of these ids that `queryset` holds, as rows in the order of `ids`."""
    found = {
        row.pk: row
        for row in official_rows(queryset.filter(pk__in=ids).order_by(), aliases=aliases)
    }
    return [found[pk] for pk in ids if pk in found]


def _row(values: tuple) -> OfficialRow:
    *own, country, code, name = values
    return OfficialRow(*own, Place(country, code, name) if country is not None else None)


def _attach(rows: list[OfficialRow], aliases: bool) -> None:
    if not rows:
        return
    by_pk = {row.pk: row for row in rows}
    posts = Position.objects.filter(official_id__in=by_pk).order_by("first_seen", "pk")
    for official, *post in posts.values_list(*POST_VALUES):
        by_pk[official].posts.append(Post(*post))
    if aliases:
        names = Alias.objects.filter(official_id__in=by_pk).order_by("name")
        for official, name, key in names.values_list("official_id", "name", "name_key"):
            by_pk[official].aliases.append(Name(name, key))
