"""Editors' corrections shown where the public reads the fact, and an Edit link for editors.

    {% load corrections %}
    <dd>… {% correction meeting "start_date" "end_date" %}</dd>
    {% edit_link meeting %}

`correction` prints nothing unless an editor set one of the fields (`edited_fields`); then it
says so, with the day of the last change an editor made (the fact's history: one query, only
for an edited fact) and what the source says (`extracted_values`), so a quoted sentence
that disagrees with the value above it is explained. `edit_link` asks nothing of the
database for a visitor who is not logged in.
"""

import datetime as dt

from django import template
from django.urls import NoReverseMatch, reverse

from relations.admin_forms import extracted_display

register = template.Library()

DATE_FIELDS = {"start_date", "end_date", "date"}


def _said(fact, fields: list[str]) -> str:
    """What extraction proposed for these fields, as a reader writes it ('3 Sep 2021')."""
    extracted = fact.extracted_values or {}
    parts = []
    for name in fields:
        if name not in extracted:
            continue
        value = extracted[name]
        if name in DATE_FIELDS and isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                parts.append(f"{value.day} {value:%b %Y}")
                continue
        parts.append(extracted_display(name, value, type(fact)))
    unique = list(dict.fromkeys(p for p in parts if p))
    return " – ".join(unique)


def _edited_on(fact) -> dt.datetime | None:
    """When an editor last changed the fact (its newest history row with a user)."""
    if not hasattr(fact, "_edited_on"):
        fact._edited_on = (
            fact.history.filter(history_user__isnull=False)
            .order_by("-history_date")
            .values_list("history_date", flat=True)
            .first()
        )
    return fact._edited_on


@register.inclusion_tag("includes/correction.html")
def correction(fact, *fields):
    edited = [f for f in fields if f in (fact.edited_fields or [])]
    if not edited:
        return {"edited": False}
    return {"edited": True, "on": _edited_on(fact), "said": _said(fact, list(fields))}


@register.inclusion_tag("includes/edit_link.html", takes_context=True)
def edit_link(context, fact):
    """'Edit' to the fact's admin change form, for a logged-in user allowed to change it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:  # no query: the session is not read
        return {"url": None}
    opts = fact._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return {"url": None}
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[fact.pk])
    except NoReverseMatch:
        return {"url": None}
    return {"url": url, "name": opts.verbose_name}
