"""FilterSets for the public lists: which query parameters narrow which rows.

Values repeat to combine (`?kind=summit&kind=courtesy_call` is either); different
parameters all apply. Two ways to ask for *both*: `?pair=jp-kh` (meetings involving both
countries, agreements with both as parties) and `?participants=all` (meetings where every
chosen participant took part). A meeting is dated by the day it starts: the Year facet and
From/To agree. Unknown values make the form invalid and the page says, in words, which
field and why (400).
"""

import re

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, F, OuterRef, Q

from relations import selectors
from relations.facets import UNKNOWN, UNKNOWN_LABEL, related_rows
from relations.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Country,
    Meeting,
    MeetingKind,
    Official,
    Participation,
    Topic,
    involving,
    involving_by_probe,
)

MAX_QUERY_LENGTH = 200
SHOWN_VALUE = 40  # characters of a refused value repeated in its message


def shown(value) -> str:
    """A refused value as an error message repeats it: short, on one line."""
    text = " ".join(str(value).split())
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"


def choice_errors(what: str) -> dict[str, str]:
    return {"invalid_choice": f"“%(value)s” is not {what}."}


DATE_ERRORS = {"invalid": "Write a date as YYYY-MM-DD, such as 2024-07-05."}


class MultipleValueField(forms.Field):
    """A repeated query parameter, each value coerced (`?year=2023&year=2024`)."""

    widget = forms.SelectMultiple

    def __init__(self, *args, coerce=str, max_values=50, invalid="“{}” is not valid.", **kwargs):
        self.coerce = coerce
        self.max_values = max_values
        self.invalid = invalid
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        if len(value) > self.max_values:
            raise forms.ValidationError(f"At most {self.max_values} values.")
        if any("\x00" in str(v) for v in value):  # PostgreSQL refuses NUL in any text
            raise forms.ValidationError("Null characters are not allowed.")
        values = []
        for v in value:
            if not str(v).strip():
                continue
            if is_unknown(v):
                values.append(UNKNOWN)
                continue
            try:
                values.append(self.coerce(v))
            except (TypeError, ValueError) as exc:
                raise forms.ValidationError(self.invalid.format(shown(v))) from exc
        return values


def is_unknown(value) -> bool:
    return isinstance(value, str) and value.strip().lower() == UNKNOWN


def _field_path(model, path: str) -> tuple[str, bool]:
    """`path` without a trailing transform (`published_on__year` is `published_on`), and
    whether it ends at a text field."""
    opts, field, parts = model._meta, None, []
    for part in path.split("__"):
        try:
            field = opts.get_field(part)
        except FieldDoesNotExist:
            break  # a transform: a missing date has no year either
        parts.append(part)
        if field.is_relation:
            opts = field.related_model._meta
    return "__".join(parts), isinstance(field, models.CharField | models.TextField)


def missing(model, path: str) -> Q:
    """Rows of `model` with no value at `path` (the facets' Unknown bucket): null or blank
    text, or, across a relation, no related row with a value."""
    path, text = _field_path(model, path)
    if "__" not in path:
        condition = Q(**{f"{path}__isnull": True})
        return condition | Q(**{path: ""}) if text else condition
    having = model._default_manager.filter(pk=OuterRef("pk"), **{f"{path}__isnull": False})
    if text:
        having = having.exclude(**{path: ""})
    return ~Q(Exists(having))  # NOT EXISTS: an anti-join (a NOT IN would not scale)


class TakesUnknown:
    """A filter whose values may include UNKNOWN (`?location=unknown`): the rows with no
    value, besides those having any other value chosen."""

    def filter(self, qs, value):
        if not value or UNKNOWN not in value:
            return super().filter(qs, value)
        known = [v for v in value if v != UNKNOWN]
        without = missing(qs.model, self.field_name)
        if not known:
            return qs.filter(without)
        having = super().filter(qs.model._default_manager.all(), known)
        return qs.filter(Q(pk__in=having.values("pk")) | without)


class ValuesFilter(django_filters.Filter):
    field_class = MultipleValueField

    def filter(self, qs, value):
        if not value:
            return qs
        qs = qs.filter(**{f"{self.field_name}__in": value})
        return qs.distinct() if self.distinct else qs


class MultipleValueFilter(TakesUnknown, ValuesFilter):
    """Values of a field, `unknown` among them."""


class ChoicesFilter(TakesUnknown, django_filters.MultipleChoiceFilter):
    """Values among `choices`, or `unknown`."""

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, choices=[*choices, (UNKNOWN, UNKNOWN_LABEL)], **kwargs)


class ModelMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Django's, with an id past the database's integers (`?participant=2**63`) refused as
    an unknown value (400) rather than raising OverflowError from SQLite (500)."""

    def clean(self, value):
        values = list(value) if isinstance(value, list | tuple) else value
        if not isinstance(values, list) or not any(is_unknown(v) for v in values):
            return super().clean(value)
        known = [v for v in values if not is_unknown(v)]
        return [*(super().clean(known) if known else []), UNKNOWN]

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError as exc:
            raise forms.ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": next(iter(value), "")},
            ) from exc


class CountryChoiceFilter(TakesUnknown, django_filters.ModelMultipleChoiceFilter):
    """A country by code, or `unknown`."""

    field_class = ModelMultipleChoiceField


def country_filter(path: str, label: str) -> CountryChoiceFilter:
    """A country of the row, chosen by its code (or `unknown`)."""
    return CountryChoiceFilter(
        field_name=path,
        to_field_name="code",
        queryset=Country.objects.all(),
        label=label,
        error_messages=COUNTRY_ERRORS,
    )


class RelatedChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """A value of a to-many relation (`countries__code`): the rows having any of the chosen
    values, as a semi-join on the relation's own table (`pk IN (SELECT meeting_id FROM
    relations_meeting_countries ...)`), so the list keeps one row each without DISTINCT and
    still reads in its index order."""

    field_class = ModelMultipleChoiceField

    def filter(self, qs, value):
        if not value:
            return qs
        relation, _, rest = self.field_name.partition("__")
        rows, link, other = related_rows(qs.model, relation)
        # The chosen objects themselves (`country_id IN (7)`), not their codes through a
        # join: the planner then knows from its statistics how many rows a value has.
        if rest == self.field.to_field_name:
            rest = ""
        path = "__".join(p for p in (other, rest) if p)
        return qs.filter(pk__in=rows.filter(**{f"{path}__in": list(value)}).values(link))


class RelatedMultipleChoiceFilter(TakesUnknown, RelatedChoiceFilter):
    """A value of a to-many relation, or `unknown`: rows with no related row."""


class ParticipantFilter(RelatedMultipleChoiceFilter):
    """Meetings with any of the chosen officials, or with all of them when the filterset's
    `participants` is "all" (`?participant=3&participant=7&participants=all`)."""

    def filter(self, qs, value):
        if value and self.parent.form.cleaned_data.get("participants") == "all":
            if UNKNOWN in value:
                qs = qs.filter(missing(qs.model, self.field_name))
            for official in (v for v in value if v != UNKNOWN):
                took_part = Participation.objects.filter(official=official)
                qs = qs.filter(pk__in=took_part.values("meeting"))
            return qs
        return super().filter(qs, value)


PAIR = re.compile(r"([A-Za-z]{2})-([A-Za-z]{2})")


class PairField(forms.CharField):
    """Two ISO codes of countries in the knowledge base, in either order (`jp-kh`): the two
    countries, by code."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = PAIR.fullmatch(value)
        if not match:
            raise forms.ValidationError(
                f"“{shown(value)}” is not a pair: write two country codes joined by a hyphen, "
                "such as jp-kh."
            )
        codes = sorted({code.upper() for code in match.groups()})
        if len(codes) != 2:
            raise forms.ValidationError("A pair needs two different countries.")
        found = {c.code.upper(): c for c in Country.objects.filter(code__in=codes)}
        missing = [code for code in codes if code not in found]
        if missing:
            raise forms.ValidationError(f"No country with the code “{missing[0]}”.")
        return tuple(found[code] for code in codes)


class PairFilter(django_filters.Filter):
    """Rows concerning both countries of a pair: `involves(code)` is the condition for one.

    `probe(country_id)`, when given, is the same condition written for reading rows in order
    a page at a time; the list uses it (`probing`) where the pair is common among the rows
    (relations.views.listing)."""

    field_class = PairField

    def __init__(self, *args, involves, probe=None, **kwargs):
        self.involves, self.probe, self.probing = involves, probe, False
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        for country in value:
            if self.probing and self.probe is not None:
                qs = qs.filter(self.probe(country.pk))
            else:
                qs = qs.filter(self.involves(country.code))
        return qs


def pair_slug(countries) -> str:
    """`jp-kh` for Japan and Cambodia: lower case, sorted."""
    return "-".join(sorted(c.code.lower() for c in countries))


class YearsFilter(ValuesFilter):
    """Years of a date field as ranges of days (`field BETWEEN Jan 1 AND Dec 31`), which a
    date index serves (an EXTRACT(YEAR) IN (...) would read every row)."""

    def filter(self, qs, value):
        if not value:
            return qs
        years = Q()
        for year in value:
            years |= Q(**{f"{self.field_name}__year": year})
        return qs.filter(years)


class YearFilter(TakesUnknown, YearsFilter):
    """Years, or `unknown`: the undated rows."""


def parse_year(value) -> int:
    year = int(value)
    if not 1000 <= year <= 9999:
        raise ValueError(value)
    return year


class SearchField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("strip", True)
        super().__init__(*args, **kwargs)


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


YEAR_INVALID = "“{}” is not a year: write four digits, such as 2024."
COUNTRY_ERRORS = choice_errors("the code of a country in the knowledge base")


class AllOfFilter(django_filters.ChoiceFilter):
    """How the values of another filter combine: `all` (every one) rather than any. The
    other filter reads it; this one narrows nothing itself."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("all", "all of them")])
        kwargs.setdefault("error_messages", choice_errors("a way to combine: write all"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs


SORTS = [("newest", "Newest first"), ("oldest", "Oldest first")]


class SortFilter(django_filters.ChoiceFilter):
    """`?sort=oldest` lists by `field` ascending; newest first otherwise. Undated rows come
    last either way."""

    def __init__(self, *args, field: str, **kwargs):
        self.date_field = field
        kwargs.setdefault("choices", SORTS)
        kwargs.setdefault("error_messages", choice_errors("an order: write newest or oldest"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value != "oldest":
            return qs
        return qs.order_by(F(self.date_field).asc(nulls_last=True), "pk")


class MeetingFilter(django_filters.FilterSet):
    q = SearchFilter(method="search", label="Search")
    year = YearFilter(
        field_name="start_date", coerce=parse_year, label="Year", invalid=YEAR_INVALID
    )
    # A value of the row itself: no DISTINCT (django-filter's default), which would make the
    # database sort every matching row before the first page.
    kind = ChoicesFilter(
        field_name="kind",
        choices=MeetingKind.choices,
        distinct=False,
        label="Kind",
        error_messages=choice_errors("a kind of meeting"),
    )
    country = RelatedMultipleChoiceFilter(
        field_name="countries__code",
        to_field_name="code",
        queryset=Country.objects.all(),
        distinct=False,
        label="Country",
        error_messages=COUNTRY_ERRORS,
    )
    pair = PairFilter(involves=involving, probe=involving_by_probe, label="Both countries")
    participant = ParticipantFilter(
        field_name="participations__official",
        queryset=Official.objects.all(),
        distinct=False,
        label="Participant",
        error_messages={
            "invalid_choice": "No official has the number “%(value)s”.",
            "invalid_pk_value": "“%(pk)s” is not the number of an official.",
        },
    )
    participants = AllOfFilter(label="Participants")
    location = MultipleValueFilter(field_name="location", label="Location")
    topic = RelatedMultipleChoiceFilter(
        field_name="topics__name",
        to_field_name="name",
        queryset=Topic.objects.all(),
        distinct=False,
        label="Topic",
        error_messages=choice_errors("a topic"),
    )
    # A meeting is on the day it starts, for these as for the Year facet: a one-day meeting
    # may have no end date, and a visit is listed once, under its first day.
    date_from = django_filters.DateFilter(
        field_name="start_date", lookup_expr="gte", label="From", error_messages=DATE_ERRORS
    )
    date_to = django_filters.DateFilter(
        field_name="start_date", lookup_expr="lte", label="To", error_messages=DATE_ERRORS
    )
    sort = SortFilter(field="start_date", label="Order")

    class Meta:
        model = Meeting
        fields = []

    def search(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(selectors.meetings_found(value))


class AgreementFilter(django_filters.FilterSet):
    q = SearchFilter(method="search", label="Search")
    kind = ChoicesFilter(
        field_name="kind",
        choices=AgreementKind.choices,
        distinct=False,
        label="Kind",
        error_messages=choice_errors("a kind of agreement"),
    )
    status = ChoicesFilter(
        field_name="status",
        choices=AgreementStatus.choices,
        distinct=False,
        label="Status",
        error_messages=choice_errors("a status: signed, announced or agreed"),
    )
    currency = MultipleValueFilter(field_name="currency", coerce=str.upper, label="Currency")
    year = YearFilter(field_name="date", coerce=parse_year, label="Year", invalid=YEAR_INVALID)
    party = RelatedMultipleChoiceFilter(
        field_name="parties__code",
        to_field_name="code",
        queryset=Country.objects.all(),
        distinct=False,
        label="Party",
        error_messages=COUNTRY_ERRORS,
    )
    pair = PairFilter(involves=selectors.having_party, label="Both parties")
    giver = country_filter("from_country__code", "Given by")
    receiver = country_filter("to_country__code", "Given to")
    sort = SortFilter(field="date", label="Order")

    class Meta:
        model = Agreement
        fields = []

    def search(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(selectors.agreement_matches(value))


class OfficialFilter(django_filters.FilterSet):
    """Facets for the officials list; the name search itself is in relations.search."""

    country = CountryChoiceFilter(
        field_name="country__code",
        to_field_name="code",
        queryset=Country.objects.all(),
        label="Country",
        error_messages=COUNTRY_ERRORS,
    )
    post = MultipleValueFilter(field_name="positions__title", distinct=True, label="Post")
    organisation = MultipleValueFilter(
        field_name="positions__organization", distinct=True, label="Organisation"
    )

    class Meta:
        model = Official
        fields = []
