"""Who may do what. Editors review, edit, merge and upload; they do not manage accounts.

`ensure_editors_group` makes the `editors` group hold exactly EDITOR_PERMISSIONS; it runs
after every `migrate` (see relations.apps), so the group exists and follows this file.
Only staff reach the admin (Django's default); the public pages only read.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Q

EDITORS = "editors"

ALL = ("view", "add", "change", "delete")
VIEW = ("view",)

# app label -> model name -> actions.
EDITOR_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "relations": {
        "official": ALL,
        "meeting": ALL,
        "agreement": ALL,
        "position": ALL,
        "alias": ALL,
        "participation": ALL,
        "mergerecord": ALL,
        # What facts are linked to, picked from lists while editing.
        "country": VIEW,
        "topic": ("view", "add", "change"),
        # The editorial history (django-simple-history): read, never rewritten.
        "historicalofficial": VIEW,
        "historicalmeeting": VIEW,
        "historicalagreement": VIEW,
        "historicalposition": VIEW,
        "historicalalias": VIEW,
        "historicalparticipation": VIEW,
    },
    "documents": {
        "document": ALL,
        "evidence": ALL,
    },
}


def editor_permission_codes() -> set[tuple[str, str]]:
    """(app label, codename) of every permission an editor holds."""
    return {
        (app_label, f"{action}_{model}")
        for app_label, models in EDITOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    }


def ensure_editors_group(*, using: str = DEFAULT_DB_ALIAS) -> Group:
    """The `editors` group, created if missing, holding exactly the editor permissions.

    Idempotent. Raises ImproperlyConfigured when a permission named above does not exist
    (a model renamed without this file following).
    """
    for app_label in EDITOR_PERMISSIONS:  # made per app after migrate: perhaps not yet
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, using=using)
    wanted = editor_permission_codes()
    query = Q()
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    permissions = list(Permission.objects.using(using).filter(query))
    missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
    if missing:
        names = ", ".join(f"{app}.{code}" for app, code in sorted(missing))
        raise ImproperlyConfigured(f"editor permissions that do not exist: {names}")
    with transaction.atomic(using=using):
        group, _ = Group.objects.using(using).get_or_create(name=EDITORS)
        group.permissions.set(permissions)
    return group


def create_editors_group(sender, *, using: str = DEFAULT_DB_ALIAS, apps=None, **kwargs) -> None:
    """post_migrate receiver: skipped while the auth tables are not migrated yet."""
    if apps is not None:
        try:
            apps.get_model("auth", "Group")
            apps.get_model("auth", "Permission")
        except LookupError:
            return
    ensure_editors_group(using=using)
