"""Dates in the editors' admin: typed one way only (YYYY-MM-DD), refused in plain words when
they are ambiguous or do not stand together, and a warning when a meeting leaves its visit.

Through the admin's own pages with the test client, as tests/relations/test_admin.py does.
"""

import datetime

import pytest
from django.urls import reverse

from relations.models import Agreement, Meeting, MeetingKind
from tests.relations.test_admin import change_url, form_data, texts

pytestmark = pytest.mark.django_db

ADD_MEETING = reverse("admin:relations_meeting_add")
ADD_AGREEMENT = reverse("admin:relations_agreement_add")


def visit_with_a_meeting():
    visit = Meeting.objects.create(
        kind=MeetingKind.OFFICIAL_VISIT,
        title="Official visit of a foreign minister",
        start_date=datetime.date(2021, 9, 1),
        end_date=datetime.date(2021, 9, 3),
    )
    talks = Meeting.objects.create(
        kind=MeetingKind.BILATERAL_MEETING,
        title="Talks between the two ministers",
        start_date=datetime.date(2021, 9, 2),
        parent=visit,
    )
    return visit, talks


def errors(response) -> str:
    assert response.status_code == 200, "the form was saved"
    form = response.context["adminform"].form
    return " ".join(str(e) for field in form.errors.values() for e in field)


def test_date_boxes_show_and_hold_year_month_day(admin_client):
    _, talks = visit_with_a_meeting()
    agreement = Agreement.objects.create(
        kind="grant", title="A grant", date=datetime.date(2021, 9, 2)
    )
    for page, name, value in (
        (change_url(talks), "start_date", "2021-09-02"),
        (change_url(agreement), "date", "2021-09-02"),
        (ADD_MEETING, "end_date", ""),
    ):
        html = admin_client.get(page).content.decode()
        box = html[html.index(f'name="{name}"') - 200 : html.index(f'name="{name}"') + 200]
        assert 'placeholder="YYYY-MM-DD"' in box
        assert f'value="{value}"' in box or (not value and "value=" not in box)
        assert "Year-month-day (YYYY-MM-DD)" in html
        # The calendar writes the same format (the language's own is day/month/year).
        assert "js/admin_iso_dates.js" in html


def test_an_ambiguous_date_is_refused_with_both_readings(admin_client):
    _, talks = visit_with_a_meeting()
    data = form_data(admin_client.get(change_url(talks)))
    data["start_date"] = "09/02/2021"

    text = errors(admin_client.post(change_url(talks), data))

    assert "“09/02/2021” is ambiguous" in text
    assert "2021-02-09 (9 February 2021) or 2021-09-02 (2 September 2021)" in text
    talks.refresh_from_db()
    assert talks.start_date == datetime.date(2021, 9, 2)


def test_only_year_month_day_is_taken_for_an_agreement(admin_client):
    data = form_data(admin_client.get(ADD_AGREEMENT))
    for empty_list in ("parties", "signatories"):  # a browser posts none of an empty <select>
        data.pop(empty_list)
    data |= {"title": "A loan", "kind": "loan", "date": "25/12/2021"}

    text = errors(admin_client.post(ADD_AGREEMENT, data))

    assert "Type the date as year-month-day (YYYY-MM-DD): 2021-12-25." in text
    data["date"] = "2021-12-25"
    response = admin_client.post(ADD_AGREEMENT, data)
    assert response.status_code == 302, errors(response)
    assert Agreement.objects.get(title="A loan").date == datetime.date(2021, 12, 25)


def test_an_end_before_the_start_is_explained_not_named(admin_client):
    _, talks = visit_with_a_meeting()
    data = form_data(admin_client.get(change_url(talks)))
    data |= {"start_date": "2021-09-03", "end_date": "2021-09-02"}

    response = admin_client.post(change_url(talks), data)

    text = errors(response)
    assert "The end date (2021-09-02) is before the start date (2021-09-03)" in text
    assert "Constraint" not in response.content.decode()
    data |= {"start_date": "", "end_date": "2021-09-02"}
    text = errors(admin_client.post(change_url(talks), data))
    assert "A meeting with an end date needs a start date" in text


def test_a_meeting_moved_out_of_its_visits_dates_is_saved_with_a_warning(admin_client):
    visit, talks = visit_with_a_meeting()
    data = form_data(admin_client.get(change_url(talks)))
    data["start_date"] = "2021-09-05"

    response = admin_client.post(change_url(talks), data)

    assert response.status_code == 302
    talks.refresh_from_db()
    assert talks.start_date == datetime.date(2021, 9, 5)
    warnings = [m for m in texts(response) if "outside" in m]
    assert warnings == [
        "The dates of “Talks between the two ministers” (2021-09-05) are outside those of the "
        "visit it belongs to, “Official visit of a foreign minister” (2021-09-01 – 2021-09-03). "
        "Check both, or take the meeting out of the visit (its Parent field)."
    ]
    # Back inside the visit: no warning.
    data = form_data(admin_client.get(change_url(talks)))
    data["start_date"] = "2021-09-03"
    response = admin_client.post(change_url(talks), data)
    assert response.status_code == 302
    assert not [m for m in texts(response) if "outside" in m]
