"""The relationship at a glance: counts, latest meetings and agreements, a timeline by year."""

from django.shortcuts import render
from django.urls import reverse

from documents.models import Document
from relations import facet_cache, selectors, timeline


def counts() -> dict[str, int]:
    """How many of each the knowledge base holds (kept until the data changes)."""
    return {
        "meetings": selectors.meetings().count(),
        "officials": selectors.officials().count(),
        "agreements": selectors.agreements().count(),
        "documents": Document.objects.count(),
    }


def home(request):
    levels = facet_cache.cached(
        "timeline:all", lambda: timeline.levels_by_year(selectors.meetings())
    )
    return render(
        request,
        "relations/home.html",
        {
            "section": "home",
            "counts": facet_cache.cached("home:counts", counts),
            "latest_meetings": list(selectors.meeting_rows(selectors.meetings())[:6]),
            "latest_agreements": list(selectors.agreements().order_by("-date", "-pk")[:6]),
            "timeline": timeline.chart(
                levels, lambda year: reverse("relations:meetings-year", args=[year])
            ),
            "pair": selectors.main_pair(),
        },
    )
