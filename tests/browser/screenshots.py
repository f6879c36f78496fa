"""`make screenshots`: every public page and the main admin pages, desktop and 390 px wide.

Not part of the browser suite (the file name does not start with test_): run it to look at
the pages. It saves screenshots/<nn>-<page>-<width>.png, and fails when a page logs a
console error or CSP violation (the open_page fixture) or scrolls sideways.
"""

import re
import shutil

from django.db.models import Count

from documents.models import Document
from relations.models import Agreement, Meeting, Official
from tests.browser.conftest import DESKTOP, PHONE, ROOT, log_in

OUT = ROOT / "screenshots"
UPLOADED = ROOT / "tests" / "data" / "samples" / "c_jp_ph.txt"


def public_pages(country_pair: str) -> list[tuple[str, str]]:
    meeting = Meeting.objects.annotate(n=Count("children")).order_by("-n", "pk").first()
    official = Official.objects.annotate(n=Count("participations")).order_by("-n", "pk").first()
    day = meeting.start_date
    return [
        ("home", "/"),
        ("meetings", "/meetings/"),
        ("meetings-filtered", "/meetings/?kind=official_visit&country=JP"),
        ("meetings-year", f"/meetings/{day.year}/"),
        ("meetings-month", f"/meetings/{day.year}/{day.month:02d}/"),
        ("meeting", f"/meeting/{meeting.pk}/"),
        ("officials", "/officials/"),
        ("officials-search", f"/officials/?q={official.name.split()[-1].lower()}"),
        ("official", f"/officials/{official.pk}/"),
        ("agreements", "/agreements/"),
        ("agreement", f"/agreements/{Agreement.objects.order_by('pk').first().pk}/"),
        ("country-pair", country_pair),
        ("countries", "/countries/"),
        ("sources", "/documents/"),
        ("source", f"/documents/{Document.objects.order_by('pk').first().pk}/"),
    ]


def admin_pages(uploaded: str) -> list[tuple[str, str]]:
    meeting = Meeting.objects.order_by("pk").first()
    official = Official.objects.order_by("pk").first()
    return [
        ("admin-index", "/admin/"),
        ("admin-review-queue", "/admin/relations/official/review/"),
        ("admin-meetings", "/admin/relations/meeting/"),
        ("admin-meeting", f"/admin/relations/meeting/{meeting.pk}/change/"),
        ("admin-official", f"/admin/relations/official/{official.pk}/change/"),
        ("admin-meeting-history", f"/admin/relations/meeting/{meeting.pk}/history/"),
        ("admin-documents", "/admin/documents/document/"),
        ("admin-upload", "/admin/documents/document/upload/"),
        ("admin-uploaded", uploaded),
    ]


def sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_screenshots(open_page, seeded, editor):
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir()
    probe = open_page()
    probe.goto("/")
    pair = probe.get_by_role("link", name=re.compile("relationship")).first.get_attribute("href")
    log_in(probe)
    probe.goto("/admin/documents/document/upload/")
    probe.get_by_label("File:").set_input_files(UPLOADED)
    probe.get_by_role("button", name="Upload and extract").click()
    probe.get_by_role("heading", name="Facts found").wait_for()
    public, admin = public_pages(pair), admin_pages(probe.url)
    overflowing = []
    for viewport, width in ((DESKTOP, "desktop"), (PHONE, "390")):
        page = open_page(viewport)
        for n, (name, url) in enumerate(public, 1):
            page.goto(url)
            page.screenshot(path=OUT / f"{n:02d}-{name}-{width}.png", full_page=True)
            if sideways(page):
                overflowing.append(f"{url} at {width}")
        page.goto("/admin/login/")
        page.screenshot(path=OUT / f"{len(public) + 1:02d}-admin-login-{width}.png")
        log_in(page)
        for n, (name, url) in enumerate(admin, len(public) + 2):
            page.goto(url)
            page.screenshot(path=OUT / f"{n:02d}-{name}-{width}.png", full_page=True)
            if sideways(page):
                overflowing.append(f"{url} at {width}")
    print(f"\n{len(list(OUT.glob('*.png')))} screenshots in {OUT}")
    assert not overflowing, "pages that scroll sideways: " + ", ".join(overflowing)
