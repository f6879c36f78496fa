"""Two countries, two people: lists that answer "both", and say how their filters combine."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from relations.models import Agreement, Country, Meeting, Official, Participation

pytestmark = pytest.mark.django_db


def shown_count(html: str) -> int:
    return int(re.search(r'class="results-count">(\d+) ', html).group(1))


def titles(html: str) -> set[str]:
    return set(re.findall(r'<h3><a href="/(?:meeting|agreements)/\d+/">([^<]+)</a></h3>', html))


def chips_text(html: str) -> str:
    chips = html.split('aria-label="Active filters">', 1)[1].split("</ul>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", chips)).strip()


def countries() -> tuple[Country, Country, Country]:
    jp = Country.objects.create(code="JP", name="Japan")
    kh = Country.objects.create(code="KH", name="Cambodia")
    th = Country.objects.create(code="TH", name="Thailand")
    return jp, kh, th


def meeting(title: str, day: dt.date, tagged=(), people=()) -> Meeting:
    m = Meeting.objects.create(kind="bilateral_meeting", title=title, start_date=day)
    m.countries.add(*tagged)
    for person in people:
        Participation.objects.create(meeting=m, official=person)
    return m


@pytest.fixture
def world():
    jp, kh, th = countries()
    hayashi = Official.objects.create(name="Hayashi Yoshimasa", country=jp)
    sokhonn = Official.objects.create(name="Prak Sokhonn", country=kh)
    don = Official.objects.create(name="Don Pramudwinai", country=th)
    day = dt.date(2019, 3, 1)
    meeting("Japan and Cambodia tagged", day, tagged=[jp, kh])
    meeting("Hayashi meets Sokhonn", day, people=[hayashi, sokhonn])  # no tags: by people
    meeting("Japan tag, Cambodian guest", day, tagged=[jp], people=[sokhonn])
    meeting("Japan and Thailand", day, tagged=[jp, th], people=[hayashi, don])
    meeting("Cambodia and Thailand", day, tagged=[kh, th], people=[sokhonn, don])
    meeting("Japan alone", day, tagged=[jp])
    meeting("Japan and Cambodia, 2020", dt.date(2020, 5, 5), tagged=[jp, kh])
    return {"jp": jp, "kh": kh, "th": th, "hayashi": hayashi, "sokhonn": sokhonn, "don": don}


BOTH_2019 = {"Japan and Cambodia tagged", "Hayashi meets Sokhonn", "Japan tag, Cambodian guest"}


def test_japan_and_cambodia_in_2019_lists_exactly_the_meetings_involving_both(client, world):
    html = client.get("/meetings/?pair=jp-kh&year=2019").content.decode()
    assert titles(html) == BOTH_2019
    assert shown_count(html) == 3
    # The two countries as values of one facet are either of them: far more meetings.
    either = client.get("/meetings/?country=JP&country=KH&year=2019").content.decode()
    assert shown_count(either) == 5
    # In either order and case, the same meetings.
    assert titles(client.get("/meetings/?pair=KH-jp&year=2019").content.decode()) == BOTH_2019


def test_the_chips_say_how_values_combine_and_offer_both(client, world):
    html = client.get("/meetings/?country=JP&country=KH&year=2019").content.decode()
    assert chips_text(html) == (
        "Year: 2019 × (remove) and Country: Japan × (remove) or Country: Cambodia × (remove)"
    )
    both = re.search(r'<a href="([^"]+)" rel="nofollow">Only those with both</a>', html)
    assert both and "pair=jp-kh" in both.group(1) and "country=" not in both.group(1)
    followed = client.get("/meetings/" + both.group(1).replace("&amp;", "&")).content.decode()
    assert titles(followed) == BOTH_2019
    assert "Both Cambodia and Japan" in followed or "Both Japan and Cambodia" in followed


def test_one_country_chosen_offers_each_other_as_a_pair(client, world):
    html = client.get("/meetings/?country=JP").content.decode()
    offer = html.split('class="facet-with"', 1)[1].split("</p>", 1)[0]
    assert "Together with Japan:" in offer
    link = re.search(r'<a href="([^"]+)"[^>]*>Cambodia</a>', offer).group(1)
    assert link == "?pair=jp-kh#results"  # opens at the results


def test_each_meeting_row_shows_its_countries_tagged_or_of_its_people(client, world):
    html = client.get("/meetings/?pair=jp-kh&year=2019").content.decode()
    row = html.split("Hayashi meets Sokhonn", 1)[1].split("</article>", 1)[0]
    assert '<p class="countries">Japan · Cambodia</p>' in row


def test_meetings_with_both_participants(client, world):
    hayashi, sokhonn = world["hayashi"], world["sokhonn"]
    either = client.get(f"/meetings/?participant={hayashi.pk}&participant={sokhonn.pk}")
    assert shown_count(either.content.decode()) == 4
    both = client.get(
        f"/meetings/?participant={hayashi.pk}&participant={sokhonn.pk}&participants=all"
    ).content.decode()
    assert titles(both) == {"Hayashi meets Sokhonn"}
    # With all of them, the facet counts who else was there with both: nobody.
    with_one = client.get(f"/meetings/?participant={hayashi.pk}").content.decode()
    offer = with_one.split('class="facet-with"', 1)[1].split("</p>", 1)[0]
    link = re.search(r'<a href="([^"]+)"[^>]*>Prak Sokhonn</a>', offer).group(1)
    together = client.get("/meetings/" + link.replace("&amp;", "&")).content.decode()
    assert titles(together) == {"Hayashi meets Sokhonn"}
    assert " and Participant: Prak Sokhonn" in chips_text(together)


def test_agreements_with_both_parties(client, world):
    jp, kh, th = world["jp"], world["kh"], world["th"]
    for title, parties in [
        ("Loan to Cambodia", [jp, kh]),
        ("Loan to Thailand", [jp, th]),
        ("Cambodia-Thailand grant", [kh, th]),
    ]:
        a = Agreement.objects.create(
            kind="loan", title=title, amount=Decimal(10), currency="JPY", date=dt.date(2019, 1, 1)
        )
        a.parties.add(*parties)
    html = client.get("/agreements/?kind=loan&pair=kh-jp").content.decode()
    assert titles(html) == {"Loan to Cambodia"}
    assert shown_count(client.get("/agreements/?party=JP&party=KH").content.decode()) == 3


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("jp", "“jp” is not a pair: write two country codes joined by a hyphen"),
        ("jp-jp", "A pair needs two different countries."),
        ("jp-xx", "No country with the code “XX”."),
    ],
)
def test_a_bad_pair_says_what_is_wrong(client, world, pair, message):
    response = client.get(f"/meetings/?pair={pair}")
    assert response.status_code == 400
    assert "Both countries" in response.content.decode()
    assert message in response.content.decode()


def test_every_count_on_the_pair_page_links_to_a_list_of_that_many_rows(client, ingested):
    page = client.get("/countries/jp-kh/").content.decode()
    links = re.findall(
        r'<a href="(/(?:meetings|agreements)/\?pair=jp-kh)">(?:<strong>)?(\d+)(?:</strong>)? [am]',
        page,
    )
    per_year = re.findall(
        r'<a href="(/meetings/\?pair=jp-kh&amp;year=\d+)" aria-label="(\d+) meeting', page
    )
    assert len(links) >= 3 and len(per_year) >= 3
    for url, count in links + per_year:
        listed = client.get(url.replace("&amp;", "&")).content.decode()
        assert shown_count(listed) == int(count), url


def ordered_titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/meeting/\d+/">([^<]+)</a></h3>', html)


def test_a_pair_lists_the_same_rows_however_they_are_read(client, world, monkeypatch):
    """A common pair's page is read by probing each meeting in order, a rare pair's by the
    form that hashes each country's meetings: the rows and their order are the same."""
    from relations.filters import MeetingFilter
    from relations.views import listing

    pair_filter = MeetingFilter.base_filters["pair"]
    probed = []
    real_probe = pair_filter.probe
    monkeypatch.setattr(pair_filter, "probe", lambda pk: probed.append(pk) or real_probe(pk))

    common = client.get("/meetings/?pair=jp-kh").content.decode()
    assert len(probed) == 2  # 4 of the 7 meetings: far above PROBE_SHARE
    monkeypatch.setattr(listing, "PROBE_SHARE", 1.01)  # now no pair is common enough
    probed.clear()
    hashed = client.get("/meetings/?pair=jp-kh").content.decode()
    assert probed == []
    assert ordered_titles(common) == ordered_titles(hashed)
    assert set(ordered_titles(common)) == BOTH_2019 | {"Japan and Cambodia, 2020"}
