"""The parts of a row drawn by Python tags (relations/templatetags/rows.py): the dates as
precise as the sources, the review mark, and addresses that follow the site's prefix."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse, set_script_prefix
from django.utils.dateformat import format as format_date
from django.utils.functional import lazystr
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from relations.facets import FacetValue
from relations.meeting_rows import meeting_rows
from relations.models import Meeting
from relations.templatetags.rows import _format, _html, _html_join, address_of


def draw(source: str, **context) -> str:
    return Template("{% load rows %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("start", "end", "precision", "html"),
    [
        (None, None, "", '<span class="date undated">Date unknown</span>'),
        (dt.date(2019, 7, 4), None, "year", '<time datetime="2019">2019</time>'),
        (dt.date(2019, 7, 4), None, "month", '<time datetime="2019-07">July 2019</time>'),
        (dt.date(2019, 7, 4), None, "day", '<time datetime="2019-07-04">4 Jul 2019</time>'),
        (
            dt.date(2019, 7, 4),
            dt.date(2019, 7, 6),
            "day",
            '<time datetime="2019-07-04">4 Jul</time>–'
            '<time datetime="2019-07-06">6 Jul 2019</time>',
        ),
        (
            dt.date(2019, 7, 4),
            dt.date(2019, 7, 4),
            "day",
            '<time datetime="2019-07-04">4 Jul 2019</time>',
        ),
    ],
)
def test_a_date_is_as_precise_as_the_sources(start, end, precision, html):
    assert (
        draw("{% date_range start end precision %}", start=start, end=end, precision=precision)
        == html
    )


def test_the_review_mark_says_how_far_an_editor_looked():
    marks = [
        Meeting(review_state="verified"),
        Meeting(review_state="extracted", edited_fields=["title"]),
        Meeting(review_state="extracted", edited_fields=[]),
    ]
    assert [draw("{% review_mark m %}", m=m) for m in marks] == [
        '<span class="review review-verified">✓ checked by an editor</span>',
        '<span class="review review-edited">corrected by an editor</span>',
        '<span class="review review-unchecked">not yet checked</span>',
    ]


@pytest.mark.parametrize("prefix", ["/", "/bilateral/"])
def test_addresses_are_those_reverse_gives_under_the_sites_prefix(prefix):
    set_script_prefix(prefix)
    try:
        for name in ("relations:meeting", "relations:official", "relations:agreement"):
            assert address_of(name, 4321) == reverse(name, args=[4321])
            assert address_of(name, 4321).startswith(prefix)
        assert draw("{% official_url 7 %}") == reverse("relations:official", args=[7])
    finally:
        set_script_prefix("/")


def test_a_facets_values_link_to_their_toggle_with_the_chosen_one_marked_and_escaped():
    values = [
        FacetValue("JP", "Japan", 12, True, "?"),
        FacetValue("KH", "Cambodia <Kingdom>", 3, False, "?country=JP&country=KH"),
    ]
    html = draw("{% facet_values values %}", values=values)
    assert html.count("<li>") == 2
    chosen, other = html.split("</li>")[:2]
    assert 'href="?#results" aria-current="true" class="selected"' in chosen
    assert '<span aria-hidden="true">✓ </span>Japan' in chosen
    assert '<span class="count" aria-label="12 results">12</span>' in chosen
    assert 'href="?country=JP&amp;country=KH#results" rel="nofollow"' in other
    assert "Cambodia &lt;Kingdom&gt;" in other and "aria-current" not in other


def test_a_meetings_row_escapes_what_the_sources_wrote(db):
    meeting = Meeting.objects.create(
        kind="summit", title="<script>alert(1)</script> summit", location="", start_date=None
    )
    [row] = meeting_rows(Meeting.objects.filter(pk=meeting.pk))
    html = draw("{% meeting_item m %}", m=row)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; summit" in html and "<script>" not in html
    assert 'Date unknown</span>\n    · <span class="review' in html  # no place, no empty "·"
    assert '<p class="countries">' not in html and '<p class="people">' not in html
    assert f'<a href="{reverse("relations:meeting", args=[meeting.pk])}">' in html


@pytest.mark.parametrize("fmt", ["Y-m-d", "j M Y", "j M", "Y", "Y-m", "F Y"])
def test_dates_are_written_as_the_date_filter_writes_them(fmt):
    days = [dt.date(1979, 1, 9), dt.date(2026, 12, 31), dt.date(5, 5, 5), dt.date(2019, 9, 1)]
    for day in days:
        assert _format(day, fmt) == format_date(day, fmt)


def test_values_are_escaped_as_format_html_escapes_them():
    values = [
        'O\'Brien & <Sons> "Ltd"',
        mark_safe("<em>safe</em>"),
        lazystr("lazy <b>"),
        42,
        None,
        dt.date(2019, 7, 4),
    ]
    template = "<p>" + "|".join("{}" for _ in values) + "</p>"
    assert _html(template, *values) == format_html(template, *values)
    rows = [(v, v) for v in values]
    assert _html_join(", ", "<a>{}</a>{}", rows) == format_html_join(", ", "<a>{}</a>{}", rows)
    assert _html("{}", "<b>").__html__() == "&lt;b&gt;"  # marked safe, not escaped again
