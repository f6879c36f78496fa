"""The questions a reader of one relationship asks, in a real browser: both countries in a
year, whom an official met, how much was lent, the whole list as a file."""

import csv
import io
import re

from playwright.sync_api import Page, expect

from relations.models import Official

COUNT = re.compile(r"(\d+) (?:meeting|agreement)s?")


def results_count(page: Page) -> int:
    return int(COUNT.search(page.locator(".results-count").inner_text()).group(1))


def test_both_countries_in_one_year_from_the_relationship_page(page, seeded):
    page.goto("/countries/jp-kh/")
    contact = page.get_by_role("table").filter(has_text="Highest level")
    row = contact.get_by_role("row").filter(has_text="2023")
    stated = int(row.locator("td.count").inner_text())
    row.locator("td.count a").click()
    expect(page).to_have_url(re.compile(r"/meetings/\?pair=jp-kh&year=2023$"))
    assert results_count(page) == stated
    expect(page.locator(".chips")).to_contain_text("Both Japan and Cambodia")
    expect(page.locator(".meeting-item .countries").first).to_contain_text("Japan")


def test_two_countries_chosen_say_either_and_offer_both(page, seeded):
    page.goto("/meetings/")
    country = page.get_by_role("region", name="Country", exact=True)
    country.get_by_role("link", name=re.compile("^Japan")).click()
    country = page.get_by_role("region", name="Country", exact=True)
    country.locator(".facet-with").get_by_role("link", name="Cambodia").click()
    expect(page).to_have_url(re.compile(r"pair=jp-kh"))
    both = results_count(page)
    page.goto("/meetings/?country=JP&country=KH")
    expect(page.locator(".chips .joiner").last).to_have_text("or")
    either = results_count(page)
    page.get_by_role("link", name="Only those with both").click()
    assert results_count(page) == both <= either


def test_whom_an_official_met(page, seeded):
    hayashi = Official.objects.get(name="Yoshimasa Hayashi")
    page.goto(f"/officials/{hayashi.pk}/")
    table = page.locator("table.met-with")
    expect(table).to_contain_text("Prak Sokhonn")
    count = table.get_by_role("row").filter(has_text="Prak Sokhonn").locator("td.count a")
    stated = int(count.inner_text())
    count.click()
    assert results_count(page) == stated
    expect(page.locator(".chips")).to_contain_text(
        re.compile(r"Participant: \S.*and\s*Participant: ")
    )


def test_how_much_japan_lent_cambodia(page, seeded):
    page.goto("/agreements/?pair=jp-kh")
    kind = page.get_by_role("region", name="Kind", exact=True)
    kind.get_by_role("link", name=re.compile("^Loan")).click()
    totals = page.locator("p.totals")
    expect(totals).to_contain_text("USD 59.6 million (1 agreement)")
    expect(totals).to_contain_text("JPY 8 billion (1 agreement)")


def test_the_download_holds_the_whole_filtered_list(page, seeded):
    page.goto("/meetings/?country=JP")
    shown = results_count(page)
    with page.expect_download() as download:
        page.locator(".formats").get_by_role("link", name="CSV").click()
    with open(download.value.path(), encoding="utf-8") as file:
        rows = list(csv.DictReader(io.StringIO(file.read())))
    assert len(rows) == shown
    assert all("JP" in r["countries"] for r in rows)
