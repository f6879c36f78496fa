"""The relationship at a glance: counts, latest meetings and agreements, a timeline by year."""

from django.shortcuts import render
from django.urls import reverse

from documents.models import Document
from relations import facet_cache, selectors, timeline
from relations.meeting_rows import meeting_rows


def counts() -> dict[str, int]:
    """How many of each the knowledge base holds (kept until the data changes)."""
    return {
        "meetings": selectors.meetings().count(),
        "officials": selectors.officials().count(),
        "agreements": selectors.agreements().count(),
        "documents": Document.objects.count(),
    }


def drawn_timeline() -> str:
    """Every meeting's timeline, drawn (kept until the data changes)."""
    levels = timeline.levels_by_year(selectors.meetings())
    return timeline.section(levels, lambda year: reverse("relations:meetings-year", args=[year]))


def home(request):
    return render(
        request,
        "relations/home.html",
        {
            "section": "home",
            "counts": facet_cache.cached("home:counts", counts),
            "latest_meetings": meeting_rows(selectors.newest_first(selectors.meetings())[:6]),
            "latest_agreements": list(selectors.agreements().order_by("-date", "-pk")[:6]),
            "timeline": facet_cache.cached("timeline:all:drawn", drawn_timeline),
            "pair": selectors.main_pair(),
        },
    )
