"""Roles: editors review, edit, merge and upload in the admin; they do not manage accounts."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from relations.roles import EDITORS, editor_permission_codes, ensure_editors_group

User = get_user_model()
PASSWORD = "not-a-real-secret-42"


def create_editor(name: str = "ed", *args: str) -> User:
    call_command("createeditor", name, *args, stdout=StringIO())
    return User.objects.get(username=name)


@pytest.fixture
def editor(db):
    return create_editor("ed", "--email=ed@example.org", f"--password={PASSWORD}", "--no-input")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def group_codes(group: Group) -> set[tuple[str, str]]:
    return set(group.permissions.values_list("content_type__app_label", "codename"))


# ---------------------------------------------------------------- the group


@pytest.mark.django_db
def test_migrate_leaves_the_editors_group_in_place():
    group = Group.objects.get(name=EDITORS)

    assert group_codes(group) == editor_permission_codes()


@pytest.mark.django_db
def test_editors_group_is_recreated_idempotently():
    Group.objects.filter(name=EDITORS).delete()

    group = ensure_editors_group()
    again = ensure_editors_group()

    assert again.pk == group.pk
    assert Group.objects.filter(name=EDITORS).count() == 1
    assert group_codes(again) == editor_permission_codes()


@pytest.mark.django_db
def test_migrate_recreates_the_group_and_restores_its_permissions():
    group = Group.objects.get(name=EDITORS)
    group.permissions.remove(Permission.objects.get(codename="change_official"))
    group.permissions.add(Permission.objects.get(codename="change_user"))
    Group.objects.filter(name=EDITORS).delete()

    call_command("migrate", verbosity=0)

    assert group_codes(Group.objects.get(name=EDITORS)) == editor_permission_codes()


@pytest.mark.django_db
def test_editor_permissions_cover_facts_sources_and_history_but_not_accounts():
    codes = editor_permission_codes()

    for model in ("official", "meeting", "agreement", "position", "alias", "participation"):
        for action in ("view", "add", "change", "delete"):
            assert ("relations", f"{action}_{model}") in codes
    assert ("relations", "delete_mergerecord") in codes
    assert ("documents", "add_document") in codes
    assert ("documents", "change_evidence") in codes
    assert ("relations", "view_historicalofficial") in codes
    assert ("relations", "change_historicalofficial") not in codes
    assert not {code for app, code in codes if app == "auth"}


# ---------------------------------------------------------------- createeditor


def test_createeditor_makes_a_staff_user_in_the_editors_group(editor):
    assert editor.is_staff and editor.is_active
    assert not editor.is_superuser
    assert editor.email == "ed@example.org"
    assert editor.check_password(PASSWORD)
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS]
    assert editor.has_perm("relations.change_official")
    assert editor.has_perm("documents.add_document")
    assert not editor.has_perm("auth.view_user")
    assert not editor.has_perm("auth.change_group")


@pytest.mark.django_db
def test_createeditor_without_input_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "from-the-environment-7")

    editor = create_editor("env", "--no-input")

    assert editor.check_password("from-the-environment-7")


@pytest.mark.django_db
def test_createeditor_without_input_needs_a_password(monkeypatch):
    monkeypatch.delenv("DJANGO_EDITOR_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="DJANGO_EDITOR_PASSWORD"):
        create_editor("nopass", "--no-input")
    assert not User.objects.filter(username="nopass").exists()


@pytest.mark.django_db
def test_createeditor_prompts_twice_until_the_passwords_match(monkeypatch):
    answers = iter(["first-try-pass-1", "typo", "", "second-try-pass-2", "second-try-pass-2"])
    prompts = []

    def fake_getpass(prompt):
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    err = StringIO()

    call_command("createeditor", "asked", stdout=StringIO(), stderr=err)

    assert User.objects.get(username="asked").check_password("second-try-pass-2")
    assert "do not match" in err.getvalue()
    assert "cannot be blank" in err.getvalue()
    assert prompts == ["Password: ", "Password (again): ", "Password: ", "Password: "] + [
        "Password (again): "
    ]


def test_createeditor_refuses_an_existing_name(editor):
    with pytest.raises(CommandError, match="already exists"):
        create_editor("ed", f"--password={PASSWORD}", "--no-input")


# ---------------------------------------------------------------- what the admin lets in


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/relations/",
        "/admin/relations/official/",
        "/admin/relations/meeting/",
        "/admin/relations/agreement/",
        "/admin/relations/official/?review_state__exact=extracted",
        "/admin/documents/document/",
        "/admin/documents/evidence/",
        "/admin/documents/document/upload/",
    ],
)
def test_editor_can_open_the_admin_the_facts_and_the_upload_page(editor_client, url):
    assert editor_client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/", "/admin/auth/group/add/"],
)
def test_editor_cannot_manage_users_or_groups(editor_client, editor, url):
    assert editor_client.get(url).status_code == 403
    assert editor_client.get(f"/admin/auth/user/{editor.pk}/change/").status_code == 403


def test_admin_index_does_not_offer_accounts_to_editors(editor_client):
    page = editor_client.get("/admin/").content.decode()

    assert "/admin/auth/" not in page
    assert "/admin/relations/official/" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/relations/official/", "/admin/documents/document/upload/"]
)
def test_user_not_staff_is_sent_to_the_login(client, url):
    reader = User.objects.create_user("reader", password=PASSWORD)
    client.force_login(reader)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get("/admin/documents/document/upload/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
