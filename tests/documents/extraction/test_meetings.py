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


def test_a_summit_telephone_talk_is_a_phone_call_not_a_summit():
    found = meetings(
        "Japan-Mongolia Summit Telephone Talk\n\nAugust 13, 2024\n\n"
        "On August 13, Mr. KISHIDA Fumio, Prime Minister of Japan, held a summit telephone "
        "talk with H.E. Mr. Luvsannamsrai OYUN-ERDENE, Prime Minister of Mongolia.\n"
    )
    assert [m[0] for m in found] == ["phone_call"]
    assert found[0][1] == (date(2024, 8, 13),) * 2


def test_separate_phone_talks_are_one_call_per_counterpart():
    found = meetings(
        "PM holds phone talks\n\n2021-02-12\n\n"
        "Prime Minister Nguyen Xuan Phuc held separate phone talks with Prime Minister "
        "Thongloun Sisoulith of Laos, and Prime Minister Hun Sen of Cambodia on February 11.\n"
    )
    calls = sorted(m[2] for m in found if m[0] == "phone_call")
    assert calls == [
        ["Hun Sen", "Nguyen Xuan Phuc"],
        ["Nguyen Xuan Phuc", "Thongloun Sisoulith"],
    ]
    assert all(m[0] == "phone_call" for m in found)  # no 'talks with' meeting beside the calls


def test_an_undated_past_meeting_in_a_dated_report_gets_the_week_before_publication():
    found = meetings(
        "NZ and Chile\n\n2013-03-08\n\n"
        "Prime Minister John Key met with Chilean President Sebastian Pinera in Santiago.\n"
    )
    assert found[0][1] == (date(2013, 3, 2), date(2013, 3, 8))


def test_an_announced_meeting_gets_the_coming_weekday_and_no_window():
    found = meetings(
        "Lee departs for Beijing\n\n2026-01-04\n\n"
        "SEOUL, Jan. 4 (Yonhap) -- President Lee Jae Myung departed for China on Sunday for "
        "summit talks with Chinese President Xi Jinping. "
        "Lee will hold talks with Xi on Monday.\n"
    )
    talks = [m for m in found if m[0] in {"summit", "bilateral_meeting"}]
    assert [m[1] for m in talks] == [(date(2026, 1, 5),) * 2]


def test_a_date_after_since_taking_office_is_not_the_visits():
    found = meetings(
        "Lee in China\n\n2026-01-04\n\n"
        "President Lee Jae Myung arrived in Beijing today. "
        "The four-day state visit marks Lee's first to China since taking office in June "
        "last year.\n"
    )
    visits = [m for m in found if m[0] == "official_visit"]
    assert visits and all(m[1][0].year == 2026 or m[1][1].year == 2026 for m in visits)


def test_signing_in_the_presence_of_two_officials_is_a_ceremony():
    found = meetings(
        "Cambodia, China sign documents\n\nXinhua, June 19, 2018\n\n"
        "The documents were inked here between Cambodian and Chinese officials under the "
        "presence of Cambodian Minister of Economy and Finance Aun Pornmoniroth and Chinese "
        "Vice Minister of Commerce Gao Yan.\n"
    )
    assert [(m[0], m[2]) for m in found] == [("ceremony", ["Aun Pornmoniroth", "Gao Yan"])]
    assert found[0][1][1] == date(2018, 6, 19)


def test_spoke_with_is_a_call_where_the_report_speaks_of_the_call():
    text = (
        "Prime Minister speaks with President\n\n2018-09-29\n\n"
        "Prime Minister Justin Trudeau spoke yesterday with President Enrique Pena Nieto of "
        "Mexico. The call took place after the summit.\n"
    )
    assert [(m[0], m[1]) for m in meetings(text)] == [("phone_call", (date(2018, 9, 28),) * 2)]


def test_receiving_a_visiting_minister_is_a_courtesy_call_with_the_premier():
    found = meetings(
        "Assistance\n\n2018-01-29\n\n"
        "Cambodian Prime Minister Hun Sen spoke here this morning. "
        "While receiving visiting Japanese State Minister for Foreign Affairs Kazuyuki Nakane "
        "at the Peace Palace, the Cambodian premier said Japan's assistance helped.\n"
    )
    calls = [m for m in found if m[0] == "courtesy_call"]
    assert [m[2] for m in calls] == [["Hun Sen", "Kazuyuki Nakane"]]
    # No date of its own: the week the report closes, never after it.
    assert calls[0][1] == (date(2018, 1, 23), date(2018, 1, 29))


def test_discussions_with_two_ministers_are_one_meeting():
    found = meetings(
        "Talks in Addis\n\nAddis Ababa (ENA) January 12/2023 Prime Minister Abiy Ahmed has held "
        "in-depth and fruitful discussions with France's Minister for Europe and Foreign "
        "Affairs Catherine Colonna.\n"
    )
    assert [(m[1], m[2]) for m in found] == [
        ((date(2023, 1, 12),) * 2, ["Abiy Ahmed", "Catherine Colonna"])
    ]


def test_today_in_an_undated_report_stays_undated():
    found = meetings(
        "NZ and Chile\n\n"
        "Prime Minister John Key discussed trade with Chile's President Sebastian Pinera today. "
        "Chile had a major earthquake in 2010.\n"
    )
    assert [m[1] for m in found] == [None]


def test_a_wire_weekday_dates_the_talks():
    found = meetings(
        "SKorea loans\n\nOn Thursday June 4, 2009\n\n"
        "The loans came as Cambodian Prime Minister Hun Sen visited Seoul for talks Thursday "
        "with President Lee Myung-bak.\n"
    )
    talks = [m for m in found if m[0] != "official_visit"]
    assert [(m[1], m[2]) for m in talks] == [
        ((date(2009, 6, 4),) * 2, ["Hun Sen", "Lee Myung-bak"])
    ]


def test_i_in_a_ministers_release_is_the_minister_named_in_its_header():
    found = meetings(
        "Visit by Iranian Foreign Minister\n\nMEDIA RELEASE\n\n"
        "Australian Minister for Foreign Affairs Alexander Downer\n\n19 June 2002\n\n"
        "Iranian Foreign Minister Kamal Kharrazi visited Australia from 17 to 19 June. "
        "Minister Kharrazi and I agreed that we would like to expand our trade.\n"
    )
    talks = [m for m in found if m[0] != "official_visit"]
    assert [m[2] for m in talks] == [["Alexander Downer", "Kamal Kharrazi"]]
    assert talks[0][1] == (date(2002, 6, 17), date(2002, 6, 19))  # inside the visit


def test_i_inside_a_quotation_is_not_the_author():
    found = meetings(
        "Selfies\n\nKorean President Lee Jae Myung\n\n2026-01-06\n\n"
        "Lee met Chinese President Xi Jinping in Beijing on Monday. "
        '"I got the picture of a lifetime," Lee wrote.\n'
    )
    assert [m[2] for m in found] == [["Lee Jae Myung", "Xi Jinping"]]


def test_talks_told_in_a_what_clause_or_a_while_clause_take_no_other_date():
    found = meetings(
        "Visit\n\nCCRS, 10 July 2024\n\n"
        "On 5-6 July 2024, Japan Foreign Minister Kamikawa Yoko paid an official visit to "
        "Cambodia. Then, FM Kamikawa paid a courtesy call to Senate President (SP) Hun Sen. "
        "During the meeting, both sides affirmed what the Japanese FM discussed with SP Hun Sen. "
        "While meeting with SP, the Japanese FM raised a conference on mine action in 2025.\n"
    )
    assert all(m[1] is None or m[1][0].year == 2024 for m in found)
    assert len([m for m in found if m[0] != "official_visit"]) == 1


def test_witnesses_of_a_signing_join_the_signing_told_just_before():
    found = meetings(
        "Japan grants\n\n2022-03-20\n\n"
        "The grant agreement was signed between Japanese Ambassador to Cambodia Masahiro Mikami "
        "and Cambodian Foreign Minister Prak Sokhonn at the Peace Palace this evening. "
        "Cambodian Prime Minister Hun Sen and visiting Japanese Prime Minister Fumio Kishida "
        "witnessed the signing ceremony taking place following their bilateral meeting.\n"
    )
    ceremonies = [m for m in found if m[0] == "ceremony"]
    assert [m[2] for m in ceremonies] == [
        ["Fumio Kishida", "Hun Sen", "Masahiro Mikami", "Prak Sokhonn"]
    ]


def test_a_letter_of_intent_signed_by_two_ministers_before_the_premier_is_a_ceremony():
    found = meetings(
        "Germany support\n\nENA December 2/2019 Germany announced a partnership.\n\n"
        "A joint letter of intent signed today by Ethiopian Finance Minister Ahmed Shide and "
        "German Minister for Economic Cooperation Gerd Mueller, where Ethiopian Prime "
        "Minister Abiy Ahmed presided over the signing ceremony.\n"
    )
    assert [(m[0], m[1], m[2]) for m in found] == [
        ("ceremony", (date(2019, 12, 2),) * 2, ["Abiy Ahmed", "Ahmed Shide", "Gerd Mueller"])
    ]


def test_the_signed_agreements_and_a_supposed_summit_are_no_meetings():
    found = meetings(
        "Talks\n\n2018-06-18\n\n"
        "Prime Minister Hun Sen encouraged Chinese Defence Minister Wei Fenghe to carry out all "
        "the signed agreements. "
        '"A summit between Prime Minister Hun Sen and Minister Wei Fenghe could help," he said.\n'
    )
    assert found == []


def test_the_source_quoted_after_according_to_takes_no_part():
    found = meetings(
        "Aid\n\nAKP Phnom Penh, June 18, 2018\n\n"
        "In the bilateral talk yesterday with Cambodian Defence Minister Tea Banh, Chinese "
        "Defence Minister Wei Fenghe announced an aid package, according to Defence Ministry "
        "Spokesman Chhum Socheat.\n"
    )
    assert [(m[1], m[2]) for m in found] == [((date(2018, 6, 17),) * 2, ["Tea Banh", "Wei Fenghe"])]


def test_talks_a_leader_arrives_for_get_no_date_from_the_report():
    found = meetings(
        "Indian Prime Minister Narendra Modi arrives in Colombo for bilateral talks with Sri "
        "Lankan President Anura Kumara Dissanayake\n\n2025-04-04\n\nMore to follow.\n"
    )
    assert [(m[1], m[2]) for m in found if m[0] != "official_visit"] == [
        (None, ["Anura Kumara Dissanayake", "Narendra Modi"])
    ]


def test_talks_of_two_leaders_are_a_summit_but_not_with_a_senate_president():
    found = meetings(
        "Talks\n\n2023-10-17\n\n"
        "Chinese President Xi Jinping met with Ethiopian Prime Minister Abiy Ahmed on Tuesday. "
        "Japanese Prime Minister Fumio Kishida met with Cambodian Senate President Hun Sen on "
        "Monday.\n"
    )
    kinds = {tuple(m[2]): m[0] for m in found}
    assert kinds[("Abiy Ahmed", "Xi Jinping")] == "summit"
    assert kinds[("Fumio Kishida", "Hun Sen")] == "bilateral_meeting"


def test_a_commission_session_takes_its_chairs_from_the_next_sentence():
    found = meetings(
        "Joint commission meets\n\n2016-04-14\n\n"
        "The 3rd Meeting of the Ruritania-India Joint Commission was held on 12 April 2016, in "
        "Manila. The meeting was co-chaired by Maria L. Santos, Secretary of Foreign Affairs of "
        "the Philippines and Arun Mehta, Minister of External Affairs of India.\n"
    )
    assert (
        "dialogue",
        (date(2016, 4, 12), date(2016, 4, 12)),
        ["Arun Mehta", "Maria L. Santos"],
        None,
    ) in found


def test_a_development_agency_acronym_gives_its_officer_a_country():
    x = extract(
        "Aid signed\n\n2020-05-14\n\n"
        "USAID Mission Director Carl Ober and State Minister of Finance Tesfa Alemu signed the "
        "agreement this week.\n"
    )
    found = {o.name: o.country for o in x.officials}
    assert found["Carl Ober"] == "US"
    assert [m.kind for m in x.meetings] == ["ceremony"]


def test_talks_told_with_then_are_on_the_day_of_the_sentence_before():
    found = meetings(
        "Premier in Delhi\n\n2024-06-10\n\n"
        "Prime Minister Tomas Ferro attended Prime Minister Ravi Anand's swearing-in ceremony on "
        "Sunday evening. The two leaders then held talks after the ceremony.\n"
    )
    talks = [m for m in found if m[0] in {"summit", "bilateral_meeting"}]
    assert talks and all(m[1] == (date(2024, 6, 9), date(2024, 6, 9)) for m in talks)


def test_a_meeting_the_sentence_opens_on_is_not_with_the_one_called_on():
    found = meetings(
        "Talks in Doha\n\n2018-10-29\n\n"
        "Indian External Affairs Minister Leela Verma met Qatari Foreign Minister Khalid Al Sayed "
        "on Monday. Prior to her meeting with the Qatari Foreign Minister, Leela Verma called on "
        "the Emir of Qatar Sheikh Hamad Bin Talal Al Nasri.\n"
    )
    pairs = {tuple(m[2]) for m in found}
    assert ("Hamad Bin Talal Al Nasri", "Leela Verma") in pairs
    assert not any(len(p) > 2 for p in pairs)


def test_a_head_of_state_named_by_post_and_country_is_that_official():
    x = extract(
        "State visit\n\n2023-09-13\n\n"
        "President Carla Ruiz held talks with the Amir of the State of Qatar, His Highness "
        "Sheikh Hamad Bin Talal Al Nasri, on Tuesday at State House in Georgetown. "
        "President Ruiz and the Amir also witnessed the signing of two agreements.\n"
    )
    names = {o.key: o.name for o in x.officials}
    ceremonies = [
        sorted(names[k] for k in m.participants) for m in x.meetings if m.kind == "ceremony"
    ]
    assert ceremonies == [["Carla Ruiz", "Hamad Bin Talal Al Nasri"]]


def test_a_date_of_a_clause_after_the_visit_is_not_the_visits():
    found = meetings(
        "Minister in China\n\n2022-05-22\n\n"
        "Foreign Minister Omar Khalil held talks with his Chinese counterpart Wang Yi on Sunday. "
        "This is Khalil's maiden visit to China after he took over as foreign minister last "
        "month.\n"
    )
    visits = [m for m in found if m[0] == "official_visit"]
    assert visits and all(m[1] != (date(2022, 4, 1), date(2022, 4, 30)) for m in visits)


def test_a_welcome_told_with_its_guest_and_an_n_day_visit_from_its_arrival():
    found = meetings(
        "Visit\n\n2020-02-14\n\n"
        "Prime Minister Ravi Anand and Brazilian President Paulo Mendes held talks on Friday. "
        "Mendes arrived here on Thursday night on a four-day visit. In the morning, the "
        "Brazilian president was accorded a ceremonial welcome at the palace.\n"
    )
    visit = next(m for m in found if m[0] == "official_visit")
    assert visit[1] == (date(2020, 2, 13), date(2020, 2, 16))
    assert any(m[0] == "ceremony" and m[2] == ["Paulo Mendes"] for m in found)


def test_a_head_of_state_named_the_president_of_a_country():
    found = meetings(
        "Visit\n\n2018-09-04\n\n"
        "At the invitation of President Maya Shrestha, President Anil Perera was on an official "
        "visit to Nepal. The President of Sri Lanka had a bilateral meeting with his Nepali "
        "counterpart Shrestha on Saturday.\n"
    )
    assert any(m[2] == ["Anil Perera", "Maya Shrestha"] for m in found)


def test_a_title_alone_is_no_name():
    x = extract(
        "Australian High Commissioner calls on Prime Minister\n\n2012-05-15\n\n"
        "Australian High Commissioner Mr Tom Field paid a farewell call on Prime Minister "
        "Anwar Qadir today.\n"
    )
    assert {o.name for o in x.officials} == {"Tom Field", "Anwar Qadir"}


def test_the_head_of_state_of_a_country_is_its_one_leader():
    found = meetings(
        "State visit\n\n2023-09-13\n\n"
        "President Carla Ruiz held talks with the Amir of the State of Qatar, His Highness "
        "Sheikh Hamad Bin Talal Al Nasri, on Tuesday at State House in Georgetown. "
        "The head of state of Qatar is on a one-day state visit to Guyana.\n"
    )
    assert any(m[0] == "official_visit" and m[2] == ["Hamad Bin Talal Al Nasri"] for m in found)


def test_a_post_with_its_country_before_it_names_the_official_who_holds_it():
    found = meetings(
        "Aid signed\n\n2023-10-31\n\n"
        "Minister of Finance, Abebe Tola and Ireland's State Minister for International "
        "Development signed the agreement in Addis Ababa today. The Irish State Minister, "
        "Sean Doyle, is in Addis Ababa for a working visit.\n"
    )
    assert any(m[0] == "ceremony" and m[2] == ["Abebe Tola", "Sean Doyle"] for m in found)


def test_a_gathering_that_will_be_held_is_not_yet_a_meeting():
    found = meetings(
        "Commission\n\n2013-10-23\n\n"
        "The ministers agreed that the next meetings of the Strategic Dialogue will be held in "
        "Manila, in 2014.\n"
    )
    assert found == []
