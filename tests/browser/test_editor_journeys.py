"""What an editor does in the admin, in a real browser (journeys 4, 5 and 6)."""

import re

from django.db.models import F
from playwright.sync_api import expect

from relations.models import Meeting
from tests.browser.conftest import ROOT, ingest, log_in

UPLOADED = ROOT / "tests" / "data" / "samples" / "c_jp_ph.txt"


def test_a_corrected_meeting_date_shows_and_survives_reingestion(page, seeded, editor):
    # Journey 4: the editor corrects a date; the public page shows it, before and after
    # `ingest --reextract`. The meeting is one the sources date to a single day, and the
    # correction spans two: re-extraction would narrow it back unless it keeps editors' work.
    meeting = (
        Meeting.objects.filter(date_precision="day", start_date=F("end_date"))
        .order_by("pk")
        .first()
    )
    log_in(page)
    page.get_by_role("link", name="Meetings", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Select meeting to change")
    page.get_by_role("searchbox").fill(meeting.title)
    page.get_by_role("button", name="Search").click()
    page.locator(f"#result_list a[href*='/meeting/{meeting.pk}/change/']").click()
    expect(page.get_by_label("Title:")).to_have_value(meeting.title)

    page.get_by_label("Start date:").fill("2019-03-14")
    page.get_by_label("End date:").fill("2019-03-15")
    page.get_by_label("Date precision:").select_option(label="Day")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")

    page.get_by_role("link", name=meeting.title).first.click()
    page.get_by_role("link", name="View on site").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(meeting.title)
    date = page.locator("dl.facts dt:text-is('Date') + dd")
    said = meeting.start_date
    expect(date).to_have_text(re.compile(r"^14 Mar–15 Mar 2019\s+✎?\s*Corrected by an editor"))
    expect(date.locator(".correction")).to_contain_text(f"the source says {said.day} {said:%b %Y}")
    expect(page.locator(".breadcrumb")).to_contain_text("2019 › March")

    ingest(str(seeded), "--reextract")
    page.reload()
    expect(heading).to_have_text(meeting.title)
    expect(date).to_contain_text("14 Mar–15 Mar 2019")


def test_review_queue_verify_one_reject_another(page, seeded, editor):
    # Journey 5: verify one extracted meeting, reject another; the rejected one leaves the
    # public list, the verified one says an editor checked it.
    log_in(page)
    page.get_by_role("link", name="Review queue").first.click()
    page.locator(".review-tabs").get_by_role("link", name="Meetings").click()
    rows = page.locator("#result_list tbody tr")
    expect(rows.first).to_be_visible()
    waiting = rows.count()
    assert waiting >= 2, "the seeds give more than one meeting to review"

    def fact(row):
        link = row.locator("td.fact strong a")
        pk = re.search(r"/meeting/(\d+)/change/", link.get_attribute("href")).group(1)
        return link.inner_text(), pk

    kept_title, kept = fact(rows.nth(0))
    dropped_title, dropped = fact(rows.nth(1))
    rows.nth(0).get_by_role("button", name="Verify", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(f"Verified 1 fact: {kept_title}")
    expect(rows).to_have_count(waiting - 1)
    row = rows.filter(has=page.locator(f"a[href*='/meeting/{dropped}/change/']"))
    row.get_by_role("button", name="Reject", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(f"Rejected 1 fact: {dropped_title}")
    expect(rows).to_have_count(waiting - 2)
    expect(page.locator(f"#result_list a[href*='/meeting/{kept}/change/']")).to_have_count(0)
    expect(page.locator(f"#result_list a[href*='/meeting/{dropped}/change/']")).to_have_count(0)

    page.goto("/meetings/")
    expect(page.locator(f".results a[href='/meeting/{dropped}/']")).to_have_count(0)
    expect(page.locator(f".results a[href='/meeting/{kept}/']")).to_have_count(1)
    page.locator(f".results a[href='/meeting/{kept}/']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kept_title)
    expect(page.locator("dl.facts")).to_contain_text("Checked by an editor")
    assert dropped_title != kept_title


def test_upload_a_document_and_reach_its_facts(page, seeded, editor):
    # Journey 6: upload a file in the admin; the result page lists what was found and
    # leads to each fact, with the uploaded document as its evidence.
    log_in(page)
    page.get_by_role("link", name="Documents", exact=True).first.click()
    page.get_by_role("link", name="Upload a document").click()
    page.get_by_label("File:").set_input_files(UPLOADED)
    page.get_by_role("button", name="Upload and extract").click()

    expect(page.get_by_role("heading", name="Facts found")).to_be_visible()
    officials = page.locator("#found-officials")
    expect(officials.locator("h2")).to_contain_text(re.compile(r"Officials: [1-9]\d* new"))
    found = officials.locator("tbody td:first-child a")
    name = found.first.inner_text()
    found.first.click()

    expect(page.get_by_role("heading", level=2).first).to_have_text(name)
    evidence = page.locator(".inline-group").filter(has_text="Evidence")
    expect(evidence).to_contain_text(UPLOADED.name)
    page.get_by_role("link", name="View on site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    sources = page.get_by_role("region", name="Sources")
    expect(sources.get_by_role("link").first).to_be_visible()
