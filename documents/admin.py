from django.contrib import admin

from documents.models import Document, Evidence


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "published_on", "kind", "file_name")
    list_filter = ("kind", "publisher")
    search_fields = ("title", "file_name", "text")
    date_hierarchy = "published_on"


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("document", "fingerprint", "start", "end", "extractor_version")
    list_select_related = ("document",)
    search_fields = ("quote",)
    raw_id_fields = ("document", "official", "meeting", "agreement")
