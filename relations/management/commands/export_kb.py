"""`manage.py export_kb [--output FILE] [--backup]`: the knowledge base as JSON.

Without --backup: the spec'd export (bilateral-kb/1), which leaves out rejected and merged
facts. With --backup: the same export plus a "backup" key holding every row of every table
(relations.backup), which `manage.py import_kb FILE` restores exactly.
"""

import json
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand

from relations.backup import build_backup
from relations.export import build_export


class Command(BaseCommand):
    help = (
        "Write the knowledge base as JSON (bilateral-kb/1) to a file or standard output. "
        "--backup adds everything needed to restore it exactly with import_kb."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")
        parser.add_argument(
            "--backup",
            action="store_true",
            help="Write a full backup: also rejected and merged facts, editors' decisions, "
            "document texts and all evidence (restore it with import_kb).",
        )

    def handle(self, *args, output=None, backup=False, verbosity=1, **options):
        if backup:
            self._backup(output, verbosity)
            return
        data = build_export()
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
            if verbosity:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"wrote {output}: {len(data['documents'])} documents, "
                        f"{len(data['officials'])} officials, {len(data['meetings'])} meetings, "
                        f"{len(data['agreements'])} agreements"
                    )
                )
        else:
            self.stdout.write(text, ending="")

    def _backup(self, output, verbosity) -> None:
        data = build_backup()
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if not output:
            self.stdout.write(text, ending="")
            return
        # Written beside the target and renamed into place: an older backup is never left
        # half overwritten.
        target = Path(output)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file (mkstemp: 0600)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        if verbosity:
            tables = data["backup"]["tables"]
            counts = ", ".join(
                f"{len(tables[name])} {name.replace('_', ' ')}"
                for name in (
                    "documents",
                    "evidence",
                    "officials",
                    "meetings",
                    "agreements",
                    "merge_records",
                )
            )
            self.stdout.write(self.style.SUCCESS(f"wrote backup {output}: {counts}"))
