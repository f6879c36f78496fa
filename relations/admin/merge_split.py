"""Merging facts that are one (the "Merge selected …" action's confirmation page), splitting an
alias off as an official of its own, moving a participation to another official."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import router, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from relations.admin.common import (
    BOTH,
    INLINE_FIELDS,
    admin_url,
    from_change_form,
    link,
    names,
    public_url,
)
from relations.admin.descriptions import describe_merged
from relations.admin_changelist import SafeChangeListMixin
from relations.admin_forms import MoveParticipationForm
from relations.editing import EditingError, move_participation, record_edit, split_alias
from relations.models import Alias, Participation, ReviewState


class MergeActionMixin:
    """The merge action of the fact admins: which record to keep, then relations.editing."""

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


class RecordedOnFactMixin:
    """Saving or deleting one of a fact's rows (an alias of an official, a participation in a
    meeting) is an editor's change to that fact: recorded in its `edited_fields` under the
    inline's name (INLINE_FIELDS), on the fact the row belonged to and on the one it now
    belongs to, so re-ingestion leaves both as the editor made them."""

    fact_field: str  # the row's foreign key to its fact

    def _record_on(self, fact_ids) -> None:
        fact_model = self.model._meta.get_field(self.fact_field).related_model
        for fact in fact_model.objects.filter(pk__in=set(fact_ids) - {None}):
            record_edit(fact, INLINE_FIELDS[self.model])

    def save_model(self, request, obj, form, change):
        before = form.initial.get(self.fact_field) if change else None
        super().save_model(request, obj, form, change)
        self._record_on({before, getattr(obj, f"{self.fact_field}_id")})

    def delete_model(self, request, obj):
        fact_id = getattr(obj, f"{self.fact_field}_id")
        super().delete_model(request, obj)
        self._record_on({fact_id})

    def delete_queryset(self, request, queryset):
        fact_ids = set(queryset.values_list(self.fact_field, flat=True))
        super().delete_queryset(request, queryset)
        self._record_on(fact_ids)


@admin.register(Alias)
class AliasAdmin(RecordedOnFactMixin, SafeChangeListMixin, SimpleHistoryAdmin):
    """An official's other spellings. Splitting one off makes it an official of its own."""

    fact_field = "official"
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


@admin.register(Participation)
class ParticipationAdmin(RecordedOnFactMixin, SafeChangeListMixin, SimpleHistoryAdmin):
    """Who took part in which meeting. Move one to the right person, or take it away."""

    fact_field = "meeting"
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
