"""A first admin for editors: every fact editable, and every change remembered as the
editor's, so re-ingestion never overwrites it (see relations.services)."""

from django.contrib import admin

from documents.models import Evidence
from relations.models import (
    Agreement,
    Alias,
    Country,
    Meeting,
    Official,
    Participation,
    Position,
    Topic,
)


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ("document", "quote", "extractor_version")
    readonly_fields = fields
    can_delete = False
    show_change_link = True


class EditorTrackingAdmin(admin.ModelAdmin):
    """Marks the fields and inlines an editor changed in `edited_fields`."""

    readonly_fields = ("edited_fields", "extracted_values")

    def save_model(self, request, obj, form, change):
        if change:
            obj.mark_edited(*form.changed_data)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if change and formset.has_changed() and hasattr(form.instance, "mark_edited"):
            name = {Participation: "participants", Position: "positions", Alias: "aliases"}.get(
                formset.model
            )
            if name:
                form.instance.mark_edited(name)
                form.instance.save(update_fields=["edited_fields"])


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0
    fields = ("name",)


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ("official",)


@admin.register(Official)
class OfficialAdmin(EditorTrackingAdmin):
    list_display = ("name", "country", "review_state", "updated_at")
    list_filter = ("review_state", "country")
    search_fields = ("name", "aliases__name")
    inlines = (AliasInline, PositionInline, EvidenceInline)


@admin.register(Meeting)
class MeetingAdmin(EditorTrackingAdmin):
    list_display = ("title", "kind", "start_date", "end_date", "location", "review_state")
    list_filter = ("review_state", "kind", "countries")
    search_fields = ("title", "summary", "location")
    date_hierarchy = "start_date"
    autocomplete_fields = ("parent",)
    filter_horizontal = ("countries", "topics")
    inlines = (ParticipationInline, EvidenceInline)


@admin.register(Agreement)
class AgreementAdmin(EditorTrackingAdmin):
    list_display = ("title", "kind", "amount", "currency", "date", "status", "review_state")
    list_filter = ("review_state", "kind", "status", "currency")
    search_fields = ("title", "terms")
    date_hierarchy = "date"
    autocomplete_fields = ("meeting", "signatories")
    filter_horizontal = ("parties",)
    inlines = (EvidenceInline,)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    search_fields = ("name",)
