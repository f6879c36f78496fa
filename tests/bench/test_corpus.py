"""The benchmark corpus: distinct files, reproducible, still shaped like the seeds."""

import hashlib
import re
from datetime import date
from pathlib import Path

from bench.corpus import build_corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
COUNT = 12


def first_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.strip())


def test_files_are_distinct_and_counted(tmp_path):
    stats = build_corpus(SEEDS, tmp_path, COUNT)

    files = sorted(tmp_path.glob("*.txt"))
    assert stats.documents == len(files) == COUNT
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in files}) == COUNT
    assert stats.bytes == sum(p.stat().st_size for p in files)
    assert stats.words == sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    assert all(p.read_text(encoding="utf-8").rstrip().endswith(f"BENCH-{i:06d}")
               for i, p in enumerate(files))  # fmt: skip


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    runs = {}
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        build_corpus(SEEDS, tmp_path / name, COUNT, seed=seed)
        runs[name] = {p.name: p.read_bytes() for p in (tmp_path / name).iterdir()}
    assert runs["a"] == runs["b"]
    assert runs["a"] != runs["c"]


def test_titles_kept_and_dates_shifted_consistently(tmp_path):
    build_corpus(SEEDS, tmp_path, COUNT, seed=3)
    seeds = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    digits = re.compile(r"\d+")
    for path in tmp_path.glob("*.txt"):
        seed_text = seeds[path.stem.split("-", 2)[2]]
        # The title line is there (dates in it may have moved).
        assert digits.sub("#", first_line(path.read_text(encoding="utf-8"))) == digits.sub(
            "#", first_line(seed_text)
        )

    # 002 says `from 5-6 July 2024` in its title and `CCRS, 10 July 2024` below it.
    variants = sorted(tmp_path.glob("*-002_*.txt"))
    assert variants
    for path in variants:
        text = path.read_text(encoding="utf-8")
        visit = re.search(r"from (\d+)-(\d+) July (\d{4})$", first_line(text), re.MULTILINE)
        dateline = re.search(r"^CCRS, (\d+) July (\d{4})$", text, re.MULTILINE)
        assert visit and dateline
        first, last, year = (int(g) for g in visit.groups())
        published = date(int(dateline.group(2)), 7, int(dateline.group(1)))
        assert date(year, 7, last) - date(year, 7, first) == (date(2024, 7, 6) - date(2024, 7, 5))
        assert published - date(year, 7, first) == date(2024, 7, 10) - date(2024, 7, 5)
        assert f"On {first}-{last} July {year}," in text
