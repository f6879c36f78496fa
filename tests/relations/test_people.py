"""An official's page answers "whom did they meet": a Met with table, meetings newest first."""

import datetime as dt
import re

import pytest

from relations.models import Country, Meeting, Official, Participation, Position

pytestmark = pytest.mark.django_db


def shown_count(html: str) -> int:
    return int(re.search(r'class="results-count">(\d+) ', html).group(1))


def met_with(html: str) -> list[list[str]]:
    table = html.split('class="data met-with"', 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)
        ]
        for r in rows
    ]


@pytest.fixture
def hayashi(db):
    jp = Country.objects.create(code="JP", name="Japan")
    kh = Country.objects.create(code="KH", name="Cambodia")
    hayashi = Official.objects.create(name="Hayashi Yoshimasa", country=jp)
    sokhonn = Official.objects.create(name="Prak Sokhonn", country=kh)
    hun_sen = Official.objects.create(name="Hun Sen", country=kh)
    Position.objects.create(
        official=hun_sen,
        title="Prime Minister",
        first_seen=dt.date(2020, 1, 1),
        last_seen=dt.date(2023, 6, 1),
    )
    Position.objects.create(
        official=hun_sen, title="President of the Senate", first_seen=dt.date(2024, 4, 1)
    )
    for i, (day, people) in enumerate(
        [
            (dt.date(2021, 5, 1), [sokhonn]),
            (dt.date(2022, 5, 1), [sokhonn, hun_sen]),
            (dt.date(2023, 1, 24), [sokhonn]),
            (dt.date(2024, 7, 5), [hun_sen]),
            (dt.date(2020, 2, 2), []),
        ]
    ):
        m = Meeting.objects.create(kind="bilateral_meeting", title=f"Talks {i}", start_date=day)
        for person in [hayashi, *people]:
            Participation.objects.create(meeting=m, official=person)
    return hayashi


def test_the_met_with_table_counts_each_counterpart_with_the_post_then(client, hayashi):
    html = client.get(f"/officials/{hayashi.pk}/").content.decode()
    assert met_with(html) == [
        ["Prak Sokhonn", "—", "Cambodia", "3", "24 Jan 2023"],
        ["Hun Sen", "President of the Senate", "Cambodia", "2", "5 Jul 2024"],
    ]


def test_each_count_links_to_the_meetings_with_both(client, hayashi):
    html = client.get(f"/officials/{hayashi.pk}/").content.decode()
    table = html.split('class="data met-with"', 1)[1].split("</table>", 1)[0]
    links = re.findall(r'<a href="(/meetings/\?[^"]+)" aria-label="(\d+) meeting', table)
    assert len(links) == 2
    for url, n in links:
        assert shown_count(client.get(url.replace("&amp;", "&")).content.decode()) == int(n)


def test_meetings_come_newest_first_a_page_at_a_time_linked_to_the_list(client, hayashi):
    html = client.get(f"/officials/{hayashi.pk}/").content.decode()
    section = html.split('id="meetings-heading"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r">(Talks \d)</a>", section) == [f"Talks {i}" for i in (3, 2, 1, 0, 4)]
    link = f'href="/meetings/?participant={hayashi.pk}">All 5 in the meetings list'
    assert link in section
    assert shown_count(client.get(f"/meetings/?participant={hayashi.pk}").content.decode()) == 5
