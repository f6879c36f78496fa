"""Faceted browsing: counts beside every filter value, and links that add or remove it.

A facet counts over the rows that every *other* active filter lets through (as the Django
admin's facets do), so choosing a value never hides its siblings: values OR within a facet
and AND across facets. One aggregate query per facet; open-ended facets keep their top
values, say when they are cut and link to more (`?more=<facet>`). The value shape follows
Datasette's `{value, label, count, selected, toggle_url}`.

At scale (hundreds of thousands of rows) each count is one GROUP BY over the chosen rows
(to-many filters are semi-joins, relations.filters): values of the row itself are counted
without DISTINCT, values of a to-many relation (`across`) are counted in that relation's
own table (the join table of a many-to-many), one row per listed row and value. The counts
of a facet under given filters are the same for every visitor until the data changes: they
are kept, per combination of the other filters (relations.facet_cache).
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Case, Count, Exists, F, OuterRef, QuerySet, Value, When
from django.db.models.expressions import BaseExpression
from django.http import QueryDict

from relations import facet_cache

# Parameters that change what is shown, not which rows: dropped when a filter changes.
VIEW_PARAMETERS = ("page", "format", "more")
# Parameters that order the rows, not choose them: not part of a count's key.
ORDER_PARAMETERS = ("sort",)
# A facet asked for in full (`?more=participant`) shows this many values.
MORE_LIMIT = 100
# The value of rows that have none (no place, no date, no country named): counted as its own
# bucket in every facet, last, and a value every filter takes (relations.filters).
UNKNOWN = "unknown"
UNKNOWN_LABEL = "Unknown"


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: list[FacetValue]
    truncated: bool = False
    more_url: str = ""
    # Values combine with AND (`all_param` is "all"), not OR.
    every: bool = False
    # With one value chosen: (other value's label, address of rows having both).
    with_links: tuple[tuple[str, str], ...] = ()
    # With two values chosen (OR): the address of the rows having both.
    both_url: str = ""

    @property
    def selected(self) -> list[FacetValue]:
        return [v for v in self.values if v.selected]


@dataclass(frozen=True)
class FacetSpec:
    """One facet: the filter it drives (by name) and what to count.

    `value` and `label` are ORM paths or expressions evaluated on the rows; `labels` maps
    values to display labels (for choices); `order` is "count" (most first) or "value"
    (newest first, for years).

    `across` names a to-many relation of the listed model (a many-to-many field or a
    reverse foreign key): the values are then read in that relation's table, `value` and
    `display` being paths from its rows ("official__name" from a participation). Each row of
    it counts once, unless `distinct` (when one listed row can hold a value twice there).
    """

    name: str
    label: str
    value: str | BaseExpression
    display: str | BaseExpression | None = None
    labels: dict[str, str] | Callable[[str], str] | None = None
    limit: int = 12
    order: str = "count"
    normalise: Callable[[str], str] | None = None  # how a typed value compares ('usd' = 'USD')
    across: str | None = None
    distinct: bool = False
    # A parameter taking two values as `a-b` (`pair`): rows having both; offered beside the
    # values once one is chosen, and instead of two values' OR.
    pair_param: str = ""
    # A parameter that makes this facet's values combine with AND when it is "all"
    # (`participants=all`); the facet then counts under its own values too.
    all_param: str = ""


@dataclass(frozen=True)
class Chip:
    label: str
    remove_url: str
    joiner: str = ""  # how it combines with the chip before it: "or", "and" or nothing


def _query(params: QueryDict, **changes: list[str] | None) -> str:
    # Plain lists, not `params.copy()`: a QueryDict copies itself deeply, and a list page
    # writes a link for each value of each facet.
    data = {key: values for key, values in params.lists() if key not in VIEW_PARAMETERS}
    for key, values in changes.items():
        data[key] = values or []
    encoded = urlencode(sorted((k, v) for k, vs in data.items() for v in vs))
    return "?" + encoded if encoded else "?"


def filters_query(params: QueryDict) -> str:
    """The filters of the current address (no page, format), "" when there are none: for
    links to another page that keeps them."""
    query = _query(params)
    return "" if query == "?" else query


def toggle_url(params: QueryDict, name: str, value: str, normalise=None) -> str:
    same = normalise or (lambda v: v)
    current = params.getlist(name)
    chosen = [v for v in current if same(v) == same(value)]
    values = [v for v in current if v not in chosen] if chosen else [*current, value]
    return _query(params, **{name: values})


def remove_url(params: QueryDict, name: str) -> str:
    return _query(params, **{name: None})


def rows_without(filterset, name: str):
    """The filterset's rows under every active filter but `name` (all of them for "")."""
    queryset = filterset.queryset
    for other, value in filterset.form.cleaned_data.items():
        if other != name:
            queryset = filterset.filters[other].filter(queryset, value)
    return queryset


def _label(spec: FacetSpec, value, display) -> str:
    if value is None or str(value).lower() == UNKNOWN:
        return UNKNOWN_LABEL
    if callable(spec.labels):
        return spec.labels(value)
    if spec.labels:
        return spec.labels.get(str(value), str(value))
    return str(display if display is not None else value)


def _expression(path: str | BaseExpression):
    return F(path) if isinstance(path, str) else path


def related_rows(model, relation: str) -> tuple[QuerySet, str, str]:
    """For a to-many relation of `model`: the table holding its rows, the column of that
    table pointing at `model`, and the one pointing at the other side ('' for a reverse
    foreign key, whose rows are the other side)."""
    field = model._meta.get_field(relation)
    if field.many_to_many:
        table = field.remote_field.through._default_manager.all()
        return table, field.m2m_field_name(), field.m2m_reverse_field_name()
    return field.related_model._default_manager.all(), field.field.name, ""


def count_values(chosen: QuerySet, spec: FacetSpec, limit: int) -> list[dict]:
    """`limit` + 2 rows of {facet_value, facet_label?, facet_count} for the chosen rows, in
    the facet's order, after a row for the rows without a value (facet_value None) if any.

    Rows without a value are a group of the same GROUP BY for a value of the row itself
    (blank text is made NULL by the spec's `value`); for a to-many relation, one more count:
    the chosen rows that have no related row with a value."""
    model = chosen.model
    annotations = {"facet_value": _expression(spec.value)}
    if spec.display is not None:
        annotations["facet_label"] = _expression(spec.display)
    missing = []
    if spec.across:
        table, link, _ = related_rows(model, spec.across)
        rows = table.filter(**{f"{link}__in": chosen.values("pk")})
        counter = Count(link, distinct=True) if spec.distinct else Count("*")
        # NOT EXISTS, an anti-join: a NOT IN over the whole relation would compare each row
        # with every related row once the subquery outgrows memory (minutes at 200k).
        having = (
            table.alias(facet_value=annotations["facet_value"])
            .exclude(facet_value=None)
            .filter(**{link: OuterRef("pk")})
        )
        without = (
            model._default_manager.filter(pk__in=chosen.values("pk"))
            .filter(~Exists(having))
            .count()
        )
        missing = [{"facet_value": None, "facet_count": without}] if without else []
    else:
        # Filters that join to-many rows make them DISTINCT: count their rows by id instead.
        rows = model._default_manager.filter(pk__in=chosen.values("pk"))
        if not chosen.query.distinct:
            rows = chosen
        counter = Count("pk", distinct=True) if spec.distinct else Count("*")
    counted = rows.annotate(**annotations).values(*annotations).annotate(facet_count=counter)
    first = []  # the row without a value first, so that the limit never cuts it
    if spec.across:
        counted = counted.exclude(facet_value=None)  # counted apart, above
    else:
        first = [Case(When(facet_value=None, then=Value(0)), default=Value(1))]
    if spec.order == "value":
        counted = counted.order_by(*first, "-facet_value")
    else:
        counted = counted.order_by(*first, "-facet_count", "facet_value")
    return missing + list(counted[: limit + 3])


def filter_key(filterset, params: QueryDict, without: str = "") -> str:
    """The active filters (but `without`) as a canonical string: rows under the same key are
    the same rows."""
    active = [
        (name, value)
        for name in sorted(filterset.filters)
        if name != without
        and name not in ORDER_PARAMETERS
        and filterset.form.cleaned_data.get(name)
        for value in sorted(set(params.getlist(name)))
    ]
    return urlencode(active)


def _count_facet(filterset, own: str, spec: FacetSpec, limit: int) -> list[dict]:
    """`count_values` over the rows every active filter but `own` lets through."""
    chosen = rows_without(filterset, own).order_by().prefetch_related(None)
    return count_values(chosen, spec, limit)


def compute_facets(
    filterset,
    specs: list[FacetSpec],
    params: QueryDict,
    cache_key: str | None = None,
    also: dict | None = None,
) -> list[Facet]:
    """Counts for each facet, each over the rows the other filters let through.

    With `cache_key`, the counts are kept until the data changes (relations.facet_cache),
    under the facet and the other active filters; `also` ({key: compute}) are other kept
    values the page needs, read in the same go (the request reads them again for free)."""
    facets = []
    more = params.get("more")
    limits = {spec.name: MORE_LIMIT if more == spec.name else spec.limit for spec in specs}
    counts = {}  # each facet's count, as a key (its own and the other filters) and a call
    for spec in specs:
        # Values that combine with AND narrow each other: counted under the facet's own too.
        own = "" if _every(spec, params) else spec.name
        key = f"{cache_key}:{spec.name}:{limits[spec.name]}:{filter_key(filterset, params, own)}"
        # Bound now: the count may run later, off the request (facet_cache). The rows to
        # count are only built when it runs: kept counts need no queryset (building the
        # seven of a pair's list took about a fifth of its request).
        counts[key] = functools.partial(_count_facet, filterset, own, spec, limits[spec.name])
    if cache_key:
        counted_by_key = facet_cache.cached_many({**counts, **(also or {})})
        counted_by_key = {key: counted_by_key[key] for key in counts}
    else:
        counted_by_key = {key: count() for key, count in counts.items()}
    for spec, counted in zip(specs, counted_by_key.values(), strict=True):
        limit, every = limits[spec.name], _every(spec, params)
        unknown = [row["facet_count"] for row in counted if row["facet_value"] in (None, "")]
        found = [row for row in counted if row["facet_value"] not in (None, "")]
        truncated = len(found) > limit
        same = spec.normalise or (lambda v: v)
        selected = {same(v) for v in params.getlist(spec.name)}
        values = [
            FacetValue(
                value=str(row["facet_value"]),
                label=_label(spec, row["facet_value"], row.get("facet_label")),
                count=row["facet_count"],
                selected=same(str(row["facet_value"])) in selected,
                toggle_url=toggle_url(params, spec.name, str(row["facet_value"]), spec.normalise),
            )
            for row in found[:limit]
        ]
        if unknown:
            values.append(
                FacetValue(
                    UNKNOWN,
                    UNKNOWN_LABEL,
                    sum(unknown),
                    same(UNKNOWN) in selected,
                    toggle_url(params, spec.name, UNKNOWN, spec.normalise),
                )
            )
        shown = {same(v.value) for v in values}
        # A chosen value stays visible (and removable) even when it is not in the top list.
        values += [
            FacetValue(
                v, _label(spec, v, None), 0, True, toggle_url(params, spec.name, v, spec.normalise)
            )
            for v in dict.fromkeys(params.getlist(spec.name))
            if same(v) not in shown
        ]
        more_url = _query(params, more=[spec.name]) if truncated and more != spec.name else ""
        facets.append(
            Facet(
                spec.name,
                spec.label,
                values,
                truncated,
                more_url,
                every=every,
                with_links=_with_links(spec, params, values, every),
                both_url=_both_url(spec, params),
            )
        )
    return facets


def _every(spec: FacetSpec, params: QueryDict) -> bool:
    """Whether the rows must have every chosen value of the facet (`all_param=all`)."""
    return bool(spec.all_param) and params.get(spec.all_param) == "all"


def _pair(*values: str) -> str:
    return "-".join(sorted(v.lower() for v in values))


def _with_links(spec: FacetSpec, params: QueryDict, values, every: bool) -> tuple:
    """Once one value is chosen, each other value as a link to the rows having both."""
    chosen = params.getlist(spec.name)
    if len(chosen) != 1 or every or (spec.pair_param and params.get(spec.pair_param)):
        return ()
    others = [v for v in values if not v.selected]
    if spec.pair_param:
        return tuple(
            (
                v.label,
                _query(params, **{spec.name: None, spec.pair_param: [_pair(*chosen, v.value)]}),
            )
            for v in others
        )
    if spec.all_param:
        return tuple(
            (v.label, _query(params, **{spec.name: [*chosen, v.value], spec.all_param: ["all"]}))
            for v in others
        )
    return ()


def _both_url(spec: FacetSpec, params: QueryDict) -> str:
    """With two values chosen (either of them), the address of the rows having both."""
    chosen = list(dict.fromkeys(params.getlist(spec.name)))
    if len(chosen) != 2:
        return ""
    if spec.pair_param and not params.get(spec.pair_param):
        return _query(params, **{spec.name: None, spec.pair_param: [_pair(*chosen)]})
    if spec.all_param and params.get(spec.all_param) != "all":
        return _query(params, **{spec.all_param: ["all"]})
    return ""


def chips_for(
    facets: list[Facet], params: QueryDict, extra: dict, cleaned: dict | None = None
) -> list[Chip]:
    """One chip per active filter value, each saying how it combines with the one before:
    "or" between values of one facet ("and" when they combine with AND), "and" between
    filters. `extra` labels other parameters (q, dates): a text, or a function of the
    parameter's cleaned value."""
    chips = []
    for facet in facets:
        for i, value in enumerate(facet.selected):
            joiner = ("and" if facet.every else "or") if i else "and"
            chips.append(Chip(f"{facet.label}: {value.label}", value.toggle_url, joiner))
    for name, label in extra.items():
        value = (cleaned or {}).get(name) if callable(label) else params.get(name)
        if value:
            text = label(value) if callable(label) else f"{label}: {params.get(name)}"
            chips.append(Chip(text, remove_url(params, name), "and"))
    if chips:
        chips[0] = Chip(chips[0].label, chips[0].remove_url)
    return chips
