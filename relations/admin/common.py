"""What the admin modules share: links to a record's admin and public pages, how an
inline change is recorded on its fact, the evidence of a fact in document order."""

from django.contrib.admin import ActionLocation
from django.db.models import Prefetch
from django.db.models.functions import Coalesce, TruncDate
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from documents.models import Evidence
from relations.models import Alias, Participation, Position

BOTH = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]
PUBLIC_URLS = {
    "official": "relations:official",
    "meeting": "relations:meeting",
    "agreement": "relations:agreement",
}
# The names under which inline changes are recorded in `edited_fields` (and respected by
# re-ingestion): relations.services checks "participants", "positions" and "aliases".
INLINE_FIELDS = {Participation: "participants", Position: "positions", Alias: "aliases"}


# --------------------------------------------------------------------------- helpers


def admin_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def public_url(obj) -> str | None:
    name = PUBLIC_URLS.get(obj._meta.model_name)
    return reverse(name, args=[obj.pk]) if name else None


def link(obj, text=None):
    return format_html('<a href="{}">{}</a>', admin_url(obj), text if text is not None else obj)


def from_change_form(request) -> bool:
    return f"{ActionLocation.CHANGE_FORM.value}-action" in request.POST


def document_day():
    """A document's date: when it was published, else when it was read in."""
    return Coalesce("document__published_on", TruncDate("document__ingested_at"))


def evidence_prefetch() -> Prefetch:
    return Prefetch(
        "evidence",
        queryset=Evidence.objects.select_related("document").order_by(
            document_day(), "document_id", "start"
        ),
    )


def evidence_links(ev) -> dict:
    document = ev.document
    try:
        document_admin = reverse("admin:documents_document_change", args=[document.pk])
    except NoReverseMatch:  # the documents admin is not registered
        document_admin = None
    return {
        "quote": ev.quote,
        "document": document,
        "public_url": reverse("documents:detail", args=[document.pk]) + f"#ev-{ev.pk}",
        "admin_url": document_admin,
    }


def names(objects) -> str:
    return ", ".join(str(o) for o in objects)
