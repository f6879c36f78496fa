"""An alias or a participation changed on its own admin pages is an editor's change to the
fact it belongs to (and to the one it belonged to): re-ingestion must leave it alone."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from relations.models import Alias, Meeting, MeetingKind, Official, Participation

pytestmark = pytest.mark.django_db


def _meeting(title):
    return Meeting.objects.create(kind=MeetingKind.BILATERAL_MEETING, title=title)


def test_deleting_an_alias_on_its_page_marks_its_official(admin_client):
    official = Official.objects.create(name="Ana Ruiz")
    alias = Alias.objects.create(official=official, name="A. Ruiz")
    url = reverse("admin:relations_alias_delete", args=[alias.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    official.refresh_from_db()
    assert official.edited_fields == ["aliases"] and official.version == 2


def test_deleting_participations_in_bulk_marks_each_meeting_once(admin_client):
    official = Official.objects.create(name="Ana Ruiz")
    first, second = _meeting("Talks one"), _meeting("Talks two")
    parts = [Participation.objects.create(meeting=m, official=official) for m in (first, second)]
    admin_client.post(
        reverse("admin:relations_participation_changelist"),
        {
            "action": "delete_selected",
            "post": "yes",
            helpers.ACTION_CHECKBOX_NAME: [p.pk for p in parts],
        },
    )
    assert not Participation.objects.exists()
    for meeting in (first, second):
        meeting.refresh_from_db()
        assert meeting.edited_fields == ["participants"] and meeting.version == 2


def test_moving_a_participation_to_another_meeting_marks_both(admin_client):
    official = Official.objects.create(name="Ana Ruiz")
    before, after = _meeting("Talks one"), _meeting("Talks two")
    part = Participation.objects.create(meeting=before, official=official)
    url = reverse("admin:relations_participation_change", args=[part.pk])
    data = {"meeting": after.pk, "official": official.pk, "role": part.role}
    assert admin_client.post(url, data).status_code == 302
    for meeting in (before, after):
        meeting.refresh_from_db()
        assert "participants" in meeting.edited_fields
    untouched = _meeting("Talks three")
    assert untouched.edited_fields == []
