from documents.extraction.nlp import analyse, titlecase_caps_names


def test_family_names_in_capitals_are_title_cased_but_acronyms_stay():
    text = "His Excellency KISHIDA Fumio praised the ASEAN Chairmanship and the JMSDF (JMSDF)."
    assert titlecase_caps_names(text) == (
        "His Excellency Kishida Fumio praised the ASEAN Chairmanship and the JMSDF (JMSDF)."
    )


def test_a_letterhead_in_capitals_is_left_alone():
    assert titlecase_caps_names("MINISTRY OF FOREIGN AFFAIRS\n") == "MINISTRY OF FOREIGN AFFAIRS\n"


def test_hun_sen_at_the_end_of_a_sentence_keeps_his_name():
    sentences = analyse("The minister met Prime Minister Hun Sen. The talks went well.")
    assert [s.text for s in sentences][0].endswith("Hun Sen.")
    assert any(e.text == "Hun Sen" for e in sentences[0].ents("PERSON"))


def test_a_sentence_the_model_cuts_short_is_mended_at_the_real_end():
    text = (
        "Then, FM Kamikawa paid a courtesy call to Senate President (SP) Hun Sen. "
        "SP said that relations will only be enhanced."
    )
    assert [s.text for s in analyse(text)] == [
        "Then, FM Kamikawa paid a courtesy call to Senate President (SP) Hun Sen.",
        "SP said that relations will only be enhanced.",
    ]


def test_sentence_offsets_point_into_the_document():
    text = "First paragraph here.\n\nSecond one, with Hun Manet."
    for s in analyse(text):
        assert text[s.start : s.end] == s.text
