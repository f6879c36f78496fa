"""axe-core on every public page at 1280 and 390 px, and the journeys of the keyboard, the
phone and the editor's correction (issue 14's "Done when").

axe-core comes inside the pinned `axe-playwright-python` wheel (its axe.min.js): nothing is
downloaded. It is injected with `page.evaluate`, which the pages' CSP does not govern, and
run with the WCAG 2.0, 2.1 and 2.2 A and AA rules and axe's best practices; any violation
fails the test, listed by rule, page and element.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from relations import selectors
from relations.models import Meeting, Participation
from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.site_pages import public_pages

AXE = Axe()
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def axe_violations(page: Page) -> list[str]:
    """One line per element axe finds at fault: rule, impact, page, element."""
    result = AXE.run(
        page,
        options={"runOnly": {"type": "tag", "values": RULES}, "resultTypes": ["violations"]},
    )
    lines = []
    for violation in result.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"{violation['id']} ({violation['impact']}) {page.url} {target}")
    return lines


def every_public_page() -> dict[str, str]:
    pages = public_pages()
    pair = selectors.main_pair()
    pages["country pair"] = reverse("relations:country-pair", args=[pair["slug"]])
    pages["countries"] = reverse("relations:countries")
    meeting = Meeting.objects.filter(start_date__isnull=False).order_by("pk").first()
    pages["meetings filtered"] = f"/meetings/?kind={meeting.kind}&year={meeting.start_date.year}"
    pages["meetings empty"] = "/meetings/?q=zzzzqqqq"
    busy = Participation.objects.order_by("official_id").first()
    pages["official with meetings"] = reverse("relations:official", args=[busy.official_id])
    return pages


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_axe_finds_nothing_on_any_public_page(open_page, seeded, viewport):
    page = open_page(viewport)
    found = []
    pages = every_public_page()
    for path in pages.values():
        page.goto(path)
        found += axe_violations(page)
    assert len(pages) >= 15
    assert not found, "axe-core violations:\n" + "\n".join(found)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_axe_finds_nothing_on_generated_data(open_page, live_server, viewport):
    """Many countries, years and people: long facets, a dense timeline, wide tables."""
    call_command("generate_kb", meetings=400, seed=2, verbosity=0)
    page = open_page(viewport)
    found = []
    for path in every_public_page().values():
        page.goto(path)
        found += axe_violations(page)
    assert not found, "axe-core violations:\n" + "\n".join(found)


def test_axe_sees_a_violation_when_there_is_one(open_page, seeded):
    """The check above can fail: an image without a text alternative is reported."""
    page = open_page()
    page.goto("/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(line.startswith("image-alt") for line in axe_violations(page))


def tabs_to(page: Page, locator, limit: int) -> int:
    """Press Tab until `locator` has focus; how many presses it took (or limit + 1)."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return presses
    return limit + 1


def test_a_keyboard_user_applies_a_facet_and_reaches_the_first_result_in_under_10_tabs(
    page, seeded
):
    page.goto("/meetings/")
    kind = page.get_by_role("region", name="Kind", exact=True).get_by_role("link").first
    kind.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Active filters").locator(".chip")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"#results$"))
    first = page.locator(".results .meeting-item h3 a").first
    presses = tabs_to(page, first, 10)
    assert presses < 10, f"the first result took {presses} Tabs after applying a facet"


def test_skip_to_results_is_the_second_tab_stop(page, seeded):
    page.goto("/meetings/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to results")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    first = page.locator(".results .meeting-item h3 a").first
    assert tabs_to(page, first, 10) <= 3


def test_a_phone_user_sees_the_first_result_on_the_first_screen_after_a_facet(open_page, seeded):
    page = open_page(PHONE)
    page.goto("/meetings/")
    page.locator("summary", has_text="Filters").click()
    page.get_by_role("region", name="Kind", exact=True).get_by_role("link").first.click()
    first = page.locator(".results .meeting-item").first
    expect(first).to_be_in_viewport()
    # The panel is folded again, and says how many filters are on.
    expect(page.locator("summary", has_text="Filters (1)")).to_be_visible()
    assert page.locator("details.facet-toggle").get_attribute("open") is None


def test_an_editor_corrects_a_date_and_the_public_page_says_so(page, seeded, editor):
    meeting = (
        Meeting.objects.filter(start_date__isnull=False, end_date__isnull=False)
        .exclude(date_precision__in=["month", "year"])
        .order_by("pk")
        .first()
    )
    said = meeting.start_date
    log_in(page)
    page.goto(f"/meeting/{meeting.pk}/")
    page.get_by_role("link", name="Edit this meeting").click()
    new_day = said.replace(day=1 if said.day != 1 else 2)
    page.locator("#id_start_date").fill(new_day.isoformat())
    page.locator("#id_end_date").fill(new_day.isoformat())
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"/meeting/{meeting.pk}/")
    note = page.locator(".facts .correction").first
    expect(note).to_contain_text("Corrected by an editor on")
    expect(note).to_contain_text(f"the source says {said.day} {said:%b %Y}")
