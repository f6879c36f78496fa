"""What a score says: the misses and extras (`Discrepancy`), the whole `Report`, its error
classes, and the lines `evaluate` prints."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from documents.extraction.scoring_matching import (
    AgreementMatch,
    MeetingMatch,
    OfficialMatch,
    Score,
    kinds_agree,
    published_on_right,
    publisher_right,
    title_right,
)
from documents.extraction.scoring_words import (
    MIN_PARTICIPANT_OVERLAP,
    Fact,
    Matching,
    Words,
    _mean,
    base_name,
    canonical_names,
    gold_name_key,
    parse_day,
)


@dataclass(frozen=True)
class Discrepancy:
    """A gold fact nobody predicted ("missed") or a prediction matching no gold ("extra")."""

    status: Literal["missed", "extra"]
    kind: Literal["official", "meeting", "agreement"]
    text: str

    def __str__(self) -> str:
        return f"{self.status:<6} {self.kind}: {self.text}"


@dataclass(frozen=True)
class Report:
    """Everything the evaluator measured, per kind of fact and for the documents."""

    officials: Score
    meetings: Score
    agreements: Score
    metadata_accuracy: float
    duplicates: int = 0
    country_accuracy: float = 0.0
    title_recall: float = 0.0
    meeting_kind_accuracy: float = 0.0
    undated: int = 0
    agreement_kind_accuracy: float = 0.0
    missing_documents: list[str] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    error_classes: dict[str, int] = field(default_factory=dict)
    """Why facts were missed or wrong, by class, with counts (see `classify_errors`)."""

    @property
    def overall(self) -> float:
        """Mean of the three F1 scores and the metadata accuracy."""
        return _mean(
            [self.officials.f1, self.meetings.f1, self.agreements.f1, self.metadata_accuracy]
        )

    @property
    def scores(self) -> dict[str, Score]:
        return {
            "officials": self.officials,
            "meetings": self.meetings,
            "agreements": self.agreements,
        }

    @property
    def missed(self) -> list[str]:
        """Gold facts not found, e.g. ``official: Hun Manet``."""
        return [f"{d.kind}: {d.text}" for d in self.discrepancies if d.status == "missed"]

    @property
    def extra(self) -> list[str]:
        """Predictions that match no gold fact, duplicates and undated meetings included."""
        return [f"{d.kind}: {d.text}" for d in self.discrepancies if d.status == "extra"]

    @property
    def score_line(self) -> str:
        """The last line, in the reference scorer's format."""
        return (
            f"score: overall={self.overall:.3f} officials_f1={self.officials.f1:.3f} "
            f"meetings_f1={self.meetings.f1:.3f} agreements_f1={self.agreements.f1:.3f} "
            f"documents={self.metadata_accuracy:.3f}"
        )


# ---------------------------------------------------------------- gold


def _shares_words(a: Words, b: Words) -> bool:
    return bool(a & b)


def official_errors(
    preds: Sequence[Fact], golds: Sequence[Fact], found: OfficialMatch
) -> dict[str, int]:
    """Missed officials: named in part (a prediction shares a word of the name) or not at
    all; extras: a variant of a gold official, or a name no gold official shares."""
    out: dict[str, int] = {}
    matched = set(found.matching.values())
    pred_keys = [gold_name_key(p.get("name")) for p in preds]
    gold_keys = [gold_name_key(g.get("name")) for g in golds]
    unmatched_preds = [k for i, k in enumerate(pred_keys) if i not in found.matching]
    for i, gold in enumerate(golds):
        if i in matched or gold.get("optional"):
            continue
        partial = any(_shares_words(k, gold_keys[i]) for k in unmatched_preds)
        label = "missed, name found with other words" if partial else "missed, not found"
        out[f"official {label}"] = out.get(f"official {label}", 0) + 1
    for i, key in enumerate(pred_keys):
        if i in found.matching:
            continue
        variant = any(_shares_words(key, k) for k in gold_keys)
        label = "extra, variant of a gold name" if variant else "extra, no such official"
        out[f"official {label}"] = out.get(f"official {label}", 0) + 1
    out["official matched, country wrong"] = found.country_ok.count(False)
    out["official matched, title missing"] = found.title_hits.count(False)
    return out


def meeting_errors(
    preds: Sequence[Fact],
    golds: Sequence[Fact],
    found: MeetingMatch,
    official_keys: Mapping[Any, Words],
    gold_officials: Sequence[Fact],
) -> dict[str, int]:
    """Each missed gold meeting in the first class that explains it: a participant is not
    among the officials found; a prediction with the people and kind but no date, or
    another date; the people but another kind; some of the people; nothing near."""
    canon = canonical_names(gold_officials)
    found_people = set(official_keys.values())

    def person(value: Any) -> Words:
        if value in official_keys:
            return official_keys[value]
        key = gold_name_key(str(value))
        return canon.get(key, key)

    pred_people = [{person(v) for v in p.get("participants", [])} for p in preds]
    out: dict[str, int] = {}
    matched = set(found.matching.values())
    for g, gold in enumerate(golds):
        if g in matched or gold.get("optional"):
            continue
        people = {person(v) for v in gold.get("participants", [])}
        near = [
            p
            for p, mine in enumerate(pred_people)
            if people and len(mine & people) / len(mine | people) >= MIN_PARTICIPANT_OVERLAP
        ]
        same_kind = [p for p in near if kinds_agree(preds[p].get("kind"), gold.get("kind"))]
        if people - found_people:
            label = "a participant is not among the officials found"
        elif any(parse_day(preds[p].get("start_date")) is None for p in same_kind):
            label = "found, undated"
        elif same_kind:
            label = "found, other date"
        elif near:
            label = "found, other kind"
        elif any(mine & people for mine in pred_people):
            label = "some participants found together"
        else:
            label = "not found"
        out[f"meeting missed, {label}"] = out.get(f"meeting missed, {label}", 0) + 1
    for p, pred in enumerate(preds):
        if p in found.matching:
            continue
        if parse_day(pred.get("start_date")) is None:
            label = "extra, undated"
        elif any(pred_people[p] == pred_people[q] for q in found.matching):
            label = "extra, same people as a matched meeting"
        else:
            label = "extra, no such meeting"
        out[f"meeting {label}"] = out.get(f"meeting {label}", 0) + 1
    return out


def agreement_errors(
    preds: Sequence[Fact], golds: Sequence[Fact], found: AgreementMatch
) -> dict[str, int]:
    """Missed agreements with an amount and without; extras with an amount and without."""
    out: dict[str, int] = {}
    matched = set(found.matching.values())
    for g, gold in enumerate(golds):
        if g in matched or gold.get("optional"):
            continue
        label = "missed, with an amount" if gold.get("amount") else "missed, no amount"
        out[f"agreement {label}"] = out.get(f"agreement {label}", 0) + 1
    for p, pred in enumerate(preds):
        if p in found.matching:
            continue
        label = "extra, with an amount" if pred.get("amount") else "extra, no amount"
        out[f"agreement {label}"] = out.get(f"agreement {label}", 0) + 1
    return out


def document_errors(pred_docs: Sequence[Fact], gold_docs: Mapping[str, Fact]) -> dict[str, int]:
    """Documents whose title, publisher, publication date or kind is wrong."""
    by_file = {base_name(d.get("file") or ""): d for d in pred_docs}
    out = {f"document {what} wrong": 0 for what in ("title", "publisher", "date", "kind")}
    for file, gold in gold_docs.items():
        pred = by_file.get(file)
        if pred is None:
            out["document missing"] = out.get("document missing", 0) + 1
            continue
        out["document title wrong"] += not title_right(pred, gold)
        out["document publisher wrong"] += bool(gold.get("source")) and not publisher_right(
            pred, gold
        )
        out["document date wrong"] += not published_on_right(pred, gold)
        out["document kind wrong"] += bool(gold.get("kind")) and pred.get("kind") != gold["kind"]
    return out


# ---------------------------------------------------------------- evaluate


def describe_official(fact: Fact) -> str:
    return f"{fact.get('name')}"


def describe_agreement(fact: Fact) -> str:
    return f"{fact.get('kind')} {fact.get('amount')} {fact.get('currency')} {fact.get('title')}"


def meeting_describer(pred_officials: Sequence[Fact]) -> Callable[[Fact], str]:
    """Describe a meeting with its participants' names rather than ids."""
    names = {o.get("id"): o.get("name") for o in pred_officials}

    def describe(fact: Fact) -> str:
        people = [names.get(v, v) for v in fact.get("participants", [])]
        return f"{fact.get('kind')} {fact.get('start_date')} {people}"

    return describe


def _discrepancies(
    kind: Literal["official", "meeting", "agreement"],
    preds: Sequence[Fact],
    golds: Sequence[Fact],
    matching: Matching,
    describe: Callable[[Fact], str],
) -> list[Discrepancy]:
    """Required gold facts left unmatched, then predictions left unmatched."""
    matched = set(matching.values())
    missed = [
        Discrepancy("missed", kind, describe(g))
        for i, g in enumerate(golds)
        if i not in matched and not g.get("optional")
    ]
    extra = [
        Discrepancy("extra", kind, describe(p)) for i, p in enumerate(preds) if i not in matching
    ]
    return missed + extra


def report_lines(report: Report, *, details: bool = False) -> list[str]:
    """The report as text, line for line as kbscore prints it (``details`` = its --verbose)."""
    lines = [
        f"{'':<11}{'tp':>4}{'fp':>5}{'fn':>5}{'prec':>7}{'recall':>8}{'f1':>6}{'src-recall':>12}"
    ]
    for label, score in report.scores.items():
        recall = "" if score.source_recall is None else f"{score.source_recall:.2f}"
        lines.append(
            f"{label:<11}{score.tp:>4}{score.fp:>5}{score.fn:>5}{score.precision:>7.2f}"
            f"{score.recall:>8.2f}{score.f1:>6.2f}{recall:>12}"
        )
    lines += [
        f"officials: duplicates={report.duplicates} "
        f"country-accuracy={report.country_accuracy:.2f} title-recall={report.title_recall:.2f}",
        f"meetings: kind-accuracy={report.meeting_kind_accuracy:.2f} undated={report.undated}"
        f"   agreements: kind-accuracy={report.agreement_kind_accuracy:.2f}",
        f"documents: metadata-accuracy={report.metadata_accuracy:.2f}"
        + (f" missing={report.missing_documents}" if report.missing_documents else ""),
    ]
    if details:
        lines += [f"  {d}" for d in report.discrepancies]
        lines += error_class_lines(report)
    lines.append(report.score_line)
    return lines


ERROR_CLASSES_HEADING = "error classes (count):"


def error_class_lines(report: Report) -> list[str]:
    """The error classes as a small table, ours alone (kbscore prints none)."""
    lines = [ERROR_CLASSES_HEADING]
    lines += [f"  {count:>4}  {label}" for label, count in report.error_classes.items() if count]
    return lines
