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
from decimal import Decimal
from itertools import combinations

from django.db import connection
from django.db.models import Q

from documents.extraction.agreements import title_key
from documents.extraction.candidates import (
    AgreementCandidate,
    Extraction,
    MeetingCandidate,
    OfficialCandidate,
    Span,
)
from documents.extraction.countries import BY_CODE
from documents.extraction.meetings import KIND_RANK, TALKS
from documents.extraction.names import name_key
from documents.models import Document, Evidence
from relations.models import (
    Agreement,
    Alias,
    Country,
    Meeting,
    Official,
    Participation,
    Position,
    ReviewState,
    Topic,
)


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


def _survivor(fact):
    seen = set()
    while fact is not None and fact.merged_into_id and fact.pk not in seen:
        seen.add(fact.pk)
        fact = fact.merged_into
    return fact


def _title_words(title: str) -> frozenset[str]:
    return frozenset(name_key(title).split()) - {"of", "for", "the", "and"}


def _writable(fact, name: str) -> bool:
    return name not in fact.edited_fields


def _values(obj) -> dict:
    """The row's stored values (`updated_at` aside), to tell whether a save changes it."""
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname != "updated_at"
    }


def _save_if_changed(obj, before: dict) -> None:
    """Save the columns of `obj` that differ from `before`, and only those: an unchanged
    fact seen again costs no UPDATE and no history record, and a column extraction did not
    change (a name, `edited_fields`, the version) is never written back from this read."""
    after = _values(obj)
    changed = [name for name, value in after.items() if before.get(name) != value]
    if changed:
        stamped = [f.attname for f in obj._meta.concrete_fields if f.attname == "updated_at"]
        obj.save(update_fields=[*changed, *stamped])


def _serialised() -> bool:
    """Whether this transaction holds the database's only write lock since it began
    (SQLite with IMMEDIATE transactions): then no one else has written since it read."""
    options = connection.settings_dict.get("OPTIONS") or {}
    return (
        connection.vendor == "sqlite"
        and connection.in_atomic_block
        and str(options.get("transaction_mode", "")).upper() == "IMMEDIATE"
    )


def _locked(fact):
    """The fact read again with its row locked (SELECT … FOR UPDATE) until the document's
    transaction ends, followed to its survivor; None if it is gone.

    What ingestion decides from a fact (its `edited_fields`, its review state, its values)
    must be what it writes over: an editor's save in between would otherwise be undone by
    ingestion's save a moment later. The admin locks the same row before it saves, so one
    waits for the other. Where the transaction already holds the only write lock (SQLite,
    IMMEDIATE), the fact as read in it is what it writes over: no second read."""
    if fact is None or _serialised():
        return fact
    for _ in range(3):  # a merge committed between the read and the lock: follow it
        if fact is None:
            return None
        locked = type(fact).objects.select_for_update().filter(pk=fact.pk).first()
        if locked is None or not locked.merged_into_id:
            return locked
        fact = _survivor(locked)
    return fact


def _link(owner, field: str, targets, *, new: bool) -> None:
    """Add `targets` to `owner`'s many-to-many `field`. A row made in this transaction has
    no links yet: they are inserted in one statement, without asking which it has."""
    manager = getattr(owner, field)
    if not new:
        manager.add(*targets)
        return
    source, target = manager.source_field_name, manager.target_field_name
    manager.through.objects.bulk_create(
        [
            manager.through(**{f"{source}_id": owner.pk, f"{target}_id": t.pk})
            for t in dict.fromkeys(targets)
        ]
    )


class _Writer:
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
        return _survivor(model.objects.filter(pk=pk).first())

    # ------------------------------------------------------------ officials
    def officials_(self) -> None:
        for cand in self.extraction.officials:
            self.officials[cand.key] = self._official(cand)

    def _find_official(self, cand: OfficialCandidate) -> Official | None:
        keys = {name_key(cand.name)} | {name_key(a) for a in cand.aliases}
        found = Official.objects.filter(Q(name_key__in=keys) | Q(aliases__name_key__in=keys))
        official = found.order_by("pk").first()
        if official is None:
            # A longer or shorter spelling of a known name, either way round: 'Sok Chenda' and
            # 'Sok Chenda Sophea'. Candidates hold two of the name's words at least.
            words = set(name_key(cand.name).split())
            if len(words) >= 2:
                pairs = Q()
                for first, second in combinations(sorted(words), 2):
                    pairs |= Q(name_key__contains=first) & Q(name_key__contains=second)
                for other in Official.objects.filter(pairs).order_by("pk")[:20]:
                    other_words = set(other.name_key.split())
                    if len(other_words) < 2:
                        continue
                    same_country = (
                        not cand.country
                        or other.country_id is None
                        or self.country_code(other) == cand.country
                    )
                    if (words <= other_words or other_words <= words) and same_country:
                        official = other
                        break
        return _survivor(official)

    def _official(self, cand: OfficialCandidate) -> Official | None:
        official = _locked(
            self._previous(Official, "official", cand.fingerprint) or self._find_official(cand)
        )
        if official is not None and official.review_state == ReviewState.REJECTED:
            return None
        extracted = {
            "name": cand.name,
            "country": cand.country,
            "titles": [t for t, _ in cand.titles],
        }
        if official is None:
            official = Official(
                name=cand.name, country=self.country(cand.country), extracted_values=extracted
            )
            words = cand.name.split()
            caps = [w for w in words if w.isupper() and len(w) > 1]
            for alias in cand.aliases:
                caps = caps or [w for w in alias.split() if w.isupper() and len(w) > 1]
            if caps:
                family = caps[0].title()
                official.family_name = family
                official.given_name = " ".join(w for w in words if w.lower() != family.lower())
            official.save()
            self.stats.created["officials"] += 1
        else:
            if official.pk not in self.touched["official"]:
                self.stats.merged["officials"] += 1
            before = _values(official)
            if _writable(official, "country") and official.country_id is None and cand.country:
                official.country = self.country(cand.country)
            official.extracted_values = extracted
            _save_if_changed(official, before)
        if _writable(official, "aliases"):
            known = set(official.aliases.values_list("name", flat=True))
            for alias in sorted({cand.name, *cand.aliases} - {official.name}):
                if alias[:200] not in known:
                    Alias.objects.get_or_create(official=official, name=alias[:200])
        if _writable(official, "positions") and cand.titles:
            positions = list(official.positions.all())
            for title, organisation in cand.titles:
                self._position(official, positions, title, organisation, cand.country)
        self.touched["official"].add(official.pk)
        self._evidence(official, "official", cand.fingerprint, cand.evidence)
        return official

    def _position(
        self, official: Official, positions: list[Position], title: str, organisation, code
    ) -> None:
        """Record a post of the official; `positions` holds the official's posts (read
        once, kept up to date here)."""
        # 'Minister for Foreign Affairs' and 'Minister of Foreign Affairs' are one post.
        words = _title_words(title)
        same = [p for p in positions if _title_words(p.title) == words]
        if len(same) > 1:  # which comes first is the database's order (dates since read)
            same = [p for p in official.positions.all() if _title_words(p.title) == words]
        title = same[0].title if same else title
        known = next((p for p in positions if p.title == title[:200]), None)
        if known is not None:
            position, created = known, False
        else:
            position, created = self._new_position(official, title, organisation, code)
            if created:
                positions.append(position)
        if not created and self.as_of:
            before = _values(position)
            position.first_seen = min(filter(None, [position.first_seen, self.as_of]))
            position.last_seen = max(filter(None, [position.last_seen, self.as_of]))
            position.organization = position.organization or (organisation or "")[:200]
            _save_if_changed(position, before)

    def _new_position(self, official: Official, title: str, organisation, code):
        return Position.objects.get_or_create(
            official=official,
            title=title[:200],
            defaults={
                "organization": (organisation or "")[:200],
                "country": self.country(code),
                "first_seen": self.as_of,
                "last_seen": self.as_of,
            },
        )

    # ------------------------------------------------------------ meetings
    def meetings_(self) -> None:
        for index, cand in enumerate(self.extraction.meetings):
            self.meetings[index] = self._meeting(cand)
        for index, cand in enumerate(self.extraction.meetings):
            meeting, parent = self.meetings[index], self.meetings.get(cand.parent)
            if (
                meeting
                and parent
                and meeting.pk != parent.pk
                and meeting.parent_id is None
                and _writable(meeting, "parent")
            ):
                meeting.parent = parent
                meeting.save(update_fields=["parent"])

    def _participants(self, cand: MeetingCandidate) -> list[Official]:
        return [o for k in cand.participants if (o := self.officials.get(k)) is not None]

    def _find_meeting(self, cand: MeetingCandidate, people: list[Official]) -> Meeting | None:
        group = TALKS if cand.kind in TALKS else {cand.kind}
        query = Meeting.objects.exclude(merged_into__isnull=False)
        query = query.filter(
            kind__in=group | ({"other"} if cand.kind != "official_visit" else set())
        )
        if people:
            query = query.filter(participations__official__in=people).distinct()
        else:
            query = query.filter(participations__isnull=True)
        if cand.dates:
            query = query.filter(
                Q(start_date__isnull=True)
                | Q(start_date__lte=cand.dates.end, end_date__gte=cand.dates.start)
            )
        wanted = {o.pk for o in people}
        best = None
        for meeting in query.prefetch_related("participations").order_by("-start_date", "pk")[:50]:
            have = {p.official_id for p in meeting.participations.all()}
            if wanted or have:
                if not wanted & have or len(wanted & have) / len(wanted | have) < 0.5:
                    continue
            elif meeting.start_date != (cand.dates.start if cand.dates else None):
                continue
            if cand.dates and meeting.start_date and meeting.end_date:
                width = abs(
                    (meeting.end_date - meeting.start_date).days
                    - (cand.dates.end - cand.dates.start).days
                )
                if width > 31:
                    continue
            if cand.dates is None and meeting.start_date is None and meeting.kind != cand.kind:
                continue
            best = meeting
            break
        return best

    def _meeting(self, cand: MeetingCandidate) -> Meeting | None:
        people = self._participants(cand)
        meeting = _locked(
            self._previous(Meeting, "meeting", cand.fingerprint) or self._find_meeting(cand, people)
        )
        if meeting is not None and meeting.review_state == ReviewState.REJECTED:
            return None
        extracted = {
            "kind": cand.kind,
            "start_date": cand.dates.start.isoformat() if cand.dates else None,
            "end_date": cand.dates.end.isoformat() if cand.dates else None,
            "location": cand.location,
            "participants": [o.pk for o in people],
        }
        if meeting is None:
            meeting = Meeting(
                kind=cand.kind,
                title=cand.title[:300],
                start_date=cand.dates.start if cand.dates else None,
                end_date=cand.dates.end if cand.dates else None,
                date_precision=cand.dates.precision if cand.dates else "",
                location=(cand.location or "")[:200],
                summary=cand.evidence[0].quote if cand.evidence else "",
                extracted_values=extracted,
            )
            meeting.save()
            self.stats.created["meetings"] += 1
            new = True
        else:
            new = False
            if meeting.pk not in self.touched["meeting"]:
                self.stats.merged["meetings"] += 1
            before = _values(meeting)
            if _writable(meeting, "kind") and KIND_RANK[cand.kind] > KIND_RANK.get(meeting.kind, 0):
                meeting.kind = cand.kind
            if cand.dates and _writable(meeting, "start_date") and _writable(meeting, "end_date"):
                span = (
                    (meeting.end_date - meeting.start_date)
                    if meeting.start_date and meeting.end_date
                    else None
                )
                if span is None or (cand.dates.end - cand.dates.start) < span:
                    meeting.start_date, meeting.end_date = cand.dates.start, cand.dates.end
                    meeting.date_precision = cand.dates.precision
            if _writable(meeting, "location") and not meeting.location and cand.location:
                meeting.location = cand.location[:200]
            meeting.extracted_values = extracted
            _save_if_changed(meeting, before)
        if _writable(meeting, "participants"):
            existing = (
                set() if new else set(meeting.participations.values_list("official_id", flat=True))
            )
            hosts = {self.officials[k].pk for k in cand.hosts if self.officials.get(k)}
            Participation.objects.bulk_create(
                [
                    Participation(
                        meeting=meeting, official=o, role="host" if o.pk in hosts else "participant"
                    )
                    for o in dict.fromkeys(people)
                    if o.pk not in existing
                ]
            )
        if _writable(meeting, "topics") and cand.topics:
            _link(meeting, "topics", [self.topic(t) for t in sorted(cand.topics)], new=new)
        if _writable(meeting, "countries"):
            codes = set(cand.countries) | {self.country_code(o) for o in people if o.country_id}
            _link(meeting, "countries", [self.country(c) for c in sorted(codes)], new=new)
        self.touched["meeting"].add(meeting.pk)
        self._evidence(meeting, "meeting", cand.fingerprint, cand.evidence)
        return meeting

    # ------------------------------------------------------------ agreements
    def agreements_(self) -> None:
        for cand in self.extraction.agreements:
            self._agreement(cand)

    def _find_agreement(self, cand: AgreementCandidate) -> Agreement | None:
        if cand.amount:
            amount = Decimal(str(cand.amount))
            low, high = amount * Decimal("0.98"), amount * Decimal("1.02")
            # Two items of one document are two agreements (extraction has already merged
            # its own repetitions), however alike their amounts.
            found = Agreement.objects.filter(
                currency=cand.currency, amount__gte=low, amount__lte=high
            ).exclude(pk__in=self.touched["agreement"])
            first = found.order_by("pk").first()
            if first is not None:
                return _survivor(first)
        key = title_key(cand.title)
        titles = Agreement.objects.filter(amount__isnull=cand.amount is None).values_list(
            "pk", "title"
        )
        for pk, title in titles:
            if title_key(title) == key:
                return _survivor(Agreement.objects.get(pk=pk))
        return None

    def _direction(self, agreement: Agreement, cand: AgreementCandidate) -> None:
        """Who gives and who receives, where a text says so: written together, once, and
        never over an editor's."""
        names = ("from_country", "to_country")
        if not (cand.giver and cand.receiver) or not all(_writable(agreement, n) for n in names):
            return
        if agreement.from_country_id is None and agreement.to_country_id is None:
            before = _values(agreement)
            agreement.from_country = self.country(cand.giver)
            agreement.to_country = self.country(cand.receiver)
            _save_if_changed(agreement, before)

    def _agreement(self, cand: AgreementCandidate) -> Agreement | None:
        agreement = _locked(
            self._previous(Agreement, "agreement", cand.fingerprint) or self._find_agreement(cand)
        )
        if agreement is not None and agreement.review_state == ReviewState.REJECTED:
            return None
        meeting = self.meetings.get(cand.meeting) if cand.meeting is not None else None
        extracted = {
            "kind": cand.kind,
            "title": cand.title,
            "amount": cand.amount,
            "currency": cand.currency,
        }
        if agreement is None:
            agreement = Agreement(
                kind=cand.kind,
                title=cand.title[:300],
                amount=Decimal(str(cand.amount)) if cand.amount is not None else None,
                currency=cand.currency or "",
                date=cand.date,
                status=cand.status,
                meeting=meeting,
                terms=cand.terms,
                extracted_values=extracted,
            )
            agreement.save()
            self.stats.created["agreements"] += 1
            new = True
        else:
            new = False
            if agreement.pk not in self.touched["agreement"]:
                self.stats.merged["agreements"] += 1
            before = _values(agreement)
            if _writable(agreement, "date") and agreement.date is None and cand.date:
                agreement.date = cand.date
            if _writable(agreement, "meeting") and agreement.meeting_id is None and meeting:
                agreement.meeting = meeting
            if _writable(agreement, "terms") and not agreement.terms:
                agreement.terms = cand.terms
            agreement.extracted_values = extracted
            _save_if_changed(agreement, before)
        self._direction(agreement, cand)
        if _writable(agreement, "parties"):
            _link(agreement, "parties", [self.country(c) for c in sorted(cand.parties)], new=new)
        if _writable(agreement, "signatories"):
            signatories = [o for k in cand.signatories if (o := self.officials.get(k))]
            _link(agreement, "signatories", signatories, new=new)
        self.touched["agreement"].add(agreement.pk)
        self._evidence(agreement, "agreement", cand.fingerprint, cand.evidence)
        return agreement

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
