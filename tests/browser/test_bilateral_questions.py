"""The questions a reader of one relationship asks, in a real browser: both countries in a
year, whom an official met, how much was lent, the whole list as a file."""

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

from relations.models import Official
from tests.postgresql import ON_POSTGRESQL

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


def _header_search(page: Page, query: str) -> None:
    page.goto("/")
    page.get_by_role("searchbox", name="Search everything").fill(query)
    page.get_by_role("searchbox", name="Search everything").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))


def test_the_header_search_answers_by_kind_with_years_of_activity(page, seeded):
    _header_search(page, "hayashi")
    officials = page.get_by_role("region", name=re.compile("^Officials"))
    expect(officials.get_by_role("link", name="Yoshimasa Hayashi")).to_be_visible()
    expect(officials.locator(".active-years")).to_contain_text(re.compile(r"met \d{4}"))
    for kind in ("Meetings", "Agreements", "Sources"):
        expect(page.get_by_role("region", name=re.compile(f"^{kind}"))).to_be_visible()
    meetings = page.get_by_role("region", name=re.compile("^Meetings"))
    expect(meetings.locator("li")).to_have_count(2)
    officials.get_by_role("link", name="Yoshimasa Hayashi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Yoshimasa Hayashi")


@pytest.mark.postgresql
@pytest.mark.skipif(not ON_POSTGRESQL, reason="needs PostgreSQL: a misspelt name (pg_trgm)")
def test_the_header_search_finds_a_misspelt_name(page, seeded):
    _header_search(page, "hyashi")
    officials = page.get_by_role("region", name=re.compile("^Officials"))
    expect(officials.get_by_role("link", name="Yoshimasa Hayashi")).to_be_visible()
    meetings = page.get_by_role("region", name=re.compile("^Meetings"))
    expect(meetings.locator("li")).to_have_count(2)
