"""The admin's change lists, safe from query strings Django's own change list fails on.

Django's ChangeList turns the date drill-down (`?start_date__year=…`) into dates without
catching every error: a year past 9998 or beyond the C integer range ends as a server error
(500). And a NUL character in a search or a list filter reaches PostgreSQL, which refuses it
in any text (500 again). And Django lets any lookup through on a field of the model, regular
expressions too: `?name__regex=\\` is a database error (500), and a backtracking pattern
over document texts runs unbounded. Here all of them get the admin's usual answer to a bad
filter: a redirect to `?e=1`.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

REGEX_LOOKUPS = {"regex", "iregex"}


class SafeChangeList(ChangeList):
    def get_filters(self, request):
        if any("\x00" in k or any("\x00" in v for v in vs) for k, vs in request.GET.lists()):
            raise IncorrectLookupParameters("Null characters are not allowed.")
        if any(k.rsplit("__", 1)[-1] in REGEX_LOOKUPS for k in request.GET):
            raise IncorrectLookupParameters("Regular expressions are not allowed.")
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as exc:
            raise IncorrectLookupParameters(exc) from exc


class SafeChangeListMixin:
    """ModelAdmin mixin: its change list is a SafeChangeList."""

    def get_changelist(self, request, **kwargs):
        return SafeChangeList
