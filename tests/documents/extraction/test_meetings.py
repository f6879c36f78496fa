"""Meetings: visits and the meetings inside them, dated from the text, never guessed."""

from datetime import date

from documents.extraction import extract


def meetings(text):
    x = extract(text)
    names = {o.key: o.name for o in x.officials}
    return [
        (
            m.kind,
            m.dates and (m.dates.start, m.dates.end),
            sorted(names[k] for k in m.participants),
            m.parent,
        )
        for m in x.meetings
    ]


VISIT = (
    "Minister visits Vientiane\n\nJanuary 20, 2025\n\n"
    "At the invitation of Lao Minister of Foreign Affairs Thongsavanh Phomvihane, "
    "Cambodian Minister of Foreign Affairs Sok Chenda Sophea paid an official visit to Laos "
    "from 15 to 17 January 2025. "
    "During the visit, the two ministers held a bilateral meeting. "
    "He also paid a courtesy call on Prime Minister Sonexay Siphandone.\n"
)


def test_a_visit_holds_its_meetings_with_the_visit_dates():
    found = meetings(VISIT)
    visit = found[0]
    assert visit[:3] == (
        "official_visit",
        (date(2025, 1, 15), date(2025, 1, 17)),
        ["Sok Chenda Sophea", "Thongsavanh Phomvihane"],
    )
    inside = {m[0]: m for m in found[1:]}
    assert inside["bilateral_meeting"][2] == ["Sok Chenda Sophea", "Thongsavanh Phomvihane"]
    assert inside["courtesy_call"][2] == ["Sok Chenda Sophea", "Sonexay Siphandone"]
    assert all(m[1] == visit[1] and m[3] == 0 for m in found[1:])


def test_the_host_of_a_visit_belongs_to_the_visited_country():
    x = extract(VISIT.replace("Lao Minister", "Minister"))
    host = next(o for o in x.officials if o.name == "Thongsavanh Phomvihane")
    assert host.country == "LA"


def test_a_meeting_told_twice_in_a_document_is_one_meeting():
    found = meetings(
        "Talks\n\nMarch 3, 2024\n\n"
        "Foreign Minister Penny Wong met with Foreign Minister Retno Marsudi on 2 March 2024. "
        "The first leader that Foreign Minister Penny Wong met was Retno Marsudi.\n"
    )
    assert len(found) == 1
    assert found[0][0] == "bilateral_meeting"


def test_a_relative_date_needs_a_publication_date():
    undated = meetings(
        "Talks\n\nPrime Minister Hun Manet this morning received visiting Japanese Minister "
        "for Foreign Affairs Kamikawa Yoko in a courtesy call.\n"
    )
    assert undated[0][:2] == ("courtesy_call", None)


def test_an_event_without_people_needs_its_own_date_and_a_holding():
    found = meetings(
        "Dialogue\n\nMay 2, 2023\n\nThe Cambodia-Japan human rights dialogue was held on "
        "September 3, 2021. Both sides value the dialogue.\n"
    )
    assert found == [("dialogue", (date(2021, 9, 3), date(2021, 9, 3)), [], None)]


def test_people_sending_messages_did_not_attend():
    found = meetings(
        "Anniversary\n\nHeld on 9 January 2023 at the Embassy of Japan, the anniversary "
        "ceremony broadcast messages from Prime Minister Fumio Kishida. "
        "Ambassador Ueno Atsushi said relations were strong.\n"
    )
    assert found[0][0] == "ceremony"
    assert found[0][2] == ["Ueno Atsushi"]
