"""Production mode (DEBUG=0), as gunicorn runs it: `check --deploy` is clean, every response
carries the security headers, cookies are secure and HttpOnly, plain HTTP is redirected.

These run the real settings module in a child process with a production environment, since
settings are read once per process.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Runs in the child: a fresh SQLite database, an editor, then requests as a browser makes them.
PROBE = """
import json
import re
import django
from django.core.management import call_command

django.setup()
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
from django.conf import settings
from django.contrib.auth.models import User
from django.core.checks import run_checks
from django.test import Client, override_settings

User.objects.create_superuser("editor", "editor@example.org", "a long passphrase 42")
client = Client(HTTP_HOST="kb.example.org")


def seen(response):
    cookies = {
        name: {
            "secure": bool(m["secure"]),
            "httponly": bool(m["httponly"]),
            "max-age": m["max-age"],
            "samesite": m["samesite"],
        }
        for name, m in response.cookies.items()
    }
    return {"status": response.status_code, "headers": dict(response.headers), "cookies": cookies}


out = {
    "http": seen(client.get("/meetings/")),
    "home": seen(client.get("/", secure=True)),
    "login_form": seen(client.get("/admin/login/", secure=True)),
}
client.get("/admin/login/", secure=True)
token = client.cookies[settings.CSRF_COOKIE_NAME].value
out["login"] = seen(
    client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "a long passphrase 42", "csrfmiddlewaretoken": token},
        secure=True,
        HTTP_REFERER="https://kb.example.org/admin/login/",
    )
)
out["admin"] = seen(client.get("/admin/", secure=True))
page = client.get("/", secure=True).content.decode()
stylesheet = re.search(r'href="(/static/css/site[^"]*)"', page).group(1)
sheet = client.get(stylesheet, secure=True, HTTP_ACCEPT_ENCODING="gzip")
out["stylesheet"] = {"url": stylesheet, **seen(sheet)}

with override_settings(SECURE_HSTS_SECONDS=0, SESSION_COOKIE_SECURE=False):
    out["weakened_checks"] = sorted(m.id for m in run_checks(include_deployment_checks=True))
print("PROBE" + json.dumps(out))
"""


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="relations.settings",
        DEBUG="0",
        SECRET_KEY="x7Qe-production-test-key-9fK2mL5pR8sT1vW4yZ6bN3cJ0hG7dA2uE5iO8",
        ALLOWED_HOSTS="kb.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_nothing_in_production_mode(tmp_path):
    done = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path)
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced)."
    assert done.stderr == ""


def test_the_deploy_check_would_notice_a_weakened_setting(production):
    """The clean check above can fail: in the same production process, turning HSTS or the
    secure session cookie off makes the deployment checks complain."""
    assert production["weakened_checks"] == ["security.W004", "security.W012"]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]

    done = run(["manage.py", "check"], env)

    assert done.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in done.stderr


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    """What a browser gets from the production configuration, by step (after the steps of
    `make serve-prod`: migrate and collectstatic)."""
    env = production_env(tmp_path_factory.mktemp("production"))
    done = run(["-c", PROBE], env)
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("PROBE"))
    return json.loads(line.removeprefix("PROBE"))


def test_plain_http_is_redirected_to_https(production):
    http = production["http"]

    assert http["status"] == 301
    assert http["headers"]["Location"] == "https://kb.example.org/meetings/"


@pytest.mark.parametrize("step", ["home", "login_form", "admin"])
def test_every_response_carries_the_security_headers(production, step):
    headers = production[step]["headers"]

    assert production[step]["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_the_csrf_cookie_is_secure_and_http_only(production):
    cookie = production["login_form"]["cookies"]["__Host-csrftoken"]

    assert cookie["secure"] and cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_an_editors_session_cookie_is_secure_http_only_and_ends_with_the_browser(production):
    login = production["login"]

    assert login["status"] == 302
    assert login["headers"]["Location"] == "/admin/"
    session = login["cookies"]["__Host-sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["max-age"] == ""  # no expiry date: the browser drops it when closed
    assert production["admin"]["status"] == 200


def test_static_files_have_hashed_names_and_are_served_compressed_for_a_year(production):
    sheet = production["stylesheet"]

    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", sheet["url"])
    assert sheet["status"] == 200
    assert sheet["headers"]["Content-Encoding"] == "gzip"
    assert "immutable" in sheet["headers"]["Cache-Control"]
    assert "max-age=315360000" in sheet["headers"]["Cache-Control"]
