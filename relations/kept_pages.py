"""Whole public pages kept per data version, for every worker (in relations.facet_cache's
store).

A list page depends only on its address and the data: while the data version stays, the
same address gets the same page. So it is rendered once per version and then read back in
one cache read, instead of rendering 25 rows and six facets (20-40 ms of CPU) per visitor.

Kept, and read back, are only the pages of visitors who are not signed in: an editor's
pages show links to edit, and are neither kept nor read from what is kept. Kept are whole
answers (not streamed exports) of status 200 that set no cookie, made from values of the
current version only: not a page that showed counts kept from before another process's
write (they are being counted again; the next visitor after the recount gets a page that
is kept), nor one rendered while this process's own change is uncommitted. A write raises
the version: every page is rendered again at its next visit. The day is part of the key
(pages cite the day they were read), and so is the host (pages give their own address).
"""

import functools
import zlib

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from relations import facet_cache

# A larger answer (a long list as JSON) is rendered at each visit: the store keeps it small.
MAX_BYTES = 512 * 1024
# Pages are kept compressed (a list's 30-60 KB of HTML in 4-8 KB; about 0.2 ms each way).
PACKING = 1
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link")


def kept_page(view):
    """`view`'s GET answers kept per data version (see the module)."""

    @functools.wraps(view)
    def keep(request, *args, **kwargs):
        if (
            not settings.KEPT_PAGES
            or request.method not in {"GET", "HEAD"}
            or not _same_for_everyone(request)
        ):
            return view(request, *args, **kwargs)
        key = f"page:{timezone.localdate().isoformat()}:{request.build_absolute_uri()}"
        kept = facet_cache.kept_now(key)
        if kept is not None:
            status, headers, packed = kept
            return HttpResponse(zlib.decompress(packed), status=status, headers=headers)
        response = view(request, *args, **kwargs)
        if _keepable(response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            packed = zlib.compress(response.content, PACKING)
            facet_cache.keep_now(key, (response.status_code, headers, packed))
        return response

    return keep


def _same_for_everyone(request) -> bool:
    """Whether the page is the one every visitor gets: not for a signed-in user, whose pages
    may show more (an editor sees a link to edit each fact). The session is read only when
    the request brings its cookie."""
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _keepable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and len(response.content) <= MAX_BYTES
    )
