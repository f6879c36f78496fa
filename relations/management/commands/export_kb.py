"""`manage.py export_kb [--output FILE]`: the knowledge base as JSON (format bilateral-kb/1)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from relations.export import build_export


class Command(BaseCommand):
    help = "Write the knowledge base as JSON (bilateral-kb/1) to a file or standard output."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, output=None, verbosity=1, **options):
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
