"""Quoted sentences as a reader wants them: each sentence once."""

from django import template

register = template.Library()


@register.filter
def distinct_quotes(evidence):
    """The evidence with each quoted sentence once (the first place it is read), whitespace
    and case aside: two facts found in one sentence quote it twice."""
    seen, kept = set(), []
    for ev in evidence:
        key = " ".join(ev.quote.split()).casefold()
        if key not in seen:
            seen.add(key)
            kept.append(ev)
    return kept


@register.filter
def first_source(sources: dict):
    """The first document of a fact's sources (document -> quotes), or None: what a citation
    names, without going through the others (an official can have a thousand)."""
    return next(iter(sources), None)
