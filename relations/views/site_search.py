"""One search box for the whole site (`/search/?q=`): officials, meetings, agreements and
sources that match, grouped by kind, each group linking to its list with the same search.

Plain case-insensitive containment on every database (officials through their own name
search, relations.search); on PostgreSQL also full-text search of meetings and agreements and
names spelled like the query ("hyashi" finds Hayashi and his meetings). Each group's count is
the count of the list it links to, which searches the same way. What a search found (the ids
shown and the counts) is kept until the data changes; the rows are read by id, as they are.
"""

from dataclasses import dataclass

from django.db.models import F, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from documents.models import Document
from relations import facet_cache, search, selectors
from relations.filters import MAX_QUERY_LENGTH
from relations.paging import RowsById

SHOWN = 8  # rows of each kind on the page; the list linked holds them all


@dataclass
class Group:
    kind: str
    label: str
    count: int
    rows: list
    more_url: str


def _group(kind: str, label: str, matches, by_id, list_name: str, query: str) -> Group:
    """The first rows of a kind, and how many there are (counted only when there are more
    than it shows). `matches()` builds the matches in the list's order, only when the search
    is not kept: the ids shown and the count are kept per query and data version
    (relations.facet_cache), as the lists keep their counts. Asked again, a search reads its
    rows by id from `by_id` (the rows the public sees) instead of matching again, which at
    200,000 meetings took 200-400 ms for a common name in each of the meetings and the
    sources (and working out the officials' ranking, a few ms more)."""
    computed: dict = {}

    def first_rows() -> dict:
        rows = matches()
        shown = computed["rows"] = list(rows[:SHOWN])
        count = len(shown) if len(shown) < SHOWN else rows.count()
        return {"ids": [row.pk for row in shown], "count": count}

    kept = facet_cache.cached(_key(kind, query), first_rows)
    shown = computed.get("rows")
    if shown is None:  # kept: the rows as they are now, in the order kept
        shown = RowsById(kept["ids"], by_id)[:]
    url = reverse(list_name) + "?" + urlencode({"q": query})
    return Group(kind, label, kept["count"], shown, url)


def _key(kind: str, query: str) -> str:
    return f"search:{kind}:first+count:{query}"


def site_search(request):
    query = " ".join(request.GET.get("q", "").split())
    problem = ""
    if len(query) > MAX_QUERY_LENGTH:
        problem = f"Search: write at most {MAX_QUERY_LENGTH} characters."
    elif "\x00" in query:
        problem = "Search: null characters are not allowed."
    groups = []
    if query and not problem:
        kinds = ("officials", "meetings", "agreements", "sources")
        facet_cache.read_together(*(_key(kind, query) for kind in kinds))  # one read
        groups = [
            _group(
                "officials",
                "Officials",
                lambda: search.search_officials(
                    query, selectors.officials().select_related("country")
                ),
                selectors.officials().select_related("country"),
                "relations:officials",
                query,
            ),
            _group(
                "meetings",
                "Meetings",
                lambda: (
                    selectors.meetings()
                    .filter(selectors.meeting_matches(query))
                    .order_by(*selectors.NEWEST_FIRST)
                ),
                selectors.meetings(),
                "relations:meetings",
                query,
            ),
            _group(
                "agreements",
                "Agreements",
                lambda: (
                    selectors.agreements()
                    .filter(selectors.agreement_matches(query))
                    .order_by(F("date").desc(nulls_last=True), "title", "pk")
                ),
                selectors.agreements(),
                "relations:agreements",
                query,
            ),
            _group(
                "sources",
                "Sources",
                lambda: (
                    Document.objects.filter(Q(title__icontains=query) | Q(text__icontains=query))
                    .defer("text")
                    .order_by(F("published_on").desc(nulls_last=True), "pk")
                ),
                Document.objects.defer("text"),
                "documents:list",
                query,
            ),
        ]
        search.kept_activity().attach(groups[0].rows)  # the officials' years of meetings
    return render(
        request,
        "relations/search.html",
        {
            "section": "search",
            "query": query,
            "groups": groups,
            "total": sum(g.count for g in groups),
            "problem": problem,
        },
        status=400 if problem else 200,
    )
