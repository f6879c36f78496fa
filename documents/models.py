"""Sources and provenance: the documents read, and the evidence linking each fact to them."""

import bisect

from django.db import models
from django.db.models import Q
from django.urls import reverse

from relations.models import Agreement, Meeting, Official


class DocumentKind(models.TextChoices):
    NEWS = "news", "News"
    PRESS_RELEASE = "press_release", "Press release"
    ANALYSIS = "analysis", "Analysis"
    OTHER = "other", "Other"


class Document(models.Model):
    file_name = models.CharField(max_length=255, db_index=True)
    sha256 = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=200, blank=True)
    byline = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True, db_index=True)
    kind = models.CharField(max_length=15, choices=DocumentKind, default=DocumentKind.OTHER)
    url = models.URLField(
        "address", max_length=2000, blank=True, help_text="Where the source was published."
    )
    text = models.TextField(help_text="The text as read, cleaned of markup; spans refer to it.")
    source_metadata = models.JSONField(
        default=dict,
        blank=True,
        help_text="What the source said of itself (a page's markup, a PDF's information, a "
        "sidecar file or manifest row); it stands before what extraction reads in the text.",
    )
    page_starts = models.JSONField(
        default=list,
        blank=True,
        help_text="For a PDF: where each page begins in the text (page 1 first).",
    )
    extractor_version = models.CharField(max_length=20, blank=True)
    edited_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Metadata an editor set (title, publisher, date, kind, address); re-extraction "
        "keeps it.",
    )
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "file_name"]

    def __str__(self):
        return self.title or self.file_name

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    def page_at(self, offset: int) -> int | None:
        """The page (from 1) of a PDF the text at `offset` was printed on; None otherwise."""
        return bisect.bisect_right(self.page_starts, offset) or None if self.page_starts else None


class Evidence(models.Model):
    """One place in one document that supports one fact."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="evidence")
    official = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    fingerprint = models.CharField(
        max_length=200,
        help_text="What extraction called this fact in this document; finds it again on "
        "re-extraction whatever an editor changed.",
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    extractor_version = models.CharField(max_length=20)

    class Meta:
        ordering = ["document", "start"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(official__isnull=False, meeting__isnull=True, agreement__isnull=True)
                    | Q(official__isnull=True, meeting__isnull=False, agreement__isnull=True)
                    | Q(official__isnull=True, meeting__isnull=True, agreement__isnull=False)
                ),
                name="evidence_supports_one_fact",
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="evidence_span"),
        ]
        indexes = [models.Index(fields=["document", "fingerprint"], name="evidence_fingerprint")]

    def __str__(self):
        return f"{self.document.file_name} [{self.start}:{self.end}]"

    @property
    def page(self) -> int | None:
        """The PDF page the quote starts on (None for other sources)."""
        return self.document.page_at(self.start)

    @property
    def fact(self):
        return self.official or self.meeting or self.agreement


class IngestionState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Ingestion(models.Model):
    """One file handed to the task queue (`ingest --enqueue`, or an upload while a queue
    backend is configured): its bytes travel in the database, so a worker on any machine
    sharing it can ingest them."""

    batch = models.CharField(max_length=40, db_index=True, help_text="One enqueue run.")
    file_name = models.CharField(max_length=255)
    data = models.BinaryField(help_text="The file's bytes; emptied once it is done.")
    given_metadata = models.JSONField(
        default=dict, blank=True, help_text="Metadata from a sidecar file or manifest row."
    )
    editor_metadata = models.JSONField(
        default=dict, blank=True, help_text="Title and date an editor gave with an upload."
    )
    state = models.CharField(
        max_length=10, choices=IngestionState, default=IngestionState.QUEUED, db_index=True
    )
    outcome = models.CharField(max_length=15, blank=True, help_text="new, unchanged or failed")
    message = models.TextField(blank=True, help_text="Why it failed, for a person.")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL)
    task_id = models.CharField(max_length=64, blank=True)
    enqueued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-enqueued_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.get_state_display()})"
