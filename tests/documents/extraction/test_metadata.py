from datetime import date

from documents.extraction.cleaning import clean_text
from documents.extraction.metadata import extract_metadata


def meta(raw):
    return extract_metadata(clean_text(raw))


def test_a_news_article_with_headline_byline_publisher_and_date():
    m = meta(
        "Japan scheme resumed\n\nLay Samean\n\nThe Phnom Penh Post\n\nJanuary 26, 2023\n\n"
        "PHNOM PENH – " + "Cambodia and Japan agreed to resume a scheme. " * 10 + "\n"
    )
    assert (m.title, m.byline, m.publisher, m.published_on, m.kind) == (
        "Japan scheme resumed",
        "Lay Samean",
        "The Phnom Penh Post",
        date(2023, 1, 26),
        "news",
    )


def test_a_ministry_press_release_without_a_date_keeps_it_unknown():
    m = meta(
        "**KINGDOM OF THAILAND**\n\n**MINISTRY OF FOREIGN AFFAIRS**\n\n**PRESS RELEASE**\n\n"
        "**Outcomes of the Visit of the Foreign Minister to Laos on 2-3 May 2024**\n\n"
        + "The minister met his counterpart. " * 10
        + "\n"
    )
    assert m.title == "Outcomes of the Visit of the Foreign Minister to Laos on 2-3 May 2024"
    assert m.publisher == "Ministry of Foreign Affairs"
    assert m.published_on is None
    assert m.kind == "press_release"


def test_a_think_tank_analysis_with_a_name_and_date_line():
    m = meta(
        "[CSIS Takes] Essence of the Visit\n\nCSIS, 10 July 2024\n\nBackground\n\n"
        + "The visit mattered. " * 20
        + "\n"
    )
    assert (m.publisher, m.published_on, m.kind) == ("CSIS", date(2024, 7, 10), "analysis")


def test_a_closing_source_line_names_the_publisher():
    m = meta(
        "Leaders meet\n\n" + "The leaders met. " * 20 + "\n\nSource: Agence Kampuchea Presse\n"
    )
    assert m.publisher == "Agence Kampuchea Presse"
    assert m.published_on is None


BODY = "The two sides discussed trade, investment and security cooperation at length. " * 5


def test_a_wire_dateline_credits_the_agency_and_a_stamp_gives_the_date():
    m = meta(
        "S. Korea, China to accelerate negotiations\n\n2025-12-30\n\n"
        "SEOUL, Dec. 30 (Yonhap) -- Trade chiefs of South Korea and China met. " + BODY
    )
    assert (m.publisher, m.published_on, m.kind) == ("Yonhap", date(2025, 12, 30), "news")


def test_a_place_and_agency_in_parentheses_open_the_body():
    m = meta(
        "Cambodia, Japan look to beef up ties\n\nTokyo (VNA) - Hun Manet is on a visit. " + BODY
    )
    assert m.publisher == "VNA"
    assert m.published_on is None  # the text states no date of its own


def test_a_dateline_without_a_year_takes_it_only_from_the_same_day_stated_in_full():
    dated = meta(
        "Laos, Vietnam leaders meet\n\nVientiane, March 5 (KPL) - The leaders met. "
        + BODY
        + "The talks were held on March 5, 2024."
    )
    assert (dated.publisher, dated.published_on) == ("KPL", date(2024, 3, 5))
    undated = meta("Kuwait lends Sri Lanka KD 10 million\n\nKUWAIT, March 24 (KUNA) — " + BODY)
    assert (undated.publisher, undated.published_on) == ("KUNA", None)


def test_an_agency_acronym_or_slashes_before_the_place_credit_the_agency():
    akp = meta("Minister received\n\nAKP Phnom Penh, June 18, 2018 —The minister met. " + BODY)
    assert (akp.publisher, akp.published_on) == ("AKP", date(2018, 6, 18))
    ena = meta("Germany reinforces support\n\nENA December 2/2019 Germany announced. " + BODY)
    assert (ena.publisher, ena.published_on) == ("ENA", date(2019, 12, 2))
    montsame = meta("Aid agreed\n\nUlaanbaatar /MONTSAME/ Mongolia has agreed with Japan. " + BODY)
    assert montsame.publisher == "MONTSAME"


def test_a_closing_signature_credits_the_agency():
    assert meta("Ties hailed\n\n" + BODY + "according to the Lao FM.-VNA\n").publisher == "VNA"
    assert meta("Ties hailed\n\n" + BODY + "in various fields. AS\n").publisher == "AS"
    assert meta("Ties hailed\n\n" + BODY + "\n\nThe Kenyan DAILY POST\n").publisher == (
        "The Kenyan DAILY POST"
    )
    assert meta("Ties hailed\n\n" + BODY + "in the US.\n\nRelated News\n").publisher is None


def test_date_stamps_in_their_common_forms():
    for stamp, day in [
        ("2018-01-29", date(2018, 1, 29)),
        ("2023/10/17", date(2023, 10, 17)),
        ("On Thursday June 4, 2009", date(2009, 6, 4)),
        ("October 22, 2019 at 9:22 am", date(2019, 10, 22)),
        ("Wed, 03/06/2013 - 14:41", date(2013, 3, 6)),  # the weekday settles the order
        ("25.03.2024", date(2024, 3, 25)),
        ("August 13, 2024 [Provisional translation]", date(2024, 8, 13)),
        ("Updated: 2007-12-22 14:33", date(2007, 12, 22)),
    ]:
        assert meta(f"Leaders meet\n\n{stamp}\n\n" + BODY).published_on == day, stamp


def test_an_ambiguous_numeric_date_stays_unknown():
    assert meta("Leaders meet\n\n03/04/2024\n\n" + BODY).published_on is None


def test_credit_and_byline_lines_run_together_with_their_stamp():
    ap = meta("Leaders meet\n\nby The Associated Press\nPosted Nov 4, 2019 8:15 pm EST\n\n" + BODY)
    assert (ap.publisher, ap.published_on, ap.kind) == (
        "The Associated Press",
        date(2019, 11, 4),
        "news",
    )
    kim = meta(
        "Lee takes selfies\n\nBY SARAH KIM [kim.sarah@joongang.co.kr]\n2026-01-06\n\n" + BODY
    )
    assert (kim.byline, kim.published_on, kim.kind) == ("Sarah Kim", date(2026, 1, 6), "news")
    akp = meta("Assistance hailed\n\nSource: AKP\n2018-01-29\n\n" + BODY)
    assert (akp.publisher, akp.published_on) == ("AKP", date(2018, 1, 29))
    pti = meta(
        "India doubles grant\n\nPress Trust of India Colombo\n"
        "Last Updated : Oct 19 2024 | 12:51 PM IST\n\n" + BODY
    )
    assert (pti.publisher, pti.published_on) == ("Press Trust of India", date(2024, 10, 19))


def test_a_dated_opening_sentence_and_a_closing_timestamp():
    opening = meta("Visit\n\nWednesday, May 5, 2021 – Tanzanian President Samia arrived. " + BODY)
    assert opening.published_on == date(2021, 5, 5)
    closing = meta("Cheque handed over\n\nDHAKA: " + BODY + "\n\nBDST: 2143 HRS, OCT 20, 2014\n")
    assert closing.published_on == date(2014, 10, 20)
    event = meta("Leaders meet\n\nOn March 5, 2024 the two leaders met in Hanoi. " + BODY)
    assert event.published_on is None  # the event's date, not the text's


def test_a_headline_in_capitals_above_a_stamp():
    m = meta(
        "MONGOLIA TO RECEIVE NON-REFUNDABLE AID FROM JAPAN\n\nWed, 03/06/2013 - 14:41\n\n"
        "Ulaanbaatar /MONTSAME/ Mongolia has agreed with Japan. " + BODY
    )
    assert (m.title, m.publisher) == (
        "MONGOLIA TO RECEIVE NON-REFUNDABLE AID FROM JAPAN",
        "MONTSAME",
    )


def test_a_site_name_after_the_headline_is_left_out():
    m = meta("China, Laos vow closer ties - Xinhua | English.news.cn\n\n" + BODY)
    assert (m.title, m.publisher) == ("China, Laos vow closer ties", "Xinhua")


def test_a_mention_of_a_press_release_does_not_make_news_a_release():
    m = meta(
        "Japan to extend US$73 million\n\n2021-10-09\n\n"
        "Japan will provide US$73 million, pointed out a press release of the Ministry. "
        + BODY
        + "\n\nSource: Agency Kampuchea Press\n"
    )
    assert (m.publisher, m.kind) == ("Agency Kampuchea Press", "news")


def test_releases_by_label_issuer_or_title():
    media = meta(
        "Visit by Iranian Foreign Minister.\n\n"
        "MEDIA RELEASE MINISTER FOR FOREIGN AFFAIRS ALEXANDER DOWNER FA90      19 June 2002\n\n"
        "I was pleased to welcome the minister. " + BODY
    )
    assert (media.publisher, media.published_on, media.kind) == (
        "Minister for Foreign Affairs Alexander Downer",
        date(2002, 6, 19),
        "press_release",
    )
    white_house = meta(
        "Meeting With President William R. Tolbert, Jr., of Liberia White House Statement.\n\n"
        "October 02, 1979\n\n" + BODY
    )
    assert (white_house.publisher, white_house.kind) == ("White House", "press_release")
    readout = meta("Readout of Vice President Harris’s Meeting\n\n2022-09-02\n\n" + BODY)
    assert readout.kind == "press_release"
    embassy = meta(
        "FOR IMMEDIATE RELEASE\n\nEmbassy of Japan in Cambodia\n\nJapan extends grant aid\n\n"
        + BODY
    )
    assert (embassy.title, embassy.publisher, embassy.kind) == (
        "Japan extends grant aid",
        "Embassy of Japan in Cambodia",
        "press_release",
    )


def test_a_signed_declaration_is_neither_news_nor_release():
    m = meta(
        "Joint Declaration of Peace and Friendship\n\nJuly 9, 2018\n\n"
        + BODY
        + "\n\nDone in Asmara, July 9, 2018\n"
    )
    assert (m.kind, m.published_on) == ("other", date(2018, 7, 9))


def test_analysis_by_label_not_by_a_verb():
    assert meta("Opinion: Why the two need each other\n\n" + BODY).kind == "analysis"
    assert meta("Lee takes selfies with Xi at banquet\n\n" + BODY).kind == "news"


def test_a_dated_dateline_with_a_credit_and_a_closing_credit_label():
    nnt = meta("Thai PM at gala\n\nBANGKOK, 29 May 2013 (NNT) – The prime minister spoke. " + BODY)
    assert (nnt.publisher, nnt.published_on, nnt.kind) == ("NNT", date(2013, 5, 29), "news")
    pti = meta("India, Nepal sign pacts\n\nNew Delhi, Jan 5 (PTI) India and Nepal signed. " + BODY)
    assert (pti.publisher, pti.published_on) == ("PTI", None)
    full = meta(
        "Thailand and Japan push\n\n" + BODY + "\n\nFull story: National News Bureau of Thailand\n"
    )
    assert full.publisher == "National News Bureau of Thailand"
    caption = meta("Hun Sen meets Xi\n\nPrime Minister Hun Sen (CPP) said on Monday that " + BODY)
    assert caption.publisher is None


def test_more_stamps_with_weekdays_times_and_zones():
    for stamp, day in [
        ("PUBLISHED : Saturday, 16 February, 2019, 6:02pm", date(2019, 2, 16)),
        ("Thursday 8 February 2024 at 10.30 hrs.", date(2024, 2, 8)),
        ("July 8, 2024 4:12 AM GMT+8", date(2024, 7, 8)),
        ("KYODO NEWS - Mar 5, 2024 - 10:12 | World, All", date(2024, 3, 5)),
    ]:
        assert meta(f"Leaders meet\n\n{stamp}\n\n" + BODY).published_on == day, stamp
    assert meta("Leaders meet\n\nMarch 2024\n\n" + BODY).published_on is None


def test_a_sentence_that_ends_in_or_opens_with_a_date_is_no_stamp():
    short = meta(
        "Leaders meet\n\nThe two leaders met in Hanoi.\n\n"
        "The meeting took place on 5 March 2024\n\n"
        "The text was released on 6 March 2024 by the ministry.\n\nThey will meet again.\n"
    )
    assert short.published_on is None
    opening = meta("Anniversary\n\nJanuary 9, 2023 marked 70 years of ties. " + BODY)
    assert opening.published_on is None


def test_an_acronym_after_the_datelines_date_and_a_credit_before_signatures():
    m = meta(
        "NA President Meets Delegation\n\nPhnom Penh, December 20, 2010 AKP --\n\n"
        + BODY
        + " --AKP\n\nArticle in Khmer by PAL Song\n\nArticle in English by LIM Nary\n"
    )
    assert (m.publisher, m.published_on, m.kind) == ("AKP", date(2010, 12, 20), "news")
    signed = meta("Ties\n\n" + BODY + " Other issues were also approved. –AKP\n\nBy THOU Peou\n")
    assert signed.publisher == "AKP"
    fn = meta("Hun Manet meets envoy\n\nJapan (FN), April 27 – Hun Manet met. " + BODY)
    assert fn.publisher == "FN"


def test_page_stamps_of_broadcasters_and_wires():
    yonhap = meta(
        "PM stresses dialogue\n\nAll News 17:16 September 17, 2020\n\n"
        "SEOUL, Sept. 17 (Yonhap) -- The prime minister sent a letter. "
        + BODY
        + "\n\nnyway@yna.co.kr\n(END)\n"
    )
    assert (yonhap.publisher, yonhap.published_on) == ("Yonhap", date(2020, 9, 17))
    written = meta(
        "Yoon calls for action\n\nWritten: 2023-06-01 09:47:18Updated: 2023-06-01 10:51:13\n\n"
        "Photo : YONHAP News\n\n" + BODY
    )
    assert (written.publisher, written.published_on) == (None, date(2023, 6, 1))


def test_section_names_above_the_headline_and_a_date_before_the_place():
    mofa = meta(
        "Press Releases\n\nCourtesy Call on State Minister by a Delegation\n\nJuly 18, 2023\n\n"
        + BODY
    )
    assert (mofa.title, mofa.published_on, mofa.kind) == (
        "Courtesy Call on State Minister by a Delegation",
        date(2023, 7, 18),
        "press_release",
    )
    news = meta("News\n\nJapan to grant USD 2.66 million in assistance\n\n" + BODY)
    assert (news.title, news.kind) == ("Japan to grant USD 2.66 million in assistance", "news")
    opinion = meta("Opinion\n\nTwo neighbours, one sea\n\n" + BODY)
    assert (opinion.title, opinion.kind) == ("Two neighbours, one sea", "analysis")
    male = meta("Signing of Exchange of Notes\n\n30 March 2017, Male’;\n\n" + BODY)
    assert male.published_on == date(2017, 3, 30)


def test_a_release_label_among_a_stamps_segments():
    m = meta(
        "Ministry of External Affairs of the Republic of India\n\n"
        "30/08/2024 | Press release | Distributed by Public on 30/08/2024 17:45\n\n"
        "Transcript of Weekly Media Briefing\n\n" + BODY
    )
    assert (m.publisher, m.published_on, m.kind) == (
        "Ministry of External Affairs of the Republic of India",
        date(2024, 8, 30),
        "press_release",
    )


def test_a_newsroom_after_the_writer_and_a_source_in_parentheses():
    citizen = meta("Obama in Kenya\n\nBy Joy Chelagat, Citizen Digital\n\nObama led talks." + BODY)
    assert (citizen.publisher, citizen.kind) == ("Citizen Digital", "news")
    office = meta(
        "Speech by the President\n\n(Source: Office of the President of the Government of Kenya)"
        "\n\nExcellencies, Distinguished Guests. " + BODY
    )
    assert (office.publisher, office.kind) == (
        "Office of the President of the Government of Kenya",
        "press_release",
    )


def test_an_agency_named_in_a_sentence_is_no_credit():
    m = meta("Leaders meet\n\nReuters reported that the two leaders met.\n\nThey talked.\n")
    assert m.publisher is None


def test_more_dateline_and_label_forms():
    ena = meta("Abiy meets ministers\n\nAddis Ababa, January 12/2023 (ENA) Abiy met. " + BODY)
    assert (ena.publisher, ena.published_on) == ("ENA", date(2023, 1, 12))
    hindu = meta(
        "Modi arrives\n\nMeera Srinivasan Updated - April 04, 2025 09:41 pm IST\n\n" + BODY
    )
    assert hindu.published_on == date(2025, 4, 4)
    readout = meta("Statements and Releases\n\nVice President meets\n\n2022-09-02\n\n" + BODY)
    assert (readout.title, readout.kind) == ("Vice President meets", "press_release")
