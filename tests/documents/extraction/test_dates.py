from datetime import date

import pytest

from documents.extraction.dates import find_dates, reference_date

REF = date(2024, 7, 10)


def only(text, ref=REF):
    found = [d for d in find_dates(text, ref) if d.range]
    assert len(found) == 1, found
    r = found[0].range
    return r.start, r.end, r.precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 5-6 July 2024, she arrived", (date(2024, 7, 5), date(2024, 7, 6), "day")),
        ("from 21 to 24 January 2023", (date(2023, 1, 21), date(2023, 1, 24), "day")),
        ("to Japan from January 21-24.", (date(2024, 1, 21), date(2024, 1, 24), "day")),
        ("held on September 3, 2021, according", (date(2021, 9, 3),) * 2 + ("day",)),
        ("Held on Jan. 9 at the Embassy", (date(2024, 1, 9),) * 2 + ("day",)),
        ("in January this year", (date(2024, 1, 1), date(2024, 1, 31), "month")),
        ("the four meetings last year", (date(2023, 1, 1), date(2023, 12, 31), "year")),
        ("in November 2022", (date(2022, 11, 1), date(2022, 11, 30), "month")),
        ("the visit in 1955", (date(1955, 1, 1), date(1955, 12, 31), "year")),
        ("met on Thursday", (date(2024, 7, 4),) * 2 + ("day",)),
        ("yesterday", (date(2024, 7, 9),) * 2 + ("day",)),
        ("30 June - 2 July 2024", (date(2024, 6, 30), date(2024, 7, 2), "day")),
    ],
)
def test_expressions_resolve_with_their_precision(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize(
    "text",
    ["a 30 years repayment", "a 10-year grace period", "the 70th anniversary", "12.33 per cent"],
)
def test_durations_and_ordinals_are_not_dates(text):
    assert [d for d in find_dates(text, REF) if d.range] == []


def test_relative_expressions_without_a_reference_stay_unknown():
    assert [d.range for d in find_dates("this morning, last year and on Jan. 9", None)] == [
        None,
        None,
        None,
    ]


def test_a_day_months_after_the_reference_belongs_to_the_year_before():
    assert only("on Dec. 28", date(2024, 1, 5))[0] == date(2023, 12, 28)


def test_a_deadline_is_not_an_event_date():
    assert [d.range for d in find_dates("a mine-free Cambodia by 2025", REF)] == [None]


def test_reference_date_prefers_publication_then_the_latest_stated_day():
    assert reference_date("met on 21-24 January 2023", date(2023, 2, 1)) == date(2023, 2, 1)
    assert reference_date("met on 21-24 January 2023, later on 3 March 2023", None) == date(
        2023, 3, 3
    )
    assert reference_date("no dates at all here", None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-01-29", date(2018, 1, 29)),
        ("Updated: 2007-12-22 14:33", date(2007, 12, 22)),
        ("Addis Ababa (ENA) January 12/2023 Prime Minister", date(2023, 1, 12)),
    ],
)
def test_iso_and_ethiopian_datelines_are_days(text, expected):
    assert only(text) == (expected, expected, "day")


def test_an_announced_weekday_is_the_coming_one():
    sunday = date(2026, 1, 4)
    assert only("Lee will hold talks with Xi on Monday", sunday)[0] == date(2025, 12, 29)
    found = find_dates("Lee will hold talks with Xi on Monday", sunday, future=True)
    assert found[0].range.start == date(2026, 1, 5)
    # The same day stays the same day: 'departed on Sunday' in a Sunday report.
    assert find_dates("on Sunday", sunday, future=True)[0].range.start == sunday


def test_reference_date_takes_the_header_date_before_the_latest_stated_day():
    text = (
        "Japan's assistance responds well\n\nSource: AKP 2018-01-29\n\n"
        "Elections will be held on 29 July 2018."
    )
    assert reference_date(text, None) == date(2018, 1, 29)
    # A date in the headline is an event's, not the report's.
    assert reference_date("Visit on 5 May 2020\n\nthen on 9 May 2020 more", None) == date(
        2020, 5, 9
    )
