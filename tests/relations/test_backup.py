"""`export_kb --backup` and `import_kb`: a backup restores the knowledge base exactly,
editors' decisions included, and is refused where it would lose or clash with data."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from documents.models import Document, Evidence
from relations.backup import build_backup
from relations.editing import merge_meetings, set_review_state, split_alias
from relations.export import build_export
from relations.models import (
    Agreement,
    Meeting,
    MergeRecord,
    Official,
    ReviewState,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(username="editor1", password="x")


@pytest.fixture
def decided(ingested, editor) -> dict:
    """The seeds with an editor's decisions of every kind made on them."""
    rejected = Official.objects.get(name="Yoko Minamino")
    set_review_state(facts=[rejected], state=ReviewState.REJECTED)
    agreement = Agreement.objects.order_by("pk").first()
    set_review_state(facts=[agreement], state=ReviewState.VERIFIED)
    calls = list(Meeting.objects.filter(kind="courtesy_call").order_by("pk"))
    merge_meetings(survivor=calls[0], other=calls[1], editor=editor)
    redated = Meeting.objects.filter(merged_into__isnull=True).exclude(pk=calls[0].pk)
    redated = redated.order_by("pk").first()
    redated.start_date, redated.end_date = datetime.date(2020, 2, 3), datetime.date(2020, 2, 4)
    redated.mark_edited("start_date", "end_date")
    redated.version += 1
    redated.save()
    hayashi = Official.objects.get(name="Yoshimasa Hayashi")
    person = split_alias(alias=hayashi.aliases.get(name="HAYASHI Yoshimasa"), editor=editor)
    return {
        "rejected": rejected,
        "verified": agreement,
        "survivor": calls[0],
        "merged": calls[1],
        "redated": redated,
        "hayashi": hayashi,
        "split": person,
    }


def wipe() -> None:
    """Delete every document and fact (countries and topics stay, as they would)."""
    MergeRecord.objects.all().delete()
    Document.objects.all().delete()
    for model in (Agreement, Meeting, Official):
        model.objects.all().delete()


def write_backup(path) -> dict:
    call_command("export_kb", backup=True, output=str(path), verbosity=0)
    return json.loads(path.read_text(encoding="utf-8"))


def import_kb(path, **options) -> str:
    out = StringIO()
    call_command("import_kb", str(path), stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_a_restored_backup_is_the_knowledge_base_it_was(decided, tmp_path):
    export_before = build_export()
    backup = write_backup(tmp_path / "kb-backup.json")
    wipe()
    assert not Official.objects.exists() and not Evidence.objects.exists()

    output = import_kb(tmp_path / "kb-backup.json")

    assert "restored" in output
    again = write_backup(tmp_path / "again.json")
    assert again == backup  # every row, id, link and timestamp
    assert build_export() == export_before

    rejected = Official.objects.get(pk=decided["rejected"].pk)
    assert rejected.review_state == ReviewState.REJECTED
    assert Agreement.objects.get(pk=decided["verified"].pk).review_state == ReviewState.VERIFIED
    merged = Meeting.objects.get(pk=decided["merged"].pk)
    assert merged.merged_into_id == decided["survivor"].pk
    record = MergeRecord.objects.get(merged_id=merged.pk)
    assert record.editor.username == "editor1"
    redated = Meeting.objects.get(pk=decided["redated"].pk)
    assert redated.start_date == datetime.date(2020, 2, 3)
    assert {"start_date", "end_date"} <= set(redated.edited_fields)
    assert redated.version == decided["redated"].version
    assert redated.created_at == decided["redated"].created_at
    assert "aliases" in Official.objects.get(pk=decided["hayashi"].pk).edited_fields
    assert Official.objects.get(pk=decided["split"].pk).name == "HAYASHI Yoshimasa"


def test_the_backup_holds_what_the_plain_export_leaves_out(decided, tmp_path):
    backup = write_backup(tmp_path / "kb-backup.json")
    plain = build_export()
    assert backup["format"] == "bilateral-kb/1"
    assert {k: v for k, v in backup.items() if k != "backup"} == plain
    assert backup["backup"]["version"] == 1
    tables = backup["backup"]["tables"]

    officials = {o["id"]: o for o in tables["officials"]}
    assert officials[decided["rejected"].pk]["review_state"] == "rejected"
    assert decided["rejected"].pk not in {o["id"] for o in plain["officials"]}
    meetings = {m["id"]: m for m in tables["meetings"]}
    assert meetings[decided["merged"].pk]["merged_into"] == decided["survivor"].pk
    assert meetings[decided["survivor"].pk]["countries"]  # links as ids
    assert tables["merge_records"][0]["editor"] == "editor1"
    assert {d["text"] for d in tables["documents"]} == set(
        Document.objects.values_list("text", flat=True)
    )
    assert len(tables["evidence"]) == Evidence.objects.count()
    assert len(tables["participations"]) and all("role" in p for p in tables["participations"])

    # The plain export is unchanged by the new option.
    call_command("export_kb", output=str(tmp_path / "plain.json"), verbosity=0)
    assert json.loads((tmp_path / "plain.json").read_text(encoding="utf-8")) == plain


def test_reextracting_after_a_restore_keeps_the_editors_decisions(decided, tmp_path):
    write_backup(tmp_path / "kb-backup.json")
    wipe()
    import_kb(tmp_path / "kb-backup.json")

    call_command("ingest", "--reextract", verbosity=0)

    rejected = Official.objects.get(pk=decided["rejected"].pk)
    assert rejected.review_state == ReviewState.REJECTED
    assert Official.objects.filter(name="Yoko Minamino").count() == 1
    assert "Yoko Minamino" not in {o["name"] for o in build_export()["officials"]}
    assert Meeting.objects.get(pk=decided["merged"].pk).merged_into_id == decided["survivor"].pk
    redated = Meeting.objects.get(pk=decided["redated"].pk)
    assert redated.start_date == datetime.date(2020, 2, 3)
    hayashi = Official.objects.get(pk=decided["hayashi"].pk)
    assert not hayashi.aliases.filter(name="HAYASHI Yoshimasa").exists()
    assert Agreement.objects.get(pk=decided["verified"].pk).review_state == ReviewState.VERIFIED


def test_new_records_after_a_restore_get_new_ids_and_history(decided, tmp_path):
    backup = write_backup(tmp_path / "kb-backup.json")
    wipe()
    import_kb(tmp_path / "kb-backup.json")
    highest = max(o["id"] for o in backup["backup"]["tables"]["officials"])
    created = Official.objects.create(name="Someone New")
    assert created.pk > highest
    official = Official.objects.get(pk=decided["hayashi"].pk)
    official.name = "Hayashi Yoshimasa (restored)"
    official.save()
    assert official.history.order_by("-history_date").first().name == official.name


def test_importing_into_a_knowledge_base_that_is_not_empty_is_refused(decided, tmp_path):
    write_backup(tmp_path / "kb-backup.json")
    Official.objects.create(name="Added After The Backup")
    before = build_backup()

    with pytest.raises(CommandError, match="not empty"):
        import_kb(tmp_path / "kb-backup.json")

    assert build_backup() == before


def test_force_replaces_what_the_knowledge_base_holds(decided, tmp_path):
    backup = write_backup(tmp_path / "kb-backup.json")
    Official.objects.create(name="Added After The Backup")
    set_review_state(facts=[decided["rejected"]], state=ReviewState.VERIFIED)

    import_kb(tmp_path / "kb-backup.json", force=True)

    assert write_backup(tmp_path / "again.json") == backup
    assert not Official.objects.filter(name="Added After The Backup").exists()


def test_a_plain_export_is_refused_as_not_a_backup(decided, tmp_path):
    plain = tmp_path / "kb.json"
    call_command("export_kb", output=str(plain), verbosity=0)
    wipe()
    with pytest.raises(CommandError, match="plain export, not a backup"):
        import_kb(plain)
    assert not Official.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "bilateral-kb/1", "backup": ', "not valid JSON"),
        ("[1, 2]", "not an object"),
        ('{"documents": []}', 'no "format"'),
        ('{"format": "bilateral-kb/2", "backup": {"version": 1}}', "unknown format"),
        ('{"format": "bilateral-kb/1", "backup": {"version": 7}}', "unknown backup version 7"),
        ('{"format": "bilateral-kb/1", "backup": {"version": 1, "tables": {}}}', "lacks tables"),
    ],
)
def test_a_file_that_is_not_a_backup_is_refused_clearly(db, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        import_kb(path)


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        import_kb(tmp_path / "nowhere.json")


def test_a_backup_whose_links_do_not_fit_is_refused_and_writes_nothing(decided, tmp_path):
    backup = write_backup(tmp_path / "kb-backup.json")
    backup["backup"]["tables"]["evidence"][0]["document"] = 999_999
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(backup), encoding="utf-8")
    wipe()
    with pytest.raises(CommandError, match="do not fit together|cannot restore"):
        import_kb(broken)
    assert not Document.objects.exists() and not Official.objects.exists()


def test_an_editor_without_an_account_here_leaves_the_merge_record_unattributed(
    decided, editor, tmp_path
):
    backup = write_backup(tmp_path / "kb-backup.json")
    wipe()
    editor.delete()
    err = StringIO()
    call_command("import_kb", str(tmp_path / "kb-backup.json"), stdout=StringIO(), stderr=err)
    assert "editor1" in err.getvalue()
    assert MergeRecord.objects.get().editor is None
    assert len(MergeRecord.objects.all()) == len(backup["backup"]["tables"]["merge_records"])
