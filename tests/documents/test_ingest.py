"""`manage.py ingest`: documents in, facts with evidence out, editors' decisions kept."""

import datetime as dt
import re
import shutil
from dataclasses import replace

import pytest

import documents.services
from documents.extraction import extract
from documents.extraction.names import name_key
from documents.models import Document, Evidence
from relations.export import build_export
from relations.models import (
    Agreement,
    Alias,
    Meeting,
    Official,
    Participation,
    Position,
    ReviewState,
)

SEED_TITLES = {
    "000_eea5238619bd6126.txt": "Japan scheme for politician visitors resumed",
    "001_93a0bb01c3eb51b8.txt": (
        "Outcomes of the Official Working Visit to Japan of His Excellency PRAK Sokhonn, "
        "Deputy Prime Minister, Minister of Foreign Affairs and International Cooperation "
        "on 21-24 January 2023"
    ),
    "002_da08c1d40a9f3f51.txt": (
        "[CCRS’ Takes] Essence of the Visit of the Japan Foreign Minister Kamikawa Yoko to "
        "Cambodia from 5-6 July 2024"
    ),
    "003_a0f31f74b55c65e3.txt": "Cambodia-Japan Marks 70 Years of Diplomatic Relations",
    "004_84d835c23551d7b1.txt": (
        "Cambodia, Japan to Continue Bilateral and Multilateral Cooperation for Regional Peace "
        "and Prosperity"
    ),
}
CCRS = "002_da08c1d40a9f3f51.txt"
MODELS = (Document, Official, Meeting, Agreement, Evidence, Participation, Position, Alias)

PRESS_RELEASE = """\
Senate President receives the Minister for Foreign Affairs of Japan

Phnom Penh, 12 March 2025

H.E. Mr. HUN Sen, President of the Senate of the Kingdom of Cambodia, received H.E. Ms. \
KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, on 12 March 2025 in Phnom Penh.
"""


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def official(name: str) -> Official:
    return Official.objects.get(name_key=name_key(name))


def sources(fact) -> set[str]:
    return set(fact.evidence.values_list("document__file_name", flat=True))


def drop_ccrs_agreements(text: str, **options):
    """The real extraction, except that it no longer finds any agreement in the CCRS piece."""
    extraction = extract(text, **options)
    if extraction.meta.title == SEED_TITLES[CCRS]:
        return replace(extraction, agreements=[])
    return extraction


def reextract_then_ingest_again(run_ingest, seeds_dir) -> str:
    """What an operator does after an extractor upgrade: re-extract, then ingest as usual."""
    out, err, error = run_ingest("--reextract")
    assert (err, error) == ("", None)
    assert "5 re-extracted" in out
    again, err, error = run_ingest(str(seeds_dir))
    assert (err, error) == ("", None)
    assert "0 new, 5 unchanged" in again
    return out


# ---------------------------------------------------------------- ingesting


@pytest.mark.django_db
def test_ingesting_seeds_creates_documents_and_facts_with_quoted_evidence(run_ingest, seeds_dir):
    out, err, error = run_ingest(str(seeds_dir))

    assert (err, error) == ("", None)
    for name in SEED_TITLES:
        assert f"new        {name}" in out
    assert "documents: 5 new, 0 unchanged, 0 re-extracted, 0 failed" in out
    assert dict(Document.objects.values_list("file_name", "title")) == SEED_TITLES
    assert all(d.text.strip() and len(d.sha256) == 64 for d in Document.objects.all())
    assert Official.objects.count() > 0
    assert Meeting.objects.count() > 0
    assert Agreement.objects.count() > 0
    for model in (Official, Meeting, Agreement):
        unsupported = model.objects.filter(evidence__isnull=True)
        assert list(unsupported) == [], f"{model.__name__} without evidence"
    evidence = list(Evidence.objects.select_related("document"))
    assert evidence
    for ev in evidence:
        assert ev.quote, ev
        assert ev.document.text[ev.start : ev.end] == ev.quote, ev
    assert {"Hun Sen", "Kamikawa Yoko", "Prak Sokhonn"} <= set(
        Official.objects.values_list("name", flat=True)
    )


@pytest.mark.django_db
def test_ingesting_twice_or_reextracting_changes_nothing(run_ingest, seeds_dir):
    run_ingest(str(seeds_dir))
    before = counts()

    out, err, error = run_ingest(str(seeds_dir))

    assert (err, error) == ("", None)
    assert counts() == before
    assert "documents: 0 new, 5 unchanged, 0 re-extracted, 0 failed" in out
    for name in SEED_TITLES:
        assert f"unchanged  {name}  (already ingested)" in out

    out, err, error = run_ingest("--reextract")  # the same extractor finds the same facts

    assert (err, error) == ("", None)
    assert "documents: 0 new, 0 unchanged, 5 re-extracted, 0 failed" in out
    assert counts() == before


@pytest.mark.django_db
def test_same_content_under_another_name_is_unchanged_and_names_the_stored_file(
    run_ingest, seeds_dir, tmp_path
):
    seed = seeds_dir / "004_84d835c23551d7b1.txt"
    copy = shutil.copy(seed, tmp_path / "kamikawa-courtesy-call.txt")
    run_ingest(str(seed))
    before = counts()

    out, err, error = run_ingest(str(copy))

    assert (err, error) == ("", None)
    assert (
        "unchanged  kamikawa-courtesy-call.txt  "
        "(already ingested (same content as 004_84d835c23551d7b1.txt))"
    ) in out
    assert "documents: 0 new, 1 unchanged" in out
    assert counts() == before
    assert not Document.objects.filter(file_name="kamikawa-courtesy-call.txt").exists()


@pytest.mark.django_db
def test_bad_files_are_reported_and_the_good_one_still_goes_in(
    run_ingest, seeds_dir, tmp_path, settings
):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = seeds_dir / "004_84d835c23551d7b1.txt"
    shutil.copy(good, inbox / "good.txt")
    settings.BILATERAL_MAX_DOCUMENT_BYTES = good.stat().st_size + 100
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (inbox / "cp1252.txt").write_bytes(b"Minister visits caf\xe9 in Phnom Penh\n")
    (inbox / "oversized.md").write_bytes(b"Title\n\n" + b"word " * 2_000)

    out, err, error = run_ingest(str(inbox))

    assert error == "4 file(s) could not be ingested (see above)"
    assert "new        good.txt" in out
    assert "documents: 1 new, 0 unchanged, 0 re-extracted, 4 failed" in out
    assert "failed     binary.txt: binary file, not text" in err
    assert "failed     empty.txt: empty file" in err
    assert "failed     cp1252.txt: not UTF-8 text (invalid byte at position 19)" in err
    assert "failed     oversized.md: too large (10,007 bytes; the limit is " in err
    assert "good.txt" not in err
    assert list(Document.objects.values_list("file_name", flat=True)) == ["good.txt"]
    assert Official.objects.filter(name="Hun Manet").exists()


@pytest.mark.django_db
def test_missing_path_is_reported_and_fails_the_command(run_ingest, tmp_path):
    out, err, error = run_ingest(str(tmp_path / "no-such-folder"))

    assert error == "1 file(s) could not be ingested (see above)"
    assert f"failed     {tmp_path / 'no-such-folder'}: no such file or folder" in err
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_reports_but_writes_nothing(run_ingest, seeds_dir):
    out, err, error = run_ingest(str(seeds_dir), "--dry-run")

    assert (err, error) == ("", None)
    assert "dry run: nothing was written" in out
    assert "documents: 5 new, 0 unchanged, 0 re-extracted, 0 failed" in out
    assert counts() == dict.fromkeys(counts(), 0)


# ---------------------------------------------------------------- editors' decisions


@pytest.mark.django_db
def test_edited_meeting_dates_survive_reextraction(ingested, run_ingest, seeds_dir):
    prak = official("Prak Sokhonn")
    visit = Meeting.objects.get(kind="official_visit", participations__official=prak)
    assert (visit.start_date, visit.end_date) == (dt.date(2023, 1, 21), dt.date(2023, 1, 24))
    visit.start_date, visit.end_date = dt.date(2023, 1, 20), dt.date(2023, 1, 25)
    visit.mark_edited("start_date", "end_date")
    visit.save()
    meetings, supported_by = Meeting.objects.count(), sources(visit)

    reextract_then_ingest_again(run_ingest, seeds_dir)

    visit.refresh_from_db()
    assert (visit.start_date, visit.end_date) == (dt.date(2023, 1, 20), dt.date(2023, 1, 25))
    assert visit.edited_fields == ["end_date", "start_date"]
    assert Meeting.objects.count() == meetings
    assert Meeting.objects.filter(kind="official_visit", participations__official=prak).count() == 1
    assert sources(visit) == supported_by


@pytest.mark.django_db
def test_rejected_official_stays_rejected_and_out_of_the_export(
    ingested, run_ingest, seeds_dir, tmp_path
):
    hun_sen = official("Hun Sen")
    hun_sen.review_state = ReviewState.REJECTED
    hun_sen.save()

    out = reextract_then_ingest_again(run_ingest, seeds_dir)

    rows = Official.objects.filter(name_key=name_key("Hun Sen"))
    assert [(o.pk, o.review_state) for o in rows] == [(hun_sen.pk, ReviewState.REJECTED)]
    assert not Official.objects.filter(aliases__name_key=name_key("Hun Sen")).exclude(pk=hun_sen.pk)
    assert "officials: 0 created" in out
    assert not hun_sen.evidence.exists()  # found again, it gets no evidence
    export = build_export()
    assert "Hun Sen" not in {o["name"] for o in export["officials"]}
    assert all(hun_sen.pk not in m["participants"] for m in export["meetings"])

    path = tmp_path / "senate-2025-03-12.txt"  # a new document naming him again
    path.write_text(PRESS_RELEASE, encoding="utf-8")
    out, err, error = run_ingest(str(path))

    assert (err, error) == ("", None)
    assert "new        senate-2025-03-12.txt" in out
    rows = Official.objects.filter(name_key=name_key("Hun Sen"))
    assert [(o.pk, o.review_state) for o in rows] == [(hun_sen.pk, ReviewState.REJECTED)]
    assert not hun_sen.evidence.exists()


@pytest.mark.django_db
def test_participants_an_editor_changed_are_not_extended(ingested, run_ingest, seeds_dir):
    kamikawa, sok = official("Kamikawa Yoko"), official("Sok Chenda Sophea")
    visit = Meeting.objects.get(
        kind="official_visit", participations__official=kamikawa, start_date=dt.date(2024, 7, 5)
    )
    assert set(visit.participations.values_list("official", flat=True)) == {kamikawa.pk, sok.pk}
    visit.participations.filter(official=sok).delete()
    visit.mark_edited("participants")
    visit.save()
    meetings = Meeting.objects.count()

    reextract_then_ingest_again(run_ingest, seeds_dir)

    visit.refresh_from_db()
    assert list(visit.participations.values_list("official", flat=True)) == [kamikawa.pk]
    assert sources(visit) == {CCRS, "004_84d835c23551d7b1.txt"}
    assert Meeting.objects.count() == meetings


@pytest.mark.django_db
def test_facts_no_longer_found_go_unless_verified(ingested, run_ingest, seeds_dir, monkeypatch):
    only_ccrs = {a.pk: a.title for a in Agreement.objects.all() if sources(a) == {CCRS}}
    grant = Agreement.objects.get(kind="grant", currency="USD", amount=2_700_000)
    assert grant.pk in only_ccrs and len(only_ccrs) >= 2
    grant.review_state = ReviewState.VERIFIED
    grant.save()
    partnership = Agreement.objects.get(title="Comprehensive Strategic Partnership")
    assert len(sources(partnership)) > 1
    monkeypatch.setattr(documents.services, "extract", drop_ccrs_agreements)

    out, err, error = run_ingest("--reextract")

    assert (err, error) == ("", None)
    removed = len(only_ccrs) - 1
    assert re.search(rf"agreements: 0 created, \d+ merged, {removed} removed$", out.strip())
    remaining = set(Agreement.objects.values_list("pk", flat=True))
    assert remaining & set(only_ccrs) == {grant.pk}
    grant.refresh_from_db()
    assert grant.review_state == ReviewState.VERIFIED
    assert not grant.evidence.exists()
    assert CCRS not in sources(Agreement.objects.get(pk=partnership.pk))


@pytest.mark.django_db
def test_dry_run_reextraction_reports_removals_but_keeps_everything(
    ingested, run_ingest, monkeypatch
):
    before = counts()
    monkeypatch.setattr(documents.services, "extract", drop_ccrs_agreements)

    out, err, error = run_ingest("--reextract", "--dry-run")

    assert (err, error) == ("", None)
    assert "dry run: nothing was written" in out
    assert re.search(r"agreements: 0 created, \d+ merged, [1-9]\d* removed$", out.strip())
    assert counts() == before
    assert Agreement.objects.filter(evidence__document__file_name=CCRS).exists()


# ---------------------------------------------------------------- new documents


@pytest.mark.django_db
def test_new_document_attaches_to_known_officials_under_another_spelling(
    ingested, run_ingest, tmp_path
):
    path = tmp_path / "senate-2025-03-12.txt"
    path.write_text(PRESS_RELEASE, encoding="utf-8")
    hun_sen, kamikawa = official("Hun Sen"), official("Kamikawa Yoko")
    officials = Official.objects.count()

    out, err, error = run_ingest(str(path))

    assert (err, error) == ("", None)
    assert "new        senate-2025-03-12.txt" in out
    assert "officials +0 new/2 merged" in out
    assert Official.objects.count() == officials
    assert Official.objects.filter(name_key=name_key("Hun Sen")).count() == 1
    assert Official.objects.filter(name_key=name_key("Kamikawa Yoko")).count() == 1
    assert "senate-2025-03-12.txt" in sources(hun_sen)
    assert "senate-2025-03-12.txt" in sources(kamikawa)


# ---------------------------------------------------------------- export


@pytest.mark.django_db
def test_export_lists_facts_with_their_source_files(ingested):
    export = build_export()

    assert export["format"] == "bilateral-kb/1"
    assert [d["file"] for d in export["documents"]] == sorted(SEED_TITLES)
    assert {d["file"]: d["title"] for d in export["documents"]} == SEED_TITLES
    for key, model in (("officials", Official), ("meetings", Meeting), ("agreements", Agreement)):
        assert len(export[key]) == model.objects.count()
        for fact in export[key]:
            assert fact["sources"], fact
            assert set(fact["sources"]) <= set(SEED_TITLES), fact
    hun_sen = next(o for o in export["officials"] if o["name"] == "Hun Sen")
    assert set(hun_sen["sources"]) == sources(official("Hun Sen"))


@pytest.mark.django_db
def test_two_grants_of_one_document_with_the_same_amount_stay_two(run_ingest, tmp_path):
    (tmp_path / "grants.txt").write_text(
        "Japan provides grant aid to Laos\n\n"
        "VIENTIANE, March 3, 2015 - Japan signed grant agreements with Laos on Tuesday. "
        "The grant aid includes US$2.27 million for the Construction Material Sector and "
        "US$2.27 million for the Cadastral Survey Sector.\n",
        encoding="utf-8",
    )
    out, err, error = run_ingest(str(tmp_path))
    assert (err, error) == ("", None), out
    titles = sorted(Agreement.objects.filter(amount=2270000).values_list("title", flat=True))
    assert len(titles) == 2, titles
    assert "Cadastral" in titles[0] and "Construction" in titles[1]


@pytest.mark.django_db
def test_a_longer_spelling_in_a_later_document_is_the_same_official(run_ingest, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Ethiopia and Kenya talk trade\n\nADDIS ABABA, May 2, 2019 - Ethiopian Prime Minister "
        "Abiy Ahmed met Kenyan President Uhuru Kenyatta in Addis Ababa on Thursday.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Ethiopian leader in Nairobi\n\nNAIROBI, June 3, 2019 - Ethiopian Prime Minister "
        "Abiy Ahmed Ali held talks with President Uhuru Kenyatta in Nairobi on Monday.\n",
        encoding="utf-8",
    )
    out, err, error = run_ingest(str(tmp_path / "a.txt"))
    assert (err, error) == ("", None), out
    out, err, error = run_ingest(str(tmp_path / "b.txt"))
    assert (err, error) == ("", None), out
    abiy = Official.objects.filter(name__startswith="Abiy")
    assert abiy.count() == 1, list(abiy.values_list("name", flat=True))
    assert {"a.txt", "b.txt"} <= sources(abiy.get())
