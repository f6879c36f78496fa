"""Which query parameters narrow the documents list (see relations.filters for the rules)."""

import django_filters
from django.db.models import Q

from documents.models import Document, DocumentKind
from relations.filters import MultipleValueFilter, SearchFilter


def _year(value) -> int:
    year = int(value)
    if not 1000 <= year <= 9999:
        raise ValueError(value)
    return year


class DocumentFilter(django_filters.FilterSet):
    q = SearchFilter(method="search", label="Search")
    publisher = MultipleValueFilter(field_name="publisher", label="Publisher")
    kind = django_filters.MultipleChoiceFilter(
        choices=DocumentKind.choices, distinct=False, label="Kind"
    )
    year = MultipleValueFilter(field_name="published_on__year", coerce=_year, label="Year")

    class Meta:
        model = Document
        fields = []

    def search(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))
