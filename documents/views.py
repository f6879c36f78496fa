"""Sources: the documents list and one document (being written)."""

from django.http import Http404


def document_list(request):
    raise Http404("Not yet")


def document_detail(request, pk: int):
    raise Http404("Not yet")
