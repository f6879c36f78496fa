"""`manage.py bench_scaling`: does ingestion cost grow with the size of one document, or faster?

For each size (default 100 kB, 1 MB, 5 MB) it writes one long document, then ingests it in
a child process into a fresh, throw-away SQLite database (migrated first; the language
model loaded before the clock starts). It prints CPU and wall seconds per size and the
figure that tells: CPU seconds per 100 kB, and its ratio to the smallest size's; then how
much of it was extraction (a long document's sections read by two worker processes,
counted in the CPU figure) and how much writing the facts. Linear
ingestion keeps that ratio near 1; issue 17 asks for within 1.5x, and a 5 MB file in under
a minute.

Two kinds of document (`--text`): `notes` (the default), short paragraphs of trade notes
naming the same few officials again and again, as the probe of 2026-12 wrote them — the
case where extraction was quadratic (every mention of a person compared with every other);
`seeds`, varied copies of the seed documents one after another
(`bench.corpus.vary_document`), many people each named a few times.

A size that takes longer than `--budget` seconds is stopped and shown as "> budget" (the
probe of 2026-12 saw 1 MB take 501 s and 5 MB not finish in 20 minutes).

    python manage.py bench_scaling
    python manage.py bench_scaling --sizes 100k,250k --budget 120 --text seeds
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from bench.corpus import seed_paths, vary_document

UNITS = {"k": 1000, "m": 1000**2}
HUNDRED_KB = 100_000


def parse_size(value: str) -> int:
    value = value.strip().lower().removesuffix("b")
    factor = UNITS.get(value[-1:], 1)
    number = value[:-1] if value[-1:] in UNITS else value
    try:
        return int(float(number) * factor)
    except ValueError as exc:
        raise CommandError(f"not a size: {value!r} (e.g. 100k, 1M, 5M)") from exc


NOTE = (
    "{title} Pan Sorasak met Ambassador Ueno Atsushi in Phnom Penh on {day} {month} {year} "
    "(trade note {i}). They discussed investment in the special economic zones. The two "
    "sides agreed to meet again before the end of the year.\n"
)
MONTHS = ("January", "March", "May", "July", "September", "November")


def notes_document(size: int) -> str:
    """One document of about `size` bytes (never less): trade notes naming the same people."""
    parts, length, i = [f"Trade notes, {size:,} bytes\n"], 0, 0
    while length < size:
        part = NOTE.format(
            title=("Senior Minister", "Minister of Commerce")[i % 2],
            day=i % 28 + 1,
            month=MONTHS[i % len(MONTHS)],
            year=2020 + i % 5,
            i=i,
        )
        parts.append(part)
        length += len(part.encode("utf-8")) + 1
        i += 1
    return "\n".join(parts)


def long_document(seed_dir: Path, size: int, seed: int = 1) -> str:
    """One document of about `size` bytes (never less), made of varied seed documents."""
    texts = [p.read_text(encoding="utf-8-sig") for p in seed_paths(seed_dir)]
    if not texts:
        raise CommandError(f"no seed documents in {seed_dir}")
    rng = random.Random(seed)
    parts, length, i = [f"Collected notes, {size:,} bytes\n"], 0, 0
    while length < size:
        part = vary_document(texts[i % len(texts)], rng, reference=f"SCALE-{i:06d}")
        parts.append(part)
        length += len(part.encode("utf-8")) + 1
        i += 1
    return "\n".join(parts)


class Command(BaseCommand):
    help = (
        "Benchmark ingestion of one long document per size (default 100k,1M,5M): CPU "
        "seconds per 100 kB at each size, in throw-away SQLite databases."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="100k,1M,5M", help="Comma-separated sizes.")
        parser.add_argument(
            "--text",
            choices=("notes", "seeds"),
            default="notes",
            help="notes: the same officials named again and again (default); seeds: varied "
            "copies of the seed documents.",
        )
        parser.add_argument(
            "--budget",
            type=float,
            default=600,
            metavar="SECONDS",
            help="Stop a size after this many seconds (default: 600).",
        )
        parser.add_argument(
            "--seeds", type=Path, default=Path(settings.BASE_DIR) / "seeds", metavar="DIR"
        )
        parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # the child's part

    def handle(self, *args, sizes, text, budget, seeds, one=None, **options):
        if one is not None:
            return self._measure_one(one)
        wanted = [parse_size(s) for s in sizes.split(",") if s.strip()]
        rows = []
        with tempfile.TemporaryDirectory(prefix="bench-scaling-") as folder:
            for size in wanted:
                path = Path(folder) / f"long-{size}.txt"
                document = notes_document(size) if text == "notes" else long_document(seeds, size)
                path.write_text(document, encoding="utf-8")
                rows.append(self._run_one(path, Path(folder) / f"kb-{size}.sqlite3", budget))
                self._print_row(rows[-1], rows[0])
        done = [r for r in rows if r.get("cpu") is not None]
        per = [r["cpu"] / (r["bytes"] / HUNDRED_KB) for r in done]
        if len(per) == len(rows) and per:
            spread = max(per) / min(per)
            self.stdout.write(
                f"spread of CPU s per 100 kB: {spread:.2f}x (linear: near 1; issue 17 asks "
                "at most 1.5x)"
            )

    def _run_one(self, path: Path, database: Path, budget: float) -> dict:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "BILATERAL_MAX_DOCUMENT_BYTES": str(max(path.stat().st_size + 1, 5 * 1024 * 1024)),
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)
        size = path.stat().st_size
        child = subprocess.Popen(
            [*manage, "bench_scaling", "--one", str(path)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            out, _ = child.communicate(timeout=budget)
        except subprocess.TimeoutExpired:
            child.kill()  # the child this command started
            child.communicate()
            return {"bytes": size, "cpu": None, "wall": None, "budget": budget}
        if child.returncode != 0:
            raise CommandError(f"ingesting {path.name} failed (exit {child.returncode})")
        return {"bytes": size, **json.loads(out.strip().splitlines()[-1])}

    def _print_row(self, row: dict, first: dict) -> None:
        size = f"{row['bytes'] / 1e6:6.2f} MB"
        if row["cpu"] is None:
            self.stdout.write(f"{size}: > {row['budget']:.0f} s (stopped)")
            return
        per = row["cpu"] / (row["bytes"] / HUNDRED_KB)
        base = first["cpu"] / (first["bytes"] / HUNDRED_KB) if first.get("cpu") else per
        hundreds = row["bytes"] / HUNDRED_KB
        self.stdout.write(
            f"{size}: {row['cpu']:8.1f} s CPU, {row['wall']:8.1f} s wall, "
            f"{per:6.2f} s CPU per 100 kB ({per / base:.2f}x the first), "
            f"{row['wall'] / hundreds:6.2f} s wall per 100 kB [{row['status']}]\n"
            f"{'':11}extraction {row['extract_cpu']:7.1f} s CPU {row['extract_wall']:7.1f} s wall; "
            f"writing {row['write_cpu']:7.1f} s CPU {row['write_wall']:7.1f} s wall"
        )

    def _measure_one(self, path: Path) -> None:
        from bench.measure import Measure
        from documents.extraction.nlp import load_pipeline
        from documents.services import extract_file, write_file

        load_pipeline()
        with override_settings(DEBUG=False), Measure() as measured:
            with Measure() as reading:
                file, extraction = extract_file(path)
            with Measure() as writing:
                outcome = write_file(file, extraction)
        self.stdout.write(
            json.dumps(
                {
                    "cpu": measured.cpu,
                    "wall": measured.wall,
                    "extract_cpu": reading.cpu,
                    "extract_wall": reading.wall,
                    "write_cpu": writing.cpu,
                    "write_wall": writing.wall,
                    "status": outcome.status + (f": {outcome.message}" if outcome.message else ""),
                }
            )
        )
