"""Sources: the documents list and one document with its evidence highlighted.

Both pages take a fixed number of queries whatever the number of documents or evidence.
Facts an editor rejected are not shown; a fact merged into another is shown as the one it
was merged into (following up to MERGE_HOPS merges, as far as one query can join).
"""

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear, NullIf
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import Truncator

from documents.filters import DocumentFilter
from documents.highlight import Span, highlight
from documents.models import Document, DocumentKind, Evidence
from relations.facets import FacetSpec
from relations.models import ReviewState
from relations.views import twins
from relations.views.listing import build_listing, render_listing

FACETS = [
    FacetSpec("publisher", "Publisher", NullIf("publisher", Value(""))),
    FacetSpec("kind", "Kind", "kind", labels=dict(DocumentKind.choices)),
    FacetSpec("year", "Year", ExtractYear("published_on"), order="value", limit=30),
]

NEWEST_FIRST = (F("published_on").desc(nulls_last=True), "file_name", "pk")

# The kinds of fact, in the order a document page lists them.
FACT_KINDS = ("official", "meeting", "agreement")
FACT_LABELS = {"official": "Official", "meeting": "Meeting", "agreement": "Agreement"}
FACT_URLS = {kind: f"relations:{kind}" for kind in FACT_KINDS}
# In a list of facts sharing a sentence, the event first, then what was agreed, then people.
LINK_ORDER = {"meeting": 0, "agreement": 1, "official": 2}

MERGE_HOPS = 3
SHOWN_STATES = [s for s in ReviewState.values if s != ReviewState.REJECTED]


def _hop(kind: str, hops: int) -> str:
    return kind + "__merged_into" * hops


# ---------------------------------------------------------------- the list


def _fact_count(kind: str):
    """How many shown facts of a kind a document supports, merged ones counted once."""
    cited = Evidence.objects.filter(
        document=OuterRef("pk"), **{f"{kind}__review_state__in": SHOWN_STATES}
    )
    for hops in range(1, MERGE_HOPS + 1):
        path = _hop(kind, hops)
        cited = cited.filter(
            Q(**{f"{path}__isnull": True}) | Q(**{f"{path}__review_state__in": SHOWN_STATES})
        )
    survivor = Coalesce(
        *(_hop(kind, hops) for hops in range(MERGE_HOPS, -1, -1)), output_field=IntegerField()
    )
    counted = (
        cited.order_by().values("document").annotate(n=Count(survivor, distinct=True)).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def document_rows():
    return (
        Document.objects.defer("text")
        .annotate(**{f"n_{kind}s": _fact_count(kind) for kind in FACT_KINDS})
        .annotate(n_facts=F("n_officials") + F("n_meetings") + F("n_agreements"))
        .order_by(*NEWEST_FIRST)
    )


def document_row_data(document: Document, url: str) -> dict:
    """A document as one row of the CSV and JSON lists: what the page shows."""
    return {
        "id": document.pk,
        "title": document.title,
        "publisher": document.publisher or None,
        "published_on": document.published_on,
        "kind": document.kind,
        "file_name": document.file_name,
        "facts": document.n_facts,
        "officials": document.n_officials,
        "meetings": document.n_meetings,
        "agreements": document.n_agreements,
        "url": url,
    }


def document_list(request):
    listing = build_listing(
        request, DocumentFilter, document_rows(), FACETS, extra_chips={"q": "Search"}
    )
    return render_listing(
        request,
        "documents/document_list.html",
        listing,
        row_data=lambda d: document_row_data(
            d, request.build_absolute_uri(reverse("documents:detail", args=[d.pk]))
        ),
        name="documents",
        context={"section": "documents"},
    )


# ---------------------------------------------------------------- one document


def _shown(fact):
    """The fact to show for a piece of evidence: its survivor, or None when rejected."""
    chain = [fact]
    field = type(fact)._meta.get_field("merged_into")
    # Only follow merges the evidence query joined: never a query per row. Past them, the
    # fact's own page redirects to the survivor.
    while fact.merged_into_id and field.is_cached(fact) and len(chain) <= MERGE_HOPS:
        fact = fact.merged_into
        if fact is None or fact in chain:
            break
        chain.append(fact)
    if any(f.review_state == ReviewState.REJECTED for f in chain):
        return None
    return chain[-1]


def _name(kind: str, fact) -> str:
    return fact.name if kind == "official" else fact.title


def document_detail(request, pk: int):
    document = get_object_or_404(Document, pk=pk)
    related = [_hop(kind, MERGE_HOPS) for kind in FACT_KINDS]
    evidence = Evidence.objects.filter(document=document).select_related(*related)
    evidence = sorted(evidence, key=lambda ev: (ev.start, -ev.end, ev.pk))

    spans: list[tuple[int, Span]] = []
    facts: dict[str, dict[int, dict]] = {kind: {} for kind in FACT_KINDS}
    for ev in evidence:
        kind = next((k for k in FACT_KINDS if getattr(ev, f"{k}_id")), None)
        fact = _shown(getattr(ev, kind)) if kind else None
        if fact is None:
            continue
        url = reverse(FACT_URLS[kind], args=[fact.pk])
        name = _name(kind, fact)
        spans.append(
            (
                LINK_ORDER[kind],
                Span(
                    start=ev.start,
                    end=ev.end,
                    anchor=f"ev-{ev.pk}",
                    url=url,
                    kind=FACT_LABELS[kind],
                    name=name,
                    short=Truncator(name).chars(40),
                ),
            )
        )
        facts[kind].setdefault(
            fact.pk,
            {
                "fact": fact,
                "url": url,
                "name": name,
                "first": ev.pk,
                "page": document.page_at(ev.start),
            },
        )
    # Where spans start together, the mark is named after the first: keep text order, and
    # within one place list the meeting before the agreement before the people.
    spans.sort(key=lambda item: (item[1].start, item[0]))
    groups = [
        {"kind": kind, "label": FACT_LABELS[kind] + "s", "facts": list(facts[kind].values())}
        for kind in FACT_KINDS
    ]
    if twins.wants_json(request):
        return twins.document(request, document, groups, [span for _, span in spans])
    return render(
        request,
        "documents/document_detail.html",
        {
            "section": "documents",
            "document": document,
            "highlighted": highlight(document.text, [span for _, span in spans]),
            "groups": groups,
            "fact_count": sum(len(g["facts"]) for g in groups),
        },
    )
