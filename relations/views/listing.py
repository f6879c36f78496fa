"""What every faceted list page does: filter, count facets, paginate, or answer CSV/JSON.

Pagination is bounded: at most MAX_PAGES pages of a list (deeper pages read and skip every
row before them; filters narrow faster). The number of rows is counted at most once a page,
and kept with the facet counts until the data changes (relations.facet_cache).
"""

import functools
from dataclasses import dataclass

from django.core.paginator import Page
from django.http import HttpResponse
from django.shortcuts import render

from relations import facet_cache
from relations.facets import (
    Chip,
    Facet,
    FacetSpec,
    chips_for,
    compute_facets,
    filter_key,
    rows_without,
)
from relations.filters import SORTS
from relations.formats import alternate_links, requested_format, stream_rows
from relations.paging import BoundedPaginator

PAGE_SIZE = 25
# Rows read from the database at a time for an export (and their prefetches with them).
EXPORT_CHUNK = 1000
# A pair's page is read by probing each row in order (PairFilter.probe) when at least this
# share of the rows the other filters let through concern the pair: the 25 newest are then
# found within about 25 / PROBE_SHARE rows. Rarer pairs keep the form that hashes each
# country's rows once.
PROBE_SHARE = 0.02


@dataclass
class Listing:
    filterset: object
    facets: list[Facet]
    chips: list[Chip]
    page: Page
    invalid: bool
    rows: object = None  # the whole filtered list (an export's), in order


def both_chip(pair) -> str:
    """The chip of `?pair=`: the two countries the rows all concern."""
    return f"Both {pair[0].name} and {pair[1].name}"


def build_listing(
    request, filterset_class, queryset, specs: list[FacetSpec], extra_chips=None, in_order=None
):
    """The list's filterset, facets, chips and page. `in_order(filterset)` may give the
    filtered rows in order another way than the filterset's queryset (or None when it
    cannot): a page is then read from it."""
    # Always bound (an empty query is valid): facets need the form's cleaned data.
    filterset = filterset_class(request.GET, queryset=queryset)
    invalid = not filterset.is_valid()
    rows = queryset.none() if invalid else filterset.qs
    key = f"{filterset_class.__module__}.{filterset_class.__name__}"
    exporting = requested_format(request) is not None  # an export has no facets
    count_key = "" if invalid else f"{key}:count:{filter_key(filterset, request.GET)}"
    # The list's count is read with its facets' (one cache read), and again below for free.
    facets = (
        []
        if invalid or exporting
        else compute_facets(filterset, specs, request.GET, key, also={count_key: rows.count})
    )

    def count_rows() -> int:
        return 0 if invalid else facet_cache.cached(count_key, rows.count)

    ordered = None
    if not invalid and not exporting:
        ordered = in_order(filterset) if in_order else None
        if ordered is None:
            ordered = _read_by_probe(filterset, key, request.GET, count_key, rows.count)
    if ordered is None:
        ordered = rows
    paginator = BoundedPaginator(ordered, PAGE_SIZE, count_rows=count_rows)
    page = paginator.get_page(request.GET.get("page"))
    cleaned = {} if invalid else filterset.form.cleaned_data
    chips = chips_for(facets, request.GET, extra_chips or {}, cleaned)
    return Listing(filterset, facets, chips, page, invalid, rows)


def _read_by_probe(filterset, key: str, params, count_key: str, count):
    """The same rows as `filterset.qs`, with the pair written for probing, when the pair is
    common among the rows the other filters let through; else None. Both counts are kept
    and read in one go: the list's own (`count_key`, `count()`) is read again later in the
    request without a query (relations.facet_cache)."""
    pair = filterset.filters.get("pair")
    if getattr(pair, "probe", None) is None or not filterset.form.cleaned_data.get("pair"):
        return None
    among_key = f"{key}:count:{filter_key(filterset, params, 'pair')}"
    # The rows the other filters let through are built only when counted.
    counted = facet_cache.cached_many(
        {among_key: functools.partial(_count_without, filterset, "pair"), count_key: count}
    )
    among = counted[among_key]
    if not among or counted[count_key] < PROBE_SHARE * among:
        return None
    pair.probing = True
    try:
        return filterset.filter_queryset(filterset.queryset.all())
    finally:
        pair.probing = False


def _count_without(filterset, name: str) -> int:
    return rows_without(filterset, name).count()


def _kept_params(request, listing: Listing, form_fields) -> list[tuple[str, str]]:
    """Filters neither a facet nor a field of the form shows (`pair`, `participants`):
    hidden inputs of the form, so that applying a search keeps them."""
    shown = {f.name for f in listing.facets} | set(form_fields)
    return [
        (name, value)
        for name in listing.filterset.filters
        if name not in shown
        for value in request.GET.getlist(name)
    ]


def render_listing(
    request,
    template: str,
    listing: Listing,
    *,
    row_data=None,
    export_rows=None,
    rows_of=list,
    name: str,
    context: dict,
    form_fields: tuple[str, ...] = ("q",),
) -> HttpResponse:
    fmt = requested_format(request)
    if fmt and not listing.invalid:
        # The whole filtered list, not the page: streamed, in the list's order, either as
        # `export_rows(queryset, chunk_size)` reads it or a `row_data(instance)` a row.
        queryset = listing.rows
        if export_rows is None:
            rows = (row_data(r) for r in queryset.iterator(chunk_size=EXPORT_CHUNK))
        else:
            rows = export_rows(queryset, EXPORT_CHUNK)
        count = listing.page.paginator.count
        return stream_rows(rows, fmt=fmt, name=name, count=count)
    # The page's rows as `rows_of` reads them from the page's slice of the list.
    rows = listing.page.object_list = rows_of(listing.page.object_list)
    context = {
        **context,
        "filterset": listing.filterset,
        "facets": listing.facets,
        "chips": listing.chips,
        "page_obj": listing.page,
        "rows": rows,
        "alternates": alternate_links(request),
        "invalid": listing.invalid,
        "search_fields": [listing.filterset.form[f] for f in form_fields],
        "kept_params": _kept_params(request, listing, form_fields),
        # Lists that sort either way: their orders and the current one.
        "sorts": SORTS if "sort" in listing.filterset.filters else None,
        "sort": request.GET.get("sort") if request.GET.get("sort") in dict(SORTS) else "newest",
    }
    return render(request, template, context, status=400 if listing.invalid else 200)
