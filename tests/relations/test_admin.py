"""The editors' admin, used as an editor uses it: through its own pages and forms.

Every change goes through the admin's views with the test client (`admin_client` is a
superuser); the forms are posted back as a browser would send them, built from what the
page rendered (see `form_data`).
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.forms import CheckboxInput
from django.urls import reverse

from documents.models import Evidence
from relations.models import (
    Agreement,
    Alias,
    Meeting,
    MergeRecord,
    Official,
    Participation,
    ReviewState,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:relations_review_queue")
SELECTED = helpers.ACTION_CHECKBOX_NAME


# --------------------------------------------------------------------------- helpers


def change_url(obj) -> str:
    return reverse(f"admin:relations_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model) -> str:
    return reverse(f"admin:relations_{model._meta.model_name}_changelist")


def _post_value(bound_field):
    value = bound_field.value()
    if isinstance(bound_field.field.widget, CheckboxInput):
        return "on" if value else None
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def form_data(response) -> dict:
    """What a browser posts for the admin form this page rendered, as it was rendered:
    the main form, every inline's management form and forms, and the Save button."""
    assert response.status_code == 200, response.status_code
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets") or []:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for bound_field in form:
            value = _post_value(bound_field)
            if value is not None:
                data[bound_field.html_name] = value
    data["_save"] = "Save"
    return data


def inline_prefix(data: dict, inline: str, field: str, value) -> str:
    """The prefix of the inline form whose `field` holds `value`, e.g. 'participations-1'."""
    total = int(data[f"{inline}-TOTAL_FORMS"])
    for index in range(total):
        if data.get(f"{inline}-{index}-{field}") == str(value):
            return f"{inline}-{index}"
    raise AssertionError(f"no {inline} form with {field}={value}")


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def reextract():
    call_command("ingest", "--reextract", verbosity=0)


# --------------------------------------------------------------------------- access, pages


def test_only_staff_reach_the_admin(client, django_user_model, ingested):
    official = Official.objects.first()
    pages = [changelist_url(Official), change_url(official), QUEUE]
    for page in pages:
        assert client.get(page).status_code == 302  # to the login page
    reader = django_user_model.objects.create_user("reader", password="x", is_staff=False)
    client.force_login(reader)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert client.post(QUEUE, {"row_action": f"reject:official:{official.pk}"}).status_code == 302
    official.refresh_from_db()
    assert official.review_state == ReviewState.EXTRACTED


def test_lists_have_facets_dates_and_the_review_queue_link(admin_client, ingested):
    index = admin_client.get(reverse("admin:index"))
    assert QUEUE in index.content.decode()
    for model in (Official, Meeting, Agreement):
        response = admin_client.get(changelist_url(model))
        assert response.status_code == 200
        page = response.content.decode()
        assert QUEUE in page
        assert "Extracted (" in page  # review_state facet with its count
    meetings = admin_client.get(changelist_url(Meeting), {"start_date__year": "2024"})
    assert meetings.status_code == 200
    assert "Courtesy call: Kamikawa Yoko and Hun Sen" in meetings.content.decode()
    assert "Dialogue" not in {str(m) for m in meetings.context["cl"].result_list}
    agreements = admin_client.get(changelist_url(Agreement), {"date__year": "2024"})
    assert {a.date.year for a in agreements.context["cl"].result_list} == {2024}
    for model in (Alias, Participation, MergeRecord):
        assert admin_client.get(changelist_url(model)).status_code == 200


def test_a_fact_page_shows_its_evidence_with_links_to_the_document(admin_client, ingested):
    official = Official.objects.get(name="Hun Manet")
    evidence = Evidence.objects.filter(official=official).select_related("document").first()
    page = admin_client.get(change_url(official)).content.decode()
    assert f"/documents/{evidence.document_id}/#ev-{evidence.pk}" in page
    assert reverse("admin:documents_document_change", args=[evidence.document_id]) in page
    assert evidence.quote[:40].replace("'", "&#x27;").replace('"', "&quot;") in page


def test_search_finds_officials_by_alias_in_lists_and_autocomplete(admin_client, ingested):
    hun_sen = Official.objects.get(name="Hun Sen")
    Alias.objects.create(official=hun_sen, name="Samdech Techo")
    response = admin_client.get(changelist_url(Official), {"q": "Techo"})
    assert [o.name for o in response.context["cl"].result_list] == ["Hun Sen"]
    found = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "relations",
            "model_name": "participation",
            "field_name": "official",
            "term": "Techo",
        },
    ).json()
    assert [r["text"] for r in found["results"]] == ["Hun Sen"]


# --------------------------------------------------------------------------- correcting


def test_edits_to_a_meeting_are_recorded_and_survive_reextraction(admin_client, ingested):
    meeting = Meeting.objects.get(title="Courtesy call: Kamikawa Yoko and Hun Sen")
    hun_sen = Official.objects.get(name="Hun Sen")
    version = meeting.version
    data = form_data(admin_client.get(change_url(meeting)))
    data["start_date"] = "2024-07-04"
    wrong = inline_prefix(data, "participations", "official", hun_sen.pk)
    data[f"{wrong}-DELETE"] = "on"

    response = admin_client.post(change_url(meeting), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.start_date == datetime.date(2024, 7, 4)
    assert {"start_date", "participants"} <= set(meeting.edited_fields)
    assert "seen_version" not in meeting.edited_fields
    assert meeting.version == version + 1
    latest = meeting.history.order_by("-history_id").first()
    assert latest.history_user.is_superuser and "participants" in latest.edited_fields

    reextract()

    meeting.refresh_from_db()
    assert meeting.start_date == datetime.date(2024, 7, 4)
    assert set(meeting.participations.values_list("official__name", flat=True)) == {"Kamikawa Yoko"}
    # The form says what the editor set and what extraction proposed.
    page = admin_client.get(change_url(meeting)).content.decode()
    assert "Set by an editor</strong>; extraction proposed: 2024-07-05" in page
    provenance = page[page.index("<table class='provenance'>") :]
    assert "<th scope='row'>Start date</th><td>2024-07-05</td><td><strong>editor" in provenance


def test_fields_of_an_official_and_an_agreement_are_editable(admin_client, ingested):
    official = Official.objects.get(name="Kin Phea")
    data = form_data(admin_client.get(change_url(official)))
    data["name"] = "Kin Phea (Dr)"
    data["aliases-TOTAL_FORMS"] = str(int(data["aliases-TOTAL_FORMS"]) + 1)
    data[f"aliases-{int(data['aliases-TOTAL_FORMS']) - 1}-name"] = "Dr Kin Phea"
    assert admin_client.post(change_url(official), data).status_code == 302
    official.refresh_from_db()
    assert official.name == "Kin Phea (Dr)"
    assert {"name", "aliases"} <= set(official.edited_fields)
    assert official.aliases.filter(name="Dr Kin Phea").exists()

    agreement = Agreement.objects.get(title="Project for Human Resource Development Scholarships")
    Agreement.objects.filter(pk=agreement.pk).update(terms="Scholarships.\nFor officials.")
    data = form_data(admin_client.get(change_url(agreement)))
    data["amount"] = "2750000"
    data["terms"] = "Scholarships.\r\nFor officials."  # as a browser posts a text area
    assert admin_client.post(change_url(agreement), data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.amount == Decimal("2750000")
    assert agreement.edited_fields == ["amount"]


# --------------------------------------------------------------------------- reviewing


def test_review_queue_lists_extracted_facts_oldest_documents_first(admin_client, ingested):
    orphan = Meeting.objects.create(kind="other", title="Unsupported meeting")
    response = admin_client.get(QUEUE)
    assert response.status_code == 200
    entries = response.context["entries"]
    last = admin_client.get(QUEUE, {"p": response.context["page"].paginator.num_pages})
    assert last.context["entries"][-1]["obj"] == orphan  # no evidence: last
    pending = sum(
        m.objects.filter(review_state="extracted", merged_into__isnull=True).count()
        for m in (Official, Meeting, Agreement)
    )
    assert len(entries) == min(pending, 25)
    dates = [e["first_seen"] for e in entries if e["first_seen"]]
    assert dates == sorted(dates)
    assert {e["kind"] for e in entries} == {"official", "meeting", "agreement"}
    first = entries[0]
    assert first["evidence"] and first["evidence"][0]["quote"] in response.content.decode()
    only_meetings = admin_client.get(QUEUE, {"kind": "meeting"}).context["entries"]
    assert {e["kind"] for e in only_meetings} == {"meeting"}


def test_rejecting_an_official_in_the_review_queue_takes_it_off_the_site(admin_client, ingested):
    fake = Official.objects.get(name="Yoko Minamino")
    assert admin_client.get(reverse("relations:official", args=[fake.pk])).status_code == 200

    response = admin_client.post(QUEUE, {"row_action": f"reject:official:{fake.pk}"})

    assert response.status_code == 302
    fake.refresh_from_db()
    assert fake.review_state == ReviewState.REJECTED
    assert any("Rejected 1 fact: Yoko Minamino" in t for t in texts(response))
    assert admin_client.get(reverse("relations:official", args=[fake.pk])).status_code == 404
    values = {e["value"] for e in admin_client.get(QUEUE).context["entries"]}
    assert f"official:{fake.pk}" not in values


def test_verifying_many_facts_at_once_in_the_review_queue(admin_client, ingested):
    meeting = Meeting.objects.get(kind="dialogue")
    agreement = Agreement.objects.get(title="Comprehensive Strategic Partnership")
    response = admin_client.post(
        QUEUE,
        {"action": "verify", "selected": [f"meeting:{meeting.pk}", f"agreement:{agreement.pk}"]},
    )
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).review_state == ReviewState.VERIFIED
    assert Agreement.objects.get(pk=agreement.pk).review_state == ReviewState.VERIFIED
    assert any(t.startswith("Verified 2 facts") for t in texts(response))
    response = admin_client.post(QUEUE, {"action": "verify"})
    assert any("Select one or more facts" in t for t in texts(response))


def test_verifying_an_agreement_from_its_list_and_from_its_page(admin_client, ingested):
    loan, grant = Agreement.objects.filter(kind__in=["loan", "grant"]).order_by("pk")[:2]
    response = admin_client.post(
        changelist_url(Agreement), {"action": "verify_selected", SELECTED: [loan.pk]}
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.review_state == ReviewState.VERIFIED
    assert loan.version == 2

    page = admin_client.get(change_url(grant)).content.decode()
    assert 'value="reject_selected"' in page  # the change form's own actions
    response = admin_client.post(
        change_url(grant), {"CHANGE_FORM-action": "verify_selected", SELECTED: [grant.pk]}
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.review_state == ReviewState.VERIFIED


# --------------------------------------------------------------------------- merging


def test_merging_two_officials_through_the_confirmation_page(admin_client, ingested):
    prak = Official.objects.get(name="Prak Sokhonn")
    double = Official.objects.create(name="H.E. Prak Sokhonn")
    meeting = Meeting.objects.get(title="Courtesy call: Kamikawa Yoko and Hun Sen")
    meeting.participations.create(official=double)
    selected = {"action": "merge_selected", SELECTED: [prak.pk, double.pk]}

    confirm = admin_client.post(changelist_url(Official), selected)

    assert confirm.status_code == 200
    assert confirm.templates[0].name == "admin/relations/merge_confirm.html"
    page = confirm.content.decode()
    assert f'value="{prak.pk}"' in page and f'value="{double.pk}"' in page
    keep = next(r for r in confirm.context["records"] if r["checked"])
    assert keep["obj"] == prak  # the one with evidence is offered as the one to keep

    done = admin_client.post(
        changelist_url(Official), {**selected, "post": "yes", "survivor": prak.pk}
    )

    assert done.status_code == 302 and done["Location"] == change_url(prak)
    double.refresh_from_db()
    assert double.merged_into == prak
    assert prak.aliases.filter(name="H.E. Prak Sokhonn").exists()
    assert meeting.participations.filter(official=prak).exists()
    record = MergeRecord.objects.get(merged_id=double.pk)
    assert record.editor.is_superuser and record.survivor_id == prak.pk
    assert any("Merged H.E. Prak Sokhonn into" in t for t in texts(done))
    public = admin_client.get(reverse("relations:official", args=[double.pk]))
    assert public.status_code == 301 and public["Location"].endswith(f"/officials/{prak.pk}/")

    # Merging it again is refused, and the editor is told why.
    hun_sen = Official.objects.get(name="Hun Sen")
    again = admin_client.post(
        changelist_url(Official),
        {"action": "merge_selected", SELECTED: [hun_sen.pk, double.pk], "post": "yes"}
        | {"survivor": hun_sen.pk},
    )
    assert any(
        "Nothing was merged: One of these officials was already merged" in t for t in texts(again)
    )
    assert not MergeRecord.objects.filter(survivor_id=hun_sen.pk).exists()


def test_merging_meetings_and_the_need_for_two(admin_client, ingested):
    calls = list(Meeting.objects.filter(kind="courtesy_call").order_by("pk"))
    one = admin_client.post(
        changelist_url(Meeting), {"action": "merge_selected", SELECTED: [calls[0].pk]}
    )
    assert any("Select two or more meetings" in t for t in texts(one))
    done = admin_client.post(
        changelist_url(Meeting),
        {
            "action": "merge_selected",
            SELECTED: [c.pk for c in calls],
            "post": "yes",
            "survivor": calls[1].pk,
        },
    )
    assert done.status_code == 302
    calls[0].refresh_from_db()
    assert calls[0].merged_into_id == calls[1].pk


# --------------------------------------------------------------------------- splitting


def test_splitting_an_alias_off_an_official(admin_client, ingested, seeds_dir):
    hayashi = Official.objects.get(name="Yoshimasa Hayashi")
    alias = hayashi.aliases.get(name="HAYASHI Yoshimasa")
    page = admin_client.get(change_url(hayashi)).content.decode()
    assert change_url(alias) in page  # the alias inline links to the split

    response = admin_client.post(
        changelist_url(Alias), {"action": "split_selected", SELECTED: [alias.pk]}
    )

    person = Official.objects.get(name="HAYASHI Yoshimasa")
    assert response.status_code == 302 and response["Location"] == change_url(person)
    assert person.review_state == ReviewState.VERIFIED
    hayashi.refresh_from_db()
    assert "aliases" in hayashi.edited_fields
    assert not hayashi.aliases.filter(name="HAYASHI Yoshimasa").exists()
    assert any("is now an official of its own" in t for t in texts(response))


def test_taking_a_participation_off_and_moving_one(admin_client, ingested):
    meeting = Meeting.objects.get(title="Courtesy call: Kamikawa Yoko and Hun Manet")
    wrong = meeting.participations.get(official__name="Hun Manet")
    response = admin_client.post(
        change_url(wrong), {"CHANGE_FORM-action": "take_off_meeting", SELECTED: [wrong.pk]}
    )
    assert response.status_code == 302 and response["Location"] == change_url(meeting)
    assert not meeting.participations.filter(official__name="Hun Manet").exists()
    meeting.refresh_from_db()
    assert "participants" in meeting.edited_fields

    guest = meeting.participations.get(official__name="Kamikawa Yoko")
    hun_sen = Official.objects.get(name="Hun Sen")
    selected = {"action": "move_to_official", SELECTED: [guest.pk]}
    page = admin_client.post(changelist_url(Participation), selected)
    assert page.status_code == 200 and "Give to" in page.content.decode()
    done = admin_client.post(
        changelist_url(Participation), {**selected, "post": "yes", "to": hun_sen.pk}
    )
    assert done.status_code == 302
    assert list(meeting.participations.values_list("official__name", flat=True)) == ["Hun Sen"]


def test_editing_an_alias_on_its_own_page_marks_the_official(admin_client, ingested):
    kishida = Official.objects.get(name="Fumio Kishida")
    alias = kishida.aliases.get(name="KISHIDA Fumio")
    data = form_data(admin_client.get(change_url(alias)))
    data["name"] = "KISHIDA Fumio (PM)"
    assert admin_client.post(change_url(alias), data).status_code == 302
    kishida.refresh_from_db()
    assert kishida.edited_fields == ["aliases"] and kishida.version == 2


# --------------------------------------------------------------------------- two editors


def test_the_second_of_two_editors_is_told_not_silently_overwritten(admin_client, ingested):
    meeting = Meeting.objects.get(kind="dialogue")
    first = form_data(admin_client.get(change_url(meeting)))
    second = form_data(admin_client.get(change_url(meeting)))
    assert first["seen_version"] == second["seen_version"] == str(meeting.version)
    first["title"] = "Japan-Cambodia Dialogue"
    second["title"] = "Dialogue (second editor)"

    assert admin_client.post(change_url(meeting), first).status_code == 302
    response = admin_client.post(change_url(meeting), second)

    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Someone else changed this meeting since you opened it; reload to see their change" in page
    )
    assert "Last change:" in page and "by admin" in page
    meeting.refresh_from_db()
    assert meeting.title == "Japan-Cambodia Dialogue"
    assert meeting.version == 2

    # A review decision taken meanwhile also makes an open form stale.
    third = form_data(admin_client.get(change_url(meeting)))
    admin_client.post(QUEUE, {"row_action": f"verify:meeting:{meeting.pk}"})
    third["title"] = "Overwritten?"
    assert admin_client.post(change_url(meeting), third).status_code == 200
    meeting.refresh_from_db()
    assert meeting.title == "Japan-Cambodia Dialogue"
    assert meeting.review_state == ReviewState.VERIFIED


# --------------------------------------------------------------------------- history


def test_history_shows_the_change_and_revert_restores_the_old_value(admin_client, ingested):
    meeting = Meeting.objects.get(kind="dialogue")
    old_title = meeting.title
    data = form_data(admin_client.get(change_url(meeting)))
    data["title"] = "Human Rights Dialogue"
    data["location"] = "Tokyo"
    assert admin_client.post(change_url(meeting), data).status_code == 302

    history_url = reverse("admin:relations_meeting_history", args=[meeting.pk])
    history = admin_client.get(history_url)
    assert history.status_code == 200
    page = history.content.decode()
    assert "Human Rights Dialogue" in page and "admin" in page
    assert "<strong>Title:</strong>" in page and "<strong>Location:</strong>" in page

    before = (
        meeting.history.filter(title=old_title).order_by("-history_date", "-history_id").first()
    )
    revert_url = reverse(
        "admin:relations_meeting_simple_history", args=[meeting.pk, before.history_id]
    )
    assert revert_url in page
    revert_form = admin_client.get(revert_url)
    data = form_data(revert_form)
    assert data["title"] == old_title

    response = admin_client.post(revert_url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert meeting.title == old_title and meeting.location == ""
    assert meeting.version == 3
    # What the editor set stays recorded; what extraction proposed is not rolled back.
    assert {"title", "location"} <= set(meeting.edited_fields)
    assert meeting.extracted_values["kind"] == "dialogue"
    assert meeting.history.order_by("-history_id").first().history_user.username == "admin"


def test_a_fact_an_editor_adds_is_theirs(admin_client, db):
    add = reverse("admin:relations_official_add")
    data = form_data(admin_client.get(add))
    assert data["review_state"] == ReviewState.VERIFIED
    data |= {"name": "Ichiro Tanaka", "aliases-TOTAL_FORMS": "1", "aliases-0-name": "TANAKA Ichiro"}
    assert admin_client.post(add, data).status_code == 302
    official = Official.objects.get(name="Ichiro Tanaka")
    assert {"name", "aliases"} <= set(official.edited_fields)
    assert official.review_state == ReviewState.VERIFIED


def test_the_review_queue_follows_an_editors_permissions(client, django_user_model, ingested):
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_official"))
    client.force_login(viewer)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert {e["kind"] for e in response.context["entries"]} == {"official"}
    fake = Official.objects.get(name="Yoko Minamino")
    assert client.post(QUEUE, {"row_action": f"reject:official:{fake.pk}"}).status_code == 403
    fake.refresh_from_db()
    assert fake.review_state == ReviewState.EXTRACTED
