"""The browser suite: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Run it with `make test-browser` (the unit suite ignores this folder). No browser is ever
downloaded: Playwright launches the system's Chromium (BILATERAL_CHROMIUM, default
/usr/bin/chromium; `apt-get install -y chromium`).

Every page a test opens fails the test when it logs a console error or throws: a script
error, a resource that did not load, or a Content-Security-Policy violation. The pages are
served with the project's CSP (on in every mode, relations/settings.py), so a page that
relies on inline code fails here. On failure each open page is saved as a PNG in
test-results/.
"""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Browser, Page, sync_playwright

import documents.services
from tests.conftest import _extract_once

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls in a
# thread with a running loop unless told that this is deliberate (the calls stay synchronous).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"
CHROMIUM = os.environ.get("BILATERAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"

EDITOR = "browser-editor"
EDITOR_PASSWORD = "not-a-real-secret-browser-7"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures know whether it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, refused unless the pages carry the project's CSP: the
    journeys are what tells us a page needs inline code the policy blocks."""
    assert settings.SECURE_CSP and CSP_MIDDLEWARE in settings.MIDDLEWARE, "no CSP is sent"
    return live_server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the session, on a fresh temporary profile (Playwright's launch);
    each page opens in a context of its own, so no cookie or cache crosses tests."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"No Chromium at {CHROMIUM}: install it with `apt-get install -y chromium` "
            "(or point BILATERAL_CHROMIUM at one)."
        )
    for stale in RESULTS.glob("*.png"):
        stale.unlink()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class PageProblems(list):
    """Console errors and uncaught exceptions a page reported, with its address."""

    def watch(self, page: Page) -> None:
        page.on(
            "console",
            lambda msg: msg.type == "error" and self.append(f"{page.url}: console: {msg.text}"),
        )
        page.on("pageerror", lambda exc: self.append(f"{page.url}: uncaught: {exc}"))


@pytest.fixture
def open_page(browser, live_server, request) -> Iterator[Callable[..., Page]]:
    """open_page(viewport=DESKTOP) -> a page in a fresh context (no cookies, no cache).

    At the end of the test: every page is saved to test-results/ if the test failed, and the
    test fails if any page logged a console error or threw.
    """
    contexts, pages = [], []
    problems = PageProblems()

    def open_(viewport=DESKTOP) -> Page:
        context = browser.new_context(viewport=viewport, base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        problems.watch(page)
        pages.append(page)
        return page

    yield open_

    report = getattr(request.node, "report_call", None)
    if problems or (report is not None and report.failed):
        RESULTS.mkdir(exist_ok=True)
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.nodeid.split("::")[-1])
        for n, page in enumerate(pages, 1):
            if not page.is_closed():
                page.screenshot(path=RESULTS / f"{slug}-{n}.png", full_page=True)
    for context in contexts:
        context.close()
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)


@pytest.fixture
def page(open_page) -> Page:
    """A desktop-sized page."""
    return open_page()


def ingest(*args: str) -> None:
    """Run `manage.py ingest` in the test process, reusing each seed's first extraction
    (extraction is deterministic; the database work happens for real)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(documents.services, "extract", _extract_once)
        call_command("ingest", *args, verbosity=0)


@pytest.fixture
def seeded(live_server, seeds_dir) -> Path:
    """The five seed documents ingested into the live server's database."""
    ingest(str(seeds_dir))
    return seeds_dir


@pytest.fixture
def editor(live_server):
    """A person set up as the README says: `manage.py createeditor`."""
    call_command(
        "createeditor",
        EDITOR,
        "--email=editor@example.org",
        f"--password={EDITOR_PASSWORD}",
        "--no-input",
        verbosity=0,
    )
    return EDITOR


def log_in(page: Page, username: str = EDITOR, password: str = EDITOR_PASSWORD) -> None:
    """Sign in through the admin's login form, as a person does."""
    page.goto("/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Log out").or_(
        page.get_by_role("button", name="Log out")
    ).wait_for()
