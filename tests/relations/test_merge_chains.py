"""A merged record is always one hop from the record that stands for it: merging B into A
re-points what had been merged into B, and the migration does the same for older chains."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from relations.editing import merge_meetings, merge_officials
from relations.models import Meeting, MeetingKind, Official

pytestmark = pytest.mark.django_db

chains = importlib.import_module("relations.migrations.0004_merge_chains_one_hop")


def _meeting(title):
    return Meeting.objects.create(kind=MeetingKind.BILATERAL_MEETING, title=title)


def test_merging_an_official_that_others_were_merged_into_repoints_them(client):
    first, second, third = (Official.objects.create(name=n) for n in ("Ana", "Bea", "Cy"))
    merge_officials(survivor=second, other=third)
    merge_officials(survivor=first, other=second)

    for merged in (second, third):
        merged.refresh_from_db()
        assert merged.merged_into_id == first.pk
    third.refresh_from_db()
    assert third.version == 3  # merged, then re-pointed: a form opened before is stale
    assert not Official.objects.filter(merged_into__merged_into__isnull=False).exists()
    response = client.get(reverse("relations:official", args=[third.pk]))
    assert response.status_code == 301
    assert response["Location"] == reverse("relations:official", args=[first.pk])


def test_merging_a_meeting_that_others_were_merged_into_repoints_them():
    first, second, third = (_meeting(t) for t in ("Talks", "Talks again", "Talks, third report"))
    merge_meetings(survivor=second, other=third)
    merge_meetings(survivor=first, other=second)
    assert set(first.merged.values_list("pk", flat=True)) == {second.pk, third.pk}


def test_a_merge_leaves_records_merged_elsewhere_alone():
    first, second, third, fourth = (Official.objects.create(name=n) for n in "ABCD")
    merge_officials(survivor=fourth, other=third)
    merge_officials(survivor=first, other=second)
    third.refresh_from_db()
    assert third.merged_into_id == fourth.pk


def test_the_migration_points_older_chains_at_their_survivor():
    first, second, third, fourth = (Official.objects.create(name=n) for n in "ABCD")
    # A chain made before merges re-pointed: D -> C -> B -> A.
    Official.objects.filter(pk=second.pk).update(merged_into=first)
    Official.objects.filter(pk=third.pk).update(merged_into=second)
    Official.objects.filter(pk=fourth.pk).update(merged_into=third)

    chains.point_at_survivors(apps, None)

    targets = dict(Official.objects.values_list("pk", "merged_into"))
    assert targets == {first.pk: None, second.pk: first.pk, third.pk: first.pk, fourth.pk: first.pk}
