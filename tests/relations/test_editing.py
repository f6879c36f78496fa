"""Editors' decisions — review, merge, split — and that re-ingestion never undoes them."""

import pytest
from django.core.management import call_command

from documents.models import Evidence
from relations.editing import (
    EditingError,
    merge_meetings,
    merge_officials,
    move_participation,
    set_review_state,
    split_alias,
)
from relations.export import build_export
from relations.models import Alias, Meeting, MergeRecord, Official, ReviewState

pytestmark = pytest.mark.django_db


def reingest(seeds_dir):
    call_command("ingest", "--reextract", verbosity=0)
    call_command("ingest", str(seeds_dir), verbosity=0)


def test_merging_two_officials_moves_everything_and_survives_reingestion(ingested, seeds_dir):
    survivor = Official.objects.get(name="Prak Sokhonn")
    other = Official.objects.create(name="Sokhonn Prak Jr")
    Alias.objects.create(official=other, name="S. Prak")
    meeting = Meeting.objects.filter(participations__official=survivor).first()
    meeting.participations.create(official=other)
    evidence = Evidence.objects.filter(official=survivor).first()
    Evidence.objects.filter(pk=evidence.pk).update(official=other)

    record = merge_officials(survivor=survivor, other=other)

    other.refresh_from_db()
    assert other.merged_into == survivor
    assert {"Sokhonn Prak Jr", "S. Prak"} <= set(survivor.aliases.values_list("name", flat=True))
    assert meeting.participations.filter(official=survivor).count() == 1
    assert not meeting.participations.filter(official=other).exists()
    assert Evidence.objects.get(pk=evidence.pk).official == survivor
    assert MergeRecord.objects.get(pk=record.pk).merged_label == "Sokhonn Prak Jr"

    reingest(seeds_dir)
    other.refresh_from_db()
    assert other.merged_into == survivor
    exported = {o["name"] for o in build_export()["officials"]}
    assert "Sokhonn Prak Jr" not in exported and "Prak Sokhonn" in exported


def test_merging_two_meetings_keeps_one_with_every_source(ingested, seeds_dir):
    calls = list(Meeting.objects.filter(kind="courtesy_call").order_by("pk"))
    survivor, other = calls[0], calls[1]
    sources = set(Evidence.objects.filter(meeting__in=calls).values_list("document", flat=True))
    merge_meetings(survivor=survivor, other=other)
    assert set(survivor.evidence.values_list("document", flat=True)) == sources
    reingest(seeds_dir)
    other.refresh_from_db()
    assert other.merged_into_id == survivor.pk
    ids = {m["id"] for m in build_export()["meetings"]}
    assert survivor.pk in ids and other.pk not in ids


def test_a_record_cannot_be_merged_into_itself_or_twice(ingested):
    official = Official.objects.get(name="Hun Sen")
    with pytest.raises(EditingError):
        merge_officials(survivor=official, other=official)
    other = Official.objects.create(name="Samdech Hun Sen Copy")
    merge_officials(survivor=official, other=other)
    with pytest.raises(EditingError, match="already merged"):
        merge_officials(survivor=Official.objects.get(name="Hun Manet"), other=other)


def test_a_wrongly_merged_alias_becomes_its_own_official_and_stays_apart(ingested, seeds_dir):
    hayashi = Official.objects.get(name="Yoshimasa Hayashi")
    alias = hayashi.aliases.get(name="HAYASHI Yoshimasa")
    person = split_alias(alias=alias)
    assert person.name == "HAYASHI Yoshimasa" and person.review_state == ReviewState.VERIFIED
    reingest(seeds_dir)
    assert not hayashi.aliases.filter(name="HAYASHI Yoshimasa").exists()
    assert Official.objects.filter(name="HAYASHI Yoshimasa").count() == 1


def test_a_participation_taken_off_a_meeting_is_not_put_back(ingested, seeds_dir):
    meeting = Meeting.objects.get(title="Courtesy call: Kamikawa Yoko and Hun Sen")
    wrong = meeting.participations.get(official__name="Hun Sen")
    move_participation(participation=wrong, to=None)
    reingest(seeds_dir)
    names = set(meeting.participations.values_list("official__name", flat=True))
    assert names == {"Kamikawa Yoko"}


def test_verify_and_reject_change_what_the_public_sees(ingested, seeds_dir):
    fake = Official.objects.get(name="Yoko Minamino")
    road = Meeting.objects.get(kind="dialogue")
    set_review_state(facts=[fake], state=ReviewState.REJECTED)
    set_review_state(facts=[road], state=ReviewState.VERIFIED)
    reingest(seeds_dir)
    export = build_export()
    assert "Yoko Minamino" not in {o["name"] for o in export["officials"]}
    assert Official.objects.filter(name="Yoko Minamino").count() == 1
    assert Meeting.objects.get(pk=road.pk).review_state == ReviewState.VERIFIED
    with pytest.raises(EditingError):
        set_review_state(facts=[fake], state="approved")


def test_every_change_is_kept_in_the_history(ingested):
    official = Official.objects.get(name="Hun Manet")
    official.name = "Hun Manet (PM)"
    official.save()
    names = [h.name for h in official.history.order_by("history_date")]
    assert names[-2:] == ["Hun Manet", "Hun Manet (PM)"]
