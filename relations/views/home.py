"""The relationship at a glance: counts, latest meetings and agreements, a chart by year."""

from django.shortcuts import render

from documents.models import Document
from relations import facet_cache, selectors

CHART_HEIGHT = 160
BAR_WIDTH = 14


def chart(years: list[tuple[int, int, int]]) -> dict:
    """Bars of meetings and agreements per year, laid out for an inline SVG."""
    top = max([max(m, a) for _, m, a in years] or [1]) or 1
    step = BAR_WIDTH * 2 + 12
    bars = []
    for i, (year, m, a) in enumerate(years):
        x = 40 + i * step
        hm, ha = round(CHART_HEIGHT * m / top), round(CHART_HEIGHT * a / top)
        bars.append(
            {
                "year": year,
                "meetings": m,
                "agreements": a,
                "x": x,
                "x2": x + BAR_WIDTH,
                "label_x": x + BAR_WIDTH,
                "meetings_y": 10 + CHART_HEIGHT - hm,
                "meetings_h": hm,
                "agreements_y": 10 + CHART_HEIGHT - ha,
                "agreements_h": ha,
            }
        )
    return {
        "bars": bars,
        "width": 60 + len(years) * step,
        "height": CHART_HEIGHT + 40,
        "base": CHART_HEIGHT + 10,
        "label_y": CHART_HEIGHT + 28,
        "bar_width": BAR_WIDTH,
        "top": top,
    }


def counts() -> dict[str, int]:
    """How many of each the knowledge base holds (kept until the data changes)."""
    return {
        "meetings": selectors.meetings().count(),
        "officials": selectors.officials().count(),
        "agreements": selectors.agreements().count(),
        "documents": Document.objects.count(),
    }


def home(request):
    years = selectors.years_with_counts()
    return render(
        request,
        "relations/home.html",
        {
            "section": "home",
            "counts": facet_cache.cached("home:counts", counts),
            "latest_meetings": list(selectors.meeting_rows(selectors.meetings())[:6]),
            "latest_agreements": list(selectors.agreements().order_by("-date", "-pk")[:6]),
            "chart": chart(years),
            "pair": selectors.main_pair(),
        },
    )
