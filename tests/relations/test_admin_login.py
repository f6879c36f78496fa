"""The admin's front door: failed logins lock an account and an address out (django-axes),
search engines are kept out, and an editor's session does not last for ever."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Many logins here: a cheap hasher keeps them fast (the check is the same)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", "editor@example.org", PASSWORD, is_staff=True, is_superuser=True
    )


def log_in(client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(
        f"{LOGIN}?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_the_right_password_logs_in(client, editor):
    response = log_in(client, "editor", PASSWORD)

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_after_five_failures_the_account_is_locked_even_for_the_right_password(client, editor):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        refused = log_in(client, "editor", "guess")
        assert refused.status_code == 200  # the form again, with its error
        assert "Please enter the correct username and password" in refused.content.decode()

    fifth = log_in(client, "editor", "guess")
    right = log_in(client, "editor", PASSWORD)

    assert fifth.status_code == 429
    assert right.status_code == 429
    assert "Too many login attempts" in right.content.decode()
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_the_account_is_locked_from_another_address_too(client, editor):
    """Per account: guessing one editor's password from many addresses does not help."""
    for n in range(5):
        log_in(client, "editor", "guess", address=f"198.51.100.{n}")

    assert log_in(client, "editor", PASSWORD, address="192.0.2.1").status_code == 429


def test_an_address_that_failed_too_often_is_locked_for_every_account(
    client, editor, django_user_model
):
    """Per address: trying one password on many accounts from one place is stopped too."""
    django_user_model.objects.create_user("other", password=PASSWORD, is_staff=True)
    for n in range(5):
        log_in(client, f"someone{n}", "guess", address="203.0.113.9")

    assert log_in(client, "other", PASSWORD, address="203.0.113.9").status_code == 429
    assert log_in(client, "other", PASSWORD, address="203.0.113.10").status_code == 302


def test_a_success_before_the_limit_clears_the_count(client, editor):
    for _ in range(4):
        log_in(client, "editor", "guess")
    assert log_in(client, "editor", PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        log_in(client, "editor", "guess")

    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off_time(client, editor):
    from axes.models import AccessAttempt

    for _ in range(5):
        log_in(client, "editor", "guess")
    assert log_in(client, "editor", PASSWORD).status_code == 429
    an_hour_ago = timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=an_hour_ago)

    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_robots_txt_keeps_search_engines_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines  # the public pages stay open to them


def test_the_admin_pages_ask_not_to_be_indexed(client):
    page = client.get(LOGIN).content.decode()

    assert '<meta name="robots" content="NONE,NOARCHIVE">' in page


def test_the_session_cookie_ends_with_the_browser(client, editor):
    log_in(client, "editor", PASSWORD)

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]

    assert cookie["httponly"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_a_session_left_idle_for_two_hours_needs_a_new_login(client, editor):
    log_in(client, "editor", PASSWORD)
    assert client.get("/admin/").status_code == 200
    session = Session.objects.get()
    left = session.expire_date - timezone.now()
    assert dt.timedelta(hours=1, minutes=59) < left <= dt.timedelta(hours=2)

    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_each_request_moves_the_end_of_a_session_on(client, editor):
    log_in(client, "editor", PASSWORD)
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(minutes=5))

    assert client.get("/admin/").status_code == 200

    left = Session.objects.get().expire_date - timezone.now()
    assert left > dt.timedelta(hours=1, minutes=59)
