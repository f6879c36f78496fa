"""Plain data the extraction stages hand to each other and to the knowledge-base writer.

Nothing here touches the database: a document's extraction is a value that can be made in
a worker process, compared in a test, or shown by `ingest --dry-run`.
"""

import datetime as dt
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Span:
    """A quoted sentence of the document text: text[start:end] == quote."""

    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date
    precision: str  # "day", "month" or "year"

    def overlaps(self, other: "DateRange") -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: "DateRange") -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str
    start: int
    end: int


@dataclass
class DocumentMeta:
    title: str
    publisher: str | None
    byline: str | None
    published_on: date | None
    kind: str


@dataclass
class OfficialCandidate:
    """One person as a document names them, with every spelling and post seen there."""

    key: int  # index within the document's extraction
    name: str
    aliases: set[str] = field(default_factory=set)
    country: str | None = None
    titles: list[tuple[str, str | None]] = field(default_factory=list)  # (title, organisation)
    evidence: list[Span] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        from documents.extraction.names import name_key

        return "official:" + name_key(self.name)


@dataclass
class MeetingCandidate:
    kind: str
    title: str
    dates: DateRange | None
    location: str | None
    participants: list[int]  # OfficialCandidate keys
    countries: set[str]
    evidence: list[Span]
    hosts: list[int] = field(default_factory=list)
    parent: int | None = None  # index of the visit in Extraction.meetings
    topics: set[str] = field(default_factory=set)
    fingerprint: str = ""


@dataclass
class AgreementCandidate:
    kind: str
    title: str
    amount: float | None
    currency: str | None
    status: str
    evidence: list[Span]
    parties: set[str] = field(default_factory=set)
    signatories: list[int] = field(default_factory=list)
    meeting: int | None = None  # index in Extraction.meetings
    date: dt.date | None = None
    terms: str = ""
    fingerprint: str = ""
    giver: str | None = None  # country codes, where the text says who gives (direction.py)
    receiver: str | None = None


@dataclass
class Extraction:
    text: str
    meta: DocumentMeta
    officials: list[OfficialCandidate]
    meetings: list[MeetingCandidate]
    agreements: list[AgreementCandidate]
    reference_date: date | None = None  # what relative dates count from (may be a year's end)
    as_of: date | None = None  # the day the document speaks from: published, or a stated day
