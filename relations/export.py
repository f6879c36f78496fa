"""The knowledge base as one JSON-able dict, in the `bilateral-kb/1` export format.

Rejected facts and facts merged into others are left out; corrected facts are exported as
corrected. A fixed number of queries whatever the size (prefetching, no per-row queries).
"""

from django.db.models import Prefetch

from documents.models import Document, Evidence
from relations.models import Agreement, Meeting, Official, Participation

FORMAT = "bilateral-kb/1"


def _iso(value):
    return value.isoformat() if value else None


def _sources(fact) -> list[str]:
    return sorted({e.document.file_name for e in fact.evidence.all()})


def build_export() -> dict:
    evidence = Prefetch("evidence", queryset=Evidence.objects.select_related("document"))
    officials = list(
        Official.objects.public()
        .select_related("country")
        .prefetch_related("aliases", "positions", evidence)
        .order_by("pk")
    )
    visible_officials = {o.pk for o in officials}
    meetings = list(
        Meeting.objects.public()
        .prefetch_related(
            "countries",
            "topics",
            evidence,
            Prefetch("participations", queryset=Participation.objects.order_by("pk")),
        )
        .order_by("start_date", "pk")
    )
    visible_meetings = {m.pk for m in meetings}
    agreements = list(
        Agreement.objects.public()
        .prefetch_related("parties", "signatories", evidence)
        .order_by("date", "pk")
    )
    return {
        "format": FORMAT,
        "documents": [
            {
                "file": d.file_name,
                "title": d.title,
                "source": d.publisher or None,
                "published_on": _iso(d.published_on),
                "kind": d.kind,
                "sha256": d.sha256,
            }
            for d in Document.objects.order_by("file_name")
        ],
        "officials": [
            {
                "id": o.pk,
                "name": o.name,
                "aliases": sorted(a.name for a in o.aliases.all()),
                "country": o.country.code if o.country else None,
                "positions": [
                    {
                        "title": p.title,
                        "organization": p.organization or None,
                        "start": _iso(p.start),
                        "end": _iso(p.end),
                        "as_of": _iso(p.last_seen),
                    }
                    for p in o.positions.all()
                ],
                "sources": _sources(o),
            }
            for o in officials
        ],
        "meetings": [
            {
                "id": m.pk,
                "kind": m.kind,
                "title": m.title,
                "start_date": _iso(m.start_date),
                "end_date": _iso(m.end_date),
                "location": m.location or None,
                "countries": sorted(c.code for c in m.countries.all()),
                "participants": [
                    p.official_id
                    for p in m.participations.all()
                    if p.official_id in visible_officials
                ],
                "parent": m.parent_id if m.parent_id in visible_meetings else None,
                "topics": sorted(t.name for t in m.topics.all()),
                "sources": _sources(m),
            }
            for m in meetings
        ],
        "agreements": [
            {
                "id": a.pk,
                "kind": a.kind,
                "title": a.title,
                "amount": float(a.amount) if a.amount is not None else None,
                "currency": a.currency or None,
                "date": _iso(a.date),
                "status": a.status or None,
                "parties": sorted(c.code for c in a.parties.all()),
                "signatories": [s.pk for s in a.signatories.all() if s.pk in visible_officials],
                "meeting": a.meeting_id if a.meeting_id in visible_meetings else None,
                "sources": _sources(a),
            }
            for a in agreements
        ],
    }


__all__ = ["FORMAT", "build_export"]
