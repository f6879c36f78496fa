"""Agreements: the faceted list and one agreement, each in a fixed number of queries."""

from django.db.models import F, Prefetch, Q, Value
from django.db.models.functions import ExtractYear, NullIf
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from documents.models import Evidence
from relations import facet_cache, selectors
from relations.facets import FacetSpec, filter_key
from relations.filters import AgreementFilter
from relations.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Official,
    Position,
    ReviewState,
)
from relations.templatetags.money import money
from relations.views import twins
from relations.views.listing import both_chip, build_listing, render_listing

FACETS = [
    FacetSpec("kind", "Kind", "kind", labels=dict(AgreementKind.choices)),
    FacetSpec(
        "status", "Status", NullIf("status", Value("")), labels=dict(AgreementStatus.choices)
    ),
    FacetSpec("currency", "Currency", NullIf("currency", Value("")), normalise=str.upper),
    FacetSpec("year", "Year", ExtractYear("date"), order="value", limit=30),
    FacetSpec(
        "party", "Party", "country__code", "country__name", across="parties", pair_param="pair"
    ),
    # Where the text says who gives and who receives (documents.extraction.direction).
    FacetSpec("giver", "Given by", "from_country__code", "from_country__name"),
    FacetSpec("receiver", "Given to", "to_country__code", "to_country__name"),
]

NEWEST_FIRST = (F("date").desc(nulls_last=True), "title", "pk")

# Following merges further than this is a loop or a mistake: stop and show what we have.
MAX_MERGE_HOPS = 10


def agreement_rows(queryset):
    """Agreements as the list shows them: parties prefetched, newest first."""
    return (
        queryset.select_related("from_country", "to_country")
        .prefetch_related("parties")
        .order_by(*NEWEST_FIRST)
    )


def agreement_row_data(agreement: Agreement, url: str) -> dict:
    """An agreement as one row of the CSV and JSON lists: the fields the page shows."""
    return {
        "id": agreement.pk,
        "kind": agreement.kind,
        "title": agreement.title,
        "amount": agreement.amount,
        "currency": agreement.currency or None,
        "amount_display": money(agreement.amount, agreement.currency) or None,
        "date": agreement.date,
        "status": agreement.status or None,
        "parties": [c.code for c in agreement.parties.all()],
        "from": agreement.from_country.code if agreement.from_country else None,
        "to": agreement.to_country.code if agreement.to_country else None,
        "url": url,
    }


def _totals(request, listing) -> list[dict]:
    """Amounts per currency of the listed agreements, kept until the data changes."""
    if listing.invalid:
        return []
    key = f"agreements:totals:{filter_key(listing.filterset, request.GET)}"
    return facet_cache.cached(key, lambda: selectors.currency_totals(listing.filterset.qs))


def agreement_list(request):
    listing = build_listing(
        request,
        AgreementFilter,
        agreement_rows(selectors.agreements()),
        FACETS,
        extra_chips={"pair": both_chip, "q": "Search"},
    )
    return render_listing(
        request,
        "relations/agreement_list.html",
        listing,
        row_data=lambda a: agreement_row_data(
            a, request.build_absolute_uri(reverse("relations:agreement", args=[a.pk]))
        ),
        name="agreements",
        context={
            "section": "agreements",
            # Called only when the page is drawn (an export needs no totals), then kept.
            "totals": lambda: _totals(request, listing),
        },
    )


def _agreement(pk: int) -> Agreement:
    """One visible agreement with everything its page shows, in a fixed number of queries.

    Sources include the evidence of agreements merged into this one: it stands for them.
    """
    signatories = Official.objects.visible().select_related(
        "country", "merged_into", "merged_into__country"
    )
    positions = Prefetch("signatories__positions", queryset=Position.objects.order_by("first_seen"))
    evidence = (
        Evidence.objects.filter(Q(agreement_id=pk) | Q(agreement__merged_into_id=pk))
        .select_related("document")
        .order_by(F("document__published_on").asc(nulls_last=True), "document_id", "start")
    )
    agreement = (
        Agreement.objects.visible()
        .select_related("meeting", "meeting__merged_into", "from_country", "to_country")
        .prefetch_related(
            "parties",
            Prefetch("signatories", queryset=signatories.order_by("name")),
            positions,
        )
        .get(pk=pk)
    )
    agreement.sources = evidence  # evaluated only when the page is rendered
    return agreement


def _survivor_pk(agreement: Agreement) -> int:
    """The agreement a merged one now lives on, following chains of merges."""
    pk, seen = agreement.merged_into_id, {agreement.pk}
    while len(seen) < MAX_MERGE_HOPS:
        nxt = Agreement.objects.filter(pk=pk).values_list("merged_into_id", flat=True).first()
        if not nxt or nxt in seen:
            break
        seen.add(pk)
        pk = nxt
    return pk


def _meeting_shown(agreement: Agreement):
    """The meeting to link to: its survivor when merged, none when rejected."""
    meeting = agreement.meeting
    if meeting is None:
        return None
    if meeting.merged_into_id:
        meeting = meeting.merged_into
    return None if meeting.review_state == ReviewState.REJECTED else meeting


def agreement_detail(request, pk: int):
    try:
        agreement = _agreement(pk)
    except Agreement.DoesNotExist as exc:
        raise Http404("No such agreement") from exc
    if agreement.merged_into_id:
        return redirect("relations:agreement", pk=_survivor_pk(agreement), permanent=True)
    signatories, seen = [], set()
    for official in agreement.signatories.all():
        shown = official.merged_into if official.merged_into_id else official
        if shown.pk in seen or shown.review_state == ReviewState.REJECTED:
            continue
        seen.add(shown.pk)
        signatories.append((shown, selectors.post_at(official, agreement.date)))
    sources: dict = {}
    for ev in agreement.sources:
        sources.setdefault(ev.document, []).append(ev)
    parties = list(agreement.parties.all())
    pair = "-".join(sorted(c.code.lower() for c in parties)) if len(parties) == 2 else None
    context = {
        "section": "agreements",
        "agreement": agreement,
        "parties": parties,
        "pair": pair,
        "signatories": signatories,
        "meeting": _meeting_shown(agreement),
        "sources": sources,
    }
    if twins.wants_json(request):
        return twins.agreement(request, context)
    return render(request, "relations/agreement_detail.html", context)
