"""`manage.py import_kb FILE [--force]`: restore a backup written by `export_kb --backup`.

The knowledge base must be empty (no documents, evidence, facts or merge records); --force
replaces what it holds instead. Everything is restored in one transaction with the backed-up
primary keys; see relations.backup for what a backup holds and how it is written back.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from relations.backup import BackupError, restore_backup, unknown_editors


class Command(BaseCommand):
    help = (
        "Restore a backup (export_kb --backup) into an empty knowledge base, keeping every id, "
        "review state, edit and merge. --force replaces a knowledge base that is not empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup file written by export_kb --backup.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete the documents, facts and merge records held now and restore the "
            "backup in their place (all in the same transaction).",
        )

    def handle(self, *args, file, force=False, verbosity=1, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not a backup: it is not UTF-8 text") from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{path} is not a backup: it is not valid JSON ({exc.msg} at line {exc.lineno}, "
                f"column {exc.colno})"
            ) from exc
        try:
            missing = unknown_editors(data)
            counts = restore_backup(data, replace=force)
        except BackupError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        if missing and verbosity:
            self.stderr.write(
                self.style.WARNING(
                    "no account here for editor(s) "
                    + ", ".join(missing)
                    + ": their merge records were restored without an editor"
                )
            )
        if verbosity:
            summary = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
            self.stdout.write(self.style.SUCCESS(f"restored {path}: {summary}"))
