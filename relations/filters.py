"""FilterSets for the public lists: which query parameters narrow which rows.

Values repeat to combine (`?kind=summit&kind=courtesy_call` is either); different
parameters all apply. Unknown values make the form invalid and the page says so (400).
"""

import django_filters
from django import forms
from django.db.models import Q

from relations.facets import related_rows
from relations.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Country,
    Meeting,
    MeetingKind,
    Official,
    Topic,
)

MAX_QUERY_LENGTH = 200


class MultipleValueField(forms.Field):
    """A repeated query parameter, each value coerced (`?year=2023&year=2024`)."""

    widget = forms.SelectMultiple

    def __init__(self, *args, coerce=str, max_values=50, **kwargs):
        self.coerce = coerce
        self.max_values = max_values
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
        try:
            return [self.coerce(v) for v in value if str(v).strip()]
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError(f"Not a valid value: {exc}") from exc


class MultipleValueFilter(django_filters.Filter):
    field_class = MultipleValueField

    def filter(self, qs, value):
        if not value:
            return qs
        qs = qs.filter(**{f"{self.field_name}__in": value})
        return qs.distinct() if self.distinct else qs


class ModelMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Django's, with an id past the database's integers (`?participant=2**63`) refused as
    an unknown value (400) rather than raising OverflowError from SQLite (500)."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError as exc:
            raise forms.ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": next(iter(value), "")},
            ) from exc


class RelatedMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
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


class YearFilter(MultipleValueFilter):
    """Years of a date field as ranges of days (`field BETWEEN Jan 1 AND Dec 31`), which a
    date index serves (an EXTRACT(YEAR) IN (...) would read every row)."""

    def filter(self, qs, value):
        if not value:
            return qs
        years = Q()
        for year in value:
            years |= Q(**{f"{self.field_name}__year": year})
        return qs.filter(years)


def _year(value) -> int:
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


class MeetingFilter(django_filters.FilterSet):
    q = SearchFilter(method="search", label="Search")
    year = YearFilter(field_name="start_date", coerce=_year, label="Year")
    # A value of the row itself: no DISTINCT (django-filter's default), which would make the
    # database sort every matching row before the first page.
    kind = django_filters.MultipleChoiceFilter(
        choices=MeetingKind.choices, distinct=False, label="Kind"
    )
    country = RelatedMultipleChoiceFilter(
        field_name="countries__code",
        to_field_name="code",
        queryset=Country.objects.all(),
        distinct=False,
        label="Country",
    )
    participant = RelatedMultipleChoiceFilter(
        field_name="participations__official",
        queryset=Official.objects.all(),
        distinct=False,
        label="Participant",
    )
    location = MultipleValueFilter(field_name="location", label="Location")
    topic = RelatedMultipleChoiceFilter(
        field_name="topics__name",
        to_field_name="name",
        queryset=Topic.objects.all(),
        distinct=False,
        label="Topic",
    )
    date_from = django_filters.DateFilter(field_name="end_date", lookup_expr="gte", label="From")
    date_to = django_filters.DateFilter(field_name="start_date", lookup_expr="lte", label="To")

    class Meta:
        model = Meeting
        fields = []

    def search(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))


class AgreementFilter(django_filters.FilterSet):
    q = SearchFilter(method="search", label="Search")
    kind = django_filters.MultipleChoiceFilter(
        choices=AgreementKind.choices, distinct=False, label="Kind"
    )
    status = django_filters.MultipleChoiceFilter(
        choices=AgreementStatus.choices, distinct=False, label="Status"
    )
    currency = MultipleValueFilter(field_name="currency", coerce=str.upper, label="Currency")
    year = YearFilter(field_name="date", coerce=_year, label="Year")
    party = RelatedMultipleChoiceFilter(
        field_name="parties__code",
        to_field_name="code",
        queryset=Country.objects.all(),
        distinct=False,
        label="Party",
    )

    class Meta:
        model = Agreement
        fields = []

    def search(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(terms__icontains=value))


class OfficialFilter(django_filters.FilterSet):
    """Facets for the officials list; the name search itself is in relations.search."""

    country = django_filters.ModelMultipleChoiceFilter(
        field_name="country__code",
        to_field_name="code",
        queryset=Country.objects.all(),
        label="Country",
    )
    post = MultipleValueFilter(field_name="positions__title", distinct=True, label="Post")
    organisation = MultipleValueFilter(
        field_name="positions__organization", distinct=True, label="Organisation"
    )

    class Meta:
        model = Official
        fields = []
