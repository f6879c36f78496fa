"""Scoring a knowledge-base export against a gold file.

The rules are those of the reference scorer, ``shared/tools/kbscore.py``, and `evaluate`
gives the same figures (precision, recall and F1 for officials, meetings and agreements,
the accuracy of document metadata and their mean, ``overall``). In short:

- officials match by name: any order of the words; case, accents, run-together initials
  and generational suffixes ignored; a gold alias counts only when it has two words or more;
- meetings match when the kinds agree (talks of any sort agree with each other, ``other``
  with everything), the participants overlap by at least half (Jaccard) and the predicted
  dates overlap the gold window without being much vaguer; a prediction that would match
  but has no date is excused (neither right nor wrong) and its gold stays missed;
- agreements match by amount (within 2 %) and currency, or by all the words of a key
  phrase appearing in a title of at most 30 distinct words;
- every match is one-to-one, best first: a second prediction of the same fact is a false
  positive (a duplicate that entity resolution should have merged);
- gold facts marked ``optional`` are neither rewarded nor penalised.

The export format is described in ``shared/spec/export-format.md``; the gold comes in two
forms, the corpus form (``gold/seeds.json``) and the per-document form
(``{"file.txt": {"document": …, "officials": […], …}}``), see `corpus_gold`.

Pure Python: no Django, no database.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

type Fact = Mapping[str, Any]
type Words = frozenset[str]
type Matching = dict[int, int]
"""A one-to-one matching: index of a prediction -> index of the gold fact it matches."""

STOP_WORDS: frozenset[str] = frozenset({"of", "the", "and", "for", "to", "in", "on", "a", "an"})
NAME_SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})
MAX_TITLE_WORDS = 30
AMOUNT_TOLERANCE = 0.02
MIN_PARTICIPANT_OVERLAP = 0.5
MIN_TITLE_OVERLAP = 0.8
MAX_DATE_SPAN_DAYS = 31
EXPORT_LISTS = ("documents", "officials", "meetings", "agreements")

# Letters that Unicode decomposition leaves alone but a reader takes for plain ones.
_PLAIN_LETTERS = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ı": "i",
    }
)
_NON_WORD = re.compile(r"[\W_]+")

# Meeting kinds a reader could take for one another share a group; a kind with no group
# (``other``, unknown, missing) agrees with every kind.
_KIND_GROUPS: dict[str, str] = {
    "official_visit": "visit",
    "summit": "talks",
    "bilateral_meeting": "talks",
    "courtesy_call": "talks",
    "dialogue": "talks",
    "phone_call": "phone",
    "ceremony": "ceremony",
}


class ExportError(ValueError):
    """The export is not a ``bilateral-kb/1`` object with its four lists."""


# ---------------------------------------------------------------- words and names


def _decompose(text: str | None) -> str:
    """Text with special letters made plain and accents split off (NFKD)."""
    return unicodedata.normalize("NFKD", (text or "").translate(_PLAIN_LETTERS))


def _strip_accents(text: str) -> str:
    """Decomposed text without its combining marks, case-folded."""
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def words(text: str | None) -> Words:
    """The words of a title or name as a set: case, accents and order ignored."""
    return frozenset(w for w in _NON_WORD.split(_strip_accents(_decompose(text))) if w)


def _singular(word: str) -> str:
    """'flights' -> 'flight'; short words and '-ss' words are left alone."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def title_stems(text: str | None) -> Words:
    """Title words with a plural 's' dropped, so 'flights' and 'flight' agree."""
    return frozenset(_singular(w) for w in words(text))


def gold_name_key(text: str | None) -> Words:
    """A person's name as the set of its words, the way the reference scorer keys it.

    Case, accents and word order are ignored, generational suffixes (``Jr``, ``III``) are
    dropped when two words remain, and consecutive initials run together (``J. K.`` =
    ``JK``). As in kbscore, the text is split into words *before* accents are removed,
    so an accent inside a word splits it (``Sóc`` gives ``so`` and ``c``): kept on
    purpose, since our figures must equal the reference's.
    """
    pieces = [_strip_accents(w) for w in _NON_WORD.split(_decompose(text))]
    pieces = [w for w in pieces if w]
    while len(pieces) > 2 and pieces[-1] in NAME_SUFFIXES:
        pieces.pop()
    merged: list[str] = []
    after_initial = False
    for piece in pieces:
        if len(piece) == 1 and after_initial:
            merged[-1] += piece
        else:
            merged.append(piece)
            after_initial = len(piece) == 1
    return frozenset(merged)


def spellings(official: Fact) -> set[Words]:
    """Name keys of a gold official's full spellings. One-word aliases ('Abe') do not count,
    except for an optional official, whom the text names by one word alone ('President
    Carter'): there they absorb that prediction, neither rewarded nor punished."""
    keys = {gold_name_key(official["name"])}
    one_word_ok = official.get("optional", False)
    for alias in official.get("aliases", []):
        key = gold_name_key(alias)
        if one_word_ok or len(key) > 1:
            keys.add(key)
    return keys


def canonical_names(gold_officials: Sequence[Fact]) -> dict[Words, Words]:
    """Name key of every full spelling -> the gold official's own name key."""
    return {
        key: gold_name_key(official["name"])
        for official in gold_officials
        for key in spellings(official)
    }


def official_keys_by_id(
    pred_officials: Sequence[Fact], gold_officials: Sequence[Fact]
) -> dict[Any, Words]:
    """Predicted official id -> the canonical gold name key (its own key when unknown)."""
    canon = canonical_names(gold_officials)
    keys: dict[Any, Words] = {}
    for official in pred_officials:
        key = gold_name_key(official.get("name"))
        keys[official.get("id")] = canon.get(key, key)
    return keys


def parse_day(value: object) -> date | None:
    """An ISO date (its first ten characters), or None when missing or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _base_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _mean(values: Sequence[float | bool]) -> float:
    return sum(values) / len(values) if values else 0.0


# ---------------------------------------------------------------- results


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


def corpus_gold(raw: Mapping[str, Any]) -> Mapping[str, Any]:
    """The gold in corpus form, whichever form it came in.

    The corpus form (``documents``, ``officials``, … at the top) is returned as it is. The
    per-document form is merged: officials by name key (aliases, titles and sources
    pooled; optional only if optional everywhere), meetings by kind, dates and
    participants, agreements by kind, amount, currency and title words. Top-level values
    that are not objects (``"format": …``) are skipped.
    """
    if "documents" in raw and "officials" in raw:
        return raw
    gold: dict[str, Any] = {"documents": {}, "officials": [], "meetings": [], "agreements": []}
    officials: dict[Words, dict[str, Any]] = {}
    meetings: dict[tuple, dict[str, Any]] = {}
    agreements: dict[tuple, dict[str, Any]] = {}
    for file, doc in raw.items():
        if not isinstance(doc, Mapping):
            continue
        gold["documents"][file] = doc.get("document", {})
        for official in doc.get("officials", []):
            _merge_official(officials, gold["officials"], official, file)
        for meeting in doc.get("meetings", []):
            key = (
                meeting["kind"],
                meeting.get("start_date"),
                meeting.get("end_date"),
                frozenset(gold_name_key(p) for p in meeting.get("participants", [])),
            )
            _merge_fact(meetings, gold["meetings"], key, meeting, file)
        for agreement in doc.get("agreements", []):
            key = (
                agreement["kind"],
                agreement.get("amount"),
                agreement.get("currency"),
                words(agreement.get("title")),
            )
            _merge_fact(agreements, gold["agreements"], key, agreement, file)
    return gold


def _merge_official(
    seen: dict[Words, dict[str, Any]], out: list[dict[str, Any]], official: Fact, file: str
) -> None:
    """Add one document's gold official to the corpus list, or pool it with an earlier one."""
    key = gold_name_key(official["name"])
    title = official.get("title")
    if key not in seen:
        seen[key] = {
            "name": official["name"],
            "aliases": list(official.get("aliases", [])),
            "country": official.get("country"),
            "titles": [title] if title else list(official.get("titles", [])),
            "optional": official.get("optional", False),
            "sources": [file],
        }
        out.append(seen[key])
        return
    known = seen[key]
    known["aliases"] = sorted(set(known["aliases"]) | set(official.get("aliases", [])))
    known["sources"].append(file)
    known["optional"] = bool(known["optional"]) and bool(official.get("optional", False))
    if title:
        known["titles"].append(title)


def _merge_fact(
    seen: dict[tuple, dict[str, Any]], out: list[dict[str, Any]], key: tuple, fact: Fact, file: str
) -> None:
    """Add a gold meeting or agreement, or only its source file when already there."""
    if key in seen:
        seen[key]["sources"].append(file)
        return
    seen[key] = {**fact, "sources": [file]}
    out.append(seen[key])


# ---------------------------------------------------------------- matching


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
        wanted = {_base_name(s) for s in golds[g].get("sources", [])}
        if wanted and not golds[g].get("optional"):
            cited = {_base_name(s) for s in preds[p].get("sources", [])}
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
    group_a, group_b = _KIND_GROUPS.get(a), _KIND_GROUPS.get(b)
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


def _title_right(pred: Fact, gold: Fact) -> bool:
    wanted, got = words(gold.get("title")), words(pred.get("title"))
    return bool(wanted) and len(wanted & got) / len(wanted | got) >= MIN_TITLE_OVERLAP


def _publisher_right(pred: Fact, gold: Fact) -> bool:
    """The publisher as the gold names it (or an alias), give or take four extra words."""
    got = words(pred.get("source"))
    names = [words(gold["source"]), *(words(a) for a in gold.get("source_aliases", []))]
    return any(got == name or (name <= got and len(got) <= len(name) + 4) for name in names)


def _published_on_right(pred: Fact, gold: Fact) -> bool:
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
    checks = [_title_right(pred, gold)]
    if gold.get("source"):
        checks.append(_publisher_right(pred, gold))
    checks.append(_published_on_right(pred, gold))
    if gold.get("kind"):
        checks.append(pred.get("kind") == gold.get("kind"))
    return checks


def score_documents(
    pred_docs: Sequence[Fact], gold_docs: Mapping[str, Fact]
) -> tuple[float, list[str]]:
    """Share of metadata checks passed over the gold documents, and the files not exported."""
    by_file = {_base_name(d.get("file") or ""): d for d in pred_docs}
    checks: list[bool] = []
    for file, gold in gold_docs.items():
        checks += document_checks(by_file.get(file), gold)
    missing = [file for file in gold_docs if file not in by_file]
    return _mean(checks), missing


# ---------------------------------------------------------------- error classes


def _shares_words(a: Words, b: Words) -> bool:
    return bool(a & b)


def _official_errors(
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


def _meeting_errors(
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


def _agreement_errors(
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


def _document_errors(pred_docs: Sequence[Fact], gold_docs: Mapping[str, Fact]) -> dict[str, int]:
    """Documents whose title, publisher, publication date or kind is wrong."""
    by_file = {_base_name(d.get("file") or ""): d for d in pred_docs}
    out = {f"document {what} wrong": 0 for what in ("title", "publisher", "date", "kind")}
    for file, gold in gold_docs.items():
        pred = by_file.get(file)
        if pred is None:
            out["document missing"] = out.get("document missing", 0) + 1
            continue
        out["document title wrong"] += not _title_right(pred, gold)
        out["document publisher wrong"] += bool(gold.get("source")) and not _publisher_right(
            pred, gold
        )
        out["document date wrong"] += not _published_on_right(pred, gold)
        out["document kind wrong"] += bool(gold.get("kind")) and pred.get("kind") != gold["kind"]
    return out


# ---------------------------------------------------------------- evaluate


def _describe_official(fact: Fact) -> str:
    return f"{fact.get('name')}"


def _describe_agreement(fact: Fact) -> str:
    return f"{fact.get('kind')} {fact.get('amount')} {fact.get('currency')} {fact.get('title')}"


def _meeting_describer(pred_officials: Sequence[Fact]) -> Callable[[Fact], str]:
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


def check_export(export: object) -> None:
    """Raise ExportError unless the export is an object with the four lists."""
    if not isinstance(export, Mapping):
        raise ExportError("export is not a JSON object")
    for key in EXPORT_LISTS:
        if not isinstance(export.get(key), list):
            raise ExportError(f"export has no list '{key}'")


def evaluate(gold: Mapping[str, Any], export: Mapping[str, Any]) -> Report:
    """Score an export (``bilateral-kb/1``) against a gold file in either form."""
    check_export(export)
    gold = corpus_gold(gold)
    pred_o, pred_m, pred_a = export["officials"], export["meetings"], export["agreements"]
    gold_o = gold.get("officials", [])
    gold_m = gold.get("meetings", [])
    gold_a = gold.get("agreements", [])

    officials = match_officials(pred_o, gold_o)
    official_keys = official_keys_by_id(pred_o, gold_o)
    meetings = match_meetings(pred_m, gold_m, official_keys, gold_o)
    agreements = match_agreements(pred_a, gold_a)
    accuracy, missing = score_documents(export["documents"], gold.get("documents", {}))

    return Report(
        officials=tally(pred_o, gold_o, officials.matching),
        meetings=tally(pred_m, gold_m, meetings.matching, excused=meetings.undated),
        agreements=tally(pred_a, gold_a, agreements.matching),
        metadata_accuracy=accuracy,
        duplicates=officials.duplicates,
        country_accuracy=_mean(officials.country_ok),
        title_recall=_mean(officials.title_hits),
        meeting_kind_accuracy=_mean(meetings.kind_ok),
        undated=meetings.undated,
        agreement_kind_accuracy=_mean(agreements.kind_ok),
        missing_documents=missing,
        discrepancies=[
            *_discrepancies("official", pred_o, gold_o, officials.matching, _describe_official),
            *_discrepancies(
                "meeting", pred_m, gold_m, meetings.matching, _meeting_describer(pred_o)
            ),
            *_discrepancies("agreement", pred_a, gold_a, agreements.matching, _describe_agreement),
        ],
        error_classes={
            **_official_errors(pred_o, gold_o, officials),
            **_meeting_errors(pred_m, gold_m, meetings, official_keys, gold_o),
            **_agreement_errors(pred_a, gold_a, agreements),
            **_document_errors(export["documents"], gold.get("documents", {})),
        },
    )


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
