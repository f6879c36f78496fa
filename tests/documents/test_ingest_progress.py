"""`manage.py ingest` in a terminal shows a progress bar with rate and time left; piped
or redirected, one plain line per file (what logs and scripts read)."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

SOURCES = Path(__file__).parent.parent / "data" / "sources"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def folder(tmp_path):
    for name in ("news_page.html", "ministry_page.html", "scanned.pdf"):
        shutil.copy(SOURCES / name, tmp_path)
    return tmp_path


@pytest.mark.django_db
def test_in_a_terminal_a_bar_counts_files_with_rate_and_failures_are_written_above_it(folder):
    out, err = Terminal(), Terminal()

    with pytest.raises(CommandError):
        call_command("ingest", str(folder), stdout=out, stderr=err, no_color=True)

    bar = out.getvalue()
    assert "3/3" in bar and "file/s" in bar and "<" in bar  # done of total, rate, time left
    assert "\r" in bar  # redrawn in place
    assert "new        " not in bar  # no line per file
    assert "failed     scanned.pdf: no text layer" in err.getvalue()


@pytest.mark.django_db
def test_piped_output_has_a_plain_line_per_file_and_no_bar(run_ingest, folder):
    out, err, error = run_ingest(str(folder))

    assert "new        news_page.html" in out and "new        ministry_page.html" in out
    assert "\r" not in out and "file/s" not in out
