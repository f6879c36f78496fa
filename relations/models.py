"""The knowledge model: countries, officials and their posts, meetings, agreements, topics.

Every extracted fact (official, meeting, agreement) carries a review state and the list of
fields an editor changed; re-ingestion never writes those fields (see relations.services).
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from documents.extraction.names import name_key


class ReviewState(models.TextChoices):
    EXTRACTED = "extracted", "Extracted"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


# The rows the public pages show (see selectors.meetings): partial indexes cover only them.
VISIBLE = Q(merged_into__isnull=True) & ~Q(review_state=ReviewState.REJECTED)


class FactQuerySet(models.QuerySet):
    def visible(self):
        """Facts an editor has not rejected, merged ones included (a merged record's page
        redirects to its survivor)."""
        return self.exclude(review_state=ReviewState.REJECTED)

    def public(self):
        """What the public sees and what is exported: not rejected, not merged into
        another (the rows `VISIBLE`'s partial indexes cover)."""
        return self.visible().filter(merged_into__isnull=True)


class MeetingQuerySet(FactQuerySet):
    def for_pair(self, a: str, b: str):
        """Meetings involving both countries (codes): see `involving`."""
        return self.filter(involving(a)).filter(involving(b))

    def with_participants(self):
        """With the parent, the countries and the participations of public officials (their
        country too), hosts first: what a meeting's row shows, in three more queries. Only
        the columns a row shows: not what was extracted nor the summary (JSON decoded for
        each row otherwise), nor more of an official than the name and country."""
        return (
            self.select_related("parent")
            .defer(*ROW_DEFERRED, *(f"parent__{name}" for name in ROW_DEFERRED))
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=Participation.objects.of_public_officials()
                    .select_related("official", "official__country")
                    .only(*PARTICIPANT_ROW_FIELDS)
                    .order_by("role", "pk"),
                ),
                "countries",
            )
        )


# What a meeting's row in a list leaves unread, and what it reads of each participation.
ROW_DEFERRED = ("extracted_values", "summary")
PARTICIPANT_ROW_FIELDS = (
    "meeting",
    "official",
    "role",
    "official__name",
    "official__country",
    "official__country__code",
    "official__country__name",
)


def involving(code: str):
    """A meeting involves a country: tagged with it, or one of its people is from it (the
    rule of the relationship page, /countries/<a>-<b>/, and of `?pair=` on the list)."""
    tagged = Meeting.countries.through.objects.filter(meeting_id=OuterRef("pk"), country__code=code)
    people = Participation.objects.filter(meeting_id=OuterRef("pk"), official__country__code=code)
    return Exists(tagged) | Exists(people)


def involving_by_probe(country_id: int):
    """The rule of `involving` written for reading a few meetings in order: one EXISTS over
    a UNION ALL, which PostgreSQL answers by probing two indexes per meeting it reads. Fast
    when many of the rows read qualify (the page of a common pair stops after a few hundred
    rows); `involving` is the faster way to count or scan a whole pair (PostgreSQL hashes
    each country's meetings once)."""
    tagged = Meeting.countries.through.objects.filter(
        meeting_id=OuterRef("pk"), country_id=country_id
    ).values("meeting_id")
    people = Participation.objects.filter(
        meeting_id=OuterRef("pk"), official__country_id=country_id
    ).values("meeting_id")
    return Exists(tagged.union(people, all=True))


class ParticipationQuerySet(models.QuerySet):
    def of_public_officials(self):
        """Participations of officials the public sees (not rejected, not merged away)."""
        return self.filter(official__merged_into__isnull=True).exclude(
            official__review_state=ReviewState.REJECTED
        )


class Fact(models.Model):
    """What officials, meetings and agreements share: review state and editor's changes."""

    review_state = models.CharField(
        max_length=10, choices=ReviewState, default=ReviewState.EXTRACTED, db_index=True
    )
    edited_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields an editor changed; extraction never writes them again.",
    )
    extracted_values = models.JSONField(
        default=dict, blank=True, help_text="The values extraction last proposed."
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        help_text="The record this one was found to be the same as; it stands for both.",
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Raised on every save: a stale edit form is refused, not applied."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(inherit=True)

    objects = FactQuerySet.as_manager()

    class Meta:
        abstract = True

    def mark_edited(self, *fields: str) -> None:
        """Record that an editor set these fields (the admin calls this on save)."""
        self.edited_fields = sorted(set(self.edited_fields) | set(fields))

    def is_edited(self, field: str) -> bool:
        return field in self.edited_fields


class Country(models.Model):
    code = models.CharField("ISO 3166-1 alpha-2", max_length=2, unique=True)
    name = models.CharField(max_length=100)
    adjectives = models.JSONField(
        default=list, blank=True, help_text="Adjective and demonym forms used in text."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class NameOrder(models.TextChoices):
    GIVEN_FIRST = "given_first", "Given name first"
    FAMILY_FIRST = "family_first", "Family name first"


class Official(Fact):
    name = models.CharField(max_length=200, help_text="Display name, without honorifics.")
    family_name = models.CharField(max_length=100, blank=True)
    given_name = models.CharField(max_length=100, blank=True)
    name_order = models.CharField(max_length=12, choices=NameOrder, blank=True)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="officials"
    )

    class Meta:
        ordering = ["name"]
        indexes = [
            # The officials list's order (name, id) over the officials it shows.
            models.Index(
                fields=["name", "id"],
                name="official_by_name",
                condition=VISIBLE,
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("relations:official", args=[self.pk])

    def survivor(self) -> "Official":
        """The record this one was merged into (itself when not merged)."""
        official, seen = self, set()
        while official.merged_into_id and official.pk not in seen:
            seen.add(official.pk)
            official = official.merged_into
        return official


class Alias(models.Model):
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(fields=["official", "name"], name="alias_unique_per_official")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


class Position(models.Model):
    """A post an official held, as the documents show it over time."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="positions")
    title = models.CharField(max_length=200)
    organization = models.CharField(max_length=200, blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)
    start = models.DateField(null=True, blank=True, help_text="Only when a text states it.")
    end = models.DateField(null=True, blank=True, help_text="Only when a text states it.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["official", "first_seen", "title"]
        constraints = [
            models.UniqueConstraint(fields=["official", "title"], name="position_unique_title")
        ]

    def __str__(self):
        return f"{self.title} ({self.official})"


class MeetingKind(models.TextChoices):
    OFFICIAL_VISIT = "official_visit", "Official visit"
    SUMMIT = "summit", "Summit"
    BILATERAL_MEETING = "bilateral_meeting", "Bilateral meeting"
    COURTESY_CALL = "courtesy_call", "Courtesy call"
    DIALOGUE = "dialogue", "Dialogue"
    PHONE_CALL = "phone_call", "Phone call"
    CEREMONY = "ceremony", "Ceremony"
    OTHER = "other", "Other"


class Meeting(Fact):
    kind = models.CharField(max_length=20, choices=MeetingKind, db_index=True)
    title = models.CharField(max_length=300)
    start_date = models.DateField(null=True, blank=True, db_index=True)
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecision, blank=True)
    location = models.CharField(max_length=200, blank=True)
    countries = models.ManyToManyField(Country, blank=True, related_name="meetings")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="meetings")
    summary = models.TextField(blank=True)
    participants = models.ManyToManyField(
        Official, through="Participation", related_name="meetings", blank=True
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=False, end_date__gte=models.F("start_date")),
                name="meeting_end_after_start",
            )
        ]
        indexes = [
            # The lists' order, newest first, is indexed by migration 0003 (`meeting_newest_first`,
            # NULLS LAST written as each database needs it).
            # A kind filter in that order, and the year facet under it.
            models.Index(
                fields=["kind", "-start_date", "-id"], name="meeting_kind_newest", condition=VISIBLE
            ),
            # Meetings of several days reaching into a period from before it.
            models.Index(
                fields=["end_date", "start_date"],
                name="meeting_ends",
                condition=VISIBLE & Q(end_date__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("relations:meeting", args=[self.pk])

    def involved_countries(self) -> list[Country]:
        """`involved_countries`, read from prefetched `countries` and `participations`."""
        return involved_countries(
            self.countries.all(), (p.official.country for p in self.participations.all())
        )


def involved_countries(tagged, of_people) -> list:
    """The countries a meeting involves: those it is tagged with, then those of its
    participants (the rule of `?pair=`), each once; None among `of_people` is no country."""
    found = {c.pk: c for c in tagged}
    for country in of_people:
        if country is not None:
            found.setdefault(country.pk, country)
    return list(found.values())


class DataVersion(models.Model):
    """One row whose number rises when a transaction changes the knowledge base: cached
    counts (relations.facet_cache) are valid only for the number they were counted under."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"data version {self.number}"


class ParticipantRole(models.TextChoices):
    HOST = "host", "Host"
    GUEST = "guest", "Guest"
    PARTICIPANT = "participant", "Participant"


class Participation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(
        max_length=12, choices=ParticipantRole, default=ParticipantRole.PARTICIPANT
    )
    history = HistoricalRecords()

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "official"], name="participation_unique_official"
            )
        ]

    def __str__(self):
        return f"{self.official} at {self.meeting} ({self.role})"


class AgreementKind(models.TextChoices):
    GRANT = "grant", "Grant"
    LOAN = "loan", "Loan"
    MOU = "mou", "Memorandum of understanding"
    EXCHANGE_OF_NOTES = "exchange_of_notes", "Exchange of notes"
    PROGRAMME = "programme", "Programme"
    PARTNERSHIP = "partnership", "Partnership"
    OTHER = "other", "Other"


class AgreementStatus(models.TextChoices):
    SIGNED = "signed", "Signed"
    ANNOUNCED = "announced", "Announced"
    AGREED = "agreed", "Agreed"


class Agreement(Fact):
    kind = models.CharField(max_length=20, choices=AgreementKind, db_index=True)
    title = models.CharField(max_length=300)
    amount = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    currency = models.CharField("ISO 4217 currency", max_length=3, blank=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=AgreementStatus, blank=True)
    parties = models.ManyToManyField(Country, blank=True, related_name="agreements")
    # Who gives and who receives (donor and recipient, lender and borrower), where a text
    # says so (documents.extraction.direction).
    from_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="agreements_given"
    )
    to_country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements_received",
    )
    signatories = models.ManyToManyField(Official, blank=True, related_name="agreements_signed")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="agreements"
    )
    terms = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "title"]
        # The list's order (newest first, undated last) is indexed by migration 0003.
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="agreement_amount_has_currency",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("relations:agreement", args=[self.pk])


class MergeKind(models.TextChoices):
    OFFICIAL = "official", "Officials"
    MEETING = "meeting", "Meetings"
    AGREEMENT = "agreement", "Agreements"


class MergeRecord(models.Model):
    """An editor's decision that two records are one; re-ingestion follows it for good."""

    kind = models.CharField(max_length=10, choices=MergeKind)
    survivor_id = models.PositiveBigIntegerField()
    merged_id = models.PositiveBigIntegerField()
    merged_label = models.CharField(max_length=300, help_text="What the merged record was called.")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(survivor_id=models.F("merged_id")), name="merge_two_records"
            )
        ]

    def __str__(self):
        return f"{self.merged_label} → #{self.survivor_id} ({self.kind})"
