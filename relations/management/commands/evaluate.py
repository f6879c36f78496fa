"""Score the knowledge base against a gold file.

    python manage.py evaluate GOLD.json [--export FILE] [--details] [--min-score X]

Without ``--export`` the knowledge base is read from the database, exported as
``export_kb`` would (``relations.export.build_export``). The figures are those of the
reference scorer ``shared/tools/kbscore.py`` (see ``documents.extraction.scoring``): a table of
precision, recall and F1 for officials, meetings and agreements, the accuracy of
document metadata, and a last line ``score: overall=…``. ``--details`` lists the gold
facts missed and the predictions that matched nothing. With ``--min-score`` the command
fails (exit code 1) when the overall score is below it. At ``-v 0`` only the last line
is printed.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents.extraction.scoring import ExportError, evaluate
from documents.extraction.scoring_report import report_lines

INVALID_INPUT = 2
"""Exit code for a gold or export file that cannot be read, as kbscore uses."""


def read_json(path: Path, what: str) -> Any:
    """The parsed JSON of a file, or a CommandError saying which file is wrong."""
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as exc:
        raise CommandError(f"cannot read {what} {path}: {exc}", returncode=INVALID_INPUT) from exc


class Command(BaseCommand):
    help = (
        "Score the knowledge base (or an export file) against a gold file: precision, "
        "recall and F1 per kind of fact, document metadata accuracy and an overall score."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold", type=Path, help="Gold file, corpus or per-document form.")
        parser.add_argument(
            "--export",
            type=Path,
            metavar="FILE",
            help="Score this export (bilateral-kb/1 JSON) instead of the database.",
        )
        parser.add_argument(
            "--details",
            action="store_true",
            help="List the gold facts missed and the predictions that matched nothing.",
        )
        parser.add_argument(
            "--min-score",
            type=float,
            metavar="X",
            help="Fail (exit code 1) when the overall score is below X.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        gold = read_json(options["gold"], "gold file")
        if not isinstance(gold, dict):
            raise CommandError("the gold file is not a JSON object", returncode=INVALID_INPUT)
        if options["export"] is not None:
            export = read_json(options["export"], "export")
        else:
            from relations.export import build_export

            export = build_export()
        try:
            report = evaluate(gold, export)
        except ExportError as exc:
            raise CommandError(str(exc), returncode=INVALID_INPUT) from exc

        lines = report_lines(report, details=options["details"])
        if options["verbosity"] == 0:
            lines = lines[-1:]
        for line in lines:
            self.stdout.write(line)

        minimum = options["min_score"]
        if minimum is not None and report.overall < minimum:
            raise CommandError(f"overall score {report.overall:.3f} is below {minimum}")
