"""Which query parameters narrow the documents list (see relations.filters for the rules)."""

import django_filters
from django.db.models import Q

from documents.models import Document, DocumentKind
from relations.filters import (
    YEAR_INVALID,
    MultipleValueFilter,
    SearchFilter,
    choice_errors,
    parse_year,
)


class DocumentFilter(django_filters.FilterSet):
    q = SearchFilter(method="search", label="Search")
    publisher = MultipleValueFilter(field_name="publisher", label="Publisher")
    kind = django_filters.MultipleChoiceFilter(
        choices=DocumentKind.choices,
        distinct=False,
        label="Kind",
        error_messages=choice_errors("a kind of source"),
    )
    year = MultipleValueFilter(
        field_name="published_on__year", coerce=parse_year, label="Year", invalid=YEAR_INVALID
    )

    class Meta:
        model = Document
        fields = []

    def search(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))
