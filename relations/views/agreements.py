"""Agreements: the faceted list and one agreement (being written)."""

from django.http import Http404


def agreement_list(request):
    raise Http404("Not yet")


def agreement_detail(request, pk: int):
    raise Http404("Not yet")
