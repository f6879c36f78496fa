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

from collections.abc import Mapping
from typing import Any

from documents.extraction.scoring_matching import (
    match_agreements,
    match_meetings,
    match_officials,
    score_documents,
    tally,
)
from documents.extraction.scoring_report import (
    Report,
    _discrepancies,
    agreement_errors,
    describe_agreement,
    describe_official,
    document_errors,
    meeting_describer,
    meeting_errors,
    official_errors,
)
from documents.extraction.scoring_words import (
    EXPORT_LISTS,
    Fact,
    Words,
    _mean,
    gold_name_key,
    official_keys_by_id,
    words,
)


class ExportError(ValueError):
    """The export is not a ``bilateral-kb/1`` object with its four lists."""


# ---------------------------------------------------------------- words and names


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
            *_discrepancies("official", pred_o, gold_o, officials.matching, describe_official),
            *_discrepancies(
                "meeting", pred_m, gold_m, meetings.matching, meeting_describer(pred_o)
            ),
            *_discrepancies("agreement", pred_a, gold_a, agreements.matching, describe_agreement),
        ],
        error_classes={
            **official_errors(pred_o, gold_o, officials),
            **meeting_errors(pred_m, gold_m, meetings, official_keys, gold_o),
            **agreement_errors(pred_a, gold_a, agreements),
            **document_errors(export["documents"], gold.get("documents", {})),
        },
    )
