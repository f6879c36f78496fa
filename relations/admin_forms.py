"""Forms behind the editors' admin (relations.admin).

`FactAdminForm` is the change form of every fact. It carries the version the editor opened
(a hidden field) and refuses to save over a newer one, and it tells the editor which fields
an editor set and what extraction proposed for them. `MeetingAdminForm` adds why a pair of
dates is wrong, in words. Dates are typed year-month-day only (`IsoDateField`): `09/02/2021`
reads as 9 February to some editors and 2 September to others, so it is refused, not guessed.
"""

import datetime
import re

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import router, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from relations.models import Official

ISO_DATE = "%Y-%m-%d"
DATE_HELP = "Year-month-day (YYYY-MM-DD), e.g. 2021-09-03."
# Three groups of digits: day and month in some order, and a year (either end).
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,4})\s*[./ -]\s*(\d{1,2})\s*[./ -]\s*(\d{1,4})\s*$")

STALE_MESSAGE = (
    "Someone else changed this %(name)s since you opened it; reload to see their change. "
    "Your edits were not saved."
)


def extracted_display(name: str, value, model=None) -> str:
    """An extracted value as an editor reads it (`extracted_values` holds plain JSON)."""
    if value is None or value == "" or value == []:
        return "—"
    choices = _choices(model, name)
    if choices and isinstance(value, str):
        return str(choices.get(value, value))
    if name == "participants" and isinstance(value, list):
        names = dict(Official.objects.filter(pk__in=value).values_list("pk", "name"))
        return ", ".join(names.get(pk, f"#{pk}") for pk in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


def _choices(model, name: str) -> dict:
    if model is None:
        return {}
    try:
        return dict(model._meta.get_field(name).flatchoices)
    except FieldDoesNotExist:
        return {}


class IsoDateWidget(AdminDateWidget):
    """The admin's date box, showing and (with its calendar) writing YYYY-MM-DD."""

    class Media:
        js = ["js/admin_iso_dates.js"]

    def __init__(self, attrs=None, format=None):
        super().__init__({"placeholder": "YYYY-MM-DD", **(attrs or {})}, format or ISO_DATE)


class IsoDateField(forms.DateField):
    """A date typed as YYYY-MM-DD, and nothing else: other spellings are refused with the
    readings they could have, so the editor chooses rather than the server guessing."""

    input_formats = [ISO_DATE]
    widget = IsoDateWidget

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.help_text = format_html("{} {}", DATE_HELP, self.help_text or "").strip()

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(not_an_iso_date(str(value).strip()), code="invalid") from None


def not_an_iso_date(typed: str) -> str:
    """Why `typed` was refused, and what to type instead."""
    readings = _readings(typed)
    if len(readings) > 1:
        options = " or ".join(f"{d.isoformat()} ({d.day} {d:%B %Y})" for d in readings)
        return (
            f"“{typed}” is ambiguous: day and month could be either way round. "
            f"Type the date as year-month-day: {options}."
        )
    if readings:
        return f"Type the date as year-month-day (YYYY-MM-DD): {readings[0].isoformat()}."
    return f"“{typed}” is not a date. Type it as year-month-day (YYYY-MM-DD), e.g. 2021-09-03."


def _readings(typed: str) -> list[datetime.date]:
    """The dates three groups of digits can stand for (day-month and month-day)."""
    match = _NUMERIC_DATE.match(typed)
    if match is None:
        return []
    first, second, third = match.groups()
    if len(first) == 4:  # year first: year-day-month, the only other order in use
        year, pairs = int(first), [(int(third), int(second))]
    elif len(third) == 4:
        year, a, b = int(third), int(first), int(second)
        pairs = [(a, b), (b, a)]
    else:
        return []
    found = []
    for day, month in pairs:
        try:
            found.append(datetime.date(year, month, day))
        except ValueError:
            continue
    return sorted(set(found))


class FactAdminForm(forms.ModelForm):
    """The change form of an official, meeting or agreement.

    `seen_version` is the fact's version when the form was opened. clean() reads the row
    again (locked with SELECT … FOR UPDATE inside the admin's save transaction) and refuses
    the save when its version moved on: the second of two editors is told, never silently
    overwrites the first. The locked row is kept as `self.current` for the admin's save.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = None
        instance = self.instance
        if instance.pk is None:
            return
        if self.is_bound:
            self.initial["seen_version"] = instance.version
        else:
            # From the database, not the instance: a history (revert) form is built from an
            # old copy whose version is long gone.
            stored = (
                type(instance)
                ._default_manager.filter(pk=instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            self.initial["seen_version"] = stored if stored is not None else instance.version
        self._describe_edited_fields()

    def _describe_edited_fields(self) -> None:
        extracted = self.instance.extracted_values or {}
        for name in self.instance.edited_fields:
            field = self.fields.get(name)
            if field is None:
                continue
            if name in extracted:
                note = format_html(
                    "<strong>Set by an editor</strong>; extraction proposed: {}.",
                    extracted_display(name, extracted[name], type(self.instance)),
                )
            else:
                note = mark_safe("<strong>Set by an editor</strong>.")
            field.help_text = format_html("{} {}", note, field.help_text or "")

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and "\r" in value:
                # Browsers post text areas with CRLF line ends: not an edit of the text.
                cleaned[name] = value.replace("\r\n", "\n")
        if self.instance.pk is not None:
            self._check_version(cleaned.get("seen_version"))
        return cleaned

    def _check_version(self, seen: int | None) -> None:
        model = type(self.instance)
        query = model._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
            query = query.select_for_update()
        self.current = query.first()
        name = model._meta.verbose_name
        if self.current is None:
            raise ValidationError(
                "This %(name)s was deleted since you opened it.",
                code="deleted",
                params={"name": name},
            )
        if seen is None or seen != self.current.version:
            raise ValidationError(
                [
                    ValidationError(STALE_MESSAGE, code="stale", params={"name": name}),
                    ValidationError(self._last_change(), code="stale_detail"),
                ]
            )

    def _last_change(self) -> str:
        record = self.current.history.order_by("-history_date", "-history_id").first()
        if record is None:
            return f"It is now at version {self.current.version}."
        who = record.history_user or "an automatic process (ingestion or a script)"
        when = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
        return f"Last change: {when} by {who}; it is now at version {self.current.version}."


class MeetingAdminForm(FactAdminForm):
    """A meeting's form: says in words why its start and end dates cannot stand together
    (rather than the database constraint's name)."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if end and not start and "start_date" not in self.errors:
            self.add_error(
                "end_date",
                ValidationError(
                    "A meeting with an end date needs a start date: type the start date, "
                    "or leave the end date empty for a meeting of one day.",
                    code="end_without_start",
                ),
            )
        elif start and end and end < start:
            self.add_error(
                "end_date",
                ValidationError(
                    "The end date (%(end)s) is before the start date (%(start)s): "
                    "correct one of them, or swap them.",
                    code="end_before_start",
                    params={"end": end.isoformat(), "start": start.isoformat()},
                ),
            )
        return cleaned


class MoveParticipationForm(forms.Form):
    """Who a participation should be credited to instead (empty: nobody, take it away)."""

    to = forms.ModelChoiceField(
        queryset=Official.objects.filter(merged_into__isnull=True),
        required=False,
        label="Give to",
        help_text="Leave empty to take the participation off the meeting altogether.",
    )

    def __init__(self, *args, widget=None, **kwargs):
        super().__init__(*args, **kwargs)
        if widget is not None:  # the admin's autocomplete, which needs the admin site
            field = self.fields["to"]
            field.widget = widget
            widget.choices = field.choices
