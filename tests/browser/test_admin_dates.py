"""The admin's date boxes in a browser: the calendar's shortcuts write year-month-day, the
one format the boxes take (the language's own, en-gb, would be day/month/year)."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import log_in


def test_the_calendar_writes_the_date_the_box_takes(page, editor):
    log_in(page)
    page.goto("/admin/relations/meeting/add/")
    start = page.locator("#id_start_date")
    expect(start).to_have_attribute("placeholder", "YYYY-MM-DD")
    page.locator("#id_start_date + .datetimeshortcuts a", has_text="Today").click()
    expect(start).to_have_value(re.compile(r"^\d{4}-\d{2}-\d{2}$"))

    start.fill("2021-09-03")
    page.locator("#id_end_date + .datetimeshortcuts a", has_text="Today").click()
    page.locator("#id_end_date").fill("03/09/2021")
    page.get_by_label("Title:").fill("Talks")
    page.get_by_label("Kind:").select_option(label="Dialogue")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("“03/09/2021” is ambiguous")
