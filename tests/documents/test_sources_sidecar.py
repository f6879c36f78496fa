"""Metadata kept beside files saved as text: a manifest.csv row, a NAME.json sidecar.
Fixture folder: tests/data/sources/saved_as_text (row 3 of its manifest has a bad date,
row 5 names a file that is not there)."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from documents.models import Document

FOLDER = Path(__file__).parent.parent / "data" / "sources" / "saved_as_text"


@pytest.fixture
def folder(tmp_path):
    return Path(shutil.copytree(FOLDER, tmp_path / "saved"))


@pytest.mark.django_db
def test_manifest_rows_give_metadata_and_a_bad_row_is_refused_naming_file_row_and_reason(
    run_ingest, folder
):
    out, err, error = run_ingest(str(folder))

    assert (
        "failed     courtesy_call.txt: not ingested, its metadata is refused: manifest.csv "
        "row 3: published '05/11/2024' is not a day written YYYY-MM-DD; correct it and "
        "ingest again"
    ) in err
    assert f"failed     {folder}/manifest.csv row 5: no file named 'missing.txt'" in err
    assert error == "2 file(s) could not be ingested (see above)"
    assert sorted(Document.objects.values_list("file_name", flat=True)) == [
        "grant.txt",
        "visit.txt",
    ]
    visit = Document.objects.get(file_name="visit.txt")
    assert visit.url == ("https://www.harbour-gazette.example/world/ministers-vocational-training")
    assert visit.published_on == dt.date(2025, 3, 15)  # the row's, not the text's 14 March
    assert visit.publisher == "The Harbour Gazette"
    assert visit.title == "Ministers review cooperation in vocational training"  # from text


@pytest.mark.django_db
def test_json_sidecar_stands_before_the_manifest_row(run_ingest, folder):
    run_ingest(str(folder))

    grant = Document.objects.get(file_name="grant.txt")
    assert grant.title == "Exchange of notes on rural water supply"  # manifest row
    assert grant.url == "https://www.embassy.example/news/grant-water-supply"  # JSON
    assert grant.publisher == "Embassy Press Office"
    assert grant.published_on == dt.date(2025, 1, 21)


@pytest.mark.django_db
def test_corrected_row_lets_the_refused_file_in_with_its_metadata(run_ingest, folder):
    run_ingest(str(folder))
    manifest = folder / "manifest.csv"
    manifest.write_text(
        manifest.read_text().replace("05/11/2024", "2024-11-05").replace("missing.txt,", ",")
    )

    out, err, error = run_ingest(str(folder))

    assert (err, error) == ("", None)
    assert "new        courtesy_call.txt" in out
    call = Document.objects.get(file_name="courtesy_call.txt")
    assert call.published_on == dt.date(2024, 11, 5)
    assert call.url == "https://www.mfaic.example/en/courtesy-call"


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("name,url\nvisit.txt,\n", "manifest.csv row 1: unknown column 'name'"),
        ("file,url\nvisit.txt,ftp://files.example/a\n", "row 2: url 'ftp://files.example/a'"),
        ("file,title\nvisit.txt,a\nvisit.txt,b\n", "row 3: 'visit.txt' is listed twice"),
    ],
)
@pytest.mark.django_db
def test_bad_manifests_are_refused_with_the_reason(run_ingest, tmp_path, manifest, message):
    shutil.copy(FOLDER / "visit.txt", tmp_path)
    (tmp_path / "manifest.csv").write_text(manifest)

    out, err, error = run_ingest(str(tmp_path))

    assert message in err
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_broken_json_sidecar_is_refused(run_ingest, tmp_path):
    shutil.copy(FOLDER / "visit.txt", tmp_path)
    (tmp_path / "visit.json").write_text('{"url": "https://a.example/x",}')

    out, err, error = run_ingest(str(tmp_path))

    assert "visit.txt: not ingested, its metadata is refused: visit.json: not a readable JSON" in (
        err
    )
