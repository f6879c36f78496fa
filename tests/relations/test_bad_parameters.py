"""Every parameter a list cannot read gets a 400 page naming the field and saying, in words,
what to write instead; never a message meant for programmers."""

import re

import pytest

pytestmark = pytest.mark.django_db

PYTHON_WORDS = ("invalid literal", "base 10", "Traceback", "Error:", "Select a valid choice")

CASES = [
    ("/meetings/?year=abcd", "Year", "“abcd” is not a year: write four digits, such as 2024."),
    ("/meetings/?year=20244", "Year", "“20244” is not a year"),
    ("/meetings/?kind=nonsense", "Kind", "“nonsense” is not a kind of meeting."),
    ("/meetings/?country=ZZ", "Country", "“ZZ” is not the code of a country"),
    ("/meetings/?participant=abc", "Participant", "“abc” is not the number of an official."),
    ("/meetings/?participant=999999", "Participant", "No official has the number “999999”."),
    ("/meetings/?participants=any", "Participants", "“any” is not a way to combine"),
    ("/meetings/?pair=japan", "Both countries", "“japan” is not a pair"),
    ("/meetings/?topic=nothing-like-it", "Topic", "is not a topic."),
    ("/meetings/?date_from=yesterday", "From", "Write a date as YYYY-MM-DD"),
    ("/meetings/?date_to=2024-02-30", "To", "Write a date as YYYY-MM-DD"),
    ("/meetings/?q=" + "x" * 300, "Search", "at most 200 characters"),
    ("/meetings/2024/?kind=nonsense", "Kind", "“nonsense” is not a kind of meeting."),
    ("/meetings/2024/07/?year=abcd", "Year", "“abcd” is not a year"),
    ("/agreements/?year=abcd", "Year", "“abcd” is not a year"),
    ("/agreements/?status=maybe", "Status", "“maybe” is not a status"),
    ("/agreements/?party=ZZ", "Party", "“ZZ” is not the code of a country"),
    ("/agreements/?pair=jp-zz", "Both parties", "No country with the code “ZZ”."),
    ("/officials/?country=ZZ", "Country", "“ZZ” is not the code of a country"),
    ("/documents/?year=abcd", "Year", "“abcd” is not a year"),
    ("/documents/?kind=poem", "Kind", "“poem” is not a kind of source."),
]


def errors(html: str) -> list[str]:
    block = html.split('<ul class="errors">', 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block)]


@pytest.mark.parametrize(("url", "label", "message"), CASES)
def test_a_bad_parameter_gets_a_400_naming_the_field(client, ingested, url, label, message):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 400, url
    found = errors(html)
    assert len(found) == 1, found
    assert found[0].startswith(f"{label} ("), found
    assert message in found[0].replace("&ldquo;", "“").replace("&rdquo;", "”"), found
    for words in PYTHON_WORDS:
        assert words not in html, (url, words)


def test_a_very_long_bad_value_is_shortened_in_the_message(client, ingested):
    html = client.get("/meetings/?year=" + "9" * 5000).content.decode()
    (message,) = errors(html)
    assert len(message) < 120
    assert message.endswith("…” is not a year: write four digits, such as 2024.")
