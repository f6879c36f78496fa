"""The official, meeting and agreement admins: correct, review, see what extraction proposed."""

from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist
from django.db import models, router, transaction
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from documents.models import Evidence
from relations.admin.common import BOTH, INLINE_FIELDS, link, names, public_url
from relations.admin.descriptions import (
    date_range,
    describe_meeting,
    describe_official,
    outside_its_visit,
)
from relations.admin.inlines import AliasInline, EvidenceInline, ParticipationInline, PositionInline
from relations.admin.merge_split import MergeActionMixin
from relations.admin.review_queue import ReviewQueue
from relations.admin_changelist import SafeChangeListMixin
from relations.admin_forms import (
    FactAdminForm,
    IsoDateField,
    IsoDateWidget,
    MeetingAdminForm,
    extracted_display,
)
from relations.editing import merge_meetings, merge_officials, set_review_state
from relations.models import Agreement, Meeting, Official, Participation, ReviewState
from relations.templatetags.money import money


class EditedFilter(admin.SimpleListFilter):
    title = "edited by an editor"
    parameter_name = "edited"

    def lookups(self, request, model_admin):
        return (("yes", "Edited"), ("no", "As extracted"))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(edited_fields=[])
        if self.value() == "no":
            return queryset.filter(edited_fields=[])
        return None


class MergedFilter(admin.SimpleListFilter):
    title = "merged"
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return (("no", "Stands for itself"), ("yes", "Merged into another"))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        if self.value() == "no":
            return queryset.filter(merged_into__isnull=True)
        return None


class FactAdmin(MergeActionMixin, SafeChangeListMixin, SimpleHistoryAdmin):
    """What the official, meeting and agreement admins share."""

    form = FactAdminForm
    formfield_overrides = {models.DateField: {"form_class": IsoDateField, "widget": IsoDateWidget}}
    show_facets = admin.ShowFacets.ALWAYS
    list_per_page = 50
    actions = ("verify_selected", "reject_selected", "send_back_to_review")
    readonly_fields = ("version", "merged_into_link", "provenance")
    history_list_display = ("review_state", "version")
    review_fieldset = (
        "Review",
        {"fields": ("review_state", "merged_into_link", "version", "seen_version")},
    )
    provenance_fieldset = (
        "Extraction and edits",
        {
            "fields": ("provenance",),
            "description": "What extraction last proposed, and which fields an editor set. "
            "Re-ingestion never writes a field an editor set.",
        },
    )

    # ------------------------------------------------------------ queryset, pages
    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("merged_into")
            .annotate(source_count=self._source_count())
        )

    def _source_count(self):
        """How many sentences support the fact (a subquery: no GROUP BY to lose ordering)."""
        fk = self.model._meta.model_name  # Evidence.official / .meeting / .agreement
        sentences = (
            Evidence.objects.filter(**{fk: OuterRef("pk")})
            .order_by()
            .values(fk)
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(sentences, output_field=IntegerField()), 0)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete":
            # Pick what a merged record stands for, not the merged record.
            queryset = queryset.filter(merged_into__isnull=True)
        return queryset, may_have_duplicates

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("review_state", ReviewState.VERIFIED)  # an editor made it
        return initial

    def has_delete_permission(self, request, obj=None):
        # Rejecting is how a fact goes: a deleted one would be extracted again from its
        # documents, and the editor's decision lost. No Delete link, no delete page (403).
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {"review_queue_url": reverse("admin:relations_review_queue")} | (
            extra_context or {}
        )
        return super().changelist_view(request, extra_context)

    def view_on_site(self, obj):
        return public_url(obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Like the change view: one transaction, so the version check can lock the row.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    # ------------------------------------------------------------ columns, read-only fields
    @admin.display(description="sources", ordering="source_count")
    def sources(self, obj):
        return obj.source_count

    @admin.display(description="edited", boolean=True)
    def edited(self, obj):
        return bool(obj.edited_fields)

    @admin.display(description="merged into")
    def merged_into_link(self, obj):
        if not obj.merged_into_id:
            return "—"
        return format_html(
            "{} <span class='help'>(its page redirects there)</span>", link(obj.merged_into)
        )

    @admin.display(description="Fields")
    def provenance(self, obj):
        if obj.pk is None:
            return "—"
        extracted = obj.extracted_values or {}
        edited = set(obj.edited_fields)
        keys = list(dict.fromkeys([*extracted, *obj.edited_fields]))
        rows = [
            {
                "label": self._field_label(key),
                "extracted": extracted_display(key, extracted[key], self.model)
                if key in extracted
                else "(not proposed)",
                "by_editor": key in edited,
            }
            for key in keys
        ]
        return render_to_string("admin/relations/provenance.html", {"rows": rows})

    def _field_label(self, key: str) -> str:
        try:
            return capfirst(self.model._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:  # participants, titles …: not model fields of their own
            return capfirst(key.replace("_", " "))

    # ------------------------------------------------------------ saving
    def save_model(self, request, obj, form, change):
        """Record what the editor changed, and raise the version.

        On a change, a field counts as the editor's when its value now differs from the
        stored one (the row FactAdminForm locked): a form posted back unchanged marks
        nothing, and a revert marks what it puts back. Many-to-many fields are judged by
        the form (they are saved after this)."""
        changed = {name for name in form.changed_data if name != "seen_version"}
        current = getattr(form, "current", None)
        if current is not None:
            on_form = set(form.fields)
            for field in obj._meta.concrete_fields:
                changed.discard(field.name)
                if field.primary_key:
                    continue
                if field.name not in on_form:
                    # A revert form is built from an old copy: what the form does not hold
                    # (edits record, extracted values, merge) stays as it is now.
                    setattr(obj, field.attname, getattr(current, field.attname))
                elif field.value_from_object(obj) != field.value_from_object(current):
                    changed.add(field.name)
            obj.version = current.version + 1
        obj.mark_edited(*changed)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        touched = {
            INLINE_FIELDS[formset.model]
            for formset in formsets
            if formset.model in INLINE_FIELDS and formset.has_changed()
        }
        obj = form.instance
        if touched - set(obj.edited_fields):
            obj.mark_edited(*touched)
            # Part of the same save: update the row and the history record it just wrote,
            # rather than saving again (one history entry per edit).
            type(obj)._default_manager.filter(pk=obj.pk).update(edited_fields=obj.edited_fields)
            record = obj.history.order_by("-history_id").first()
            if record is not None:
                type(record)._default_manager.filter(pk=record.pk).update(
                    edited_fields=obj.edited_fields
                )

    # ------------------------------------------------------------ review actions
    def _review(self, request, queryset, state, done):
        facts = list(queryset)
        count = set_review_state(facts=facts, state=state)
        opts = self.model._meta
        noun = opts.verbose_name if count == 1 else opts.verbose_name_plural
        text = f"{done} {count} {noun}"
        if count:
            text += ": " + names(f for f in facts if f.review_state == state)
        if count < len(facts):
            text += f" ({len(facts) - count} already were)"
        if state == ReviewState.REJECTED and count:
            text += ". Rejected facts no longer appear on the public site or in the export"
        self.message_user(request, text + ".", messages.SUCCESS)

    @admin.action(
        description="Verify this %(verbose_name)s",
        description_plural="Verify selected %(verbose_name_plural)s",
        permissions=["change"],
        location=BOTH,
    )
    def verify_selected(self, request, queryset):
        self._review(request, queryset, ReviewState.VERIFIED, "Verified")

    @admin.action(
        description="Reject this %(verbose_name)s",
        description_plural="Reject selected %(verbose_name_plural)s",
        permissions=["change"],
        location=BOTH,
    )
    def reject_selected(self, request, queryset):
        self._review(request, queryset, ReviewState.REJECTED, "Rejected")

    @admin.action(
        description="Send this %(verbose_name)s back to the review queue",
        description_plural="Send selected %(verbose_name_plural)s back to the review queue",
        permissions=["change"],
        location=BOTH,
    )
    def send_back_to_review(self, request, queryset):
        self._review(request, queryset, ReviewState.EXTRACTED, "Sent back to review")


@admin.register(Official)
class OfficialAdmin(FactAdmin):
    list_display = (
        "name",
        "country",
        "current_post",
        "review_state",
        "sources",
        "edited",
        "merged_into",
        "updated_at",
    )
    list_filter = ("review_state", EditedFilter, MergedFilter, "country")
    search_fields = ("name", "aliases__name")
    actions = (*FactAdmin.actions, "merge_selected")
    fieldsets = (
        (None, {"fields": ("name", ("given_name", "family_name"), "name_order", "country")}),
        FactAdmin.review_fieldset,
        FactAdmin.provenance_fieldset,
    )
    inlines = (AliasInline, PositionInline, EvidenceInline)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("country")
            .prefetch_related("positions", "aliases")
        )

    def get_urls(self):
        queue = path(
            "review/",
            self.admin_site.admin_view(self.review_queue_view),
            name="relations_review_queue",
        )
        return [queue, *super().get_urls()]

    @admin.display(description="latest post")
    def current_post(self, official):
        posts = sorted(
            official.positions.all(), key=lambda p: (p.last_seen is not None, p.last_seen)
        )
        return posts[-1].title if posts else ""

    @admin.action(
        description="Merge selected %(verbose_name_plural)s (choose which to keep)",
        permissions=["change"],
    )
    def merge_selected(self, request, queryset):
        return self._merge(
            request, queryset, merge_officials, lambda o: describe_official(o, meetings=True)
        )

    def review_queue_view(self, request):
        return ReviewQueue(self.admin_site).view(request)


@admin.register(Meeting)
class MeetingAdmin(FactAdmin):
    form = MeetingAdminForm
    list_display = (
        "title",
        "kind",
        "dates",
        "location",
        "participant_names",
        "review_state",
        "sources",
        "edited",
    )
    list_filter = (
        "review_state",
        EditedFilter,
        MergedFilter,
        "kind",
        "date_precision",
        "countries",
    )
    search_fields = ("title", "location", "summary", "participations__official__name")
    date_hierarchy = "start_date"
    autocomplete_fields = ("parent",)
    filter_horizontal = ("countries", "topics")
    actions = (*FactAdmin.actions, "merge_selected")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "kind",
                    ("start_date", "end_date"),
                    "date_precision",
                    "location",
                    "parent",
                    "countries",
                    "topics",
                    "summary",
                )
            },
        ),
        FactAdmin.review_fieldset,
        FactAdmin.provenance_fieldset,
    )
    inlines = (ParticipationInline, EvidenceInline)

    def get_queryset(self, request):
        parts = Participation.objects.select_related("official").order_by("role", "official")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("participations", queryset=parts))
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        warning = outside_its_visit(obj)
        if warning:  # saved all the same: the editor may be about to correct the visit
            self.message_user(request, warning, messages.WARNING)

    @admin.display(description="dates", ordering="start_date")
    def dates(self, meeting):
        return date_range(meeting)

    @admin.display(description="participants")
    def participant_names(self, meeting):
        return names(p.official for p in meeting.participations.all())

    @admin.action(
        description="Merge selected %(verbose_name_plural)s (choose which to keep)",
        permissions=["change"],
    )
    def merge_selected(self, request, queryset):
        return self._merge(request, queryset, merge_meetings, describe_meeting)


@admin.register(Agreement)
class AgreementAdmin(FactAdmin):
    list_display = (
        "title",
        "kind",
        "amount_display",
        "date",
        "status",
        "review_state",
        "sources",
        "edited",
    )
    list_filter = (
        "review_state",
        EditedFilter,
        MergedFilter,
        "kind",
        "status",
        "currency",
        "parties",
    )
    search_fields = ("title", "terms", "signatories__name")
    date_hierarchy = "date"
    autocomplete_fields = ("meeting", "signatories")
    filter_horizontal = ("parties",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "kind",
                    ("amount", "currency"),
                    "date",
                    "status",
                    "parties",
                    "signatories",
                    "meeting",
                    "terms",
                )
            },
        ),
        FactAdmin.review_fieldset,
        FactAdmin.provenance_fieldset,
    )
    inlines = (EvidenceInline,)

    @admin.display(description="amount", ordering="amount")
    def amount_display(self, agreement):
        return money(agreement.amount, agreement.currency)
