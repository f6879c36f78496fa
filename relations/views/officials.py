"""Officials: the searchable, faceted list and one official, each in a fixed number of queries.

The list searches names and aliases (relations.search) and ranks in the database, so facets,
pagination and the CSV/JSON twins all work on one queryset.
"""

import datetime as dt

from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import NullIf
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from documents.models import Evidence
from relations import facet_cache, search, selectors, timeline
from relations.facets import FacetSpec
from relations.filters import OfficialFilter, SearchFilter
from relations.models import Agreement, Meeting, Official, Participation, Position, ReviewState
from relations.paging import BoundedPaginator
from relations.views import twins
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rankings: dict[str, search.Ranking] = {}

    def search(self, queryset, name, value):
        # The list and each facet (the list without its own filter) filter anew: the
        # ranking is worked out once for them all.
        if value not in self.rankings:
            self.rankings[value] = search.ranking(value)
        return self.rankings[value].apply(queryset)


def official_rows(*, aliases: bool = False):
    """Officials as the list shows them, by name: country, posts, and the aliases when a
    search needs them to say which one matched (the numbers of meetings and years are
    attached from `search.kept_activity()`)."""
    rows = (
        selectors.officials()
        .select_related("country")
        .prefetch_related(
            Prefetch("positions", queryset=Position.objects.order_by("first_seen", "pk"))
        )
        .order_by("name", "pk")
    )
    return rows.prefetch_related("aliases") if aliases else rows


def latest_post(official: Official) -> Position | None:
    """The post the sources last show (by last seen). Uses the prefetched positions."""
    return selectors.post_at(official, None)


def official_row_data(official: Official, url: str, activity: search.Activity) -> dict:
    """An official as one row of the CSV and JSON lists: what the page shows."""
    post = latest_post(official)
    activity.attach([official])
    return {
        "id": official.pk,
        "name": official.name,
        "country": official.country.name if official.country else None,
        "latest_post": post.title if post else None,
        "meetings": official.meeting_count,
        "first_year": official.first_year,
        "last_year": official.last_year,
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
    activity = search.kept_activity()
    activity.attach(listing.page)
    results = [
        (official, latest_post(official), search.matched_alias(terms, official) if query else None)
        for official in listing.page
    ]
    return render_listing(
        request,
        "relations/official_list.html",
        listing,
        row_data=lambda o: official_row_data(
            o, request.build_absolute_uri(reverse("relations:official", args=[o.pk])), activity
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


MEETINGS_PER_PAGE = 25
MET_WITH_SHOWN = 30  # counterparts in the "Met with" table, most meetings first


def _meeting_rows(pk: int):
    """The visible meetings this official (or a record merged into it) took part in, a
    merged meeting as its survivor, newest first, each with the official's `role`."""
    took_part = Participation.objects.filter(_stands_for(pk, "official"))
    in_them = took_part.values("meeting")
    survivors = Meeting.objects.filter(pk__in=in_them, merged_into__isnull=False)
    role = took_part.filter(
        Q(meeting=OuterRef("pk")) | Q(meeting__merged_into=OuterRef("pk"))
    ).values("role")[:1]
    return (
        selectors.meetings()
        .filter(Q(pk__in=in_them) | Q(pk__in=survivors.values("merged_into")))
        .annotate(role=Subquery(role))
        .order_by(*selectors.NEWEST_FIRST)
    )


def _met_with(pk: int, meetings) -> list[dict]:
    """Everyone who took part in these meetings but the official: post held at the last
    of them, country, number of meetings and last date, most meetings first (one grouped
    query, and two for the posts)."""
    others = (
        Participation.objects.of_public_officials()
        .filter(meeting__in=meetings.order_by().values("pk"))
        .exclude(_stands_for(pk, "official"))
        .order_by()
        .values("official", "official__name", "official__country__name")
        .annotate(meetings=Count("meeting", distinct=True), last=Max("meeting__start_date"))
        .order_by("-meetings", F("last").desc(nulls_last=True), "official__name")
    )
    rows = list(others[:MET_WITH_SHOWN])
    if not rows:
        return rows
    people = Official.objects.filter(pk__in=[r["official"] for r in rows]).prefetch_related(
        Prefetch("positions", queryset=Position.objects.order_by("first_seen", "pk"))
    )
    by_pk = {o.pk: o for o in people}
    for row in rows:
        row["post"] = selectors.post_at(by_pk[row["official"]], row["last"])
    return rows


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
    meetings = _meeting_rows(official.pk)
    paginator = BoundedPaginator(meetings, MEETINGS_PER_PAGE, count_rows=meetings.count)
    page = paginator.get_page(request.GET.get("page"))
    meetings_url = reverse("relations:meetings")
    context = {
        "section": "officials",
        "official": official,
        "aliases": aliases,
        "posts": _posts(official),
        "latest": latest_post(official),
        "meetings": page,
        "page_obj": page,
        "met_with": _met_with(official.pk, meetings),
        "agreements": _agreements(official.pk),
        "sources": _sources(official.pk),
    }
    if twins.wants_json(request):
        return twins.official(request, context)
    # Counted once per data version, as the home and pair pages keep theirs.
    levels = facet_cache.cached(
        f"timeline:official:{official.pk}", lambda: timeline.levels_by_year(meetings)
    )
    context["timeline"] = timeline.chart(
        levels, lambda year: f"{meetings_url}?participant={official.pk}&year={year}"
    )
    return render(request, "relations/official_detail.html", context)
