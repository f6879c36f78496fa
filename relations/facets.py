"""Faceted browsing: counts beside every filter value, and links that add or remove it.

A facet counts over the rows that every *other* active filter lets through (as the Django
admin's facets do), so choosing a value never hides its siblings: values OR within a facet
and AND across facets. One aggregate query per facet; open-ended facets keep their top
values and say when they are cut. The value shape follows Datasette's
`{value, label, count, selected, toggle_url}`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, F
from django.db.models.expressions import BaseExpression
from django.http import QueryDict

# Parameters that change what is shown, not which rows: dropped when a filter changes.
VIEW_PARAMETERS = ("page", "format")


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

    @property
    def selected(self) -> list[FacetValue]:
        return [v for v in self.values if v.selected]


@dataclass(frozen=True)
class FacetSpec:
    """One facet: the filter it drives (by name) and what to count.

    `value` and `label` are ORM paths or expressions evaluated on the rows; `labels` maps
    values to display labels (for choices); `order` is "count" (most first) or "value"
    (newest first, for years).
    """

    name: str
    label: str
    value: str | BaseExpression
    display: str | BaseExpression | None = None
    labels: dict[str, str] | Callable[[str], str] | None = None
    limit: int = 12
    order: str = "count"
    normalise: Callable[[str], str] | None = None  # how a typed value compares ('usd' = 'USD')


@dataclass(frozen=True)
class Chip:
    label: str
    remove_url: str


def _query(params: QueryDict, **changes: list[str] | None) -> str:
    data = params.copy()
    for key in VIEW_PARAMETERS:
        data.pop(key, None)
    for key, values in changes.items():
        data.setlist(key, values or [])
        if not values:
            data.pop(key, None)
    encoded = urlencode(sorted((k, v) for k, vs in data.lists() for v in vs))
    return "?" + encoded if encoded else "?"


def toggle_url(params: QueryDict, name: str, value: str, normalise=None) -> str:
    same = normalise or (lambda v: v)
    current = params.getlist(name)
    chosen = [v for v in current if same(v) == same(value)]
    values = [v for v in current if v not in chosen] if chosen else [*current, value]
    return _query(params, **{name: values})


def remove_url(params: QueryDict, name: str) -> str:
    return _query(params, **{name: None})


def _rows_without(filterset, name: str):
    """The filterset's rows under every active filter but `name`."""
    queryset = filterset.queryset
    for other, value in filterset.form.cleaned_data.items():
        if other != name:
            queryset = filterset.filters[other].filter(queryset, value)
    return queryset


def _label(spec: FacetSpec, value, display) -> str:
    if callable(spec.labels):
        return spec.labels(value)
    if spec.labels:
        return spec.labels.get(str(value), str(value))
    return str(display if display is not None else value)


def compute_facets(filterset, specs: list[FacetSpec], params: QueryDict) -> list[Facet]:
    """Counts for each facet, each over the rows the other filters let through."""
    model = filterset.queryset.model
    facets = []
    for spec in specs:
        chosen = _rows_without(filterset, spec.name).order_by().values("pk")
        rows = model._default_manager.filter(pk__in=chosen)
        value = F(spec.value) if isinstance(spec.value, str) else spec.value
        annotations = {"facet_value": value}
        if spec.display is not None:
            annotations["facet_label"] = (
                F(spec.display) if isinstance(spec.display, str) else spec.display
            )
        counted = (
            rows.order_by()
            .annotate(**annotations)
            .values(*annotations)
            .annotate(facet_count=Count("pk", distinct=True))
            .exclude(facet_value=None)
        )
        if spec.order == "value":
            counted = counted.order_by("-facet_value")
        else:
            counted = counted.order_by("-facet_count", "facet_value")
        # Blank text ('no location') is no value to filter by.
        found = [row for row in counted[: spec.limit + 2] if row["facet_value"] != ""]
        truncated = len(found) > spec.limit
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
            for row in found[: spec.limit]
        ]
        shown = {same(v.value) for v in values}
        # A chosen value stays visible (and removable) even when it is not in the top list.
        values += [
            FacetValue(
                v, _label(spec, v, None), 0, True, toggle_url(params, spec.name, v, spec.normalise)
            )
            for v in dict.fromkeys(params.getlist(spec.name))
            if same(v) not in shown
        ]
        facets.append(Facet(spec.name, spec.label, values, truncated))
    return facets


def chips_for(facets: list[Facet], params: QueryDict, extra: dict[str, str]) -> list[Chip]:
    """One chip per active filter value; `extra` labels other parameters (q, dates)."""
    chips = [
        Chip(f"{facet.label}: {value.label}", value.toggle_url)
        for facet in facets
        for value in facet.selected
    ]
    for name, label in extra.items():
        if params.get(name):
            chips.append(Chip(f"{label}: {params.get(name)}", remove_url(params, name)))
    return chips
