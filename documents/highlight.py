"""A document's text with the evidence for each fact highlighted, safe to put in a page.

The text is untrusted: every character of it goes through `escape`, and only the markup
added here is marked safe. Spans may overlap, repeat or touch; the text is cut at every
span boundary so that each character is rendered exactly once, and each piece covered by
one or more spans becomes one `<mark>`:

- covered by one fact: the piece is a link to it, labelled for screen readers;
- covered by several facts: the piece is followed, inside the mark, by a small
  superscript list of links, one per fact.

Each span's `anchor` becomes the `id` of the mark where the span starts (other pages link
to `#ev-<pk>`); when several spans start at the same place, the first one names the mark
and the others get an empty anchor inside it. Empty or out-of-range spans keep their
anchor at the nearest position of the text and highlight nothing.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import pairwise

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Span:
    """One piece of evidence: where it is and the fact it supports."""

    start: int
    end: int
    anchor: str  # the element id, e.g. "ev-12"
    url: str  # the fact's page
    kind: str  # what sort of fact: "Meeting"
    name: str  # which one, in full: "Bilateral meeting: A and B"
    short: str = ""  # visible text in a list of several facts (defaults to name)

    @property
    def label(self) -> str:
        return f"{self.kind}: {self.name}"


def _anchor(anchor: str) -> SafeString:
    return format_html('<span id="{}" class="ev-anchor"></span>', anchor)


def _links(spans: list[Span]) -> list[Span]:
    """One span per fact (by url), first come first."""
    seen, out = set(), []
    for span in spans:
        if span.url not in seen:
            seen.add(span.url)
            out.append(span)
    return out


def _mark(piece: str, covering: list[Span], anchors: list[str]) -> SafeString:
    mark_id = format_html(' id="{}"', anchors[0]) if anchors else ""
    extra = mark_safe("".join(_anchor(a) for a in anchors[1:]))  # built with format_html
    links = _links(covering)
    if len(links) == 1:
        link = links[0]
        return format_html(
            '<mark{} class="ev">{}<a href="{}" title="{}">{}'
            '<span class="visually-hidden"> ({})</span></a></mark>',
            mark_id,
            extra,
            link.url,
            link.label,
            piece,
            link.label,
        )
    items = format_html_join(
        ", ",
        '<a href="{}" title="{}"><span class="visually-hidden">{}: </span>{}</a>',
        ((s.url, s.label, s.kind, s.short or s.name) for s in links),
    )
    return format_html(
        '<mark{} class="ev ev-shared">{}{}<sup class="ev-facts">'
        '<span class="visually-hidden"> (supports: </span>{}'
        '<span class="visually-hidden">)</span></sup></mark>',
        mark_id,
        extra,
        piece,
        items,
    )


def highlight(text: str, spans: Iterable[Span]) -> SafeString:
    """The text, HTML-escaped, with each span marked and linked to its fact."""
    size = len(text)
    spans = [
        replace(s, start=min(max(s.start, 0), size), end=min(max(s.end, 0), size)) for s in spans
    ]
    # Anchors by position, in the order given; each anchor is used once.
    used: set[str] = set()
    anchors_at: dict[int, list[str]] = {}
    for span in spans:
        position = min(span.start, span.end)
        if span.anchor and span.anchor not in used:
            used.add(span.anchor)
            anchors_at.setdefault(position, []).append(span.anchor)
    marked = [s for s in spans if s.start < s.end]
    cuts = sorted({0, size} | set(anchors_at) | {s.start for s in marked} | {s.end for s in marked})
    order = {id(s): i for i, s in enumerate(marked)}
    starting: dict[int, list[Span]] = {}
    for span in marked:
        starting.setdefault(span.start, []).append(span)

    out: list[str] = []
    active: list[Span] = []
    for left, right in pairwise(cuts):
        active = [s for s in active if s.end > left] + starting.get(left, [])
        active.sort(key=lambda s: order[id(s)])
        anchors = anchors_at.pop(left, [])
        piece = escape(text[left:right])
        if active:
            out.append(_mark(piece, active, anchors))
        else:
            out.extend(_anchor(a) for a in anchors)
            out.append(piece)
    out.extend(_anchor(a) for a in anchors_at.pop(size, []))  # anchors at the very end
    return mark_safe("".join(out))  # every piece of the text went through escape()
