"""Request checks that apply to every page before any view runs."""

from django.core.exceptions import BadRequest


class RefuseNullCharacters:
    """A query string with a NUL character gets a 400, whatever page it is sent to.

    No page takes NUL as input, and PostgreSQL refuses it in any text it compares: left to
    reach a filter or the admin's list filters, it would end as a server error (500).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            raise BadRequest("Null characters are not allowed in the query string.")
        return self.get_response(request)
