"""Meetings: the faceted list, browsing by year and month, and one meeting."""

import calendar
import datetime as dt

from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from relations import selectors
from relations.facets import FacetSpec
from relations.filters import MeetingFilter
from relations.models import Meeting, MeetingKind
from relations.views.listing import build_listing, render_listing

FACETS = [
    FacetSpec("year", "Year", ExtractYear("start_date"), order="value", limit=30),
    FacetSpec("kind", "Kind", "kind", labels=dict(MeetingKind.choices)),
    FacetSpec("country", "Country", "country__code", "country__name", across="countries"),
    FacetSpec("participant", "Participant", "official", "official__name", across="participations"),
    FacetSpec("location", "Location", "location", limit=10),
    FacetSpec("topic", "Topic", "topic__name", across="topics"),
]


def meeting_list(request):
    listing = build_listing(
        request,
        MeetingFilter,
        selectors.meeting_rows(selectors.meetings()),
        FACETS,
        extra_chips={"q": "Search", "date_from": "From", "date_to": "To"},
    )
    return render_listing(
        request,
        "relations/meeting_list.html",
        listing,
        row_data=lambda m: selectors.meeting_row_data(
            m, request.build_absolute_uri(reverse("relations:meeting", args=[m.pk]))
        ),
        name="meetings",
        context={
            "section": "meetings",
            "years": [y for y, m, _ in selectors.years_with_counts() if m],
        },
        form_fields=("q", "date_from", "date_to"),
    )


def meeting_year(request, year: int):
    if not 1 <= year <= 9999:
        raise Http404("No such year")
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    page, groups, count = selectors.period_page(first, last, request.GET.get("page"))
    before, after = selectors.neighbour_periods(first, last)
    return render(
        request,
        "relations/meeting_year.html",
        {
            "section": "meetings",
            "year": year,
            "months": selectors.months_of_year(year),
            "groups": groups,
            "page_obj": page,
            "count": count,
            "previous": before,
            "next": after,
        },
    )


def meeting_month(request, year: int, month: int):
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        raise Http404("No such month")
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    page, groups, count = selectors.period_page(first, last, request.GET.get("page"))
    before, after = selectors.neighbour_periods(first, last)
    days = selectors.meetings_per_day(first, last)
    weeks = calendar.Calendar().monthdayscalendar(year, month)
    return render(
        request,
        "relations/meeting_month.html",
        {
            "section": "meetings",
            "year": year,
            "month": month,
            "month_name": calendar.month_name[month],
            "weeks": [[(d, days.get(d, 0)) for d in week] for week in weeks],
            "groups": groups,
            "page_obj": page,
            "count": count,
            "previous": before,
            "next": after,
        },
    )


def meeting_redirect(request, pk: int):
    return redirect("relations:meeting", pk=pk, permanent=True)


def meeting_detail(request, pk: int):
    try:
        meeting = selectors.meeting_detail(pk)
    except Meeting.DoesNotExist as exc:
        raise Http404("No such meeting") from exc
    if meeting.merged_into_id:
        return redirect("relations:meeting", pk=meeting.merged_into_id, permanent=True)
    participants = [
        (p, selectors.post_at(p.official, meeting.start_date)) for p in meeting.participations.all()
    ]
    sources: dict = {}
    for ev in meeting.evidence.all():
        sources.setdefault(ev.document, []).append(ev)
    return render(
        request,
        "relations/meeting_detail.html",
        {
            "section": "meetings",
            "meeting": meeting,
            "participants": participants,
            "sources": sources,
        },
    )
