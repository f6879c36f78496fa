"""The knowledge-base evaluator: the scoring rules, the command, and agreement with kbscore."""

import copy
import importlib.util
import json
import random
import re
import subprocess
import sys
from datetime import date, timedelta
from functools import cache
from io import StringIO
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from documents.extraction.scoring import evaluate
from documents.extraction.scoring_report import ERROR_CLASSES_HEADING, Report
from documents.extraction.scoring_words import gold_name_key

SEEDS_GOLD = Path(__file__).resolve().parents[1] / "data" / "seeds_gold.json"
KBSCORE = Path(__file__).resolve().parents[1] / "data" / "reference" / "kbscore.py"

MEETING_KINDS = [
    "official_visit",
    "summit",
    "bilateral_meeting",
    "courtesy_call",
    "dialogue",
    "phone_call",
    "ceremony",
    "other",
]
AGREEMENT_KINDS = ["grant", "loan", "mou", "exchange_of_notes", "programme", "partnership", "other"]


# ---------------------------------------------------------------- helpers


def seeds_gold() -> dict[str, Any]:
    """A fresh copy of the gold for the five seed documents."""
    return json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))


def perfect_export(gold: dict[str, Any], *, with_optional: bool = False) -> dict[str, Any]:
    """The export a flawless extraction would give for a corpus-form gold."""

    def wanted(fact: dict[str, Any]) -> bool:
        return with_optional or not fact.get("optional")

    officials = [
        {
            "id": i,
            "name": o["name"],
            "aliases": list(o.get("aliases", [])),
            "country": o["country"],
            "positions": [{"title": t} for t in o.get("titles", [])],
            "sources": list(o.get("sources", [])),
        }
        for i, o in enumerate(filter(wanted, gold["officials"]), start=1)
    ]
    ids = {o["name"]: o["id"] for o in officials}
    meetings = [
        {
            "id": i,
            "kind": m["kind"],
            "start_date": m["start_date"],
            "end_date": m["end_date"],
            "countries": list(m["countries"]),
            "participants": [ids.get(name, name) for name in m["participants"]],
            "sources": list(m["sources"]),
        }
        for i, m in enumerate(filter(wanted, gold["meetings"]), start=1)
    ]
    agreements = [
        {
            "id": i,
            "kind": a["kind"],
            "title": a["title"],
            "amount": a["amount"],
            "currency": a["currency"],
            "date": a["date"],
            "sources": list(a["sources"]),
        }
        for i, a in enumerate(filter(wanted, gold["agreements"]), start=1)
    ]
    documents = [
        {
            "file": file,
            "title": d["title"],
            "source": d["source"],
            "published_on": d["published_on"],
            "kind": d["kind"],
        }
        for file, d in gold["documents"].items()
    ]
    return {
        "format": "bilateral-kb/1",
        "documents": documents,
        "officials": officials,
        "meetings": meetings,
        "agreements": agreements,
    }


def per_document_form(gold: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The same gold written per document, as an annotator fills it in file by file."""
    out: dict[str, Any] = {}
    for file, document in gold["documents"].items():
        officials = []
        for o in gold["officials"]:
            if file not in o["sources"]:
                continue
            entry = {k: o[k] for k in ("name", "aliases", "country", "optional")}
            if rng.random() < 0.5 and o["titles"]:
                entry["title"] = rng.choice(o["titles"])
            else:
                entry["titles"] = list(o["titles"])
            officials.append(entry)
        out[file] = {
            "document": document,
            "officials": officials,
            "meetings": [
                {k: v for k, v in m.items() if k != "sources"}
                for m in gold["meetings"]
                if file in m["sources"]
            ],
            "agreements": [
                {k: v for k, v in a.items() if k != "sources"}
                for a in gold["agreements"]
                if file in a["sources"]
            ],
        }
    return out


def shift(iso: str | None, days: int) -> str | None:
    return None if iso is None else (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def respell(name: str, rng: random.Random) -> str:
    """Another way of writing a name: reordered, upper-cased family name, a suffix, a typo."""
    words = name.split()
    match rng.randrange(6):
        case 0:
            return " ".join(reversed(words))
        case 1:
            return " ".join([words[0].upper(), *words[1:]])
        case 2:
            return f"{name} III"
        case 3:
            return words[-1]
        case 4:
            return name + "x"
        case _:
            return name.lower()


def perturb(export: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A damaged copy of an export: facts dropped, duplicated, shifted, renamed, retyped."""
    export = copy.deepcopy(export)
    next_id = 1000

    def sample(items: list[dict[str, Any]], share: float) -> list[dict[str, Any]]:
        return [x for x in items if rng.random() < share]

    for key in ("officials", "meetings", "agreements", "documents"):
        export[key] = [x for x in export[key] if rng.random() > 0.15]
    for key in ("officials", "meetings", "agreements"):
        for fact in sample(export[key], 0.2):
            twin = copy.deepcopy(fact)
            twin["id"] = next_id = next_id + 1
            export[key].append(twin)
    for official in sample(export["officials"], 0.3):
        official["name"] = respell(official["name"], rng)
    for official in sample(export["officials"], 0.2):
        official["country"] = rng.choice(["KH", "JP", None])
    for official in sample(export["officials"], 0.3):
        official["positions"] = official["positions"][:1] + [{"title": "Minister"}]
    if rng.random() < 0.5:
        export["officials"].append(
            {"id": next_id + 1, "name": "Lay Samean", "country": "KH", "positions": []}
        )
    ids = [o["id"] for o in export["officials"]] + [999]
    for meeting in sample(export["meetings"], 0.4):
        days = rng.choice([-400, -40, -3, -1, 0, 1, 2, 5, 40])
        meeting["start_date"] = shift(meeting["start_date"], days)
        meeting["end_date"] = shift(meeting["end_date"], days + rng.choice([0, 0, 3, 60]))
    for meeting in sample(export["meetings"], 0.15):
        meeting["start_date"] = None
    for meeting in sample(export["meetings"], 0.15):
        meeting["end_date"] = None
    for meeting in sample(export["meetings"], 0.3):
        meeting["kind"] = rng.choice(MEETING_KINDS)
    for meeting in sample(export["meetings"], 0.3):
        extra = rng.sample(ids, k=rng.randrange(3))
        meeting["participants"] = meeting["participants"][: rng.randrange(3)] + extra
    for meeting in sample(export["meetings"], 0.1):
        meeting["countries"] = ["JP"]
    for agreement in sample(export["agreements"], 0.4):
        if agreement["amount"]:
            agreement["amount"] = round(agreement["amount"] * rng.uniform(0.96, 1.04), 2)
    for agreement in sample(export["agreements"], 0.15):
        agreement["currency"] = rng.choice(["usd", "JPY", "EUR", None])
    for agreement in sample(export["agreements"], 0.3):
        agreement["title"] = rng.choice(
            [
                "Direct flights between Cambodia and Japan",
                "Exchange of Notes on the Landmine Initiative",
                " ".join(["word"] * 5 + [f"w{i}" for i in range(30)]) + " patrol boats",
                "Agreement",
                agreement["title"].upper(),
            ]
        )
    for agreement in sample(export["agreements"], 0.3):
        agreement["kind"] = rng.choice(AGREEMENT_KINDS)
    for document in sample(export["documents"], 0.4):
        document["published_on"] = rng.choice([None, "2023-01-25", "2024-07-05", "garbage"])
    for document in sample(export["documents"], 0.3):
        document["title"] = " ".join(document["title"].split()[1:])
    for document in sample(export["documents"], 0.3):
        document["source"] = rng.choice([None, "Phnom Penh Post", "The Phnom Penh Post online", ""])
    for document in sample(export["documents"], 0.2):
        document["kind"] = rng.choice(["news", "analysis", "other"])
    for key in ("officials", "meetings", "agreements", "documents"):
        rng.shuffle(export[key])
    return export


@cache
def reference_scorer() -> ModuleType:
    """The reference scorer (a copy of shared/tools/kbscore.py kept in the project, so a
    fresh clone checks itself against it), loaded by path."""
    if not KBSCORE.is_file():
        pytest.fail(f"reference scorer not found at {KBSCORE}")
    spec = importlib.util.spec_from_file_location("kbscore", KBSCORE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_figures(gold_raw: dict[str, Any], export: dict[str, Any]) -> dict[str, Any]:
    """What kbscore computes for an export, through its own functions."""
    ref = reference_scorer()
    gold = ref.corpus_gold(gold_raw)
    po, pm, pa = export["officials"], export["meetings"], export["agreements"]
    go, gm, ga = gold["officials"], gold["meetings"], gold["agreements"]
    om, dupes, country_ok, title_hits = ref.score_officials(po, go)
    mm, mkind, undated = ref.score_meetings(pm, gm, ref.official_name_map(po, go), go)
    am, akind = ref.score_agreements(pa, ga)
    documents, missing = ref.score_documents(export["documents"], gold["documents"])
    f1s = {}
    for label, preds, golds, matched, excused in (
        ("officials", po, go, om, 0),
        ("meetings", pm, gm, mm, undated),
        ("agreements", pa, ga, am, 0),
    ):
        f1s[label] = ref.f1(*ref.tally(preds, golds, matched, excused))[2]

    def mean(xs: list) -> float:
        return sum(xs) / len(xs) if xs else 0.0

    return {
        "overall": mean([*f1s.values(), documents]),
        **f1s,
        "documents": documents,
        "duplicates": dupes,
        "country": mean(country_ok),
        "titles": mean(title_hits),
        "meeting_kinds": mean(mkind),
        "undated": undated,
        "agreement_kinds": mean(akind),
    }


def our_figures(report: Report) -> dict[str, Any]:
    return {
        "overall": report.overall,
        "officials": report.officials.f1,
        "meetings": report.meetings.f1,
        "agreements": report.agreements.f1,
        "documents": report.metadata_accuracy,
        "duplicates": report.duplicates,
        "country": report.country_accuracy,
        "titles": report.title_recall,
        "meeting_kinds": report.meeting_kind_accuracy,
        "undated": report.undated,
        "agreement_kinds": report.agreement_kind_accuracy,
    }


def rounded(figures: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 3) for k, v in figures.items()}


def tiny_gold(**facts: Any) -> dict[str, Any]:
    """A corpus-form gold with one perfectly exported document and the given facts."""
    return {
        "documents": {"a.txt": {"title": "Talks", "source": None, "published_on": None}},
        "officials": facts.get("officials", []),
        "meetings": facts.get("meetings", []),
        "agreements": facts.get("agreements", []),
    }


def tiny_export(**facts: Any) -> dict[str, Any]:
    return {
        "documents": [{"file": "a.txt", "title": "Talks", "published_on": None}],
        "officials": facts.get("officials", []),
        "meetings": facts.get("meetings", []),
        "agreements": facts.get("agreements", []),
    }


HAYASHI = {"name": "Yoshimasa Hayashi", "aliases": [], "country": "JP", "titles": []}
SOKHONN = {"name": "Prak Sokhonn", "aliases": [], "country": "KH", "titles": []}
TALKS = {
    "kind": "bilateral_meeting",
    "start_date": "2023-01-21",
    "end_date": "2023-01-24",
    "participants": ["Prak Sokhonn", "Yoshimasa Hayashi"],
    "countries": ["KH", "JP"],
}


def talks_report(**prediction: Any) -> Report:
    """Score one predicted meeting against the Sokhonn–Hayashi talks of 21–24 January 2023."""
    gold = tiny_gold(officials=[SOKHONN, HAYASHI], meetings=[TALKS])
    officials = [{"id": 1, "name": "Prak Sokhonn"}, {"id": 2, "name": "Yoshimasa Hayashi"}]
    meeting = {"id": 1, "kind": "bilateral_meeting", "participants": [1, 2], **prediction}
    return evaluate(gold, tiny_export(officials=officials, meetings=[meeting]))


# ---------------------------------------------------------------- scoring rules


def test_perfect_export_scores_one():
    gold = seeds_gold()
    report = evaluate(gold, perfect_export(gold))
    assert report.overall == 1.0
    assert report.missed == [] and report.extra == []
    assert report.score_line.startswith("score: overall=1.000 officials_f1=1.000")


def test_missing_official_lowers_recall_not_precision():
    gold = seeds_gold()
    export = perfect_export(gold)
    export["officials"] = [o for o in export["officials"] if o["name"] != "Hun Manet"]
    report = evaluate(gold, export)
    assert report.officials.recall == pytest.approx(8 / 9)
    assert report.officials.precision == 1.0
    assert "official: Hun Manet" in report.missed


def test_duplicate_official_counts_as_false_positive():
    gold = seeds_gold()
    export = perfect_export(gold)
    export["officials"].append({"id": 99, "name": "HUN Manet", "country": "KH"})
    report = evaluate(gold, export)
    assert (report.officials.tp, report.officials.fp, report.officials.fn) == (9, 1, 0)
    assert report.duplicates == 1
    assert report.extra == ["official: HUN Manet"]


@pytest.mark.parametrize(
    "predicted",
    ["HAYASHI Yoshimasa", "Yoshimasa Hayashi", "hayashi yoshimasa", "Yoshimasa HAYASHI"],
)
def test_names_match_in_any_order_and_case(predicted):
    gold = tiny_gold(officials=[HAYASHI])
    report = evaluate(gold, tiny_export(officials=[{"id": 1, "name": predicted}]))
    assert report.officials.f1 == 1.0


def test_name_key_ignores_accents_initials_and_suffixes():
    assert gold_name_key("J. K. Rowling III") == gold_name_key("JK Rowling")
    assert gold_name_key("ROWLING J.K.") == gold_name_key("jk rowling")
    assert gold_name_key("Lars Løkke Rasmussen") == gold_name_key("lars lokke rasmussen")
    assert gold_name_key("José Ramos-Horta") == gold_name_key("Ramos Horta Jose")


def test_one_word_alias_does_not_match():
    gold = tiny_gold(officials=[{**HAYASHI, "aliases": ["Hayashi", "HAYASHI Yoshimasa"]}])
    report = evaluate(gold, tiny_export(officials=[{"id": 1, "name": "Hayashi"}]))
    assert report.officials.tp == 0


def test_meeting_with_overlapping_dates_and_half_the_participants_matches():
    report = talks_report(start_date="2023-01-24", end_date="2023-01-25", participants=[1])
    assert report.meetings.tp == 1 and report.meetings.fp == 0


def test_meeting_with_disjoint_dates_does_not_match():
    report = talks_report(start_date="2023-01-26", end_date="2023-01-27")
    assert (report.meetings.tp, report.meetings.fp, report.meetings.fn) == (0, 1, 1)


def test_meeting_with_too_few_shared_participants_does_not_match():
    report = talks_report(start_date="2023-01-22", participants=[1, 3, 4])
    assert report.meetings.tp == 0


def test_undated_meeting_is_excused_but_its_gold_stays_missed():
    report = talks_report(start_date=None, end_date=None)
    assert report.undated == 1
    assert (report.meetings.tp, report.meetings.fp, report.meetings.fn) == (0, 0, 1)
    assert report.meetings.precision == 0.0


LOAN = {
    "kind": "loan",
    "title": "National Road No. 5 Improvement Project",
    "amount": 59_600_000,
    "currency": "USD",
    "key_phrases": ["National Road No. 5"],
}


@pytest.mark.parametrize(
    ("prediction", "matches"),
    [
        ({"amount": 59_600_000 * 1.019, "currency": "usd", "title": "A loan"}, True),
        ({"amount": 59_600_000 * 1.03, "currency": "USD", "title": "A loan"}, False),
        ({"amount": 59_600_000, "currency": "JPY", "title": "A loan"}, False),
        ({"amount": None, "title": "Improvement of national roads no 5"}, True),
        (
            {
                "amount": None,
                "title": "National Road No. 5 " + " ".join(f"clause{i}" for i in range(30)),
            },
            False,
        ),
    ],
    ids=["amount-within-2%", "amount-3%-off", "other-currency", "key-phrase", "paragraph"],
)
def test_agreement_matches_by_amount_and_currency_or_key_phrase(prediction, matches):
    gold = tiny_gold(agreements=[LOAN])
    report = evaluate(gold, tiny_export(agreements=[{"id": 1, "kind": "loan", **prediction}]))
    assert (report.agreements.tp == 1) is matches


def test_optional_gold_facts_are_neither_rewarded_nor_penalised():
    gold = seeds_gold()
    without = evaluate(gold, perfect_export(gold))
    with_optional = evaluate(gold, perfect_export(gold, with_optional=True))
    assert with_optional.officials == without.officials
    assert with_optional.meetings == without.meetings
    assert with_optional.agreements == without.agreements
    assert with_optional.overall == 1.0


@pytest.mark.parametrize(
    ("published_on", "right"),
    [(None, True), ("2023-01-25", True), ("2023-02-15", False), ("2023-01-26", True)],
)
def test_publication_date_where_the_text_gives_none(published_on, right):
    gold = seeds_gold()
    export = perfect_export(gold)
    document = next(d for d in export["documents"] if d["file"].startswith("001_"))
    document["published_on"] = published_on
    accuracy = evaluate(gold, export).metadata_accuracy
    assert (accuracy == 1.0) is right


def test_per_document_gold_scores_like_the_corpus_form():
    gold = seeds_gold()
    export = perturb(perfect_export(gold), random.Random(7))
    by_document = per_document_form(gold, random.Random(7))
    assert evaluate(by_document, export).overall == pytest.approx(evaluate(gold, export).overall)


def test_export_without_its_lists_is_refused():
    with pytest.raises(ValueError, match="no list 'meetings'"):
        evaluate(seeds_gold(), {"documents": [], "officials": [], "agreements": []})


# ---------------------------------------------------------------- agreement with kbscore


@pytest.mark.parametrize("form", ["corpus", "per-document"])
def test_figures_equal_the_reference_scorer(form):
    base = seeds_gold()
    exports = [perfect_export(base), perfect_export(base, with_optional=True)]
    exports += [
        perturb(perfect_export(base, with_optional=i % 2 == 0), random.Random(i))
        for i in range(150)
    ]
    for i, export in enumerate(exports):
        gold = base if form == "corpus" else per_document_form(base, random.Random(i))
        expected = rounded(reference_figures(gold, export))
        assert rounded(our_figures(evaluate(gold, export))) == expected, f"export #{i}"


@pytest.mark.parametrize(
    "name",
    [
        "J. K. Rowling III",
        "ROWLING J.K.",
        "Martin Luther King Jr.",
        "Hun Sén",  # kbscore splits a word at an inner accent: 'se' + 'n'
        "Đặng Thị Ngọc Thịnh",
        "Æsa Ørsted-Łukasz",
        "A B V",
        "Sok_Chenda  Sophea",
        "",
    ],
)
def test_name_key_equals_the_reference(name):
    assert gold_name_key(name) == reference_scorer().name_key(name)


def test_perturbations_actually_move_the_score():
    base = seeds_gold()
    overalls = {
        round(evaluate(base, perturb(perfect_export(base), random.Random(i))).overall, 3)
        for i in range(30)
    }
    assert len(overalls) > 10 and max(overalls) < 1.0


# ---------------------------------------------------------------- the command


def run_evaluate(*args: str) -> str:
    out = StringIO()
    call_command("evaluate", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_command_prints_what_kbscore_prints(tmp_path, seed):
    reference_scorer()
    gold = seeds_gold()
    export_file = tmp_path / "kb.json"
    export_file.write_text(json.dumps(perturb(perfect_export(gold), random.Random(seed))))
    expected = subprocess.run(
        [sys.executable, KBSCORE, SEEDS_GOLD, export_file, "--verbose"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ours = run_evaluate(str(SEEDS_GOLD), "--export", str(export_file), "--details").splitlines()
    # Our error-class table stands just before the last line; the rest is kbscore's, line for line.
    table = ours.index(ERROR_CLASSES_HEADING)
    assert ours[:table] + ours[-1:] == expected.splitlines()
    assert all(re.fullmatch(r"  +\d+  \w.*", line) for line in ours[table + 1 : -1])


def test_command_fails_below_min_score(tmp_path):
    gold = seeds_gold()
    export = perfect_export(gold)
    export["agreements"] = []
    export_file = tmp_path / "kb.json"
    export_file.write_text(json.dumps(export))
    with pytest.raises(CommandError, match="below 0.9") as failure:
        run_evaluate(str(SEEDS_GOLD), "--export", str(export_file), "--min-score", "0.9")
    assert failure.value.returncode == 1
    out = run_evaluate(str(SEEDS_GOLD), "--export", str(export_file), "--min-score", "0.7")
    assert out.splitlines()[-1].startswith("score: overall=0.750 ")


def test_command_quiet_prints_only_the_score_line(tmp_path):
    export_file = tmp_path / "kb.json"
    export_file.write_text(json.dumps(perfect_export(seeds_gold())))
    out = run_evaluate(str(SEEDS_GOLD), "--export", str(export_file), "--verbosity", "0")
    assert out.splitlines() == [
        "score: overall=1.000 officials_f1=1.000 meetings_f1=1.000 agreements_f1=1.000 "
        "documents=1.000"
    ]


def test_command_rejects_an_unreadable_export(tmp_path):
    export_file = tmp_path / "kb.json"
    export_file.write_text("{not json")
    with pytest.raises(CommandError, match="cannot read export") as failure:
        run_evaluate(str(SEEDS_GOLD), "--export", str(export_file))
    assert failure.value.returncode == 2


def test_error_classes_say_why_each_fact_was_missed():
    gold = {
        "a.txt": {
            "document": {"title": "Talks in Hanoi", "source": "VNA", "published_on": "2020-05-02"},
            "officials": [
                {"name": "Nguyen Van An", "aliases": [], "country": "VN", "title": "Minister"},
                {"name": "Somchai Deng", "aliases": [], "country": "LA", "title": "Minister"},
                {"name": "Tran Thi Binh", "aliases": [], "country": "VN", "title": "Ambassador"},
            ],
            "meetings": [
                {"kind": "bilateral_meeting", "start_date": "2020-05-01",
                 "end_date": "2020-05-01", "participants": ["Nguyen Van An", "Somchai Deng"]},
                {"kind": "phone_call", "start_date": "2020-04-01",
                 "end_date": "2020-04-01", "participants": ["Tran Thi Binh", "Somchai Deng"]},
            ],
            "agreements": [{"kind": "loan", "amount": 5000000, "currency": "USD", "title": "Loan"}],
        }
    }  # fmt: skip
    export = {
        "documents": [{"file": "a.txt", "title": "Talks in Hanoi", "source": "Xinhua",
                       "published_on": "2020-05-02"}],
        "officials": [
            {"id": 1, "name": "Nguyen Van An", "country": "LA", "positions": []},
            {"id": 2, "name": "Somchai Deng", "country": "LA", "positions": []},
            {"id": 3, "name": "Binh Visit", "country": None, "positions": []},
        ],
        "meetings": [{"kind": "bilateral_meeting", "start_date": None, "participants": [1, 2]}],
        "agreements": [],
    }  # fmt: skip
    classes = evaluate(gold, export).error_classes
    assert classes["meeting missed, found, undated"] == 1
    assert classes["meeting missed, a participant is not among the officials found"] == 1
    assert classes["official missed, name found with other words"] == 1
    assert classes["official extra, variant of a gold name"] == 1
    assert classes["official matched, country wrong"] == 1
    assert classes["agreement missed, with an amount"] == 1
    assert classes["document publisher wrong"] == 1
    assert classes["document title wrong"] == 0
