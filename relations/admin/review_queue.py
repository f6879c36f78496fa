"""The review queue: every fact no editor has checked yet, oldest documents first."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, F, IntegerField, Min, Value
from django.db.models.functions import Coalesce, TruncDate
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.text import capfirst

from relations.admin.common import admin_url, evidence_links, evidence_prefetch, names, public_url
from relations.admin.descriptions import describe_agreement, describe_meeting, describe_official
from relations.editing import set_review_state
from relations.models import Agreement, Meeting, Official, ReviewState


class ReviewQueue:
    """Every fact still `extracted` (merged records excepted: their survivor stands for
    them), officials, meetings and agreements together, the one first seen in the oldest
    document first, each beside the sentences that support it; verify or reject one or many.

    A fact's date is that of its earliest evidence document (published, else read in);
    facts without evidence come last. Facts of one document stay together.
    """

    KINDS = {
        "official": (Official, 0, describe_official),
        "meeting": (Meeting, 1, describe_meeting),
        "agreement": (Agreement, 2, describe_agreement),
    }
    QUOTES_SHOWN = 3
    PER_PAGE = 25

    def __init__(self, site):
        self.site = site

    def _admin(self, kind):
        return self.site._registry[self.KINDS[kind][0]]

    def _pending(self, kind):
        model = self.KINDS[kind][0]
        return model.objects.filter(review_state=ReviewState.EXTRACTED, merged_into__isnull=True)

    def _rows(self, kind):
        _, rank, _ = self.KINDS[kind]
        day = Coalesce(
            "evidence__document__published_on", TruncDate("evidence__document__ingested_at")
        )
        return (
            self._pending(kind)
            .annotate(
                fact_kind=Value(kind, output_field=CharField()),
                rank=Value(rank, output_field=IntegerField()),
                first_seen=Min(day),
                first_document=Min("evidence__document_id"),
            )
            .values_list("fact_kind", "pk", "first_seen", "first_document", "rank")
            .order_by()
        )

    def view(self, request):
        kinds = [k for k in self.KINDS if self._admin(k).has_view_permission(request)]
        if not kinds:
            raise PermissionDenied
        if request.method == "POST":
            self._act(request, kinds)
            return redirect(request.get_full_path())
        shown = request.GET.get("kind")
        shown = shown if shown in kinds else None
        selected = [shown] if shown else kinds
        parts = [self._rows(k) for k in selected]
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        rows = rows.order_by(F("first_seen").asc(nulls_last=True), "first_document", "rank", "pk")
        page = Paginator(rows, self.PER_PAGE).get_page(request.GET.get("p"))
        entries = self._entries(list(page.object_list))
        tabs = [
            {
                "kind": k,
                "label": capfirst(self.KINDS[k][0]._meta.verbose_name_plural),
                "count": self._pending(k).count(),
                "url": "?" + urlencode({"kind": k}),
                "current": shown == k,
            }
            for k in kinds
        ]
        context = {
            **self.site.each_context(request),
            "title": "Review queue",
            "subtitle": "Facts no editor has checked yet, oldest documents first",
            "entries": entries,
            "page": page,
            "tabs": tabs,
            "all_current": shown is None,
            "total": sum(t["count"] for t in tabs),
            "prev_url": self._page_url(shown, page.previous_page_number())
            if page.has_previous()
            else None,
            "next_url": self._page_url(shown, page.next_page_number()) if page.has_next() else None,
        }
        request.current_app = self.site.name
        return TemplateResponse(request, "admin/relations/review_queue.html", context)

    @staticmethod
    def _page_url(kind, number) -> str:
        return "?" + urlencode({"kind": kind, "p": number} if kind else {"p": number})

    def _entries(self, rows) -> list[dict]:
        wanted: dict[str, list[int]] = {}
        for kind, pk, *_ in rows:
            wanted.setdefault(kind, []).append(pk)
        objects = {}
        for kind, pks in wanted.items():
            model = self.KINDS[kind][0]
            query = model.objects.filter(pk__in=pks).prefetch_related(evidence_prefetch())
            if model is Official:
                query = query.select_related("country").prefetch_related("aliases", "positions")
            elif model is Meeting:
                query = query.prefetch_related("participations__official")
            else:
                query = query.prefetch_related("parties")
            objects.update({(kind, obj.pk): obj for obj in query})
        entries = []
        for kind, pk, first_seen, _, _ in rows:
            obj = objects.get((kind, pk))
            if obj is None:
                continue
            evidence = list(obj.evidence.all())
            entries.append(
                {
                    "kind": kind,
                    "kind_label": capfirst(obj._meta.verbose_name),
                    "obj": obj,
                    "value": f"{kind}:{pk}",
                    "details": self.KINDS[kind][2](obj),
                    "evidence": [evidence_links(ev) for ev in evidence[: self.QUOTES_SHOWN]],
                    "more": max(0, len(evidence) - self.QUOTES_SHOWN),
                    "first_seen": first_seen,
                    "admin_url": admin_url(obj),
                    "public_url": public_url(obj),
                }
            )
        return entries

    def _act(self, request, kinds) -> None:
        row = request.POST.get("row_action", "")
        if row:
            action, _, value = row.partition(":")
            values = [value]
        else:
            action = request.POST.get("action", "")
            values = request.POST.getlist("selected")
        state = {"verify": ReviewState.VERIFIED, "reject": ReviewState.REJECTED}.get(action)
        if state is None:
            messages.error(request, "Choose to verify or to reject.")
            return
        chosen: dict[str, list[int]] = {}
        for value in values:
            kind, _, pk = value.partition(":")
            if kind in kinds and pk.isdigit():
                chosen.setdefault(kind, []).append(int(pk))
        if not chosen:
            messages.warning(request, "Select one or more facts first.")
            return
        for kind in chosen:
            if not self._admin(kind).has_change_permission(request):
                raise PermissionDenied
        facts = [
            fact
            for kind, pks in chosen.items()
            for fact in self.KINDS[kind][0].objects.filter(pk__in=pks).order_by("pk")
        ]
        count = set_review_state(facts=facts, state=state)
        done = "Verified" if state == ReviewState.VERIFIED else "Rejected"
        text = f"{done} {count} fact{'s' if count != 1 else ''}"
        if count:
            text += ": " + names(facts)
        if state == ReviewState.REJECTED and count:
            text += ". They no longer appear on the public site or in the export"
        messages.success(request, text + ".")
