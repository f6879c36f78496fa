"""Officials: the searchable, faceted list and one official, each in a fixed number of queries.

The list searches names and aliases (relations.search) and ranks in the database, so facets,
pagination and the CSV/JSON twins all work on one queryset.
"""

import datetime as dt

from django.db.models import F, Prefetch, Q, Value
from django.db.models.functions import NullIf
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from documents.models import Evidence
from relations import search, selectors
from relations.facets import FacetSpec
from relations.filters import OfficialFilter, SearchFilter
from relations.models import Agreement, Official, Participation, Position, ReviewState
from relations.views.listing import build_listing, render_listing

FACETS = [
    FacetSpec("country", "Country", "country__code", display="country__name"),
    FacetSpec("post", "Post", "title", across="positions"),  # one post title per official
    # Most posts name no organisation: a blank one is no value to filter by.
    FacetSpec(
        "organisation",
        "Organisation",
        NullIf("organization", Value("")),
        across="positions",
        distinct=True,  # an official can hold two posts in one organisation
    ),
]


class OfficialSearchFilter(OfficialFilter):
    """The list's filters and its name search (`?q=`), ranked best first."""

    q = SearchFilter(method="search", label="Name")

    def search(self, queryset, name, value):
        return search.search_officials(value, queryset)


def official_rows(*, aliases: bool = False):
    """Officials as the list shows them, by name: country, posts, meeting count, and the
    aliases when a search needs them to say which one matched."""
    rows = (
        selectors.officials()
        .select_related("country")
        .annotate(meeting_count=search.meeting_count())
        .prefetch_related(
            Prefetch("positions", queryset=Position.objects.order_by("first_seen", "pk"))
        )
        .order_by("name", "pk")
    )
    return rows.prefetch_related("aliases") if aliases else rows


def latest_post(official: Official) -> Position | None:
    """The post the sources last show (by last seen). Uses the prefetched positions."""
    return selectors.post_at(official, None)


def official_row_data(official: Official, url: str) -> dict:
    """An official as one row of the CSV and JSON lists: what the page shows."""
    post = latest_post(official)
    return {
        "id": official.pk,
        "name": official.name,
        "country": official.country.name if official.country else None,
        "latest_post": post.title if post else None,
        "meetings": official.meeting_count,
        "url": url,
    }


def official_list(request):
    listing = build_listing(
        request,
        OfficialSearchFilter,
        official_rows(aliases=bool(request.GET.get("q"))),
        FACETS,
        extra_chips={"q": "Name"},
    )
    query = "" if listing.invalid else listing.filterset.form.cleaned_data.get("q") or ""
    terms = search.parse(query)
    results = [
        (official, latest_post(official), search.matched_alias(terms, official) if query else None)
        for official in listing.page
    ]
    return render_listing(
        request,
        "relations/official_list.html",
        listing,
        row_data=lambda o: official_row_data(
            o, request.build_absolute_uri(reverse("relations:official", args=[o.pk]))
        ),
        name="officials",
        context={"section": "officials", "query": query, "results": results},
    )


# ---------------------------------------------------------------- one official

UNDATED = dt.date.max


def _official(pk: int) -> Official:
    """One visible official with its names and posts (three queries)."""
    return (
        Official.objects.visible()
        .select_related("country", "merged_into")
        .prefetch_related(
            "aliases",
            Prefetch("positions", queryset=Position.objects.select_related("country")),
        )
        .get(pk=pk)
    )


def _stands_for(pk: int, path: str) -> Q:
    """Rows about this official or about records merged into it: it stands for them. The
    ids come from a subquery, so each table is read through its index on `path` (an OR
    across the join would read all of it)."""
    ids = Official.objects.filter(Q(pk=pk) | Q(merged_into=pk)).values("pk")
    return Q(**{f"{path}__in": ids})


def _meetings(pk: int) -> list[tuple[object, str]]:
    """(meeting, role) oldest first, merged meetings shown as their survivor (one query)."""
    participations = (
        Participation.objects.filter(_stands_for(pk, "official"))
        .exclude(meeting__review_state=ReviewState.REJECTED)
        .select_related("meeting", "meeting__merged_into")
        .order_by("pk")
    )
    roles: dict[int, tuple[object, str]] = {}
    for p in participations:
        meeting = p.meeting.merged_into if p.meeting.merged_into_id else p.meeting
        if meeting.review_state == ReviewState.REJECTED:
            continue
        roles.setdefault(meeting.pk, (meeting, p.role))
    return sorted(roles.values(), key=lambda mr: (mr[0].start_date or UNDATED, mr[0].pk))


def _agreements(pk: int) -> list[Agreement]:
    """Visible agreements signed, oldest first, merged ones as their survivor (one query)."""
    signed = (
        Agreement.objects.visible()
        .filter(_stands_for(pk, "signatories"))
        .select_related("merged_into")
        .distinct()
    )
    shown: dict[int, Agreement] = {}
    for agreement in signed:
        survivor = agreement.merged_into if agreement.merged_into_id else agreement
        if survivor.review_state != ReviewState.REJECTED:
            shown.setdefault(survivor.pk, survivor)
    return sorted(shown.values(), key=lambda a: (a.date or UNDATED, a.title, a.pk))


def _sources(pk: int) -> dict:
    """Documents and the quoted sentences that name this official (one query)."""
    evidence = (
        Evidence.objects.filter(_stands_for(pk, "official"))
        .select_related("document")
        .order_by(F("document__published_on").asc(nulls_last=True), "document_id", "start")
    )
    sources: dict = {}
    for ev in evidence:
        sources.setdefault(ev.document, []).append(ev)
    return sources


def _posts(official: Official) -> list[Position]:
    """Posts in the order the official held them: by stated start or first sighting."""
    return sorted(
        official.positions.all(),
        key=lambda p: (p.start or p.first_seen or UNDATED, p.last_seen or UNDATED, p.pk),
    )


def official_detail(request, pk: int):
    try:
        official = _official(pk)
    except Official.DoesNotExist as exc:
        raise Http404("No such official") from exc
    if official.merged_into_id:
        return redirect("relations:official", pk=official.survivor().pk, permanent=True)
    aliases = [a for a in official.aliases.all() if a.name != official.name]
    return render(
        request,
        "relations/official_detail.html",
        {
            "section": "officials",
            "official": official,
            "aliases": aliases,
            "posts": _posts(official),
            "latest": latest_post(official),
            "meetings": _meetings(official.pk),
            "agreements": _agreements(official.pk),
            "sources": _sources(official.pk),
        },
    )
