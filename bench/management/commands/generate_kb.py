"""`manage.py generate_kb`: a synthetic knowledge base at scale, for benchmarks.

    python manage.py generate_kb --meetings 200000 --seed 1

Fills the database with 50 countries, topics, officials (one per ten meetings) with an alias
and one or two posts each, meetings from 1990 to today (official visits containing the
meetings held during them, 8 kinds, up to 500 locations, about 3 participants each),
agreements (one per four meetings) with amounts in 5 currencies, and documents (one per
twenty meetings) whose text holds a sentence for every meeting, agreement and official they
support, with the evidence pointing at it. Names mix scripts and accents, and aliases write
the family name first in capitals, so name search meets what it meets in real sources.

The same seed gives the same rows. Rows are written in batches (COPY on PostgreSQL,
bulk_create elsewhere) with ids chosen here, after the highest existing ones; only what
later rows refer to (ids, dates, one sentence per fact) stays in memory. Everything but
countries and topics (found by code and name) is added. Generated documents are
marked (extractor version "generated"); the command refuses a database holding other
documents unless --force.
"""

import datetime as dt
import hashlib
import itertools
import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from documents.extraction.countries import COUNTRIES
from documents.extraction.names import name_key
from documents.models import Document, DocumentKind, Evidence
from relations import facet_cache
from relations.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Alias,
    Country,
    DatePrecision,
    Meeting,
    MeetingKind,
    Official,
    ParticipantRole,
    Participation,
    Position,
    ReviewState,
    Topic,
)

GENERATED = "generated"
BATCH = 5000
FIRST_DAY = dt.date(1990, 1, 1)


def words(text: str) -> list[str]:
    return text.split()


GIVEN = words(
    "Yoshimasa Fumio Taro Kenji Hiroshi Akiko Yoko Sokha Sophea Dara Chantha Vannak Bopha "
    "Minh Lan Thanh Hùng Anh Linh Wei Li Jing Hao Mei Ji-ho Min-jun Seo-yeon Rahul Priya "
    "Anil Sunita Ahmad Siti Nur Budi Dewi Maria José Joaquín Inés Sofía Mateo Lucía "
    "François Hélène Zoë Jürgen Björn Søren Ingrid Olga Dmitri Ana João Ewa Łukasz Oğuz "
    "Ayşe Omar Fatima Amina Kwame Ngozi Grace Peter Anne Thomas Sarah"
)
FAMILY = words(
    "Hayashi Kishida Suzuki Tanaka Yamamoto Watanabe Nakamura Kobayashi Sato Ito Hun Sok "
    "Chea Keo Prak Sar Nguyen Tran Pham Lê Võ Wang Zhang Liu Chen Kim Lee Park Choi "
    "Sharma Gupta Patel Singh Rahman Hassan Santoso Wijaya García Fernández López "
    "Martínez Rodríguez Müller Schröder Weiß Dubois Lefèvre Moreau Rossi Bianchi Novák "
    "Dvořák Kowalski Nowak Larsen Håkansson Ivanov Petrova Öztürk Yılmaz Okafor Mensah "
    "Smith Brown O'Neill"
)
FAMILY_FIRST_FAMILIES = set(FAMILY[:27])  # East Asian names are often written family first
POSTS = (
    "Prime Minister",
    "President",
    "Minister for Foreign Affairs",
    "Deputy Prime Minister",
    "Minister of Defence",
    "Minister of Commerce",
    "Minister of Finance",
    "State Minister",
    "Vice Minister for Foreign Affairs",
    "Ambassador",
    "Secretary of State",
    "Senate President",
)
ORGANISATIONS = ("", "", "Ministry of Foreign Affairs", "Parliament", "Government")
TOPIC_NAMES = words(
    "trade investment infrastructure security defence health education energy climate "
    "agriculture fisheries tourism culture science technology digital economy transport "
    "maritime water disaster-relief human-rights migration labour finance development-aid "
    "customs space nuclear-safety cyber telecommunications mining forestry environment "
    "sport youth women peacekeeping demining rule-of-law elections"
)
CITY_PARTS = ("Ban", "Sai", "Kor", "Tam", "Lin", "Mar", "Vel", "Nor", "Pra", "Hai", "Son", "Ri")
CURRENCIES = ("USD", "JPY", "EUR", "KHR", "CNY")
PUBLISHERS = ("Ministry press office", "Embassy news", "National daily", "Wire service")
KIND_WEIGHTS = {  # visits are made separately; these are the meetings that stand alone
    MeetingKind.BILATERAL_MEETING: 30,
    MeetingKind.COURTESY_CALL: 20,
    MeetingKind.SUMMIT: 5,
    MeetingKind.DIALOGUE: 10,
    MeetingKind.PHONE_CALL: 15,
    MeetingKind.CEREMONY: 8,
    MeetingKind.OTHER: 7,
}
INSIDE_A_VISIT = (MeetingKind.COURTESY_CALL, MeetingKind.BILATERAL_MEETING, MeetingKind.CEREMONY)


def zipf_weights(n: int, s: float = 1.0) -> list[float]:
    """Cumulative weights where the i-th value is chosen about 1/i^s as often as the first."""
    return list(itertools.accumulate(1 / (i + 1) ** s for i in range(n)))


def real_documents():
    return Document.objects.exclude(extractor_version=GENERATED)


class Writer:
    """Bulk inserts in batches, ids chosen by the caller: COPY on PostgreSQL (several times
    faster than INSERT for the big join tables), bulk_create elsewhere."""

    def __init__(self):
        self.pending: dict[type, list] = {}
        self.written: dict[type, int] = {}

    def add(self, obj) -> None:
        rows = self.pending.setdefault(type(obj), [])
        rows.append(obj)
        if len(rows) >= BATCH:
            self.flush(type(obj))

    def flush(self, model=None) -> None:
        for m in [model] if model else list(self.pending):
            rows = self.pending.pop(m, [])
            if not rows:
                continue
            if connection.vendor == "postgresql":
                copy_rows(m, rows)
            else:
                m.objects.bulk_create(rows, batch_size=BATCH)
            self.written[m] = self.written.get(m, 0) + len(rows)


def copy_rows(model, rows: list) -> None:
    """COPY the rows into the model's table, each field prepared as Django saves it (auto
    times set, JSON encoded); ids left to the sequence when the rows have none."""
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and rows[0].pk is None)]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for obj in rows:
            copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])


def next_id(model) -> int:
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


class Command(BaseCommand):
    help = "Fill the database with a synthetic knowledge base of the given size (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=200_000, metavar="N")
        parser.add_argument("--seed", type=int, default=1, metavar="S")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even if the database holds documents that were not generated.",
        )

    def handle(self, *args, meetings, seed, force, **options):
        if meetings < 1:
            raise CommandError("--meetings must be at least 1")
        if real_documents().exists() and not force:
            raise CommandError(
                "This database holds real documents; generated rows would mix with them. "
                "Use an empty database, or --force to add them anyway."
            )
        started = time.perf_counter()
        self.rng = random.Random(seed)
        self.today = dt.date.today()
        self.w = Writer()
        with transaction.atomic():
            self.countries = self.make_countries()
            self.topics = self.make_topics()
            self.locations = self.make_locations(min(500, max(1, meetings // 40)))
            self.officials = self.make_officials(max(2, meetings // 10))
            self.make_meetings(meetings)
            self.make_agreements(max(1, meetings // 4))
            self.make_documents()
            self.w.flush()
            self.reset_sequences()
            facet_cache.changed()  # bulk inserts send no signals: kept counts are stale

        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # statistics, and index-only scans
        elapsed = time.perf_counter() - started
        for model, n in self.w.written.items():
            self.stdout.write(f"{model._meta.db_table:40} {n:>9,}")
        self.stdout.write(self.style.SUCCESS(f"generated in {elapsed:.1f} s"))

    # ------------------------------------------------------------ reference rows

    def make_countries(self) -> list[tuple[int, str, str]]:
        wanted = COUNTRIES[:50]
        have = {c.code: c for c in Country.objects.filter(code__in=[c.code for c in wanted])}
        Country.objects.bulk_create(
            [
                Country(code=c.code, name=c.name, adjectives=list(c.adjectives))
                for c in wanted
                if c.code not in have
            ]
        )
        by_code = {c.code: c for c in Country.objects.filter(code__in=[c.code for c in wanted])}
        rows = [(by_code[c.code].pk, c.code, c.name) for c in wanted]
        self.rng.shuffle(rows)  # popularity order: the first few are the main relationships
        return rows

    def make_topics(self) -> list[int]:
        have = set(Topic.objects.filter(name__in=TOPIC_NAMES).values_list("name", flat=True))
        Topic.objects.bulk_create([Topic(name=n) for n in TOPIC_NAMES if n not in have])
        return list(Topic.objects.filter(name__in=TOPIC_NAMES).values_list("pk", flat=True))

    def make_locations(self, n: int) -> list[str]:
        parts = CITY_PARTS
        names: dict[str, None] = {}
        while len(names) < n:
            city = "".join(self.rng.sample(parts, self.rng.choice((2, 3)))).capitalize()
            country = self.countries[int(self.rng.paretovariate(1.2)) % len(self.countries)]
            names[f"{city}, {country[2]}"] = None
        return list(names)

    def fact(self) -> dict:
        roll = self.rng.random()
        state = (
            ReviewState.REJECTED
            if roll < 0.01
            else ReviewState.VERIFIED
            if roll < 0.06
            else ReviewState.EXTRACTED
        )
        return {"review_state": state, "edited_fields": [], "extracted_values": {}, "version": 1}

    def day(self) -> dt.date:
        return FIRST_DAY + dt.timedelta(days=self.rng.randrange((self.today - FIRST_DAY).days))

    # ------------------------------------------------------------ officials

    def make_officials(self, n: int) -> list[tuple[int, int, str]]:
        rng, w = self.rng, self.w
        country_weights = zipf_weights(len(self.countries), 0.8)
        first = next_id(Official)
        officials = []
        for pk in range(first, first + n):
            country = rng.choices(self.countries, cum_weights=country_weights)[0]
            family, given = rng.choice(FAMILY), rng.choice(GIVEN)
            if rng.random() < 0.3:
                given = f"{given} {rng.choice(GIVEN)}"
            name = f"{given} {family}"
            w.add(
                Official(
                    pk=pk,
                    name=name,
                    family_name=family,
                    given_name=given,
                    name_order="family_first" if family in FAMILY_FIRST_FAMILIES else "",
                    name_key=name_key(name),
                    country_id=country[0],
                    **self.fact(),
                )
            )
            alias = f"{family.upper()} {given}"
            w.add(Alias(official_id=pk, name=alias, name_key=name_key(alias)))
            for title in rng.sample(POSTS, rng.choice((1, 1, 2))):
                seen = self.day()
                w.add(
                    Position(
                        official_id=pk,
                        title=title,
                        organization=rng.choice(ORGANISATIONS),
                        country_id=country[0],
                        first_seen=seen,
                        last_seen=min(self.today, seen + dt.timedelta(days=rng.randrange(1500))),
                    )
                )
            officials.append((pk, country[0], name))
        return officials

    # ------------------------------------------------------------ meetings

    def make_meetings(self, n: int) -> None:
        rng = self.rng
        self.meetings: list[tuple[int, dt.date, str]] = []  # (id, date, sentence)
        self.next_meeting = next_id(Meeting)
        self.official_weights = zipf_weights(len(self.officials), 0.7)
        self.topic_weights = zipf_weights(len(self.topics), 0.9)
        self.location_weights = zipf_weights(len(self.locations), 0.6)
        kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
        made = 0
        while made < n:
            if rng.random() < 0.12 and n - made >= 2:  # a visit and the meetings inside it
                inside = min(n - made - 1, rng.choice((1, 2, 3)))
                start = self.day()
                end = start + dt.timedelta(days=rng.randrange(1, 5))
                people = self.pick_officials(rng.choice((2, 3, 4)))
                location = self.pick_location()
                visit = self.add_meeting(MeetingKind.OFFICIAL_VISIT, start, end, people, location)
                for _ in range(inside):
                    day = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
                    kind = rng.choice(INSIDE_A_VISIT)
                    sub = rng.sample(people, min(len(people), rng.choice((2, 3))))
                    self.add_meeting(kind, day, None, sub, location, parent=visit)
                made += 1 + inside
            else:
                kind = rng.choices(kinds, weights)[0]
                start = self.day()
                people = self.pick_officials(rng.choice((2, 3, 3, 4)))
                self.add_meeting(kind, start, None, people, self.pick_location())
                made += 1

    def pick_officials(self, k: int) -> list[tuple[int, int, str]]:
        chosen = self.rng.choices(self.officials, cum_weights=self.official_weights, k=k)
        return list({o[0]: o for o in chosen}.values())

    def pick_location(self) -> str:
        if self.rng.random() < 0.05:
            return ""  # not every source names a place
        return self.rng.choices(self.locations, cum_weights=self.location_weights)[0]

    def add_meeting(self, kind, start, end, people, location, parent=None) -> int:
        rng, w = self.rng, self.w
        pk = self.next_meeting
        self.next_meeting += 1
        names = " and ".join(p[2] for p in people)
        label = MeetingKind(kind).label
        where = f" in {location}" if location else ""
        title = f"{label}: {names}"[:300]
        w.add(
            Meeting(
                pk=pk,
                kind=kind,
                title=title,
                start_date=start,
                end_date=end,
                date_precision=DatePrecision.DAY,
                location=location,
                parent_id=parent,
                summary=f"{label} held on {start:%d %B %Y}{where}.",
                **self.fact(),
            )
        )
        for i, (official, _, _) in enumerate(people):
            role = (
                ParticipantRole.HOST
                if i == 0
                else ParticipantRole.GUEST
                if i == 1
                else ParticipantRole.PARTICIPANT
            )
            w.add(Participation(meeting_id=pk, official_id=official, role=role))
        for country in {p[1] for p in people} or {self.countries[0][0]}:
            w.add(Meeting.countries.through(meeting_id=pk, country_id=country))
        topics = rng.choices(self.topics, cum_weights=self.topic_weights, k=rng.choice((1, 2, 2)))
        for topic in set(topics):
            w.add(Meeting.topics.through(meeting_id=pk, topic_id=topic))
        sentence = f"{names} held a {label.lower()}{where} on {start:%d %B %Y}."
        self.meetings.append((pk, start, sentence))
        return pk

    # ------------------------------------------------------------ agreements

    def make_agreements(self, n: int) -> None:
        rng, w = self.rng, self.w
        first = next_id(Agreement)
        self.agreements: list[tuple[int, dt.date, str]] = []
        kinds = list(AgreementKind)
        for pk in range(first, first + n):
            meeting = rng.choice(self.meetings) if rng.random() < 0.5 else None
            date = meeting[1] if meeting else self.day()
            kind = rng.choice(kinds)
            amount = currency = None
            if kind in (AgreementKind.GRANT, AgreementKind.LOAN) or rng.random() < 0.2:
                currency = rng.choice(CURRENCIES)
                amount = Decimal(rng.randrange(1, 5000) * 10_000)
            signatories = self.pick_officials(rng.choice((1, 2)))
            title = f"{AgreementKind(kind).label} on {rng.choice(TOPIC_NAMES)} No. {pk}"
            w.add(
                Agreement(
                    pk=pk,
                    kind=kind,
                    title=title,
                    amount=amount,
                    currency=currency or "",
                    date=date,
                    status=rng.choice(list(AgreementStatus)),
                    meeting_id=meeting[0] if meeting else None,
                    terms=f"Signed by {' and '.join(s[2] for s in signatories)}.",
                    **self.fact(),
                )
            )
            parties = {s[1] for s in signatories} | {rng.choice(self.countries)[0]}
            for country in parties:
                w.add(Agreement.parties.through(agreement_id=pk, country_id=country))
            for official, _, _ in signatories:
                w.add(Agreement.signatories.through(agreement_id=pk, official_id=official))
            money = f" worth {amount:,.0f} {currency}" if amount else ""
            self.agreements.append((pk, date, f"The parties signed the {title}{money}."))

    # ------------------------------------------------------------ documents and evidence

    def make_documents(self) -> None:
        """One document per twenty meetings (and five agreements, and two officials), its
        text a sentence per fact, each fact's evidence quoting its sentence."""
        rng, w = self.rng, self.w
        n = max(1, len(self.meetings) // 20)
        facts: list[list[tuple[str, int, dt.date | None, str]]] = [[] for _ in range(n)]
        for i, (pk, day, sentence) in enumerate(self.meetings):
            facts[i % n].append(("meeting", pk, day, sentence))
        for i, (pk, day, sentence) in enumerate(self.agreements):
            facts[i % n].append(("agreement", pk, day, sentence))
        for i, (pk, _, name) in enumerate(self.officials):
            facts[i % n].append(("official", pk, None, f"{name} is quoted in this report."))
        first = next_id(Document)
        for offset, found in enumerate(facts):
            pk = first + offset
            text, spans = "", []
            for kind, fact, _, sentence in found:
                spans.append((kind, fact, len(text), len(text) + len(sentence), sentence))
                text += sentence + " "
            dates = [d for _, _, d, _ in found if d]
            w.add(
                Document(
                    pk=pk,
                    file_name=f"{GENERATED}/report-{pk:07d}.txt",
                    sha256=hashlib.sha256(f"{GENERATED} {pk} {text}".encode()).hexdigest(),
                    title=f"Diplomatic report {pk}",
                    publisher=rng.choice(PUBLISHERS),
                    published_on=max(dates) if dates else None,
                    kind=rng.choice(list(DocumentKind)),
                    text=text,
                    extractor_version=GENERATED,
                )
            )
            for kind, fact, start, end, sentence in spans:
                w.add(
                    Evidence(
                        document_id=pk,
                        fingerprint=f"{kind}:{fact}",
                        start=start,
                        end=end,
                        quote=sentence,
                        extractor_version=GENERATED,
                        **{f"{kind}_id": fact},
                    )
                )
        w.flush(Document)

    def reset_sequences(self) -> None:
        """Explicit ids leave PostgreSQL's sequences behind: move them past the new rows."""
        self.w.flush()
        models = [Official, Alias, Position, Meeting, Participation, Agreement, Document, Evidence]
        models += [Meeting.countries.through, Meeting.topics.through]
        models += [Agreement.parties.through, Agreement.signatories.through]
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
