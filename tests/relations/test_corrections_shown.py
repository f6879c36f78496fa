"""An editor's correction said in the open on the public page, the Edit link, review marks."""

import datetime
import re

from django.utils import timezone

from relations.models import Meeting
from tests.relations.test_admin import change_url, form_data


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" ;", ";").strip()


def test_a_corrected_date_says_so_and_what_the_source_says(admin_client, client, ingested):
    meeting = Meeting.objects.get(title="Courtesy call: Kamikawa Yoko and Hun Sen")
    before = client.get(f"/meeting/{meeting.pk}/").content.decode()
    assert "Corrected by an editor" not in before

    data = form_data(admin_client.get(change_url(meeting)))
    data["start_date"] = data["end_date"] = "2024-07-04"
    assert admin_client.post(change_url(meeting), data).status_code == 302

    page = text(client.get(f"/meeting/{meeting.pk}/").content.decode())
    today = timezone.localdate()
    on = f"{today.day} {today:%b %Y}"
    note = f"Corrected by an editor on {on}; the source says 5 Jul 2024 – 6 Jul 2024."
    assert note in page
    # Beside the date, not beside the place, which nobody changed.
    assert page.index("4 Jul 2024") < page.index(note) < page.index("Place")
    assert "corrected by an editor" in text(client.get("/meetings/?year=2024").content.decode())


def test_the_edit_link_is_for_editors_only(admin_client, client, ingested):
    """(A visitor's page makes no query for it: tests/relations/test_query_counts.py.)"""
    meeting = Meeting.objects.filter(parent__isnull=True).first()
    url = f"/meeting/{meeting.pk}/"
    assert "Edit this meeting" not in client.get(url).content.decode()
    page = admin_client.get(url).content.decode()
    assert f'href="{change_url(meeting)}">Edit this meeting</a>' in page


def test_unchecked_and_checked_facts_are_marked_in_lists(client, ingested):
    first = Meeting.objects.order_by("-start_date").first()
    Meeting.objects.filter(pk=first.pk).update(review_state="verified")
    page = text(client.get("/meetings/").content.decode())
    assert page.count("✓ checked by an editor") == 1
    assert "not yet checked" in page


def test_a_sentence_quoted_twice_is_listed_once(client, ingested):
    from documents.models import Evidence

    ev = Evidence.objects.filter(meeting__isnull=False).first()
    Evidence.objects.create(
        document=ev.document,
        meeting=ev.meeting,
        fingerprint="again",
        start=ev.start,
        end=ev.end,
        quote=ev.quote,
    )
    page = client.get(f"/meeting/{ev.meeting_id}/").content.decode()
    assert page.count(f"<p>{ev.quote}</p>".replace("'", "&#x27;")) == 1


def test_the_meetings_inside_a_visit_are_in_date_order(client, ingested):
    visit = Meeting.objects.filter(children__isnull=False).distinct().first()
    inside = list(visit.children.all())
    early = inside[-1]
    Meeting.objects.filter(pk=early.pk).update(start_date=datetime.date(2000, 1, 1))
    page = client.get(f"/meeting/{visit.pk}/").content.decode()
    listed = page[page.index('id="inside-heading"') :]
    links = re.findall(r'href="/meeting/(\d+)/"', listed[: listed.index("</section>")])
    assert links[0] == str(early.pk) and len(links) == len(inside)
