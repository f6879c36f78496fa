"""Sources in the admin; documents arrive through the upload page, never the plain add form:
the upload runs the same ingestion pipeline as `manage.py ingest`."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from documents.forms import UploadForm
from documents.models import Document, Evidence, Ingestion, IngestionState
from documents.services import document_facts
from documents.tasks import runs_in_background
from relations.admin_changelist import SafeChangeListMixin
from relations.models import ReviewState

FACT_SECTIONS = (
    ("official", "Officials"),
    ("meeting", "Meetings"),
    ("agreement", "Agreements"),
)


def review_queue_urls() -> list[tuple[str, str]]:
    """Where editors review what extraction proposed: each kind's facts not yet reviewed."""
    return [
        (
            label,
            reverse(f"admin:relations_{kind}_changelist")
            + f"?review_state__exact={ReviewState.EXTRACTED}",
        )
        for kind, label in FACT_SECTIONS
    ]


@admin.register(Document)
class DocumentAdmin(SafeChangeListMixin, admin.ModelAdmin):
    list_display = ("title", "publisher", "published_on", "kind", "file_name")
    list_filter = ("kind", "publisher")
    search_fields = ("title", "file_name", "text")
    # The text is the source as read: every evidence span points into it, and its SHA-256
    # is what tells a file already stored. Editors correct the metadata, not the text.
    readonly_fields = (
        "sha256",
        "file_name",
        "extractor_version",
        "edited_fields",
        "source_metadata",
        "page_starts",
        "text",
    )

    def save_model(self, request, obj, form, change):
        """Metadata an editor corrects here is kept when the document is extracted again."""
        if change:
            corrected = {"title", "publisher", "byline", "published_on", "kind", "url"} & set(
                form.changed_data
            )
            obj.edited_fields = sorted(set(obj.edited_fields or []) | corrected)
        super().save_model(request, obj, form, change)

    date_hierarchy = "published_on"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("upload/", view(self.upload_view), name=f"{prefix}_upload"),
            path(
                "<int:object_id>/ingested/",
                view(self.ingested_view),
                name=f"{prefix}_ingested",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """A document is added by uploading it, so that its facts are extracted too."""
        return HttpResponseRedirect(reverse("admin:documents_document_upload"))

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid() and runs_in_background():
            job = form.enqueue()
            self.message_user(
                request,
                format_html("“{}” is queued: a worker will ingest it.", job.file_name),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:documents_ingestion_changelist") + f"?batch={job.batch}"
            )
        if request.method == "POST" and form.is_valid() and (outcome := form.ingest()):
            document = outcome.document
            self.log_addition(request, document, [{"added": {}}])
            self.message_user(
                request,
                format_html("“{}” was ingested.", document),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:documents_document_ingested", args=[document.pk])
            )
        duplicate = form.duplicate
        context = {
            **self.admin_site.each_context(request),
            "title": "Upload a document",
            "opts": self.opts,
            "form": form,
            "duplicate": duplicate,
            "duplicate_url": (
                reverse("admin:documents_document_ingested", args=[duplicate.pk])
                if duplicate
                else None
            ),
            "max_bytes": settings.BILATERAL_MAX_DOCUMENT_BYTES,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/documents/document/upload.html", context)

    def ingested_view(self, request, object_id):
        """What a document brought: its facts, new or merged into known ones."""
        document = get_object_or_404(Document, pk=object_id)
        if not self.has_view_permission(request, document):
            raise PermissionDenied
        found = document_facts(document)
        sections = []
        for kind, label in FACT_SECTIONS:
            facts = found[kind]
            sections.append(
                {
                    "kind": kind,
                    "label": label,
                    "facts": [
                        {
                            "fact": f.fact,
                            "created": f.created,
                            "url": reverse(f"admin:relations_{kind}_change", args=[f.fact.pk]),
                        }
                        for f in facts
                    ],
                    "created": sum(1 for f in facts if f.created),
                    "merged": sum(1 for f in facts if not f.created),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Ingested: {document}",
            "opts": self.opts,
            "document": document,
            "original": document,
            "sections": sections,
            "review_queue": review_queue_urls(),
            "has_add_permission": self.has_add_permission(request),
            "has_change_permission": self.has_change_permission(request, document),
        }
        return TemplateResponse(request, "admin/documents/document/ingested.html", context)


@admin.register(Evidence)
class EvidenceAdmin(SafeChangeListMixin, admin.ModelAdmin):
    list_display = ("document", "fingerprint", "start", "end", "extractor_version")
    list_select_related = ("document",)
    search_fields = ("quote",)
    raw_id_fields = ("document", "official", "meeting", "agreement")


@admin.register(Ingestion)
class IngestionAdmin(SafeChangeListMixin, admin.ModelAdmin):
    """Files handed to the task queue: each one's state, and a batch's progress."""

    list_display = ("file_name", "state", "outcome", "message", "document_link", "enqueued_at")
    list_filter = ("state", "outcome")
    search_fields = ("file_name", "batch", "message")
    list_select_related = ("document",)
    exclude = ("data",)
    readonly_fields = [f.name for f in Ingestion._meta.fields if f.name != "data"]

    def has_add_permission(self, request):
        return False  # files are enqueued by `ingest --enqueue` or the upload page

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="document")
    def document_link(self, obj):
        if not obj.document_id:
            return "—"
        url = reverse("admin:documents_document_ingested", args=[obj.document_id])
        return format_html('<a href="{}">{}</a>', url, obj.document)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).defer("data")
        batch = request.GET.get("batch")
        return queryset.filter(batch=batch) if batch else queryset

    def lookup_allowed(self, lookup, value, request=None):
        return lookup == "batch" or super().lookup_allowed(lookup, value, request)

    def changelist_view(self, request, extra_context=None):
        """Above the list: how far the batch asked for (else every file) has got."""
        queryset = Ingestion.objects.all()
        if batch := request.GET.get("batch"):
            queryset = queryset.filter(batch=batch)
        counts = dict(queryset.values_list("state").annotate(n=Count("pk")).order_by())
        progress = [(label, counts.get(state, 0)) for state, label in IngestionState.choices]
        total = sum(counts.values())
        finished = counts.get(IngestionState.DONE, 0) + counts.get(IngestionState.FAILED, 0)
        extra_context = {
            **(extra_context or {}),
            "progress": progress,
            "progress_total": total,
            "progress_finished": finished,
            "progress_batch": batch,
        }
        return super().changelist_view(request, extra_context)
