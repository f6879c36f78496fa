"""A synthetic corpus for benchmarking ingestion, grown from the seed documents.

Each document is a seed (taken in turn) rewritten so that its bytes are its own while it
still reads like the original:

* every explicit date moves by the same number of years, and every day of the month by
  the same number of days (chosen so that no date leaves its month), so the document's
  dates stay consistent with one another;
* some paragraphs after the first three (title, standfirst, dateline) change places;
* each amount of money changes by a few percent (the same amount the same way);
* a last line `Reference: BENCH-000123` makes every file unique.

Deterministic: the same seeds, count and seed give the same files, byte for byte.
Pure Python, so it can be used without Django.
"""

import random
import re
from dataclasses import dataclass
from pathlib import Path

SEED_SUFFIXES = {".txt", ".md"}

_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH_NUMBER.update({name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)})
_MONTH_NUMBER["sept"] = 9
# Longest day a month can have in any year (February: 28, so no 29 February appears).
_MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?<![\d.,])[0-3]?\d(?:st|nd|rd|th)?(?![\d,.]\d)"
_TO = r"\s*(?:[-–—]|\bto\b|\buntil\b|\btill\b|\band\b|\bthrough\b)\s*"
_DASH = r"\s*[-–—]\s*"
# `21 to 24 January`, `5-6 July`, `10 July` (days before the month) and
# `January 21-24`, `September 3`, `Jan. 9` (days after it).
_DAYS_BEFORE = re.compile(rf"(?P<days>{_DAY}(?:{_TO}{_DAY})?)\s+(?P<month>{_MONTH})(?!\w)")
_DAYS_AFTER = re.compile(
    rf"(?P<month>{_MONTH})\s+(?P<days>{_DAY}(?:{_DASH}{_DAY})?)(?!\w)".replace(
        "{_DASH}", r"\s*[-–—]\s*"
    )
)
_DAY_NUMBER = re.compile(r"(?P<n>\d+)(?P<suffix>st|nd|rd|th)?")
# A year: four digits from 1900 to 2099 that are not part of a larger number, a code or
# a count (`2000 troops` is rare enough; `30 years`, `12.33 per cent` are not years).
_YEAR = re.compile(
    r"(?<![\w.,/$£€¥#])(?P<y>(?:19|20)\d\d)(?![\w%]|[.,]\d|\s*(?:years?|per\b|percent))"
)
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(?:thousand|million|billion|trillion|mln|mn|bn|tn)\b)"
_CURRENCY_WORD = (
    r"(?:US dollars|dollars|yen|euros?|pounds|yuan|riels?|baht|dong|won|rupees|ringgit|"
    r"USD|JPY|EUR|KHR|CNY|THB)\b"
)
_MONEY = [
    re.compile(rf"(?:US\$|A\$|S\$|\$|¥|€|£|\b(?:USD|JPY|EUR|GBP|KHR|CNY|THB)\s?){_NUMBER}"),
    re.compile(rf"(?<![\w.,]){_NUMBER}{_SCALE}?\s+(?:of\s+)?{_CURRENCY_WORD}"),
]
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n\s*)")


@dataclass(frozen=True)
class CorpusStats:
    documents: int
    words: int
    bytes: int


def seed_paths(seed_dir: Path) -> list[Path]:
    """The seed documents in `seed_dir`, sorted by name."""
    paths = sorted(p for p in Path(seed_dir).iterdir() if p.suffix.lower() in SEED_SUFFIXES)
    return [p for p in paths if p.is_file()]


def build_corpus(seed_dir: Path, out_dir: Path, count: int, seed: int = 1) -> CorpusStats:
    """Write `count` varied copies of the seeds in `seed_dir` to `out_dir` as .txt files.

    Document i is built from seed number i modulo the number of seeds, and is named
    `bench-000123-<seed name>.txt`, so files sort in the order they were made.
    """
    seeds = seed_paths(seed_dir)
    if not seeds:
        raise ValueError(f"no .txt or .md seed documents in {seed_dir}")
    if count < 0:
        raise ValueError("count must not be negative")
    texts = [p.read_text(encoding="utf-8-sig") for p in seeds]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    words = size = 0
    for i in range(count):
        index = i % len(seeds)
        text = vary_document(texts[index], rng, reference=f"BENCH-{i:06d}")
        data = text.encode("utf-8")
        (out_dir / f"bench-{i:06d}-{seeds[index].stem}.txt").write_bytes(data)
        words += len(text.split())
        size += len(data)
    return CorpusStats(documents=count, words=words, bytes=size)


def vary_document(text: str, rng: random.Random, *, reference: str) -> str:
    """One variant of `text`: dates shifted, paragraphs reordered, amounts changed."""
    text = shift_dates(text, years=rng.randint(-3, 3), days=_day_shift(text, rng))
    text = swap_paragraphs(text, rng)
    text = vary_money(text, rng)
    return text.rstrip() + f"\n\nReference: {reference}\n"


def _day_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, month, day) of every day-of-month number written beside a month."""
    spans: list[tuple[int, int, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_DAYS_BEFORE, _DAYS_AFTER):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            month = _MONTH_NUMBER[m.group("month").rstrip(".").lower()]
            base = m.start("days")
            for d in _DAY_NUMBER.finditer(m.group("days")):
                day = int(d.group("n"))
                if 1 <= day <= _MONTH_DAYS[month - 1]:
                    spans.append((base + d.start(), base + d.end(), month, day))
    return sorted(spans)


def _day_shift(text: str, rng: random.Random, limit: int = 10) -> int:
    """A number of days, at most `limit` either way, that keeps every date in its month."""
    spans = _day_spans(text)
    low = max([1 - day for *_, day in spans], default=-limit)
    high = min([_MONTH_DAYS[month - 1] - day for *_, month, day in spans], default=limit)
    low, high = max(low, -limit), min(high, limit)
    return rng.randint(low, high) if low <= high else 0


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def shift_dates(text: str, *, years: int, days: int) -> str:
    """Every year moved by `years` and every day of a month by `days`.

    `days` must keep each day inside its month (see `_day_shift`); days that would leave
    it are kept as they are.
    """
    edits: list[tuple[int, int, str]] = []
    if days:
        for start, end, month, day in _day_spans(text):
            new = day + days
            if not 1 <= new <= _MONTH_DAYS[month - 1]:
                continue
            suffix = _DAY_NUMBER.fullmatch(text[start:end]).group("suffix")
            edits.append((start, end, f"{new}{_ordinal(new) if suffix else ''}"))
    if years:
        for m in _YEAR.finditer(text):
            edits.append((m.start("y"), m.end("y"), str(int(m.group("y")) + years)))
    return _apply(text, edits)


def swap_paragraphs(text: str, rng: random.Random, *, keep_first: int = 3) -> str:
    """Some neighbouring body paragraphs after the first `keep_first` change places.

    Only paragraphs of running text move (20 words or more, ending a sentence), and not the
    first of them (the lead, which says who met whom and when): headings, letterheads and
    the last paragraph (a source line, a footer) stay where they are.
    """
    pieces = _PARAGRAPH_BREAK.split(text)  # paragraph, break, paragraph, break, ...
    body = [i for i in range(0, len(pieces), 2) if pieces[i].strip()]
    running = [i for i in body[:-1] if _is_running_text(pieces[i])]
    movable = set(running[1:]) - set(body[:keep_first])
    pairs = [(a, b) for a, b in zip(body, body[1:], strict=False) if a in movable and b in movable]
    if not pairs:
        return text
    for a, b in rng.sample(pairs, max(1, len(pairs) // 3)):
        pieces[a], pieces[b] = pieces[b], pieces[a]
    return "".join(pieces)


def _is_running_text(paragraph: str) -> bool:
    paragraph = paragraph.strip()
    return len(paragraph.split()) >= 20 and paragraph[-1] in '.!?"”’)'


def vary_money(text: str, rng: random.Random, *, spread: float = 0.05) -> str:
    """Each amount of money changed by up to `spread` (the same amount the same way)."""
    changed: dict[str, str] = {}
    edits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _MONEY:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            number = m.group("num")
            for _ in range(10):  # small round numbers may need a few tries to change
                if changed.get(number, number) != number:
                    break
                changed[number] = _scaled(number, 1 + rng.uniform(-spread, spread))
            edits.append((m.start("num"), m.end("num"), changed[number]))
    return _apply(text, edits)


def _scaled(number: str, factor: float) -> str:
    """`number` times `factor`, written the same way (separators, decimals)."""
    value = float(number.replace(",", "")) * factor
    decimals = len(number.split(".")[1]) if "." in number else 0
    if decimals == 0 and value < 100:
        decimals = 1  # `8 billion` -> `8.3 billion`, not `8 billion` again
    return f"{value:,.{decimals}f}" if "," in number else f"{value:.{decimals}f}"


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, new in sorted(edits):
        if start < pos:  # overlapping edit: the first one stands
            continue
        out += [text[pos:start], new]
        pos = end
    out.append(text[pos:])
    return "".join(out)
