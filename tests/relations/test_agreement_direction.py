"""An agreement's direction (who gives, who receives) is extracted where the text says it,
kept by the writer like other extracted fields (an editor's choice wins), and shown on the
agreements list and page, with facets to choose by."""

import pytest
from django.core.management import call_command

from relations.models import Agreement, Country

pytestmark = pytest.mark.django_db

TEXT = """Korea to fund clinics in Laos

Vientiane, 5 March 2024 - The Foreign Minister of Laos met the Foreign Minister of Korea in
Vientiane on 5 March 2024 to discuss health cooperation.

The Government of Korea will provide a grant of 5 million US dollars to the Lao People's
Democratic Republic for the construction of rural clinics.
"""


@pytest.fixture
def given(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "korea-laos-grant.txt").write_text(TEXT)
    call_command("ingest", str(folder), verbosity=0)
    return Agreement.objects.get(amount__isnull=False)


def test_the_giver_and_receiver_the_text_states_are_kept(given):
    assert (given.from_country.code, given.to_country.code) == ("KR", "LA")


def test_the_list_and_the_page_say_who_gives_to_whom(client, given):
    arrow = f"{given.from_country.name} → {given.to_country.name}"
    assert arrow in client.get("/agreements/").content.decode()
    assert arrow in client.get(f"/agreements/{given.pk}/").content.decode()
    assert client.get(f"/agreements/{given.pk}/?format=json").json()["from"]["code"] == "KR"


def test_the_given_by_facet_chooses_agreements_by_giver(client, given):
    Agreement.objects.create(kind="grant", title="Another grant")
    chosen = client.get("/agreements/?giver=KR").content.decode()
    assert given.title in chosen and "Another grant" not in chosen
    unknown = client.get("/agreements/?giver=unknown").content.decode()
    assert "Another grant" in unknown and given.title not in unknown


def test_an_editors_direction_stands_after_reextraction(given):
    japan = Country.objects.create(code="JP", name="Japan")
    given.from_country = japan
    given.edited_fields = [*given.edited_fields, "from_country"]
    given.save()
    call_command("ingest", "--reextract", verbosity=0)
    given.refresh_from_db()
    assert (given.from_country.code, given.to_country.code) == ("JP", "LA")


def test_a_direction_cleared_without_an_edit_comes_back(given):
    Agreement.objects.filter(pk=given.pk).update(from_country=None, to_country=None)
    call_command("ingest", "--reextract", verbosity=0)
    given.refresh_from_db()
    assert (given.from_country.code, given.to_country.code) == ("KR", "LA")
