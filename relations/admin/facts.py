"""The editors' admin: review, correct, merge and split what extraction found.

- Correct: every field of every fact is editable. Whatever an editor changes (form fields,
  and the participants / posts / aliases inlines) is recorded in the fact's `edited_fields`,
  so re-ingestion never writes it again (relations.services). The change form shows, per
  field, what extraction proposed and whether an editor set it.
- Review queue (`admin:relations_review_queue`, linked from the admin index and from the fact
  lists): every fact still `extracted`, oldest documents first, beside its quoted evidence,
  with verify / reject for one or many. The fact lists have the same actions.
- Merge: the "Merge selected …" action on officials and meetings asks which record to keep,
  then calls relations.editing.merge_officials / merge_meetings.
- Split: "Split off as its own official" on aliases; "Take off the meeting" and "Move to
  another official" on participations (also from the alias / participation change pages,
  which the official's and meeting's inlines link to).
- History: SimpleHistoryAdmin (who, when, what; revert).
- Two editors at once: FactAdminForm (relations.admin_forms) refuses a save made from a form
  opened at an older `version`; every save raises the version.

Writes that are editors' decisions go through relations.editing.
"""

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation, helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import router, transaction
from django.db.models import (
    CharField,
    Count,
    F,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from documents.models import Evidence
from relations.admin_changelist import SafeChangeListMixin
from relations.admin_forms import FactAdminForm, MoveParticipationForm, extracted_display
from relations.editing import (
    EditingError,
    merge_meetings,
    merge_officials,
    move_participation,
    set_review_state,
    split_alias,
)
from relations.models import (
    Agreement,
    Alias,
    Country,
    Meeting,
    MergeRecord,
    Official,
    Participation,
    Position,
    ReviewState,
    Topic,
)
from relations.templatetags.money import money

BOTH = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]
PUBLIC_URLS = {
    "official": "relations:official",
    "meeting": "relations:meeting",
    "agreement": "relations:agreement",
}
# The names under which inline changes are recorded in `edited_fields` (and respected by
# re-ingestion): relations.services checks "participants", "positions" and "aliases".
INLINE_FIELDS = {Participation: "participants", Position: "positions", Alias: "aliases"}


# --------------------------------------------------------------------------- helpers


def admin_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def public_url(obj) -> str | None:
    name = PUBLIC_URLS.get(obj._meta.model_name)
    return reverse(name, args=[obj.pk]) if name else None


def link(obj, text=None):
    return format_html('<a href="{}">{}</a>', admin_url(obj), text if text is not None else obj)


def record_edit(fact, *fields: str) -> None:
    """An editor changed something the fact's own form does not hold (an alias, a
    participation): remember it as theirs and raise the version, so open forms go stale."""
    fact.mark_edited(*fields)
    fact.version += 1
    fact.save(update_fields=["edited_fields", "version", "updated_at"])


def from_change_form(request) -> bool:
    return f"{ActionLocation.CHANGE_FORM.value}-action" in request.POST


def document_day():
    """A document's date: when it was published, else when it was read in."""
    return Coalesce("document__published_on", TruncDate("document__ingested_at"))


def evidence_prefetch() -> Prefetch:
    return Prefetch(
        "evidence",
        queryset=Evidence.objects.select_related("document").order_by(
            document_day(), "document_id", "start"
        ),
    )


def evidence_links(ev) -> dict:
    document = ev.document
    try:
        document_admin = reverse("admin:documents_document_change", args=[document.pk])
    except NoReverseMatch:  # the documents admin is not registered
        document_admin = None
    return {
        "quote": ev.quote,
        "document": document,
        "public_url": reverse("documents:detail", args=[document.pk]) + f"#ev-{ev.pk}",
        "admin_url": document_admin,
    }


def names(objects) -> str:
    return ", ".join(str(o) for o in objects)


# --------------------------------------------------------------------------- filters


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


# --------------------------------------------------------------------------- inlines


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
        document = info["document"]
        day = document.published_on or document.ingested_at.date()
        admin_link = (
            format_html(' · <a href="{}">admin</a>', info["admin_url"]) if info["admin_url"] else ""
        )
        return format_html(
            '{} ({}, <span class="help">{}</span>)<br><a href="{}">public page</a>{}',
            document,
            day.isoformat(),
            document.file_name,
            info["public_url"],
            admin_link,
        )


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


# --------------------------------------------------------------------------- facts


class FactAdmin(SafeChangeListMixin, SimpleHistoryAdmin):
    """What the official, meeting and agreement admins share."""

    form = FactAdminForm
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
        if not keys:
            return "Nothing recorded: no field was set by an editor, and extraction kept no values."
        rows = []
        for key in keys:
            rows.append(
                (
                    self._field_label(key),
                    extracted_display(key, extracted[key], self.model)
                    if key in extracted
                    else "(not proposed)",
                    format_html("<strong>{}</strong>", "editor") if key in edited else "extraction",
                )
            )
        body = format_html_join("", "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>", rows)
        return format_html(
            "<table class='provenance'><thead><tr><th scope='col'>Field</th>"
            "<th scope='col'>Extracted value</th><th scope='col'>Set by</th></tr></thead>"
            "<tbody>{}</tbody></table><p class='help'>Fields not listed hold what extraction "
            "first wrote.</p>",
            body,
        )

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

    # ------------------------------------------------------------ merging
    def _merge(self, request, queryset, merge, describe):
        opts = self.model._meta
        records = list(queryset.order_by("pk"))
        if len(records) < 2:
            self.message_user(
                request,
                f"Select two or more {opts.verbose_name_plural} to merge.",
                messages.WARNING,
            )
            return None
        if request.POST.get("post") == "yes":
            chosen = request.POST.get("survivor", "")
            survivor = next((r for r in records if str(r.pk) == chosen), None)
            if survivor is None:
                self.message_user(
                    request, f"Choose the {opts.verbose_name} to keep.", messages.ERROR
                )
            else:
                others = [r for r in records if r.pk != survivor.pk]
                try:
                    with transaction.atomic(using=router.db_for_write(self.model)):
                        for other in others:
                            merge(survivor=survivor, other=other, editor=request.user)
                except EditingError as exc:
                    self.message_user(request, f"Nothing was merged: {exc}", messages.ERROR)
                    return None
                self.message_user(
                    request,
                    format_html(
                        "Merged {} into {}: everything they held now belongs to it, and their "
                        "public pages redirect to its page.",
                        names(others),
                        link(survivor),
                    ),
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(admin_url(survivor))
        keep = min(
            records,
            key=lambda r: (
                bool(r.merged_into_id),
                r.review_state != ReviewState.VERIFIED,
                -getattr(r, "source_count", 0),
                r.pk,
            ),
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {opts.verbose_name_plural}",
            "opts": opts,
            "records": [
                {
                    "obj": r,
                    "details": describe_merged(r, describe(r)),
                    "admin_url": admin_url(r),
                    "public_url": public_url(r),
                    "checked": r.pk == keep.pk,
                }
                for r in records
            ],
            "action": "merge_selected",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/relations/merge_confirm.html", context)


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


# --------------------------------------------------------------------------- descriptions


def date_range(meeting) -> str:
    start, end = meeting.start_date, meeting.end_date
    if not start:
        return "undated"
    if not end or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


def describe_official(official, meetings: bool = False) -> list[str]:
    lines = []
    if official.country_id:
        lines.append(f"Country: {official.country}")
    aliases = [a.name for a in official.aliases.all()]
    if aliases:
        lines.append("Also written: " + ", ".join(aliases))
    posts = [p.title for p in official.positions.all()]
    if posts:
        lines.append("Posts: " + ", ".join(posts))
    if meetings:
        lines.append(f"Meetings: {official.participations.count()}")
    return lines


def describe_meeting(meeting) -> list[str]:
    lines = [f"{meeting.get_kind_display()}, {date_range(meeting)}"]
    if meeting.location:
        lines.append(f"Where: {meeting.location}")
    people = [str(p.official) for p in meeting.participations.all()]
    if people:
        lines.append("Participants: " + ", ".join(people))
    return lines


def describe_agreement(agreement) -> list[str]:
    lines = [agreement.get_kind_display()]
    amount = money(agreement.amount, agreement.currency)
    if amount:
        lines.append(f"Amount: {amount}")
    if agreement.date:
        lines.append(f"Date: {agreement.date.isoformat()}")
    if agreement.status:
        lines.append(f"Status: {agreement.get_status_display()}")
    parties = [str(c) for c in agreement.parties.all()]
    if parties:
        lines.append("Parties: " + ", ".join(parties))
    return lines


def describe_merged(fact, lines: list[str]) -> list[str]:
    if fact.merged_into_id:
        lines = [*lines, f"Already merged into {fact.merged_into}"]
    return lines


# --------------------------------------------------------------------------- review queue


class ReviewQueue:
    """Every fact still `extracted` (merged records excepted: their survivor stands for
    them), officials, meetings and agreements together, the one first seen in the oldest
    document first, each beside the sentences that support it; verify or reject one or many.

    A fact's date is that of its earliest evidence document (published, else read in);
    facts without evidence come last. Facts of one document stay together.
    """

    KINDS = {
        "official": (Official, 0, describe_official),
        "meeting": (Meeting, 1, describe_meeting),
        "agreement": (Agreement, 2, describe_agreement),
    }
    QUOTES_SHOWN = 3
    PER_PAGE = 25

    def __init__(self, site):
        self.site = site

    def _admin(self, kind):
        return self.site._registry[self.KINDS[kind][0]]

    def _pending(self, kind):
        model = self.KINDS[kind][0]
        return model.objects.filter(review_state=ReviewState.EXTRACTED, merged_into__isnull=True)

    def _rows(self, kind):
        _, rank, _ = self.KINDS[kind]
        day = Coalesce(
            "evidence__document__published_on", TruncDate("evidence__document__ingested_at")
        )
        return (
            self._pending(kind)
            .annotate(
                fact_kind=Value(kind, output_field=CharField()),
                rank=Value(rank, output_field=IntegerField()),
                first_seen=Min(day),
                first_document=Min("evidence__document_id"),
            )
            .values_list("fact_kind", "pk", "first_seen", "first_document", "rank")
            .order_by()
        )

    def view(self, request):
        kinds = [k for k in self.KINDS if self._admin(k).has_view_permission(request)]
        if not kinds:
            raise PermissionDenied
        if request.method == "POST":
            self._act(request, kinds)
            return redirect(request.get_full_path())
        shown = request.GET.get("kind")
        shown = shown if shown in kinds else None
        selected = [shown] if shown else kinds
        parts = [self._rows(k) for k in selected]
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        rows = rows.order_by(F("first_seen").asc(nulls_last=True), "first_document", "rank", "pk")
        page = Paginator(rows, self.PER_PAGE).get_page(request.GET.get("p"))
        entries = self._entries(list(page.object_list))
        tabs = [
            {
                "kind": k,
                "label": capfirst(self.KINDS[k][0]._meta.verbose_name_plural),
                "count": self._pending(k).count(),
                "url": "?" + urlencode({"kind": k}),
                "current": shown == k,
            }
            for k in kinds
        ]
        context = {
            **self.site.each_context(request),
            "title": "Review queue",
            "subtitle": "Facts no editor has checked yet, oldest documents first",
            "entries": entries,
            "page": page,
            "tabs": tabs,
            "all_current": shown is None,
            "total": sum(t["count"] for t in tabs),
            "prev_url": self._page_url(shown, page.previous_page_number())
            if page.has_previous()
            else None,
            "next_url": self._page_url(shown, page.next_page_number()) if page.has_next() else None,
        }
        request.current_app = self.site.name
        return TemplateResponse(request, "admin/relations/review_queue.html", context)

    @staticmethod
    def _page_url(kind, number) -> str:
        return "?" + urlencode({"kind": kind, "p": number} if kind else {"p": number})

    def _entries(self, rows) -> list[dict]:
        wanted: dict[str, list[int]] = {}
        for kind, pk, *_ in rows:
            wanted.setdefault(kind, []).append(pk)
        objects = {}
        for kind, pks in wanted.items():
            model = self.KINDS[kind][0]
            query = model.objects.filter(pk__in=pks).prefetch_related(evidence_prefetch())
            if model is Official:
                query = query.select_related("country").prefetch_related("aliases", "positions")
            elif model is Meeting:
                query = query.prefetch_related("participations__official")
            else:
                query = query.prefetch_related("parties")
            objects.update({(kind, obj.pk): obj for obj in query})
        entries = []
        for kind, pk, first_seen, _, _ in rows:
            obj = objects.get((kind, pk))
            if obj is None:
                continue
            evidence = list(obj.evidence.all())
            entries.append(
                {
                    "kind": kind,
                    "kind_label": capfirst(obj._meta.verbose_name),
                    "obj": obj,
                    "value": f"{kind}:{pk}",
                    "details": self.KINDS[kind][2](obj),
                    "evidence": [evidence_links(ev) for ev in evidence[: self.QUOTES_SHOWN]],
                    "more": max(0, len(evidence) - self.QUOTES_SHOWN),
                    "first_seen": first_seen,
                    "admin_url": admin_url(obj),
                    "public_url": public_url(obj),
                }
            )
        return entries

    def _act(self, request, kinds) -> None:
        row = request.POST.get("row_action", "")
        if row:
            action, _, value = row.partition(":")
            values = [value]
        else:
            action = request.POST.get("action", "")
            values = request.POST.getlist("selected")
        state = {"verify": ReviewState.VERIFIED, "reject": ReviewState.REJECTED}.get(action)
        if state is None:
            messages.error(request, "Choose to verify or to reject.")
            return
        chosen: dict[str, list[int]] = {}
        for value in values:
            kind, _, pk = value.partition(":")
            if kind in kinds and pk.isdigit():
                chosen.setdefault(kind, []).append(int(pk))
        if not chosen:
            messages.warning(request, "Select one or more facts first.")
            return
        for kind in chosen:
            if not self._admin(kind).has_change_permission(request):
                raise PermissionDenied
        facts = [
            fact
            for kind, pks in chosen.items()
            for fact in self.KINDS[kind][0].objects.filter(pk__in=pks).order_by("pk")
        ]
        count = set_review_state(facts=facts, state=state)
        done = "Verified" if state == ReviewState.VERIFIED else "Rejected"
        text = f"{done} {count} fact{'s' if count != 1 else ''}"
        if count:
            text += ": " + names(facts)
        if state == ReviewState.REJECTED and count:
            text += ". They no longer appear on the public site or in the export"
        messages.success(request, text + ".")


# --------------------------------------------------------------------------- splitting


@admin.register(Alias)
class AliasAdmin(SafeChangeListMixin, SimpleHistoryAdmin):
    """An official's other spellings. Splitting one off makes it an official of its own."""

    list_display = ("name", "official_link")
    list_select_related = ("official",)
    search_fields = ("name", "official__name")
    autocomplete_fields = ("official",)
    actions = ("split_selected",)

    @admin.display(description="official", ordering="official__name")
    def official_link(self, alias):
        return link(alias.official)

    @admin.action(
        description="Split off as its own official",
        description_plural="Split selected aliases off as officials of their own",
        permissions=["change"],
        location=BOTH,
    )
    def split_selected(self, request, queryset):
        aliases = list(queryset.select_related("official"))
        made = []
        try:
            with transaction.atomic(using=router.db_for_write(Alias)):
                for alias in aliases:
                    made.append((alias.official, split_alias(alias=alias, editor=request.user)))
        except EditingError as exc:
            self.message_user(request, f"Nothing was split: {exc}", messages.ERROR)
            return None
        for official, person in made:
            self.message_user(
                request,
                format_html(
                    "“{}” is now an official of its own ({}) and no longer an alias of {}.",
                    person.name,
                    link(person, "edit"),
                    link(official),
                ),
                messages.SUCCESS,
            )
        if len(made) == 1 or from_change_form(request):
            return HttpResponseRedirect(admin_url(made[0][1]))
        return None

    def save_model(self, request, obj, form, change):
        before = form.initial.get("official") if change else None
        super().save_model(request, obj, form, change)
        for official in Official.objects.filter(pk__in={before, obj.official_id} - {None}):
            record_edit(official, "aliases")

    def delete_model(self, request, obj):
        official = obj.official
        super().delete_model(request, obj)
        record_edit(official, "aliases")

    def delete_queryset(self, request, queryset):
        officials = list(Official.objects.filter(aliases__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for official in officials:
            record_edit(official, "aliases")


@admin.register(Participation)
class ParticipationAdmin(SafeChangeListMixin, SimpleHistoryAdmin):
    """Who took part in which meeting. Move one to the right person, or take it away."""

    list_display = ("official", "meeting_link", "role")
    list_select_related = ("official", "meeting")
    list_filter = ("role",)
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ("official__name", "meeting__title")
    autocomplete_fields = ("official", "meeting")
    actions = ("take_off_meeting", "move_to_official")

    @admin.display(description="meeting", ordering="meeting__title")
    def meeting_link(self, participation):
        return link(participation.meeting)

    @admin.action(
        description="Take this participation off its meeting",
        description_plural="Take selected participations off their meetings",
        permissions=["change"],
        location=BOTH,
    )
    def take_off_meeting(self, request, queryset):
        parts = list(queryset.select_related("official", "meeting"))
        with transaction.atomic(using=router.db_for_write(Participation)):
            for part in parts:
                move_participation(participation=part, to=None, editor=request.user)
        self.message_user(
            request,
            "Taken off: "
            + "; ".join(f"{p.official} from {p.meeting}" for p in parts)
            + ". Re-ingestion will not put them back.",
            messages.SUCCESS,
        )
        if from_change_form(request) and parts:
            return HttpResponseRedirect(admin_url(parts[0].meeting))
        return None

    @admin.action(
        description="Move this participation to another official",
        description_plural="Move selected participations to another official",
        permissions=["change"],
        location=BOTH,
    )
    def move_to_official(self, request, queryset):
        parts = list(queryset.select_related("official", "meeting"))
        form = MoveParticipationForm(
            request.POST if request.POST.get("post") == "yes" else None,
            widget=AutocompleteSelect(Participation._meta.get_field("official"), self.admin_site),
        )
        if form.is_bound and form.is_valid():
            to = form.cleaned_data["to"]
            try:
                with transaction.atomic(using=router.db_for_write(Participation)):
                    for part in parts:
                        move_participation(participation=part, to=to, editor=request.user)
            except EditingError as exc:
                self.message_user(request, f"Nothing was moved: {exc}", messages.ERROR)
                return None
            where = f"to {to}" if to else "off their meetings"
            self.message_user(
                request,
                f"Moved {len(parts)} participation{'s' if len(parts) != 1 else ''} {where}. "
                "Re-ingestion will not undo it.",
                messages.SUCCESS,
            )
            meetings = {p.meeting_id for p in parts}
            if len(meetings) == 1:
                return HttpResponseRedirect(admin_url(parts[0].meeting))
            return None
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": "Move participations",
            "opts": opts,
            "form": form,
            "media": self.media + form.media,
            "parts": parts,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "changelist_url": reverse("admin:relations_participation_changelist"),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/relations/move_participation.html", context)

    def save_model(self, request, obj, form, change):
        before = form.initial.get("meeting") if change else None
        super().save_model(request, obj, form, change)
        for meeting in Meeting.objects.filter(pk__in={before, obj.meeting_id} - {None}):
            record_edit(meeting, "participants")

    def delete_model(self, request, obj):
        meeting = obj.meeting
        super().delete_model(request, obj)
        record_edit(meeting, "participants")

    def delete_queryset(self, request, queryset):
        meetings = list(Meeting.objects.filter(participations__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for meeting in meetings:
            record_edit(meeting, "participants")


# --------------------------------------------------------------------------- the rest


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
