"""What a reader does on the public pages, in a real browser (journeys 1, 2, 3 and 7)."""

import re

from playwright.sync_api import Page, expect

from relations.models import Official
from tests.browser.conftest import PHONE

COUNT = re.compile(r"(\d+) meetings?")


def results_count(page: Page) -> int:
    """The number the results heading states ("12 meetings")."""
    return int(COUNT.search(page.locator(".results-count").inner_text()).group(1))


def facet_value(page: Page, facet: str, index: int = 0):
    """(link, label, count) of a facet's value, from its panel on the list page."""
    link = page.get_by_role("region", name=facet, exact=True).get_by_role("link").nth(index)
    label = link.locator(".facet-label").inner_text().replace("✓", "").strip()
    return link, label, int(link.locator(".count").inner_text())


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_browse_meetings_by_date_down_to_the_quoted_sentence(page, seeded):
    # Journey 1: home -> a year (from the chart's table) -> a month -> a meeting -> its source.
    page.goto("/")
    expect(
        page.get_by_role("img", name=re.compile("Meetings per year by level of contact"))
    ).to_be_visible()
    page.locator("summary", has_text="The numbers, year by year").click()
    link = page.get_by_role("region", name=re.compile("year by year")).get_by_role("link").first
    year = link.inner_text().strip()
    link.click()
    expect(page).to_have_url(re.compile(rf"/meetings/{year}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Meetings in {year}")

    month = page.get_by_role("region", name="Months").get_by_role("link").first
    month_name = month.inner_text().split()[0]
    month.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Meetings in {month_name} {year}")
    busy_days = page.locator("table.calendar td.busy")
    expect(busy_days.first).to_be_visible()

    meeting = page.locator(".meeting-item h3 a").first
    title = meeting.inner_text()
    meeting.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".breadcrumb")).to_contain_text(f"{year} › {month_name}")

    sources = page.get_by_role("region", name="Sources")
    quote = sources.locator("blockquote p").first.inner_text()
    sources.get_by_role("link", name="Read it in the source").first.click()

    expect(page).to_have_url(re.compile(r"/documents/\d+/#ev-\d+$"))
    highlighted = page.locator("mark:target, mark:has(> .ev-anchor:target)")
    expect(highlighted).to_have_count(1)
    expect(highlighted).to_contain_text(quote)
    expect(highlighted).to_be_in_viewport()
    style = highlighted.evaluate(
        "m => { const s = getComputedStyle(m); return [s.backgroundColor, s.outlineStyle]; }"
    )
    assert style[0] not in ("rgba(0, 0, 0, 0)", "transparent"), "the sentence is not marked"
    assert style[1] == "solid", "the sentence the source link points at is not outlined"


def test_narrow_meetings_with_facets_and_go_back(page, seeded):
    # Journey 2: pick a kind, then a country; counts, rows and chips follow; back works.
    page.goto("/meetings/")
    everything = results_count(page)

    kind_link, kind, kind_count = facet_value(page, "Kind")
    assert kind_count < everything, "the first kind should narrow the list"
    kind_link.click()
    expect(page).to_have_url(re.compile(r"[?&]kind="))
    expect(page.locator(".results-count")).to_contain_text(f"{kind_count} meeting")
    rows = page.locator(".results .meeting-item")
    expect(rows).to_have_count(kind_count)
    for text in rows.locator(".kind").all_inner_texts():
        assert text == kind
    chips = page.get_by_label("Active filters").locator(".chip")
    expect(chips).to_have_count(1)
    expect(chips.first).to_contain_text(kind)

    # The country facet now counts within that kind; pick its smallest value.
    countries = page.get_by_role("region", name="Country", exact=True).get_by_role("link")
    counts = [int(n) for n in countries.locator(".count").all_inner_texts()]
    smallest = counts.index(min(counts))
    country_link, country, country_count = facet_value(page, "Country", smallest)
    assert country_count <= kind_count
    country_link.click()
    expect(page).to_have_url(re.compile(r"country="))
    expect(page.locator(".results-count")).to_contain_text(f"{country_count} meeting")
    expect(rows).to_have_count(country_count)
    expect(chips).to_have_count(2)
    expect(chips.nth(1)).to_contain_text(country)
    both_filters = page.url

    # Remove the kind chip: only the country filter is left.
    chips.filter(has_text=kind).click()
    expect(chips).to_have_count(1)
    expect(chips.first).to_contain_text(country)
    assert "kind=" not in page.url
    assert results_count(page) >= country_count

    # Back: the page with both filters, its rows and chips as they were.
    page.go_back()
    expect(page).to_have_url(both_filters)
    expect(chips).to_have_count(2)
    expect(page.locator(".results-count")).to_contain_text(f"{country_count} meeting")
    expect(rows).to_have_count(country_count)


def test_find_an_official_by_part_of_the_name_in_any_order(page, seeded):
    # Journey 3: a partial, lower-case, reordered name finds the official.
    # The official whose meetings spread over the most dates, so their order shows.
    official = max(
        Official.objects.prefetch_related("participations__meeting", "positions"),
        key=lambda o: (
            len({p.meeting.start_date for p in o.participations.all() if p.meeting.start_date}),
            len(o.positions.all()),
            -o.pk,
        ),
    )
    meeting_count = len({p.meeting_id for p in official.participations.all()})
    words = official.name.split()
    assert len(words) >= 2, official.name
    query = " ".join(word[: max(3, len(word) - 2)].lower() for word in reversed(words))

    page.goto("/officials/")
    page.get_by_label("Name").fill(query)
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".results-count")).to_contain_text(f"matching “{query}”")
    page.locator(".official-item h3 a").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(official.name)
    posts = page.locator("table.posts")
    expect(posts.locator("tbody tr").first).to_be_visible()
    seen = posts.locator("tbody tr td:nth-child(4) time:first-child")
    first_seen = [d for d in seen.evaluate_all("ts => ts.map(t => t.dateTime)") if d]
    assert first_seen == sorted(first_seen), "posts are not shown over time"

    meetings = page.locator(".official-meetings > li")
    expect(meetings).to_have_count(meeting_count)
    starts = meetings.evaluate_all(
        "items => items.map(li => (li.querySelector('time') || {}).dateTime || '')"
    )
    dated = [d for d in starts if d]
    assert len(set(dated)) >= 2, "the journey needs an official met on different dates"
    assert dated == sorted(dated, reverse=True), f"meetings are not newest first: {dated}"
    assert starts[: len(dated)] == dated, "undated meetings come last"


def test_meetings_and_a_meeting_are_usable_at_390_px(open_page, seeded):
    # Journey 7: on a phone, nothing scrolls sideways and the filters are within reach.
    page = open_page(PHONE)
    page.goto("/meetings/")
    assert no_sideways_scroll(page), "the meetings list scrolls sideways at 390 px"
    expect(page.locator(".meeting-item").first).to_be_in_viewport()

    filters = page.locator("summary", has_text="Filters")
    expect(filters).to_be_visible()
    filters.click()
    kind_link, kind, kind_count = facet_value(page, "Kind")
    kind_link.scroll_into_view_if_needed()
    expect(kind_link).to_be_visible()
    kind_link.click()
    expect(page.locator(".results-count")).to_contain_text(f"{kind_count} meeting")
    expect(page.get_by_label("Active filters").locator(".chip")).to_contain_text(kind)
    assert no_sideways_scroll(page), "the filtered list scrolls sideways at 390 px"

    page.locator(".results .meeting-item h3 a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert no_sideways_scroll(page), "a meeting page scrolls sideways at 390 px"
    title_box = page.get_by_role("heading", level=1).bounding_box()
    assert title_box["x"] >= 0 and title_box["x"] + title_box["width"] <= PHONE["width"]
    quote = page.get_by_role("region", name="Sources").locator("blockquote").first
    box = quote.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "a quote overflows"
