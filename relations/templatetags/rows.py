"""The parts that every list draws many times a page, written in Python: a fact's dates,
its review mark and its address, the values of a facet, a meeting's row and the years an
official met others in.

    {% load rows %}
    {% date_range meeting.start_date meeting.end_date meeting.date_precision %}
    {% review_mark meeting %}
    <a href="{% meeting_url meeting.pk %}">
    <ul>{% facet_values facet.values %}</ul>
    {% meeting_item meeting %}
    {% active_years official %}
    {% month_weeks weeks %}

An include costs a template lookup, a context push and a render of each node per row:
with includes, the dates, marks and links took about half the time of 25 meeting rows. These
tags give the same HTML (dates formatted as Django's `date` filter formats them, values
escaped as `format_html` escapes them) in a function call. The addresses are reversed once
per URL name and script prefix, then filled in with the row's id (`reverse` takes about
20 µs a call, and a page of meetings has a link per meeting and per participant).
"""

from functools import cache
from html import escape as escape_text

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.dateformat import format as format_date
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _escaped(value) -> str:
    """`conditional_escape(value)`: safe HTML as it is, anything else escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape_text(str(value))


def _html(template: str, *args) -> SafeString:
    """`format_html(template, *args)`, the same HTML: Django's goes through a lazy-string
    wrapper for each value escaped, and a page of meetings escapes about 500."""
    return mark_safe(template.format(*map(_escaped, args)))


def _html_join(separator: str, template: str, rows) -> SafeString:
    """`format_html_join(separator, template, rows)`, the same HTML."""
    return mark_safe(separator.join(template.format(*map(_escaped, row)) for row in rows))


DAY, MONTH_SPAN, YEAR = "j M Y", "j M", "Y"
UNDATED = mark_safe('<span class="date undated">Date unknown</span>')


@register.simple_tag
def date_range(start, end=None, precision=None) -> str:
    """A fact's date as `<time>` elements, as precise as the sources are: a year, a month,
    a day or a span of days; "Date unknown" without a start."""
    if not start:
        return UNDATED
    if precision == "year":
        return _time(start, "Y", YEAR)
    if precision == "month":
        return _time(start, "Y-m", "F Y")
    if end and end != start:
        return _html("{}–{}", _time(start, "Y-m-d", MONTH_SPAN), _time(end, "Y-m-d", DAY))
    return _time(start, "Y-m-d", DAY)


def _time(day, machine: str, human: str) -> str:
    return _html('<time datetime="{}">{}</time>', _format(day, machine), _format(day, human))


def _format(day, fmt: str) -> str:
    """`format_date(day, fmt)` (the `date` filter) for the formats above, written directly:
    Django's formatter parses its format for every date, and a list draws 25 to 50."""
    if fmt == "Y-m-d":
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    if fmt == "j M Y":
        return f"{day.day} {str(MONTHS_3[day.month]).title()} {day.year:04d}"
    if fmt == "j M":
        return f"{day.day} {str(MONTHS_3[day.month]).title()}"
    if fmt == "Y":
        return f"{day.year:04d}"
    return format_date(day, fmt)


REVIEW_MARKS = {
    "verified": ("review-verified", "✓ checked by an editor"),
    "edited": ("review-edited", "corrected by an editor"),
    "unchecked": ("review-unchecked", "not yet checked"),
}


@register.simple_tag
def review_mark(fact) -> str:
    """How far an editor has looked at a fact (a meeting, agreement or official) in a list
    row, from its own fields (no query)."""
    if fact.review_state == "verified":
        state = "verified"
    else:
        state = "edited" if fact.edited_fields else "unchecked"
    css, words = REVIEW_MARKS[state]
    return _html('<span class="review {}">{}</span>', css, words)


# An id no row has, reversed in place of the row's own and replaced by it.
_STAND_IN = "987654321"


@cache
def _address(name: str, prefix: str) -> tuple[str, str]:
    before, _, after = reverse(name, args=[_STAND_IN]).partition(_STAND_IN)
    return before, after


def address_of(name: str, pk) -> str:
    """`reverse(name, args=[pk])` for a URL that takes one id."""
    before, after = _address(name, get_script_prefix())
    return f"{before}{int(pk)}{after}"


@register.simple_tag
def meeting_url(pk) -> str:
    return address_of("relations:meeting", pk)


@register.simple_tag
def official_url(pk) -> str:
    return address_of("relations:official", pk)


@register.simple_tag
def agreement_url(pk) -> str:
    return address_of("relations:agreement", pk)


FACET_VALUE = (
    '<li><a href="{}#results"{} rel="nofollow">\n'
    '<span class="facet-label">{}{}</span>\n'
    '<span class="count" aria-label="{} results">{}</span></a></li>\n'
)
SELECTED = mark_safe(' aria-current="true" class="selected"')
CHECKED = mark_safe('<span aria-hidden="true">✓ </span>')


@register.simple_tag
def facet_values(values) -> str:
    """A facet's values (relations.facets.FacetValue) as links that choose or drop each,
    with its count; a chosen one is marked as current (a list page draws 50 to 100)."""
    return _html_join(
        "",
        FACET_VALUE,
        (
            (
                v.toggle_url,
                SELECTED if v.selected else "",
                CHECKED if v.selected else "",
                v.label,
                v.count,
                v.count,
            )
            for v in values
        ),
    )


MEETING_ITEM = """<article class="meeting-item">
  <p class="meta"><span class="kind kind-{}">{}</span>
    {}
    {}· {}</p>
  <h3><a href="{}">{}</a></h3>
  {}{}
</article>
"""


@register.simple_tag
def meeting_item(meeting) -> str:
    """One meeting in a list: its kind, dates, place and review mark, its title linked to
    its page, the countries it involves and its participants linked to theirs (a
    `relations.meeting_rows.MeetingRow`: no query)."""
    countries = meeting.involved_countries()
    people = meeting.people
    return _html(
        MEETING_ITEM,
        meeting.kind,
        meeting.kind_label,
        date_range(meeting.start_date, meeting.end_date, meeting.date_precision),
        _html("· {}\n    ", meeting.location) if meeting.location else "",
        review_mark(meeting),
        meeting_url(meeting.pk),
        meeting.title,
        _html(
            '<p class="countries">{}</p>\n  ',
            _html_join(" · ", "{}", ((c.name,) for c in countries)),
        )
        if countries
        else "",
        _html(
            '<p class="people">{}</p>',
            _html_join(
                ", ",
                '<a href="{}">{}</a>',
                ((official_url(p.official_id), p.name) for p in people),
            ),
        )
        if people
        else "",
    )


@register.simple_tag
def active_years(official) -> str:
    """The years of an official's first and last meetings (" · met 2019–2023"), from the
    `first_year` and `last_year` `search.Activity.attach` sets (nothing without any)."""
    first, last = official.first_year, official.last_year
    if not first:
        return ""
    years = f"{first}–{last}" if last != first else str(first)
    return _html(
        ' · <span class="active-years" title="Years of their meetings">met {}</span>', years
    )


CALENDAR_DAY = (
    '<a href="{}" aria-label="{}: {} meeting{}"><span class="day">{}</span>'
    '<span class="count">{}</span></a>'
)


@register.simple_tag(takes_context=True)
def month_weeks(context, weeks) -> str:
    """A month's calendar body: a row a week, each day linked to the list of the meetings
    starting on it, with the filters of the page (a day without meetings is not linked, a
    cell outside the month is empty). `weeks` as `views.meetings._weeks` gives them.

    The same HTML as a loop with `{% url %}`, `{% querystring %}` and the `date` filter a day
    (a fifth of the month page's rendering)."""
    params = context.request.GET.copy()
    for name in ("page", "format"):
        params.pop(name, None)
    base = reverse("relations:meetings")
    rows = []
    for week in weeks:
        cells = []
        for day, date, n in week:
            if not day:
                cells.append("<td></td>")
            elif not n:
                cells.append(f'<td><span class="day">{day}</span></td>')
            else:
                params["date_from"] = params["date_to"] = date.isoformat()
                link = _html(
                    CALENDAR_DAY,
                    f"{base}?{params.urlencode()}",
                    format_date(date, "j F"),
                    n,
                    "" if n == 1 else "s",
                    day,
                    n,
                )
                cells.append(f'<td class="busy">{link}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return mark_safe("".join(rows))
