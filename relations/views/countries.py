"""One relationship between two countries (being written)."""

from django.http import Http404


def country_pair(request, pair: str):
    raise Http404("Not yet")
