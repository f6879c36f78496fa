"""The admin's date drill-down (`date_hierarchy`), safe from impossible dates in its URL.

Django's change list turns `?start_date__year=…` into dates without catching every error:
a year past 9998 or beyond the C integer range ends as a server error (500). Here such a
URL gets the admin's usual answer to a bad filter (a redirect to `?e=1`).
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class DateSafeChangeList(ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as exc:
            raise IncorrectLookupParameters(exc) from exc


class SafeDateHierarchy:
    """ModelAdmin mixin: its change list is a DateSafeChangeList."""

    def get_changelist(self, request, **kwargs):
        return DateSafeChangeList
