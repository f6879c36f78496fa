"""Writing extracted facts into the knowledge base without undoing editors' work.

`apply_extraction` resolves a document's candidates against what the knowledge base
already holds — one official, meeting or agreement however many documents report it — and
records the evidence. The promises it keeps:
- a field an editor changed (listed in `edited_fields`) is never written again;
- a rejected fact is never re-created: found again, it stays rejected and gets no evidence;
- a verified fact is never deleted; an unreviewed fact no longer found anywhere is removed;
- a fact merged into another is followed to the survivor.
"""

from dataclasses import dataclass, field

from documents.extraction.candidates import Extraction, Span
from documents.extraction.countries import BY_CODE
from documents.models import Document, Evidence
from relations.models import Agreement, Country, Meeting, Official, ReviewState, Topic
from relations.writing.agreements import AgreementWriting
from relations.writing.meetings import MeetingWriting
from relations.writing.officials import OfficialWriting
from relations.writing.rows import survivor


@dataclass
class ApplyStats:
    created: dict[str, int] = field(
        default_factory=lambda: {"officials": 0, "meetings": 0, "agreements": 0}
    )
    merged: dict[str, int] = field(
        default_factory=lambda: {"officials": 0, "meetings": 0, "agreements": 0}
    )
    removed: dict[str, int] = field(
        default_factory=lambda: {"officials": 0, "meetings": 0, "agreements": 0}
    )

    def add(self, other: "ApplyStats") -> None:
        for mine, theirs in (
            (self.created, other.created),
            (self.merged, other.merged),
            (self.removed, other.removed),
        ):
            for key, value in theirs.items():
                mine[key] += value


def country(code: str | None) -> Country | None:
    if not code:
        return None
    known = BY_CODE.get(code)
    obj, _ = Country.objects.get_or_create(
        code=code,
        defaults={
            "name": known.name if known else code,
            "adjectives": list(known.adjectives) if known else [],
        },
    )
    return obj


class _Writer(OfficialWriting, MeetingWriting, AgreementWriting):
    def __init__(self, document: Document, extraction: Extraction, version: str):
        self.document = document
        self.extraction = extraction
        self.version = version
        self.stats = ApplyStats()
        self.as_of = extraction.as_of  # never a guessed day: posts seen then, or undated
        # What this document's evidence pointed at last time, by fingerprint.
        self.previous: dict[tuple[str, str], int] = {}
        for ev in Evidence.objects.filter(document=document):
            kind = "official" if ev.official_id else "meeting" if ev.meeting_id else "agreement"
            self.previous[(kind, ev.fingerprint)] = (
                ev.official_id or ev.meeting_id or ev.agreement_id
            )
        self.touched: dict[str, set[int]] = {
            "official": set(),
            "meeting": set(),
            "agreement": set(),
        }
        self.officials: dict[int, Official | None] = {}
        self.meetings: dict[int, Meeting | None] = {}
        self.countries: dict[str, Country | None] = {}
        self.topics: dict[str, Topic] = {}
        self.evidence: list[Evidence] = []

    def country(self, code: str | None) -> Country | None:
        """`country(code)`, asked of the database once per code and document."""
        if code not in self.countries:
            self.countries[code] = country(code)
        return self.countries[code]

    def topic(self, name: str) -> Topic:
        """The topic of that name, made if new; asked of the database once per document."""
        if name not in self.topics:
            self.topics[name] = Topic.objects.get_or_create(name=name)[0]
        return self.topics[name]

    def country_code(self, fact) -> str | None:
        """The code of a fact's country, from this document's cache when it is there."""
        if fact.country_id is None:
            return None
        for cached in self.countries.values():
            if cached is not None and cached.pk == fact.country_id:
                return cached.code
        found = fact.country
        self.countries.setdefault(found.code, found)
        return found.code

    # ------------------------------------------------------------ evidence
    def _evidence(self, fact, kind: str, fingerprint: str, spans: list[Span]) -> None:
        self.evidence += [
            Evidence(
                document=self.document,
                fingerprint=fingerprint[:200],
                start=s.start,
                end=s.end,
                quote=s.quote,
                extractor_version=self.version,
                **{kind: fact},
            )
            for s in spans
        ]

    def write_evidence(self) -> None:
        Evidence.objects.bulk_create(self.evidence)
        self.evidence = []

    def _previous(self, model, kind: str, fingerprint: str):
        pk = self.previous.get((kind, fingerprint[:200]))
        if pk is None:
            return None
        return survivor(model.objects.filter(pk=pk).first())

    # ------------------------------------------------------------ clean-up
    def remove_unfound(self) -> None:
        """Facts this document supported before but no longer does: unreviewed ones that no
        document supports any more go; verified and rejected ones stay."""
        before = {
            kind: {pk for (k, _), pk in self.previous.items() if k == kind} for kind in self.touched
        }
        for kind, model, label in (
            ("meeting", Meeting, "meetings"),
            ("agreement", Agreement, "agreements"),
            ("official", Official, "officials"),
        ):
            lost = before[kind] - self.touched[kind]
            if not lost:
                continue
            orphans = model.objects.filter(
                pk__in=lost, review_state=ReviewState.EXTRACTED, edited_fields=[]
            ).filter(evidence__isnull=True)
            self.stats.removed[label] += orphans.count()
            orphans.delete()


def apply_extraction(*, document: Document, extraction: Extraction, version: str) -> ApplyStats:
    """Resolve and write one document's extraction. Call inside a transaction."""
    writer = _Writer(document, extraction, version)
    Evidence.objects.filter(document=document).delete()
    writer.officials_()
    writer.meetings_()
    writer.agreements_()
    writer.write_evidence()
    writer.remove_unfound()
    return writer.stats
