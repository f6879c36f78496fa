"""How predictions are paired with gold facts: greedy matching by similarity, the rules of
the reference scorer for officials, meetings, agreements and document metadata, and the
figures they give (`Score`)."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from documents.extraction.scoring_words import (
    AMOUNT_TOLERANCE,
    KIND_GROUPS,
    MAX_DATE_SPAN_DAYS,
    MAX_TITLE_WORDS,
    MIN_PARTICIPANT_OVERLAP,
    MIN_TITLE_OVERLAP,
    STOP_WORDS,
    Fact,
    Matching,
    Words,
    _mean,
    base_name,
    canonical_names,
    gold_name_key,
    parse_day,
    spellings,
    title_stems,
    words,
)


@dataclass(frozen=True)
class Score:
    """Counts for one kind of fact; optional gold facts are in none of them."""

    tp: int
    fp: int
    fn: int
    source_recall: float | None = None
    """Mean share of a matched gold fact's source files the prediction cites."""

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match_greedily(candidates: Iterable[tuple[float, int, int]]) -> Matching:
    """One-to-one matching from (score, prediction, gold) candidates, best score first.

    Ties go to the earlier prediction, then the earlier gold fact.
    """
    matching: Matching = {}
    taken: set[int] = set()
    for _, pred, gold in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if pred in matching or gold in taken:
            continue
        matching[pred] = gold
        taken.add(gold)
    return matching


def tally(
    preds: Sequence[Fact], golds: Sequence[Fact], matching: Matching, excused: int = 0
) -> Score:
    """Count true and false positives and misses; optional gold facts count for nothing.

    ``excused`` predictions are neither right nor wrong (a meeting with an honest unknown
    date).
    """
    to_optional = sum(1 for g in matching.values() if golds[g].get("optional"))
    tp = len(matching) - to_optional
    matched = set(matching.values())
    fn = sum(1 for i, g in enumerate(golds) if not g.get("optional") and i not in matched)
    return Score(
        tp=tp,
        fp=len(preds) - tp - to_optional - excused,
        fn=fn,
        source_recall=source_recall(preds, golds, matching),
    )


def source_recall(preds: Sequence[Fact], golds: Sequence[Fact], matching: Matching) -> float | None:
    """Mean share of each matched (required) gold fact's sources that the prediction cites."""
    shares = []
    for p, g in matching.items():
        wanted = {base_name(s) for s in golds[g].get("sources", [])}
        if wanted and not golds[g].get("optional"):
            cited = {base_name(s) for s in preds[p].get("sources", [])}
            shares.append(len(wanted & cited) / len(wanted))
    return _mean(shares) if shares else None


@dataclass(frozen=True)
class OfficialMatch:
    """Officials matched, with the side figures: duplicates, countries, titles."""

    matching: Matching
    duplicates: int
    country_ok: list[bool]
    title_hits: list[bool]


def match_officials(preds: Sequence[Fact], golds: Sequence[Fact]) -> OfficialMatch:
    """Match officials by name key against every full spelling of the gold officials."""
    gold_keys = [spellings(g) for g in golds]
    pred_keys = [gold_name_key(p.get("name")) for p in preds]
    matching = match_greedily(
        (1, p, g)
        for p, key in enumerate(pred_keys)
        for g, keys in enumerate(gold_keys)
        if key in keys
    )
    matched_keys = [gold_keys[g] for g in matching.values()]
    duplicates = sum(
        1
        for p, key in enumerate(pred_keys)
        if p not in matching and any(key in keys for keys in matched_keys)
    )
    country_ok = [
        preds[p].get("country") == golds[g]["country"]
        for p, g in matching.items()
        if golds[g].get("country")
    ]
    title_hits = [
        _has_title(preds[p], title) for p, g in matching.items() for title in set(_titles(golds[g]))
    ]
    return OfficialMatch(matching, duplicates, country_ok, title_hits)


def _titles(gold_official: Fact) -> list[str]:
    return list(gold_official.get("titles", []))


def _has_title(pred_official: Fact, title: str) -> bool:
    """Whether one of the predicted positions holds every significant word of the title."""
    wanted = words(title) - STOP_WORDS
    return any(
        wanted <= words(position.get("title")) - STOP_WORDS
        for position in pred_official.get("positions", [])
    )


def kinds_agree(a: str | None, b: str | None) -> bool:
    """Kinds a reader could confuse agree (a summit is also talks); 'other' agrees with all."""
    group_a, group_b = KIND_GROUPS.get(a), KIND_GROUPS.get(b)
    return group_a is None or group_b is None or group_a == group_b


def dates_agree(pred: Fact, gold: Fact) -> bool:
    """The predicted interval overlaps the gold window and is not much vaguer than it.

    A gold meeting without a readable start date has no window and matches nothing (the
    reference scorer stops with an error there).
    """
    low = parse_day(gold.get("start_date"))
    high = parse_day(gold.get("end_date") or gold.get("start_date"))
    start = parse_day(pred.get("start_date"))
    if low is None or high is None or start is None:
        return False
    end = max(parse_day(pred.get("end_date")) or start, start)
    allowed_span = max(MAX_DATE_SPAN_DAYS, (high - low).days)
    return start <= high and end >= low and (end - start).days <= allowed_span


@dataclass(frozen=True)
class MeetingMatch:
    """Meetings matched, kinds right per match, and undated near-matches excused."""

    matching: Matching
    kind_ok: list[bool]
    undated: int


def match_meetings(
    preds: Sequence[Fact],
    golds: Sequence[Fact],
    official_keys: Mapping[Any, Words],
    gold_officials: Sequence[Fact],
) -> MeetingMatch:
    """Match meetings by kind, participants and dates; count the undated near-matches.

    Participants are official ids (resolved through ``official_keys``) or names (resolved
    through the gold officials' spellings), on either side.
    """
    canon = canonical_names(gold_officials)

    def person(value: Any) -> Words:
        if value in official_keys:
            return official_keys[value]
        key = gold_name_key(str(value))
        return canon.get(key, key)

    gold_people = [{person(v) for v in g.get("participants", [])} for g in golds]
    candidates: list[tuple[float, int, int]] = []
    undated: set[int] = set()
    for p, pred in enumerate(preds):
        people = {person(v) for v in pred.get("participants", [])}
        for g, gold in enumerate(golds):
            overlap = _meeting_overlap(pred, gold, people, gold_people[g])
            if overlap is None:
                continue
            if parse_day(pred.get("start_date")) is None:
                undated.add(p)
            elif dates_agree(pred, gold):
                candidates.append((2 * overlap + (pred.get("kind") == gold.get("kind")), p, g))
    matching = match_greedily(candidates)
    kind_ok = [preds[p].get("kind") == golds[g].get("kind") for p, g in matching.items()]
    return MeetingMatch(matching, kind_ok, len(undated - matching.keys()))


def _meeting_overlap(
    pred: Fact, gold: Fact, people: set[Words], gold_people: set[Words]
) -> float | None:
    """How well two meetings agree on kind and participants, or None when they do not.

    With named gold participants: the Jaccard overlap, at least one half. Without: the
    kinds must be equal and a country shared, and the overlap counts as full.
    """
    if not kinds_agree(pred.get("kind"), gold.get("kind")):
        return None
    if gold_people:
        overlap = len(people & gold_people) / len(people | gold_people)
        return overlap if overlap >= MIN_PARTICIPANT_OVERLAP else None
    same_kind = pred.get("kind") == gold.get("kind")
    shared = set(pred.get("countries", [])) & set(gold.get("countries", []))
    return 1.0 if same_kind and shared else None


@dataclass(frozen=True)
class AgreementMatch:
    """Agreements matched and whether each match has the right kind."""

    matching: Matching
    kind_ok: list[bool]


def _currency(fact: Fact) -> str:
    return (fact.get("currency") or "").upper()


def same_money(pred: Fact, gold: Fact) -> bool:
    """Same currency and an amount within 2 % of the gold amount."""
    wanted, got = gold.get("amount"), pred.get("amount")
    if not wanted or not got or _currency(pred) != _currency(gold):
        return False
    return abs(float(got) - wanted) <= AMOUNT_TOLERANCE * wanted


def names_key_phrase(title: Words, gold: Fact) -> bool:
    """Whether the (stemmed) title holds every significant word of one gold key phrase."""
    for phrase in gold.get("key_phrases", []):
        wanted = title_stems(phrase) - STOP_WORDS
        if wanted and wanted <= title:
            return True
    return False


def match_agreements(preds: Sequence[Fact], golds: Sequence[Fact]) -> AgreementMatch:
    """Match agreements by money or by key phrase; the kind only breaks ties."""
    candidates: list[tuple[float, int, int]] = []
    for p, pred in enumerate(preds):
        title = title_stems(pred.get("title"))
        if len(title) > MAX_TITLE_WORDS:  # a paragraph is not a title (distinct words)
            title = frozenset()
        for g, gold in enumerate(golds):
            money, phrase = same_money(pred, gold), names_key_phrase(title, gold)
            if money or phrase:
                score = 2 * money + 2 * phrase + (pred.get("kind") == gold.get("kind"))
                candidates.append((score, p, g))
    matching = match_greedily(candidates)
    kind_ok = [preds[p].get("kind") == golds[g].get("kind") for p, g in matching.items()]
    return AgreementMatch(matching, kind_ok)


# ---------------------------------------------------------------- documents


def title_right(pred: Fact, gold: Fact) -> bool:
    wanted, got = words(gold.get("title")), words(pred.get("title"))
    return bool(wanted) and len(wanted & got) / len(wanted | got) >= MIN_TITLE_OVERLAP


def publisher_right(pred: Fact, gold: Fact) -> bool:
    """The publisher as the gold names it (or an alias), give or take four extra words."""
    got = words(pred.get("source"))
    names = [words(gold["source"]), *(words(a) for a in gold.get("source_aliases", []))]
    return any(got == name or (name <= got and len(got) <= len(name) + 4) for name in names)


def published_on_right(pred: Fact, gold: Fact) -> bool:
    """The exact date; where the text gives none, null or a date inside the gold window."""
    if gold.get("published_on"):
        return pred.get("published_on") == gold["published_on"]
    got = parse_day(pred.get("published_on"))
    if got is None:
        return True
    window = gold.get("published_window")
    if not window:
        return False
    first, last = parse_day(window[0]), parse_day(window[1])
    return first is not None and last is not None and first <= got <= last


def document_checks(pred: Fact | None, gold: Fact) -> list[bool]:
    """The metadata checks of one document: title, publisher, date, kind (as the gold has them).

    A document missing from the export fails four checks.
    """
    if pred is None:
        return [False] * 4
    checks = [title_right(pred, gold)]
    if gold.get("source"):
        checks.append(publisher_right(pred, gold))
    checks.append(published_on_right(pred, gold))
    if gold.get("kind"):
        checks.append(pred.get("kind") == gold.get("kind"))
    return checks


def score_documents(
    pred_docs: Sequence[Fact], gold_docs: Mapping[str, Fact]
) -> tuple[float, list[str]]:
    """Share of metadata checks passed over the gold documents, and the files not exported."""
    by_file = {base_name(d.get("file") or ""): d for d in pred_docs}
    checks: list[bool] = []
    for file, gold in gold_docs.items():
        checks += document_checks(by_file.get(file), gold)
    missing = [file for file in gold_docs if file not in by_file]
    return _mean(checks), missing


# ---------------------------------------------------------------- error classes
