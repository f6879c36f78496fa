"""Officials: the searchable, faceted list and one official, each in a fixed number of queries.

The list searches names and aliases (relations.search) and ranks in the database, so facets,
pagination and the CSV/JSON twins all work on one queryset.
"""

import datetime as dt

from django.db.models import (
    Count,
    F,
    Max,
    Prefetch,
    Q,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import NullIf
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from documents.models import Evidence
from relations import facet_cache, search, selectors, timeline
from relations.facets import FacetSpec
from relations.filters import OfficialFilter, SearchFilter
from relations.models import (
    Agreement,
    Alias,
    Meeting,
    Official,
    Participation,
    Position,
    ReviewState,
)
from relations.official_rows import official_rows, officials_by_id
from relations.paging import BoundedPaginator, RowsById
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


def ranked_rows(filterset: OfficialSearchFilter) -> RowsById | None:
    """With a name search and no other filter: the rows in the ranking's order, a page read
    by id (at 200,000 meetings the database took 6-8 ms to sort the 630 officials "hayashi"
    names, by rank and meetings held in JSON parameters, for every page). None otherwise."""
    cleaned = filterset.form.cleaned_data
    query = cleaned.get("q")
    if not query or any(value for name, value in cleaned.items() if name != "q"):
        return None
    return RowsById(
        filterset.rankings[query].order,
        read=lambda ids: officials_by_id(ids, filterset.queryset, aliases=True),
    )


def officials_listed(*, aliases: bool = False):
    """Officials as the list's downloads give them, by name: country, posts, and the aliases
    when a search needs them to say which one matched (the numbers of meetings and years are
    attached from `search.kept_activity()`). A page reads its rows as plain values
    (relations.official_rows)."""
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
        officials_listed(aliases=bool(request.GET.get("q"))),
        FACETS,
        extra_chips={"q": "Name"},
        in_order=ranked_rows,
    )
    query = "" if listing.invalid else listing.filterset.form.cleaned_data.get("q") or ""
    terms = search.parse(query)
    activity = search.kept_activity()
    shown = listing.page.object_list  # rows read by id (a name search), or a slice to read
    if not isinstance(shown, list):
        shown = official_rows(shown, aliases=bool(query))
    listing.page.object_list = shown
    activity.attach(shown)
    results = [
        (
            official,
            official.latest_post,
            search.matched_alias(terms, official.name_key, official.aliases) if query else None,
        )
        for official in shown
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


# The keys the parts of an official's page are kept under (relations.facet_cache): the
# facts (names, posts, sources, agreements), the counts (meetings, people met) and the
# timeline. The facts' key names what they hold: facts kept before they held the agreements'
# and sources' sections drawn are not read.
FACTS_KEY = "official:{pk}:facts+sections-drawn"
COUNTS_KEY = "official:{pk}:counts"
TIMELINE_KEY = "timeline:official:{pk}"
# A page of an official's meetings drawn: its first row's number and its (id, role) pairs.
MEETINGS_DRAWN_KEY = "official-meetings:{start}:{shown}"


def _official(pk: int) -> Official:
    """One visible official and its country (one query, live: its state says whether the
    page is shown, redirected or not found)."""
    return Official.objects.visible().select_related("country").get(pk=pk)


NO_SOURCES = "Entered by an editor; no document names this official yet."


def _facts(official: Official) -> dict:
    """The official's names, posts, sources and agreements signed, the last two with their
    sections drawn (the busiest official's 1,200 sources and 1,200 agreements took 100 and
    20 ms to draw), kept until the data changes and read again in the first request after
    any write (four queries)."""
    return facet_cache.cached(
        FACTS_KEY.format(pk=official.pk), lambda: _read_facts(official), lag=False
    )


def _read_facts(official: Official) -> dict:
    pk = official.pk
    holder = Official(pk=pk)  # the posts and names are read onto it, not onto the page's
    prefetch_related_objects(
        [holder],
        Prefetch("aliases", queryset=Alias.objects.only("official", "name")),
        Prefetch("positions", queryset=Position.objects.select_related("country")),
    )
    sources, agreements = _sources(pk), _agreements(pk)
    return {
        "aliases": list(holder.aliases.all()),
        "posts": _posts(holder),
        "latest": latest_post(holder),
        "sources": sources,
        "sources_section": render_to_string(
            "includes/sources.html", {"sources": sources, "no_sources": NO_SOURCES}
        ),
        "agreements": agreements,
        "agreements_section": render_to_string(
            "includes/agreements_signed.html", {"agreements": agreements, "name": official.name}
        ),
    }


def _counts(official: Official) -> dict:
    """The official's meetings newest first as (id, role), and the people met with their
    table drawn. Kept until the data changes, and like the other kept counts shown for one
    recount more after another process's write: at 200,000 meetings the people met took
    185-260 ms to count and sorting the busiest official's 9,000 meetings 80-150 ms; kept,
    a page reads its 25 meetings by id and counts them as the list's length."""
    return facet_cache.cached(COUNTS_KEY.format(pk=official.pk), lambda: _count(official))


def _count(official: Official) -> dict:
    newest_first = _meetings(official.pk).order_by(*selectors.NEWEST_FIRST)
    roles = _roles(official.pk)
    met_with = _met_with(official.pk)
    return {
        "meetings": [(pk, roles.get(pk)) for pk in newest_first.values_list("pk", flat=True)],
        "met_with": met_with,
        # 22 rows took 1.5-2.8 ms to draw, each request
        "met_with_section": render_to_string(
            "includes/met_with.html", {"official": official, "met_with": met_with}
        ),
    }


def _stands_for(pk: int, path: str) -> Q:
    """Rows about this official or about records merged into it: it stands for them. The
    ids come from a subquery, so each table is read through its index on `path` (an OR
    across the join would read all of it)."""
    ids = Official.objects.filter(Q(pk=pk) | Q(merged_into=pk)).values("pk")
    return Q(**{f"{path}__in": ids})


MEETINGS_PER_PAGE = 25
MET_WITH_SHOWN = 30  # counterparts in the "Met with" table, most meetings first
MEETING_ROW_FIELDS = ("kind", "title", "start_date", "end_date", "date_precision")


def _meetings(pk: int):
    """The visible meetings this official (or a record merged into it) took part in, a
    merged meeting as its survivor. The ids are a UNION of two index reads (the meetings
    taken part in, and the survivors of those merged away): an OR of the two made
    PostgreSQL walk every meeting newest first (157 ms for 15 meetings at 200k)."""
    took_part = Participation.objects.filter(_stands_for(pk, "official")).values("meeting")
    survivors = Meeting.objects.filter(pk__in=took_part, merged_into__isnull=False)
    return selectors.meetings().filter(pk__in=took_part.union(survivors.values("merged_into")))


def _roles(pk: int) -> dict[int, str]:
    """The official's role in each meeting, a merged meeting's under its survivor's id
    unless the official took part in the survivor itself (one query)."""
    roles: dict[int, str] = {}
    took_part = Participation.objects.filter(_stands_for(pk, "official")).order_by()
    for meeting, survivor, role in took_part.values_list("meeting", "meeting__merged_into", "role"):
        if survivor is None:
            roles[meeting] = role
        else:
            roles.setdefault(survivor, role)
    return roles


def _meeting_rows(shown: list[tuple[int, str]]) -> list[Meeting]:
    """These meetings, (id, role) in this order, each with the official's `role` (one
    query by primary key: a correlated subquery per row for the role cost more to build
    than to run)."""
    rows = selectors.meetings().filter(pk__in=[pk for pk, _ in shown]).only(*MEETING_ROW_FIELDS)
    by_pk = {m.pk: m for m in rows.order_by()}
    for pk, role in shown:
        if pk in by_pk:
            by_pk[pk].role = role
    return [by_pk[pk] for pk, _ in shown if pk in by_pk]


def _met_with(pk: int) -> list[dict]:
    """Everyone who took part in the official's meetings but the official: post held at
    the last of them, country, number of meetings and last date, most meetings first (one
    grouped query, and two for the posts)."""
    others = (
        Participation.objects.of_public_officials()
        .filter(meeting__in=_meetings(pk).order_by().values("pk"))
        .exclude(_stands_for(pk, "official"))
        .order_by()
        .values("official", "official__name", "official__country__name")
        .annotate(meetings=Count("meeting", distinct=True), last=Max("meeting__start_date"))
        .order_by("-meetings", F("last").desc(nulls_last=True), "official__name")
    )
    rows = list(others[:MET_WITH_SHOWN])
    if not rows:
        return rows
    posts = Position.objects.only(*selectors.POST_FIELDS).order_by("first_seen", "pk")
    people = Official.objects.filter(pk__in=[r["official"] for r in rows]).only("pk")
    by_pk = {o.pk: o for o in people.prefetch_related(Prefetch("positions", queryset=posts))}
    for row in rows:
        post = selectors.post_at(by_pk[row["official"]], row["last"])
        # What is kept holds the title and organisation shown, not the holder's other posts.
        row["post"] = post and Position(title=post.title, organization=post.organization)
    return rows


def _agreements(pk: int) -> list[Agreement]:
    """Visible agreements signed, oldest first, merged ones as their survivor, each once
    (one query: an agreement signed by the official and a record merged into it comes
    twice, and is kept once)."""
    fields = ("title", "date", "review_state", "merged_into")
    signed = (
        Agreement.objects.visible()
        .filter(_stands_for(pk, "signatories"))
        .select_related("merged_into")
        .only(*fields, *(f"merged_into__{f}" for f in fields))
        .order_by()
    )
    shown: dict[int, Agreement] = {}
    for agreement in signed:
        survivor = agreement.merged_into if agreement.merged_into_id else agreement
        if survivor.review_state != ReviewState.REJECTED:
            shown.setdefault(survivor.pk, survivor)
    return sorted(shown.values(), key=lambda a: (a.date or UNDATED, a.title, a.pk))


def _sources(pk: int) -> dict:
    """Documents and the quoted sentences that name this official (one query; not the
    documents' text)."""
    evidence = (
        Evidence.objects.filter(_stands_for(pk, "official"))
        .select_related("document")
        .only(*selectors.EVIDENCE_FIELDS)
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
    # The page's kept parts in one read: the facts, the counts and the timeline.
    facet_cache.read_together(*(k.format(pk=pk) for k in (FACTS_KEY, COUNTS_KEY, TIMELINE_KEY)))
    facts, counts = _facts(official), _counts(official)
    meetings = counts["meetings"]
    paginator = BoundedPaginator(meetings, MEETINGS_PER_PAGE, count_rows=meetings.__len__)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "section": "officials",
        "official": official,
        "aliases": [a for a in facts["aliases"] if a.name != official.name],
        "posts": facts["posts"],
        "latest": facts["latest"],
        "meetings": page,
        "page_obj": page,
        "met_with": counts["met_with"],
        "met_with_section": counts["met_with_section"],
        "agreements": facts["agreements"],
        "sources": facts["sources"],
        "sources_section": facts["sources_section"],
        "agreements_section": facts["agreements_section"],
    }
    if twins.wants_json(request):
        return twins.official(request, context)
    context["meetings_drawn"] = _meetings_drawn(page)
    context["timeline"] = _timeline(official.pk)
    return render(request, "relations/official_detail.html", context)


def _meetings_drawn(page) -> str:
    """A page of the official's meetings drawn, kept until the data changes. It is kept
    under the (id, role) of each of its meetings, as the page's counts give them: after a
    recount, a page holding other meetings is drawn again."""
    shown = page.object_list

    def draw() -> str:
        return render_to_string(
            "includes/official_meetings.html",
            {"meetings": _meeting_rows(shown), "page_obj": page},
        )

    key = MEETINGS_DRAWN_KEY.format(start=page.start_index(), shown=shown)
    return facet_cache.cached(key, draw, lag=False)


def _timeline(pk: int) -> str:
    """The timeline section, drawn once per data version as the home and pair pages keep
    their counts (its SVG and table took 1.2 ms to render for 15 meetings, 4 ms for 9,000)."""

    def draw() -> str:
        levels = timeline.levels_by_year(_meetings(pk))
        meetings_url = reverse("relations:meetings")
        return timeline.section(levels, lambda year: f"{meetings_url}?participant={pk}&year={year}")

    return facet_cache.cached(TIMELINE_KEY.format(pk=pk), draw)
