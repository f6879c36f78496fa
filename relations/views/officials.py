"""Officials: search and one official (being written)."""

from django.http import Http404


def official_list(request):
    raise Http404("Not yet")


def official_detail(request, pk: int):
    raise Http404("Not yet")
