"""One relationship between two countries: visits each way, level of contact, agreements."""

import datetime as dt
import html
import re
from decimal import Decimal

import pytest

from relations.levels import HEAD, MINISTER, OTHER, post_level
from relations.models import Agreement, Country, Meeting, Official, Participation

pytestmark = pytest.mark.django_db


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def section(page: str, ident: str) -> str:
    """The HTML of the <section> labelled by the heading with this id."""
    start = page.index(">", page.index(f'id="{ident}"')) + 1
    return page[start : page.index("</section>", start)]


def table_rows(page: str, ident: str) -> dict[str, str]:
    """First cell -> the row's text, for the table in the section with this heading id."""
    part = page[page.index(f'id="{ident}"') :]
    part = part[: part.index("</table>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", part, re.S)
    out = {}
    for row in rows:
        cells = [text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        out[cells[0]] = " | ".join(cells[1:])
    return out


# ---------------------------------------------------------------- addresses


def test_either_order_and_case_redirects_to_one_address(client, ingested):
    for pair in ("kh-jp", "KH-JP", "Jp-Kh", "JP-KH"):
        response = client.get(f"/countries/{pair}/")
        assert response.status_code == 301, pair
        assert response["Location"] == "/countries/jp-kh/"
    response = client.get("/countries/jp-kh/")
    assert response.status_code == 200
    assert "<h1>Japan and Cambodia</h1>" in response.content.decode()


@pytest.mark.parametrize(
    "pair",
    ["zz-kh", "kh-zz", "jp-us", "jp-jp", "kh", "jpkh", "jp_kh", "jpn-khm", "jp-kh-us", "1p-kh"],
)
def test_unknown_or_malformed_pairs_are_not_found(client, ingested, pair):
    response = client.get(f"/countries/{pair}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


# ---------------------------------------------------------------- the seeded relationship


def test_kamikawas_july_2024_visit_goes_from_japan_to_cambodia(client, ingested):
    page = client.get("/countries/kh-jp/", follow=True).content.decode()
    to_cambodia = text_of(section(page, "visits-jp-kh"))
    to_japan = text_of(section(page, "visits-kh-jp"))
    assert to_cambodia.startswith("Japan → Cambodia")
    assert "Official visit of Kamikawa Yoko to Cambodia" in to_cambodia
    assert "5 Jul – 6 Jul 2024" in to_cambodia
    assert "Visitors: Kamikawa Yoko" in to_cambodia
    assert "Hosts: Sok Chenda Sophea" in to_cambodia
    assert "Kamikawa" not in to_japan
    assert to_japan.startswith("Cambodia → Japan")
    assert "Official visit of Prak Sokhonn to Japan" in to_japan
    assert "21 Jan – 24 Jan 2023" in to_japan
    assert 'id="visits-unclear"' not in page
    visit = Meeting.objects.get(title="Official visit of Kamikawa Yoko to Cambodia")
    assert f'href="/meeting/{visit.pk}/"' in section(page, "visits-jp-kh")
    assert "1 visit Japan → Cambodia" in text_of(page)


def test_the_loans_are_counted_by_year_with_totals_per_currency(client, ingested):
    page = client.get("/countries/jp-kh/").content.decode()
    rows = table_rows(page, "agreements")
    assert list(rows) == ["Year", "2024", "2023", "Date not stated", "All years"]
    assert rows["2024"] == "3 agreements | USD 62.3 million"
    assert rows["2023"] == "2 agreements | No amount"
    assert rows["Date not stated"] == "2 agreements | JPY 8 billion"
    assert rows["All years"] == "7 agreements | JPY 8 billion USD 62.3 million"
    link = 'href="/agreements/?pair=jp-kh&amp;year=2024">3 agreements</a>'
    assert link in section(page, "agreements")
    # The page counts; the list it links to names them.
    listed = client.get("/agreements/?pair=jp-kh&year=2024").content.decode()
    assert "National Road No. 5 Improvement Project" in listed
    assert "Project for Human Resource Development Scholarships" in listed
    road = Agreement.objects.get(title__startswith="National Road No. 5")
    assert f'href="/agreements/{road.pk}/"' in listed


def test_the_highest_level_of_contact_each_year(client, ingested):
    page = client.get("/countries/jp-kh/").content.decode()
    rows = table_rows(page, "contact")
    assert list(rows)[1:] == ["2024", "2023", "2022", "2021"]
    # Highest level | meetings at that level | all meetings of the year.
    assert rows["2024"] == "Head of state or government | 2 | 5"
    # The ceremony with an embassy's deputy chief of mission is below that level.
    assert rows["2023"] == "Deputy prime minister or minister | 2 | 3"
    assert rows["2022"].startswith("Head of state or government")
    assert rows["2021"].startswith("Participants not named")
    for year in (2024, 2023, 2022, 2021):
        link = f'href="/meetings/?pair=jp-kh&amp;year={year}">{year}</a>'
        assert link in section(page, "contact")
    listed = client.get("/meetings/?pair=jp-kh&year=2023").content.decode()
    assert "Official visit of Prak Sokhonn to Japan" in listed


def test_a_meeting_with_a_third_country_is_not_part_of_the_pair(client, ingested):
    us = Country.objects.create(code="US", name="United States")
    japan = Country.objects.get(code="JP")
    visit = Meeting.objects.create(
        kind="official_visit", title="Visit to Washington", start_date=dt.date(2024, 3, 1)
    )
    visit.countries.add(us, japan)
    assert "Visit to Washington" not in client.get("/countries/jp-kh/").content.decode()
    page = client.get("/countries/jp-us/").content.decode()
    assert "Visit to Washington" in page
    assert "No agreement between Japan and United States" in text_of(page)


# ---------------------------------------------------------------- the rules, one by one


@pytest.fixture
def pair(db):
    """France and Germany, one official each, and an empty relationship between them."""
    fr = Country.objects.create(code="FR", name="France")
    de = Country.objects.create(code="DE", name="Germany")
    french = Official.objects.create(name="Anne Martin", country=fr)
    german = Official.objects.create(name="Karl Schmidt", country=de)
    french.positions.create(title="Minister for Europe and Foreign Affairs")
    german.positions.create(title="Federal Chancellor")
    return fr, de, french, german


def _visit(title, countries, people, location="", kind="official_visit", day=(2020, 5, 4)):
    meeting = Meeting.objects.create(
        kind=kind, title=title, location=location, start_date=dt.date(*day)
    )
    meeting.countries.add(*countries)
    for official, role in people:
        Participation.objects.create(meeting=meeting, official=official, role=role)
    return meeting


def _directions(client) -> dict[str, str]:
    page = client.get("/countries/de-fr/").content.decode()
    out = {}
    for ident in ("visits-fr-de", "visits-de-fr", "visits-unclear"):
        out[ident] = text_of(section(page, ident)) if f'id="{ident}"' in page else ""
    return out


def test_a_visit_goes_to_the_hosts_country(client, pair):
    fr, de, french, german = pair
    _visit("Talks A", [fr, de], [(french, "participant"), (german, "host")], location="Paris")
    assert "Talks A" in _directions(client)["visits-fr-de"]
    assert "direction read from the hosts" in _directions(client)["visits-fr-de"]


def test_without_hosts_a_visit_comes_from_the_other_participants_country(client, pair):
    fr, de, french, german = pair
    _visit("Talks B", [fr, de], [(german, "guest")])
    directions = _directions(client)
    assert "Talks B" in directions["visits-de-fr"]
    assert "Talks B" not in directions["visits-fr-de"]


def test_otherwise_the_place_names_the_destination(client, pair):
    fr, de, french, german = pair
    _visit(
        "Talks C", [fr, de], [(french, "participant"), (german, "participant")], "Berlin, Germany"
    )
    assert "Talks C" in _directions(client)["visits-fr-de"]
    assert "direction read from the place" in _directions(client)["visits-fr-de"]


def test_otherwise_the_only_country_tagged_is_the_destination(client, pair):
    fr, de, french, german = pair
    _visit("Talks D", [de], [(french, "participant"), (german, "participant")])
    assert "Talks D" in _directions(client)["visits-fr-de"]


def test_a_visit_no_rule_decides_is_listed_apart(client, pair):
    fr, de, french, german = pair
    _visit("Talks E", [fr, de], [(french, "participant"), (german, "participant")])
    directions = _directions(client)
    assert "Talks E" in directions["visits-unclear"]
    assert directions["visits-unclear"].startswith("Direction not clear from the sources")
    assert "Talks E" not in directions["visits-fr-de"] + directions["visits-de-fr"]


def test_only_official_visits_count_as_visits(client, pair):
    fr, de, french, german = pair
    _visit("Phone call F", [fr, de], [(french, "participant"), (german, "host")], kind="phone_call")
    directions = _directions(client)
    assert "Phone call F" not in " ".join(directions.values())
    # It counts in the level-of-contact table, which links to the list that names it.
    rows = table_rows(client.get("/countries/de-fr/").content.decode(), "contact")
    assert rows["2020"].endswith("| 1")
    assert "Phone call F" in client.get("/meetings/?pair=de-fr&year=2020").content.decode()


def test_a_summit_without_named_people_counts_as_leaders(client, pair):
    fr, de, _, _ = pair
    _visit("Summit G", [fr, de], [], kind="summit", day=(2019, 1, 1))
    _visit("Dialogue H", [fr, de], [], kind="dialogue", day=(2018, 1, 1))
    rows = table_rows(client.get("/countries/de-fr/").content.decode(), "contact")
    assert rows["2019"].startswith("Head of state or government")
    assert rows["2018"].startswith("Participants not named")


def test_the_post_held_at_the_meeting_date_sets_its_level(client, pair):
    fr, de, french, german = pair
    german.positions.all().delete()
    german.positions.create(
        title="Minister of Finance", first_seen=dt.date(2010, 1, 1), last_seen=dt.date(2012, 1, 1)
    )
    german.positions.create(title="Federal Chancellor", first_seen=dt.date(2020, 1, 1))
    _visit("Early talks", [fr, de], [(german, "host")], kind="bilateral_meeting", day=(2011, 1, 1))
    _visit("Later talks", [fr, de], [(german, "host")], kind="bilateral_meeting", day=(2021, 1, 1))
    rows = table_rows(client.get("/countries/de-fr/").content.decode(), "contact")
    assert rows["2011"].startswith("Deputy prime minister or minister")
    assert rows["2021"].startswith("Head of state or government")


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Prime Minister", HEAD),
        ("President", HEAD),
        ("President of the Republic", HEAD),
        ("King", HEAD),
        ("Federal Chancellor", HEAD),
        ("Deputy Prime Minister", MINISTER),
        ("Deputy Prime Minister and Minister of Foreign Affairs", MINISTER),
        ("Minister of Foreign Affairs", MINISTER),
        ("Senior Minister", MINISTER),
        ("Secretary of State", MINISTER),
        ("Minister attached to the Prime Minister", MINISTER),
        ("Vice President", MINISTER),
        ("State Minister for Foreign Affairs", OTHER),
        ("Vice-Minister of Foreign Affairs", OTHER),
        ("Undersecretary of State", OTHER),
        ("Former Prime Minister", OTHER),
        ("Former Minister of Finance", OTHER),
        ("President of the Senate", OTHER),
        ("Ambassador", OTHER),
        ("", OTHER),
        (None, OTHER),
    ],
)
def test_posts_rank_heads_then_ministers_then_others(title, level):
    assert post_level(title) == level


def test_agreements_without_both_parties_are_left_out(client, pair):
    fr, de, _, _ = pair
    both = Agreement.objects.create(
        kind="loan", title="Joint loan", amount=Decimal("950000"), currency="EUR"
    )
    both.parties.add(fr, de)
    one = Agreement.objects.create(kind="grant", title="French grant")
    one.parties.add(fr)
    page = client.get("/countries/de-fr/").content.decode()
    rows = table_rows(page, "agreements")
    assert rows["Date not stated"] == "1 agreement | EUR 950,000"
    assert rows["All years"] == "1 agreement | EUR 950,000"


def test_the_tables_kept_drawn_follow_a_new_agreement_and_meeting(
    client, pair, django_capture_on_commit_callbacks
):
    """The contact and agreements tables are drawn once per data version: the next reader
    after a write sees them drawn again."""
    fr, de, french, german = pair
    before = client.get("/countries/de-fr/").content.decode()
    assert "No agreement between Germany and France" in text_of(before)
    assert "No meeting between Germany and France" in text_of(before)
    with django_capture_on_commit_callbacks(execute=True):
        loan = Agreement.objects.create(
            kind="loan", title="A loan", amount=Decimal("5000"), currency="EUR"
        )
        loan.parties.add(fr, de)
        _visit("Visit to Paris", [fr, de], [(german, "guest"), (french, "host")])
    page = client.get("/countries/de-fr/").content.decode()
    assert table_rows(page, "agreements")["All years"] == "1 agreement | EUR 5,000"
    assert table_rows(page, "contact")["2020"].endswith(" | 1")  # one meeting that year


# ---------------------------------------------------------------- queries


def _many(n: int, fr, de) -> None:
    start = Meeting.objects.count()
    for i in range(start, start + n):
        french = Official.objects.create(name=f"French Person{i}", country=fr)
        german = Official.objects.create(name=f"German Person{i}", country=de)
        french.positions.create(title="Minister of Foreign Affairs")
        german.positions.create(title="Prime Minister")
        day = (2000 + i % 10, 1 + i % 12, 1)
        kind = ("official_visit", "bilateral_meeting")[i % 2]
        _visit(f"Meeting {i}", [fr, de], [(french, "guest"), (german, "host")], kind=kind, day=day)
        agreement = Agreement.objects.create(
            kind="loan",
            title=f"Loan {i}",
            amount=Decimal(1000 * (i + 1)),
            currency=("EUR", "USD")[i % 2],
            date=dt.date(*day),
        )
        agreement.parties.add(fr, de)


def test_the_page_makes_the_same_few_queries_for_1_and_50_meetings_and_agreements(
    client, pair, django_assert_max_num_queries
):
    """Cold (counted, then kept until the data changes) and warm, the same queries at
    either size; the page counts the visits and names the latest few."""
    fr, de, _, _ = pair
    _many(1, fr, de)
    with django_assert_max_num_queries(14) as one:
        first = client.get("/countries/de-fr/")
    with django_assert_max_num_queries(5) as one_warm:
        client.get("/countries/de-fr/")
    _many(49, fr, de)
    with django_assert_max_num_queries(14) as fifty:
        second = client.get("/countries/de-fr/")
    with django_assert_max_num_queries(5) as fifty_warm:
        client.get("/countries/de-fr/")
    assert len(fifty.captured_queries) == len(one.captured_queries)
    assert len(fifty_warm.captured_queries) == len(one_warm.captured_queries)
    assert "Meeting 0" in first.content.decode()
    assert "Meeting 48" in second.content.decode()  # the latest official visit (even numbers)
    assert "Meeting 0<" not in second.content.decode()
    # 25 official visits, France to Germany (German hosts): the latest 5 named.
    assert "The latest 5 of 25 visits." in second.content.decode()
    # ... and links to the list of all of them.
    visits = client.get("/meetings/?pair=de-fr&kind=official_visit").content.decode()
    assert 'href="/meetings/?pair=de-fr&amp;kind=official_visit"' in second.content.decode()
    assert 'class="results-count">25 ' in visits
    html = second.content.decode()
    assert "<strong>50</strong> meetings" in html and "50 agreements" in html
