"""Each detail page has a JSON twin (`?format=json`): its facts, each source document with
the quoted sentences, and links that lead to the pages."""

import pytest

from documents.models import Document
from relations.models import Agreement, Meeting, Official

pytestmark = pytest.mark.django_db


def twin(client, path: str) -> dict:
    response = client.get(path, {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def assert_quotes_are_in_their_documents(client, data: dict) -> None:
    assert data["sources"], "every extracted fact has a source"
    for source in data["sources"]:
        document = Document.objects.get(pk=source["id"])
        for quote in source["quotes"]:
            assert document.text[quote["start"] : quote["end"]] == quote["text"]
            assert quote["url"].startswith(f"http://testserver/documents/{document.pk}/#ev-")


def test_a_meetings_twin_holds_its_facts_people_and_quotes(client, ingested):
    meeting = Meeting.objects.visible().filter(participations__isnull=False).first()
    data = twin(client, f"/meeting/{meeting.pk}/")
    html = client.get(f"/meeting/{meeting.pk}/").content.decode()
    assert (data["title"], data["start_date"]) == (meeting.title, str(meeting.start_date))
    assert data["url"] == f"http://testserver/meeting/{meeting.pk}/"
    names = [p["name"] for p in data["participants"]]
    assert names and all(name in html for name in names)
    for person in data["participants"]:
        assert client.get(person["url"]).status_code == 200
    assert sorted(c["code"] for c in data["countries"]) == sorted(
        meeting.countries.values_list("code", flat=True)
    )
    assert_quotes_are_in_their_documents(client, data)
    assert 'type="application/json" href="?format=json"' in html


def test_an_officials_twin_lists_posts_people_met_and_a_link_to_all_meetings(client, ingested):
    official = (
        Official.objects.visible()
        .filter(participations__isnull=False, positions__isnull=False)
        .distinct()
        .first()
    )
    data = twin(client, f"/officials/{official.pk}/")
    assert data["name"] == official.name
    assert [p["title"] for p in data["posts"]]
    listed = client.get(data["meetings"]["list"].removeprefix("http://testserver"))
    assert f"{data['meetings']['count']} meeting" in listed.content.decode()
    for row in data["met_with"]:
        assert row["meetings"] >= 1 and row["url"].startswith("http://testserver/officials/")
    assert_quotes_are_in_their_documents(client, data)


def test_an_agreements_twin_holds_the_sum_parties_and_quotes(client, ingested):
    agreement = Agreement.objects.visible().exclude(amount=None).first()
    data = twin(client, f"/agreements/{agreement.pk}/")
    assert (data["title"], data["currency"]) == (agreement.title, agreement.currency)
    assert float(data["amount"]) == float(agreement.amount)
    assert {p["code"] for p in data["parties"]} == set(
        agreement.parties.values_list("code", flat=True)
    )
    assert_quotes_are_in_their_documents(client, data)


def test_a_missing_records_twin_is_a_404(client, ingested):
    assert client.get("/meeting/999999/?format=json").status_code == 404


def test_a_documents_twin_holds_its_text_facts_and_each_quote_with_its_fact(client, ingested):
    document = Document.objects.filter(evidence__isnull=False).first()
    data = twin(client, f"/documents/{document.pk}/")
    assert data["text"] == document.text and data["title"] == document.title
    assert data["facts"] and data["quotes"]
    for quote in data["quotes"]:
        assert document.text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["fact_url"] in {f["url"] for f in data["facts"]}
