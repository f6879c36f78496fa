"""JSON twins of the detail pages (`?format=json`, as the lists answer it): the facts a page
shows, each source document with the quoted sentences that support them, and links. Built
from the page's own context: no query the page does not make."""

from django.http import JsonResponse
from django.urls import reverse

from relations.models import Official, Position


def wants_json(request) -> bool:
    return request.GET.get("format") == "json"


def _link(request, name: str, pk: int) -> str:
    return request.build_absolute_uri(reverse(name, args=[pk]))


def _country(country) -> dict | None:
    return {"code": country.code, "name": country.name} if country else None


def _post(post: Position | None) -> dict | None:
    if post is None:
        return None
    return {"title": post.title, "organisation": post.organization or None}


def _official(request, official: Official, post: Position | None = None) -> dict:
    return {
        "id": official.pk,
        "name": official.name,
        "country": _country(official.country),
        "post": _post(post),
        "url": _link(request, "relations:official", official.pk),
    }


def sources(request, by_document: dict) -> list[dict]:
    """Each document with the sentences quoted from it, each linked to its place there."""
    out = []
    for document, evidence in by_document.items():
        url = _link(request, "documents:detail", document.pk)
        out.append(
            {
                "id": document.pk,
                "title": document.title,
                "published_on": document.published_on,
                "url": url,
                "quotes": [
                    {"text": ev.quote, "start": ev.start, "end": ev.end, "url": f"{url}#ev-{ev.pk}"}
                    for ev in evidence
                ],
            }
        )
    return out


def _json(data: dict) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})


def meeting(request, context: dict) -> JsonResponse:
    m = context["meeting"]
    return _json(
        {
            "id": m.pk,
            "url": _link(request, "relations:meeting", m.pk),
            "kind": m.kind,
            "kind_label": m.get_kind_display(),
            "title": m.title,
            "start_date": m.start_date,
            "end_date": m.end_date,
            "date_precision": m.date_precision or None,
            "location": m.location or None,
            "summary": m.summary or None,
            "part_of": _link(request, "relations:meeting", m.parent_id) if m.parent_id else None,
            "countries": [_country(c) for c in m.countries.all()],
            "topics": [t.name for t in m.topics.all()],
            "participants": [
                {**_official(request, p.official, post), "role": p.role}
                for p, post in context["participants"]
            ],
            "sources": sources(request, context["sources"]),
        }
    )


def official(request, context: dict) -> JsonResponse:
    o = context["official"]
    page = context["meetings"]
    return _json(
        {
            **_official(request, o, context["latest"]),
            "aliases": [a.name for a in context["aliases"]],
            "posts": [
                {
                    **_post(p),
                    "country": _country(p.country),
                    "start": p.start,
                    "end": p.end,
                    "first_seen": p.first_seen,
                    "last_seen": p.last_seen,
                }
                for p in context["posts"]
            ],
            "meetings": {
                "count": page.paginator.count,
                "list": request.build_absolute_uri(
                    reverse("relations:meetings") + f"?participant={o.pk}"
                ),
            },
            "met_with": [
                {
                    "id": row["official"],
                    "name": row["official__name"],
                    "country": row["official__country__name"],
                    "post": _post(row["post"]),
                    "meetings": row["meetings"],
                    "last": row["last"],
                    "url": _link(request, "relations:official", row["official"]),
                }
                for row in context["met_with"]
            ],
            "agreements": [
                {"id": a.pk, "title": a.title, "date": a.date, "url": _agreement_link(request, a)}
                for a in context["agreements"]
            ],
            "sources": sources(request, context["sources"]),
        }
    )


def _agreement_link(request, agreement) -> str:
    return _link(request, "relations:agreement", agreement.pk)


def agreement(request, context: dict) -> JsonResponse:
    a = context["agreement"]
    shown_meeting = context["meeting"]
    return _json(
        {
            "id": a.pk,
            "url": _agreement_link(request, a),
            "kind": a.kind,
            "kind_label": a.get_kind_display(),
            "title": a.title,
            "status": a.status or None,
            "date": a.date,
            "amount": a.amount,
            "currency": a.currency or None,
            "terms": a.terms or None,
            "parties": [_country(c) for c in context["parties"]],
            "from": _country(a.from_country),
            "to": _country(a.to_country),
            "signatories": [_official(request, o, post) for o, post in context["signatories"]],
            "meeting": (
                {
                    "id": shown_meeting.pk,
                    "title": shown_meeting.title,
                    "url": _link(request, "relations:meeting", shown_meeting.pk),
                }
                if shown_meeting
                else None
            ),
            "sources": sources(request, context["sources"]),
        }
    )


def document(request, doc, groups: list[dict], spans: list) -> JsonResponse:
    """A source: its metadata and text, the facts it supports, and each quoted sentence
    (`spans`, as the page marks them) with the fact it supports."""
    return _json(
        {
            "id": doc.pk,
            "url": _link(request, "documents:detail", doc.pk),
            "title": doc.title,
            "publisher": doc.publisher or None,
            "published_on": doc.published_on,
            "kind": doc.kind,
            "facts": [
                {"kind": group["kind"], "name": f["name"], "url": _absolute(request, f["url"])}
                for group in groups
                for f in group["facts"]
            ],
            "quotes": [
                {
                    "text": doc.text[span.start : span.end],
                    "start": span.start,
                    "end": span.end,
                    "supports": {"kind": span.kind, "name": span.name},
                    "fact_url": _absolute(request, span.url),
                }
                for span in spans
            ],
            "text": doc.text,
        }
    )


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)
