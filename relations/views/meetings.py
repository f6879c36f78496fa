"""Meetings: the faceted list, browsing by year and month, and one meeting."""

import calendar
import datetime as dt

from django.db.models import Value
from django.db.models.functions import ExtractYear, NullIf
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from relations import facet_cache, selectors
from relations.facets import FacetSpec, chips_for, compute_facets, filter_key, filters_query
from relations.filters import MeetingFilter
from relations.meeting_rows import meeting_rows
from relations.models import Meeting, MeetingKind
from relations.views import twins
from relations.views.listing import both_chip, build_listing, render_listing

CHIPS = {"pair": both_chip, "q": "Search", "date_from": "From", "date_to": "To"}
FACETS = [
    FacetSpec("year", "Year", ExtractYear("start_date"), order="value", limit=30),
    FacetSpec("kind", "Kind", "kind", labels=dict(MeetingKind.choices)),
    FacetSpec(
        "country",
        "Country",
        "country__code",
        "country__name",
        across="countries",
        pair_param="pair",
    ),
    FacetSpec(
        "participant",
        "Participant",
        "official",
        "official__name",
        across="participations",
        all_param="participants",
    ),
    FacetSpec("location", "Location", NullIf("location", Value("")), limit=10),
    FacetSpec("topic", "Topic", "topic__name", across="topics"),
]


# The year and month pages: the list's facets, but the year (the page's own).
PERIOD_FACETS = [spec for spec in FACETS if spec.name != "year"]


def meeting_list(request):
    listing = build_listing(
        request,
        MeetingFilter,
        selectors.newest_first(selectors.meetings()),
        FACETS,
        extra_chips=CHIPS,
    )
    return render_listing(
        request,
        "relations/meeting_list.html",
        listing,
        export_rows=lambda rows, chunk_size: selectors.meeting_export_rows(
            rows, _meeting_url_of(request), chunk_size
        ),
        rows_of=meeting_rows,
        name="meetings",
        context={
            "section": "meetings",
            "years": [y for y, m, _ in selectors.years_with_counts() if m],
        },
        form_fields=("q", "date_from", "date_to"),
    )


def _meeting_url_of(request):
    """A meeting's absolute address from its id, without a reverse() a row."""
    template = request.build_absolute_uri(reverse("relations:meeting", args=[_PK]))
    head, tail = template.split(str(_PK))
    return lambda pk: f"{head}{pk}{tail}"


_PK = 987654321  # a placeholder id no other part of the address holds


def _period(request, first: dt.date, last: dt.date, template: str, context: dict, counted):
    """A year or a month: its meetings in visit groups, narrowed by the list's facets (but
    the year), their counts, and the chips; a 400 page for filters that cannot be read."""
    rows = selectors.in_period(selectors.meetings(), first, last)
    filterset = MeetingFilter(request.GET, queryset=rows)
    invalid = not filterset.is_valid()
    key = f"meetings-period:{first}:{last}"
    facets = [] if invalid else compute_facets(filterset, PERIOD_FACETS, request.GET, key)
    chosen = rows.none() if invalid else filterset.qs
    filters = "invalid" if invalid else filter_key(filterset, request.GET)
    page, groups, count = selectors.period_page(
        first, last, request.GET.get("page"), rows=chosen, key=filters
    )
    before, after = selectors.neighbour_periods(first, last)
    return render(
        request,
        template,
        {
            **context,
            "section": "meetings",
            "groups": groups,
            "page_obj": page,
            "count": count,
            "previous": before,
            "next": after,
            "filterset": filterset,
            "facets": facets,
            "chips": chips_for(
                facets, request.GET, CHIPS, {} if invalid else filterset.form.cleaned_data
            ),
            "invalid": invalid,
            "search_fields": [filterset.form["q"]],
            "filters_query": filters_query(request.GET),
            "kept_params": [
                (name, value)
                for name in ("pair", "participants")
                for value in request.GET.getlist(name)
            ],
            **counted(chosen, filters),
        },
        status=400 if invalid else 200,
    )


def meeting_year(request, year: int):
    if not 1 <= year <= 9999:
        raise Http404("No such year")
    return _period(
        request,
        dt.date(year, 1, 1),
        dt.date(year, 12, 31),
        "relations/meeting_year.html",
        {"year": year},
        lambda rows, filters: {"months": selectors.months_of_year(year, rows, filters)},
    )


def meeting_month(request, year: int, month: int):
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        raise Http404("No such month")
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return _period(
        request,
        first,
        last,
        "relations/meeting_month.html",
        {
            "year": year,
            "month": month,
            "month_name": calendar.month_name[month],
            "week_days": [(name[0], name) for name in calendar.day_name],
        },
        lambda rows, filters: {"weeks": _weeks(year, month, selectors.meetings_per_day(rows))},
    )


def _weeks(year: int, month: int, days: dict[int, int]) -> list[list[tuple]]:
    """The month's weeks: each day as (day, date, meetings starting on it); 0 outside it."""
    return [
        [(d, dt.date(year, month, d) if d else None, days.get(d, 0)) for d in week]
        for week in calendar.Calendar().monthdayscalendar(year, month)
    ]


def meeting_redirect(request, pk: int):
    return redirect("relations:meeting", pk=pk, permanent=True)


def meeting_detail(request, pk: int):
    shown = facet_cache.cached(MEETING_KEY.format(pk=pk), lambda: _meeting_page(pk), lag=False)
    if shown is None:
        raise Http404("No such meeting")
    if shown["meeting"].merged_into_id:
        return redirect("relations:meeting", pk=shown["meeting"].merged_into_id, permanent=True)
    context = {"section": "meetings", **shown}
    if twins.wants_json(request):
        return twins.meeting(request, context)
    return render(request, "relations/meeting_detail.html", context)


# What a meeting's page keeps; the key names what it holds, so that what was kept before it
# held the sections drawn is not read.
MEETING_KEY = "meeting:{pk}:head+sections-drawn"


def _meeting_page(pk: int) -> dict | None:
    """What the page shows of a visible meeting (None when there is none, kept too: a
    meeting rejected since must not be shown from what was kept): the meeting, its
    participants each with the post held that day, and its sources; and the page drawn but
    for the Edit link, the citation and the site's frame (`head_drawn` above the link,
    `sections_drawn` below it: the same for every reader, they took most of its rendering).

    Kept until the data changes (relations.facet_cache), and read again in the first
    request after any write: it is read in eight queries whose ORM work, more than their
    SQL (1-3 ms in all at 200,000 meetings), made most of the page's 10 ms; kept, a request
    reads the data version and renders."""
    try:
        meeting = selectors.meeting_detail(pk)
    except Meeting.DoesNotExist:
        return None
    participants = [
        (p, selectors.post_at(p.official, meeting.start_date)) for p in meeting.participations.all()
    ]
    sources: dict = {}
    for ev in meeting.evidence.all():
        sources.setdefault(ev.document, []).append(ev)
    shown = {"meeting": meeting, "participants": participants, "sources": sources}
    return {
        **shown,
        "head_drawn": render_to_string("includes/meeting_head.html", shown),
        "sections_drawn": render_to_string("includes/meeting_sections.html", shown),
    }
