"""Agreements: aid with amounts and currencies, and what the parties agreed."""

from documents.extraction import extract


def agreements(text):
    return [(a.kind, a.amount, a.currency, a.title, a.status) for a in extract(text).agreements]


def test_list_items_take_the_aid_wording_of_their_introduction():
    found = agreements(
        "Signing\n\nJuly 10, 2024\n\nDuring the visit, two documents were signed:\n\n"
        "1. Grant aid (approximately USD 2.7 million) to implement the Project for Human "
        "Resource Development Scholarships.\n\n"
        "2. Loan (approximately USD 59.6 million) to implement the National Road No. 5 "
        "Improvement Project.\n"
    )
    assert found == [
        (
            "grant",
            2_700_000,
            "USD",
            "Project for Human Resource Development Scholarships",
            "signed",
        ),
        ("loan", 59_600_000, "USD", "National Road No. 5 Improvement Project", "signed"),
    ]


def test_an_amount_restated_in_another_currency_is_one_agreement():
    found = agreements(
        "Aid\n\nJapan will provide a grant of JPY 1.3 billion (about USD 9.7 million) for the "
        "Rural Water Supply Project.\n"
    )
    assert [(k, a, c) for k, a, c, _, _ in found] == [("grant", 1_300_000_000, "JPY")]


def test_trade_figures_are_not_agreements():
    assert agreements("Trade\n\nBilateral trade totalled $1.948 billion in 2022.\n") == []


def test_what_the_parties_agreed_to_resume_is_an_agreement_each():
    found = agreements(
        "Talks\n\nThailand and Laos have agreed to resume the Joint Commission on Trade as well "
        "as a programme for young diplomats to study abroad.\n"
    )
    assert [(k, t, s) for k, _, _, t, s in found] == [
        ("other", "Joint Commission on Trade", "agreed"),
        ("programme", "Programme for young diplomats", "agreed"),
    ]


def test_generic_cooperation_is_not_an_agreement():
    assert agreements("Talks\n\nThe two sides agreed to expand such collaboration.\n") == []


def test_a_named_partnership_is_recorded_once_per_document():
    found = agreements(
        "Ties\n\nThe Comprehensive Strategic Partnership was agreed in 2023. "
        "Both sides praised the Comprehensive Strategic Partnership.\n"
    )
    assert found == [("partnership", None, None, "Comprehensive Strategic Partnership", "agreed")]


def test_each_amount_of_an_inline_list_is_its_own_item_even_at_the_same_price():
    found = agreements(
        "Aid\n\nOf the total amount, US$58.2 million is a loan for the implementation of Water "
        "Supply Expansion Project (II), and the rest is grant aid for the implementation of "
        "Economic and Social Development Programmes: US$1.8 million for Landmine Action Sector, "
        "US$2.27 million for Construction Material Sector, US$2.27 million for Cadastral Survey "
        "Sector.\n"
    )
    assert [(k, a, t) for k, a, _, t, _ in found] == [
        ("loan", 58_200_000, "Water Supply Expansion Project (II)"),
        ("grant", 1_800_000, "Landmine Action Sector"),
        ("grant", 2_270_000, "Construction Material Sector"),
        ("grant", 2_270_000, "Cadastral Survey Sector"),
    ]


def test_projects_named_after_their_amount_take_the_aid_wording_of_earlier_sentences():
    found = agreements(
        "Grants\n\nJapan has agreed to extend a total of US$4.3 million in grant aid to support "
        "two projects.\n\nThe two projects include the US$1.7 million Rural Renewable Energy "
        "Project and the US$2.6 million Project to strengthen transparency and accountability "
        "in local administrations through citizen participation.\n"
    )
    # the total that only adds up the two items is no agreement of its own
    assert [(a, t) for _, a, _, t, _ in found] == [
        (1_700_000, "Rural Renewable Energy Project"),
        (
            2_600_000,
            "Project to strengthen transparency and accountability in local administrations "
            "through citizen participation",
        ),
    ]


def test_a_quoted_project_with_its_amount_in_brackets():
    found = agreements(
        "Aid\n\nToday the Ambassador signed two Exchange of Notes. Details are below.\n\n"
        "“The Project for Human Resource Development Scholarship” (240 Million Kenya "
        "Shillings)\n"
    )
    assert [(a, c, t) for _, a, c, t, _ in found] == [
        (240_000_000, "KES", "Project for Human Resource Development Scholarship")
    ]


def test_the_purpose_of_an_amount_titles_it():
    found = agreements(
        "Aid\n\nThe Administration will commit an additional $5 million to support police and "
        "criminal justice reform in Nigeria.\n"
    )
    assert [(k, a, t) for k, a, _, t, _ in found] == [
        ("grant", 5_000_000, "Grant to support police and criminal justice reform in Nigeria")
    ]


def test_a_sum_in_two_currencies_counts_in_the_first_and_the_second_is_no_item():
    found = agreements(
        "Aid\n\nMongolia will buy medical equipment with a non-refundable aid of JPY 200 "
        "million (over USD 2 million) from the Japanese government.\n"
    )
    assert [(k, a, c) for k, a, c, _, _ in found] == [("grant", 200_000_000, "JPY")]


def test_past_totals_are_statistics_not_agreements():
    found = agreements(
        "Loan\n\nThe 46.3-billion-yen ($420 million) loan for the fiscal year 2007 will bring "
        "the total amount the Japanese government lent to China since 1979 to 3.316 trillion "
        "yen.\n\nIndia has completed the disbursement of USD 175 million grant assistance.\n"
    )
    assert [(a, c) for _, a, c, _, _ in found] == [(46_300_000_000, "JPY")]


def test_the_paper_of_a_loan_is_the_loan():
    found = agreements(
        "Loan\n\nThe Fund has signed a loan agreement with Sri Lanka at a value of KD 10 million "
        "(about USD 34 million) to contribute to financing construction of a new hospital.\n\n"
        "The loan agreement was signed by the Secretary of the Ministry of Finance.\n"
    )
    assert [(k, a, c) for k, a, c, _, _ in found] == [("loan", 10_000_000, "KWD")]


def test_instruments_signed_are_titled_by_their_subject():
    found = agreements(
        "Visit\n\nThey also agreed on and signed a memorandum that will see a gas pipeline built "
        "from the port to the capital to help in lowering the energy costs.\n\n"
        "In addition, a memorandum of understanding was signed by the two ministers to increase "
        "direct investments.\n\nA joint letter of intent signed today by the Finance Minister.\n"
    )
    assert [(k, t) for k, _, _, t, _ in found] == [
        ("mou", "Memorandum on a gas pipeline built from the port to the capital"),
        ("mou", "Memorandum of understanding to increase direct investments"),
        ("other", "Joint letter of intent"),
    ]


def test_counted_and_listed_instruments_are_one_item_each():
    found = agreements(
        "Visit\n\nThe two prime ministers presided over the signing of 12 cooperation "
        "agreements and 2 letters of intent in various fields.\n\n"
        "Cambodia and China on Tuesday signed documents on mine clearance and renovation of "
        "the Royal Palace.\n"
    )
    assert [t for _, _, _, t, _ in found] == [
        "12 cooperation agreements",
        "2 letters of intent in various fields",
        "Document on mine clearance",
        "Document on renovation of the Royal Palace",
    ]


def test_vague_or_referring_mentions_of_agreements_are_not_items():
    assert (
        agreements(
            "Visit\n\nThe visit focused on the signing of several key agreements between the two "
            "countries. He urged both sides to carry out all the signed agreements because the "
            "relationship matters. The ministries have jointly reviewed the agreements signed "
            "between leaders.\n"
        )
        == []
    )


def test_a_partnership_counts_where_the_text_creates_or_raises_it():
    found = agreements(
        "Ties\n\nChina and Ethiopia have announced elevating the bilateral ties to an "
        '"all-weather strategic partnership," according to a joint statement. Both leaders '
        "hoped the Trans Pacific Partnership negotiations would succeed. Fiji looks forward to "
        "further strengthening the Vuvale Partnership.\n"
    )
    assert [(k, t) for k, _, _, t, _ in found] == [
        ("partnership", "All-weather strategic partnership")
    ]


def test_a_declaration_whose_text_this_is():
    found = agreements(
        "Joint Declaration of Peace and Friendship between Eritrea and Ethiopia\n\n"
        "July 9, 2018\n\nThe governments of Ethiopia and Eritrea have reached the following "
        "joint agreement:\n\n1. The state of war has come to an end.\n\nDone in Asmara, July 9, "
        "2018\n"
    )
    assert [t for _, _, _, t, _ in found] == [
        "Joint Declaration of Peace and Friendship between Eritrea and Ethiopia"
    ]


def test_the_next_sentence_may_say_what_an_amount_is():
    found = agreements(
        "Cheque\n\nThe High Commissioner handed over a cheque of US$ 25 million (approximately "
        "Tk 194 crore). The money was given as the fourth tranche of the grant committed in "
        "2012.\n"
    )
    assert [(a, c, t) for _, a, c, t, _ in found] == [
        (25_000_000, "USD", "Fourth tranche of the grant committed in 2012")
    ]


def test_items_without_aid_words_take_the_kind_of_the_earlier_aid_wording():
    found = agreements(
        "Grants\n\nJapan will provide a grant aid to implement three development projects.\n\n"
        "Some US$3,2 Million will be used for Human Resource Development Scholarship.\n"
    )
    assert [(k, a, t) for k, a, _, t, _ in found] == [
        ("grant", 3_200_000, "Human Resource Development Scholarship")
    ]


def test_a_declaration_about_a_partnership_is_not_a_partnership():
    found = agreements(
        "Ties\n\nGermany and Ethiopia concluded a Declaration of Intent on the Design of a Reform "
        "Partnership.\n"
    )
    assert [(k, t) for k, _, _, t, _ in found] == [
        ("other", "Declaration of Intent on the Design of a Reform Partnership")
    ]


def test_running_totals_and_budgets_are_not_agreements():
    found = agreements(
        "Aid\n\nThe UK announced £20m in humanitarian aid for flood victims, bringing its total "
        "support this year to £46.5m. Australia's aid budget rose to $4.7 billion.\n"
    )
    assert [(a, c, t) for _, a, c, t, _ in found] == [
        (20_000_000, "GBP", "Humanitarian aid for flood victims")
    ]


def test_instruments_priced_with_worth_and_aid_named_after_the_amount():
    found = agreements(
        "Visit\n\nThe two sides signed 15 agreements worth $10 billion in energy.\n\n"
        "India will provide Rs 4,000 crore as a line of credit to Nepal for hydropower "
        "projects.\n\nThe road, financed by a KRW 45 billion EDCF loan, opens in 2026.\n"
    )
    assert [(k, a, c, t) for k, a, c, t, _ in found] == [
        ("other", 10_000_000_000, "USD", "15 agreements"),
        ("loan", 40_000_000_000, "INR", "Line of credit for hydropower projects"),
        ("loan", 45_000_000_000, "KRW", "EDCF loan"),
    ]


def test_several_instruments_signed_or_exchanged_in_one_sentence():
    found = agreements(
        "Visit\n\nThe ministers signed an agreement on cooperation in the field of tourism, and "
        "an agreement on mutual legal assistance in criminal matters.\n\n"
        "The two leaders witnessed the exchange of 10 cooperation documents.\n\n"
        "They welcomed the signing of the agreement on the establishment of a consulate "
        "general.\n"
    )
    assert [t for _, _, _, t, _ in found] == [
        "Agreement on cooperation in the field of tourism",
        "Agreement on mutual legal assistance in criminal matters",
        "10 cooperation documents",
        "Agreement on the establishment of a consulate general",
    ]


def test_a_partnership_keeps_the_rest_of_its_name():
    found = agreements(
        "Ties\n\nThe two sides agreed to elevate their relations to a Comprehensive Strategic "
        "Partnership for Peace, Cooperation and Sustainable Development.\n"
    )
    assert [t for _, _, _, t, _ in found] == [
        "Comprehensive Strategic Partnership for Peace, Cooperation and Sustainable Development"
    ]


def test_the_channel_of_aid_is_not_its_title_and_decades_of_aid_are_no_agreement():
    found = agreements(
        "Aid\n\nThe Korean government will provide USD 3 million through the World Food "
        "Programme to help refugees. Japan, the largest donor, has provided $3 billion in ODA "
        "to Cambodia over the past three decades.\n"
    )
    assert [(a, t.split(" ", 1)[1]) for _, a, _, t, _ in found] == [(3_000_000, "to help refugees")]


def test_a_named_project_with_its_amount_in_brackets_in_a_list():
    found = agreements(
        "Notes\n\nThe Exchange of Notes concerns the following projects:\n\n"
        "1. The Project for Expansion of Water Supply in Kampot (JPY 2.1 billion)\n"
        "2. The Project for Improvement of National Road No. 1 (JPY 3.4 billion)\n"
    )
    assert [(a, t) for _, a, _, t, _ in found] == [
        (2_100_000_000, "Project for Expansion of Water Supply in Kampot"),
        (3_400_000_000, "Project for Improvement of National Road No. 1"),
    ]


def test_a_sum_restated_later_in_another_currency_first_is_the_same_agreement():
    found = agreements(
        "Grant\n\nIndia has doubled its grant to Rs 172.25 million to support education.\n\n"
        "India's grant to the project now stands at 600 million Sri Lanka rupees (INR 172.25 "
        "million).\n"
    )
    assert [(a, c) for _, a, c, _, _ in found] == [(172_250_000, "INR")]


def test_an_amount_restated_after_stray_punctuation_keeps_the_first_currency():
    found = agreements(
        "Aid\n\n2021-05-18\n\nThe document marks the first tranche of the $ 12.5 million "
        "(. 10.4 million euro) Development Assistance Agreement, signed by the minister.\n"
    )
    assert [(a, c) for _, a, c, _, _ in found] == [(12_500_000, "USD")]


def test_a_lenders_whole_portfolio_is_no_agreement():
    found = agreements(
        "Loan\n\n2021-06-15\n\nIndia extended a soft loan of USD 50 million to Ruritania. With "
        "this, the bank has 150 lines of credit covering 40 countries in Africa and Asia, with "
        "credit commitments of around USD 20.5 billion.\n"
    )
    assert [(a, c) for _, a, c, _, _ in found] == [(50_000_000, "USD")]


def test_the_agreement_with_only_where_it_was_signed_is_a_back_reference():
    found = agreements(
        "Aid\n\n2023-10-31\n\nThe ministry signed a financing agreement of 8.4 million Euros to "
        "support the Safety Net Program. The minister and the envoy signed the agreement in "
        "Addis Ababa.\n"
    )
    assert [(a, c) for _, a, c, _, _ in found] == [(8_400_000, "EUR")]


def test_a_count_of_instruments_the_text_then_names_one_by_one_only_sums_them_up():
    titles = [
        t
        for _, _, _, t, _ in agreements(
            "Two deals\n\n2018-09-04\n\nThe two countries signed two agreements during the visit. "
            "They witnessed the exchange of two Memoranda of Understanding (MoUs). The MoU "
            "between the Institute of Foreign Affairs of Ruritania and the Diplomatic Academy of "
            "Utopia was signed by the two secretaries. Similarly, the MoU on Cooperation for "
            "Youth Development was signed by the ambassador.\n"
        )
    ]
    assert len(titles) == 2
    assert any("Institute of Foreign Affairs" in t for t in titles)


def test_another_framework_agreement_is_an_instrument():
    titles = [
        t
        for _, _, _, t, _ in agreements(
            "Grant\n\n2017-09-19\n\nAlong with the grant agreement, the two countries signed "
            "another framework agreement for the period of 2017-2019.\n"
        )
    ]
    assert any(t.lower().startswith("framework agreement") for t in titles)
