"""Officials: names without honorifics, posts and countries, one person however spelled."""

from documents.extraction import extract


def officials(text):
    return {o.name: o for o in extract(text).officials}


def test_honorifics_are_stripped_and_capitals_are_one_spelling():
    found = officials(
        "Talks in Phnom Penh\n\n"
        "Samdech Akka Moha Sena Padei Techo HUN Sen, President of the Senate of the Kingdom "
        "of Cambodia, received H.E. Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan.\n\n"
        "Samdech HUN Sen thanked Minister KAMIKAWA for her visit.\n"
    )
    assert set(found) == {"Hun Sen", "Kamikawa Yoko"}
    hun_sen = found["Hun Sen"]
    assert hun_sen.country == "KH"
    assert "President of the Senate" in [t for t, _ in hun_sen.titles]
    assert "HUN Sen" in hun_sen.aliases
    assert found["Kamikawa Yoko"].country == "JP"


def test_titles_before_names_give_post_and_country_for_other_country_pairs():
    found = officials(
        "Thailand and Vietnam deepen ties\n\n"
        "Thai Minister of Commerce Phumtham Wechayachai met Vietnamese Deputy Prime Minister "
        "Tran Hong Ha in Bangkok on 3 March 2024.\n"
    )
    assert found["Phumtham Wechayachai"].country == "TH"
    assert found["Phumtham Wechayachai"].titles[0][0] == "Minister of Commerce"
    assert found["Tran Hong Ha"].country == "VN"
    assert found["Tran Hong Ha"].titles[0][0] == "Deputy Prime Minister"


def test_short_forms_resolve_to_the_full_name():
    extraction = extract(
        "Visit\n\nForeign Minister Penny Wong arrived in Jakarta. "
        "Wong said the visit mattered. FM Wong then left.\n"
    )
    assert [o.name for o in extraction.officials] == ["Penny Wong"]
    assert len(extraction.officials[0].evidence) == 3  # every sentence that names her


def test_a_counterpart_takes_the_post_and_the_named_country():
    found = officials(
        "Ties\n\nPrime Minister Anwar Ibrahim and his Indonesian counterpart Joko Widodo spoke.\n"
    )
    assert found["Joko Widodo"].country == "ID"
    assert [t for t, _ in found["Joko Widodo"].titles] == ["Prime Minister"]


def test_people_without_an_official_post_are_not_officials():
    found = officials(
        "Arts ties grow\n\nBy Lay Samean\n\n"
        "Vann Bunna, the co-founder of a think-tank, said ties were strong. "
        "The winner is Sroeun Menglong, a senior student. "
        "Chea Kimtha, the ministry's undersecretary of state, spoke.\n"
    )
    assert set(found) == {"Chea Kimtha"}


def test_an_apposition_gives_the_post_after_the_name():
    found = officials(
        "Embassy event\n\nHeld at the Embassy of Japan in Cambodia. "
        "Taninai Ichitomo, deputy chief of mission of the Embassy, said relations were good.\n"
    )
    official = found["Taninai Ichitomo"]
    assert "Deputy Chief of Mission" in official.titles[0][0]
    assert official.country == "JP"
