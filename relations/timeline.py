"""Meetings per year by level of contact, laid out for a server-rendered SVG timeline.

The x axis is time (a year with no meeting is a gap, not skipped), the y axis a count with a
few round ticks; each year's bar is stacked by level of contact (the rule of the
relationship page: `relations.levels`). Year labels are thinned to a
round step so they stay readable when the chart shrinks to a phone's width.

    counts = timeline.levels_by_year(selectors.meetings())   # two queries, any size
    chart = timeline.chart(counts, year_url=lambda y: f"/meetings/{y}/")
    html = timeline.section(counts, year_url=lambda y: f"/meetings/{y}/")  # drawn

Pages keep the drawn section with their counts, per data version (`section`): drawing the
SVG and its table of every year took 25-30 ms of a rendered pair page at 200,000 meetings.
"""

import datetime as dt
import itertools
import operator
from collections import Counter
from collections.abc import Callable
from types import SimpleNamespace

from django.template.loader import render_to_string

from relations import levels as contact
from relations import selectors
from relations.models import Participation, Position, ReviewState

# The drawing, in SVG user units (the SVG scales to the width it is given).
WIDTH, HEIGHT = 480, 230
LEFT, RIGHT, TOP, BOTTOM = 46, 14, 14, 38
FONT = 18
MAX_YEAR_LABELS = 5
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
ROUND_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)
MIN_SPAN = 8  # years the axis shows at least, so one busy year is not one wall of colour
MAX_BAR = 24
LEVEL_COLOURS = {1: "#1f5fbf", 2: "#b35300", 3: "#4d5b6a", 4: "#8a6fb0"}

Counts = dict[tuple[int, int], int]  # (year, level) -> meetings
# Rows (one per participant) read from the database at a time: memory stays flat at any size.
ROWS_AT_A_TIME = 5000


def levels_by_year(meetings) -> Counts:
    """(year, level) counts of a queryset of meetings, in two queries whatever its size:
    the posts of the people who took part (a level depends on the post each held on the
    day, which the database cannot tell from a title), then the dated meetings with who
    took part, one row per participant (one for a meeting with none), read a chunk at a
    time in meeting order so that memory stays flat at any size."""
    dated = meetings.filter(start_date__isnull=False).order_by()
    taking_part = Participation.objects.filter(meeting__in=dated.values("pk"))
    level_of = _levels_of_people(
        Position.objects.filter(official_id__in=taking_part.values("official_id"))
    )
    # The official's state is read, not filtered on: SQLite plans a WHERE on the joined
    # official badly (356 ms against 78 ms for 8,000 participations).
    rows = (
        dated.order_by("pk")
        .values_list(
            "pk",
            "start_date",
            "kind",
            "participations__official_id",
            "participations__official__merged_into",
            "participations__official__review_state",
        )
        .iterator(chunk_size=ROWS_AT_A_TIME)
    )
    counts: Counter = Counter()
    for _, group in itertools.groupby(rows, key=operator.itemgetter(0)):
        people = list(group)
        day, kind = people[0][1], people[0][2]
        ranks = [
            level_of(official_id, day)
            for _, _, _, official_id, merged_into, state in people
            if official_id is not None and merged_into is None and state != ReviewState.REJECTED
        ]
        counts[(day.year, min(ranks) if ranks else contact.unnamed_level(kind))] += 1
    return dict(counts)


def _levels_of_people(posts) -> Callable[[int, dt.date], int]:
    """`level_of(official_id, day)`: the level of the post the official held on the day.
    Most people's posts are all of one level: theirs is read once, whatever the day."""
    held: dict[int, list] = {}
    for post in posts.only("official_id", "title", "first_seen", "last_seen", "start", "end"):
        held.setdefault(post.official_id, []).append(post)
    by_title: dict[str, int] = {}  # post title -> level, each title read once

    def title_level(title: str) -> int:
        if title not in by_title:
            by_title[title] = contact.post_level(title)
        return by_title[title]

    fixed = {}
    for official_id, theirs in held.items():
        found = {title_level(post.title) for post in theirs}
        if len(found) == 1:
            fixed[official_id] = found.pop()
    nobody = title_level("")  # someone no document gives a post

    def level_of(official_id: int, day: dt.date) -> int:
        if official_id in fixed:
            return fixed[official_id]
        if official_id not in held:
            return nobody
        # post_at reads `official.positions.all()`: the posts fetched above stand in.
        theirs = held[official_id]
        holder = SimpleNamespace(positions=SimpleNamespace(all=lambda: theirs))
        post = selectors.post_at(holder, day)
        return title_level(post.title if post else "")

    return level_of


def _round_top(value: int) -> int:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten,
    a whole number) at or above `value`: the top of the value scale."""
    scale = 1
    while True:
        for step in ROUND_STEPS:
            top = step * scale
            if top >= value and top == int(top):
                return int(top)
        scale *= 10


def _year_step(span: int) -> int:
    return next((s for s in YEAR_STEPS if span / s <= MAX_YEAR_LABELS - 1), YEAR_STEPS[-1])


def _stack(counts: Counts, year: int, y_of: Callable[[float], float], plot_h, top) -> list:
    """One year's bar as its levels' segments, highest level at the bottom (no x yet)."""
    segments, below = [], 0
    for level in sorted(contact.LEVEL_LABELS):
        n = counts.get((year, level), 0)
        if n:
            segments.append(
                {
                    "y": y_of(below + n),
                    "height": round(plot_h * n / top, 1),
                    "colour": LEVEL_COLOURS[level],
                }
            )
            below += n
    return segments


def _legend(counts: Counts) -> list[dict]:
    """The levels that have meetings, highest first, with their colour and total."""
    totals = {
        lv: sum(n for (_, level), n in counts.items() if level == lv) for lv in contact.LEVEL_LABELS
    }
    return [
        {
            "level": lv,
            "label": contact.LEVEL_LABELS[lv],
            "colour": LEVEL_COLOURS[lv],
            "total": totals[lv],
        }
        for lv in sorted(contact.LEVEL_LABELS)
        if totals[lv]
    ]


def _rows(counts: Counts, years, per_year, levels, year_url) -> list[dict]:
    """The table under the chart: a year per row, newest first, a cell per level shown."""
    return [
        {
            "year": y,
            "url": year_url(y),
            "total": per_year[y],
            "cells": [counts.get((y, lv["level"]), 0) for lv in levels],
        }
        for y in reversed(years)
    ]


def chart(counts: Counts, year_url: Callable[[int], str]) -> dict | None:
    """The bars, axes and table rows of the timeline, or None when no meeting is dated."""
    if not counts:
        return None
    years = sorted({year for year, _ in counts})
    first, last = min(years[0], years[-1] - MIN_SPAN + 1), years[-1]
    per_year = {y: sum(n for (yy, _), n in counts.items() if yy == y) for y in years}
    top = _round_top(max(per_year.values()))
    span = last - first + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / span
    bar_w = min(max(slot * 0.8, 1.5), MAX_BAR)
    base = TOP + plot_h

    def y_of(value: float) -> float:
        return round(base - plot_h * value / top, 1)

    bars = [
        {**bar, "x": round(LEFT + (year - first) * slot + (slot - bar_w) / 2, 1)}
        for year in years
        for bar in _stack(counts, year, y_of, plot_h, top)
    ]
    step = _year_step(span)
    labelled = [y for y in range(first, last + 1) if y % step == 0]
    if len(years) == 1:
        labelled = years
    year_ticks = [{"year": y, "x": round(LEFT + (y - first + 0.5) * slot, 1)} for y in labelled]
    marks = (0, top // 2, top) if top % 2 == 0 else (0, top)
    value_ticks = [{"value": v, "y": y_of(v)} for v in marks]
    levels = _legend(counts)
    busiest = max(years, key=lambda y: (per_year[y], y))
    rows = _rows(counts, years, per_year, levels, year_url)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "base": base,
        "font": FONT,
        "label_y": base + FONT + 6,
        "bar_width": round(bar_w, 1),
        "bars": bars,
        "year_ticks": year_ticks,
        "value_ticks": value_ticks,
        "levels": levels,
        "rows": rows,
        "first": years[0],
        "last": years[-1],
        "total": sum(per_year.values()),
        "busiest": {"year": busiest, "count": per_year[busiest]},
    }


def section(counts: Counts, year_url: Callable[[int], str]) -> str:
    """The timeline's section of a page (templates/includes/timeline.html) drawn from these
    counts: "" when no meeting is dated."""
    return render_to_string("includes/timeline.html", {"timeline": chart(counts, year_url)})
