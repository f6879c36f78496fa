"""The editors' promise, end to end: decisions made in the admin survive re-extraction, a
plain re-ingest of the same documents, and the ingestion of new documents, whose facts
attach to the records the editors kept.

Four seed documents are ingested; the editor works in the admin (test client, forms posted
as the pages render them); then the fifth seed arrives as a new document.
"""

import datetime
import shutil

import pytest
from django.core.management import call_command
from django.urls import reverse

import documents.services
from documents.models import Document
from relations.models import Agreement, Meeting, MergeRecord, Official, ReviewState
from tests.conftest import _extract_once
from tests.relations.test_admin import (
    QUEUE,
    SELECTED,
    change_url,
    changelist_url,
    form_data,
    inline_prefix,
)

pytestmark = pytest.mark.django_db

NEW_DOCUMENT = "004_84d835c23551d7b1.txt"  # Kamikawa Yoko's visit, reported again


@pytest.fixture
def folders(seeds_dir, tmp_path):
    """The seeds split into what is already known and a document that arrives later."""
    known, new = tmp_path / "known", tmp_path / "new"
    known.mkdir()
    new.mkdir()
    for path in seeds_dir.iterdir():
        shutil.copy(path, (new if path.name == NEW_DOCUMENT else known) / path.name)
    return known, new


@pytest.fixture
def ingest(monkeypatch):
    monkeypatch.setattr(documents.services, "extract", _extract_once)

    def run(*args):
        call_command("ingest", *args, verbosity=0)

    return run


def test_every_editor_decision_stands_after_reingestion_and_new_documents(
    admin_client, folders, ingest
):
    known, new = folders
    ingest(str(known))

    # 1. A meeting's date and a participant corrected on its change form.
    call = Meeting.objects.get(title="Courtesy call: Kamikawa Yoko and Hun Sen")
    data = form_data(admin_client.get(change_url(call)))
    data["start_date"] = data["end_date"] = "2024-07-04"
    hun_sen = Official.objects.get(name="Hun Sen")
    data[f"{inline_prefix(data, 'participations', 'official', hun_sen.pk)}-DELETE"] = "on"
    assert admin_client.post(change_url(call), data).status_code == 302

    # 2. A false official rejected from the review queue.
    fake = Official.objects.get(name="Yoko Minamino")
    assert admin_client.post(QUEUE, {"row_action": f"reject:official:{fake.pk}"}).status_code == 302

    # 3. Two officials merged: the editor keeps a record of their own and the extracted one
    #    goes into it.
    add = admin_client.post(
        reverse("admin:relations_official_add"),
        form_data(admin_client.get(reverse("admin:relations_official_add")))
        | {"name": "Yoko Kamikawa"},
    )
    assert add.status_code == 302
    kept = Official.objects.get(name="Yoko Kamikawa")
    extracted = Official.objects.get(name="Kamikawa Yoko")
    merge = {"action": "merge_selected", SELECTED: [kept.pk, extracted.pk]}
    keep = {**merge, "post": "yes", "survivor": kept.pk}
    done = admin_client.post(changelist_url(Official), keep)
    assert done.status_code == 302

    # 4. An agreement verified from its list.
    partnership = Agreement.objects.get(title="Comprehensive Strategic Partnership")
    verify = {"action": "verify_selected", SELECTED: [partnership.pk]}
    assert admin_client.post(changelist_url(Agreement), verify).status_code == 302

    visit = Meeting.objects.get(title__startswith="Official visit of Kamikawa Yoko")
    documents_before = Document.objects.count()

    # Re-extraction, a plain re-ingest of the same documents, then a new document.
    ingest("--reextract")
    ingest(str(known))
    assert Document.objects.count() == documents_before
    ingest(str(new))
    assert Document.objects.count() == documents_before + 1

    def stands():
        call.refresh_from_db()
        assert call.start_date == datetime.date(2024, 7, 4)
        assert set(call.participations.values_list("official__name", flat=True)) == {
            "Yoko Kamikawa"
        }
        fake.refresh_from_db()
        assert fake.review_state == ReviewState.REJECTED
        listing = admin_client.get(reverse("relations:officials")).content.decode()
        assert "Yoko Minamino" not in listing
        extracted.refresh_from_db()
        assert extracted.merged_into_id == kept.pk
        assert MergeRecord.objects.filter(survivor_id=kept.pk, merged_id=extracted.pk).exists()
        public = admin_client.get(reverse("relations:official", args=[extracted.pk]))
        assert public.status_code == 301
        assert public["Location"].endswith(f"/officials/{kept.pk}/")
        partnership.refresh_from_db()
        assert partnership.review_state == ReviewState.VERIFIED

    stands()

    # Facts found again in the new document attach to the records the editors kept: no
    # second Kamikawa, the visit it reports again has both sources. (It only mentions the
    # existing partnership in passing, which is no agreement of its own: no source there.)
    assert not Official.objects.filter(
        merged_into__isnull=True, name__in=["Kamikawa Yoko", "Yoko Kamikawa"]
    ).exclude(pk=kept.pk)
    newest = Document.objects.get(file_name=NEW_DOCUMENT)
    assert newest.evidence.filter(official=kept).exists()
    assert not newest.evidence.filter(official=extracted).exists()
    assert set(visit.evidence.values_list("document_id", flat=True)) >= {newest.pk}
    assert visit.participations.filter(official=kept).exists()
    assert not Agreement.objects.filter(title="Comprehensive Strategic Partnership").exclude(
        pk=partnership.pk
    )

    # And once more after the new document is in: re-extracting everything changes nothing.
    ingest("--reextract")
    stands()
