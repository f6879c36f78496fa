"""Every page of the site and of the admin, as addresses built from what the database holds.

Shared by the tests that look at every page (tests/relations/test_csp.py for what the
Content-Security-Policy would block, tests/relations/test_hostile_text.py for escaping).
"""

from django.contrib import admin
from django.contrib.admin import helpers
from django.test import RequestFactory
from django.urls import reverse

from documents.models import Document
from relations.models import Agreement, Meeting, Official, Participation


def public_pages() -> dict[str, str]:
    """One address of each kind of public page (the fact pages for the first fact)."""
    meeting = Meeting.objects.filter(start_date__isnull=False).order_by("pk").first()
    official = Official.objects.order_by("pk").first()
    agreement = Agreement.objects.order_by("pk").first()
    document = Document.objects.order_by("pk").first()
    pages = {
        "home": reverse("relations:home"),
        "meetings": reverse("relations:meetings"),
        "meetings searched": reverse("relations:meetings") + "?q=a",
        "officials": reverse("relations:officials"),
        "officials searched": reverse("relations:officials") + "?q=a",
        "agreements": reverse("relations:agreements"),
        "agreements searched": reverse("relations:agreements") + "?q=a",
        "documents": reverse("documents:list"),
        "country pair": reverse("relations:country-pair", args=["jp-kh"]),
    }
    if meeting:
        pages["meeting"] = reverse("relations:meeting", args=[meeting.pk])
        pages["meetings of a year"] = reverse(
            "relations:meetings-year", args=[meeting.start_date.year]
        )
        pages["meetings of a month"] = reverse(
            "relations:meetings-month", args=[meeting.start_date.year, meeting.start_date.month]
        )
    if official:
        pages["official"] = reverse("relations:official", args=[official.pk])
    if agreement:
        pages["agreement"] = reverse("relations:agreement", args=[agreement.pk])
    if document:
        pages["document"] = reverse("documents:detail", args=[document.pk])
    return pages


def admin_pages(user) -> dict[str, str]:
    """Each registered model's list, add, change, history and delete pages (for its first
    object), the history entry and the editors' own pages: review queue and upload; the
    pages `user` may see."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = {
        "index": reverse("admin:index"),
        "review queue": reverse("admin:relations_review_queue"),
        "upload": reverse("admin:documents_document_upload"),
        "password change": reverse("admin:password_change"),
    }
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        name = f"{opts.app_label}.{opts.model_name}"
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        pages[f"{name} list"] = reverse(f"{prefix}_changelist")
        pages[f"{name} search"] = reverse(f"{prefix}_changelist") + "?q=a"
        if model_admin.has_add_permission(request):
            pages[f"{name} add"] = reverse(f"{prefix}_add")
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        for view in ("change", "history", "delete"):
            if view != "delete" or model_admin.has_delete_permission(request, obj):
                pages[f"{name} {view}"] = reverse(f"{prefix}_{view}", args=[obj.pk])
        record = getattr(obj, "history", None)
        if record is not None and (entry := record.order_by("pk").first()):
            pages[f"{name} history entry"] = reverse(
                f"{prefix}_simple_history", args=[obj.pk, entry.history_id]
            )
    return pages


def admin_action_pages(client) -> dict[str, object]:
    """The intermediate pages of the admin's actions (merge, move), as responses."""
    officials = list(Official.objects.order_by("pk").values_list("pk", flat=True)[:2])
    participation = Participation.objects.order_by("pk").first()
    pages = {
        "merge officials": client.post(
            reverse("admin:relations_official_changelist"),
            {"action": "merge_selected", helpers.ACTION_CHECKBOX_NAME: officials},
        ),
    }
    if participation:
        pages["move a participation"] = client.post(
            reverse("admin:relations_participation_changelist"),
            {"action": "move_to_official", helpers.ACTION_CHECKBOX_NAME: [participation.pk]},
        )
    return pages
