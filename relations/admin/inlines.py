"""The rows shown inside a fact's change page: evidence (read-only), aliases, posts,
participants."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.template.loader import render_to_string
from django.utils.html import format_html

from documents.models import Evidence
from relations.admin.common import admin_url, document_day, evidence_links
from relations.models import Alias, Participation, Position


class ReadOnlyFormSet(BaseInlineFormSet):
    """An inline formset that shows its rows and takes nothing from a post: never bound,
    always valid, saves nothing. Its template renders no field to post."""

    def __init__(self, data=None, files=None, *args, **kwargs):
        super().__init__(None, None, *args, **kwargs)

    def is_valid(self):
        return True

    def has_changed(self):
        return False

    def save(self, commit=True):
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        return []


class EvidenceInline(admin.TabularInline):
    """The sentences that support a fact, with the way to their document (read-only)."""

    model = Evidence
    formset = ReadOnlyFormSet
    template = "admin/relations/evidence_inline.html"
    extra = 0
    fields = ("quoted", "source")
    readonly_fields = fields
    can_delete = False
    verbose_name = "evidence"
    verbose_name_plural = "evidence: the sentences that support it"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("document")
            .order_by(document_day(), "document_id", "start")
        )

    @admin.display(description="Quoted sentence")
    def quoted(self, ev):
        return format_html("“{}”", ev.quote)

    @admin.display(description="Document")
    def source(self, ev):
        info = evidence_links(ev)
        day = info["document"].published_on or info["document"].ingested_at.date()
        return render_to_string("admin/relations/evidence_source.html", {**info, "day": day})


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0
    fields = ("name", "split")
    readonly_fields = ("split",)

    @admin.display(description="Another person?")
    def split(self, alias):
        if alias.pk is None:
            return ""
        return format_html('<a href="{}">Split off…</a>', admin_url(alias))


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    fields = ("title", "organization", "country", "first_seen", "last_seen", "start", "end")


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fields = ("official", "role", "manage")
    readonly_fields = ("manage",)
    autocomplete_fields = ("official",)

    @admin.display(description="Wrong person?")
    def manage(self, participation):
        if participation.pk is None:
            return ""
        return format_html('<a href="{}">Move or take off…</a>', admin_url(participation))
