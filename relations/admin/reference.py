"""Reference data and records: merge decisions, countries, topics."""

from django.contrib import admin

from relations.admin.common import link
from relations.admin_changelist import SafeChangeListMixin
from relations.models import Agreement, Country, Meeting, MergeRecord, Official, Topic


@admin.register(MergeRecord)
class MergeRecordAdmin(SafeChangeListMixin, admin.ModelAdmin):
    """Editors' merge decisions, for the record (made with the merge actions)."""

    list_display = ("merged_label", "kind", "survivor", "editor", "created_at")
    list_filter = ("kind",)
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ("merged_label",)
    date_hierarchy = "created_at"

    @admin.display(description="kept")
    def survivor(self, record):
        model = {"official": Official, "meeting": Meeting, "agreement": Agreement}[record.kind]
        obj = model.objects.filter(pk=record.survivor_id).first()
        return link(obj) if obj else f"#{record.survivor_id} (gone)"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Country)
class CountryAdmin(SafeChangeListMixin, admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Topic)
class TopicAdmin(SafeChangeListMixin, admin.ModelAdmin):
    search_fields = ("name",)
