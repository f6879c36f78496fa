"""The timelines (meetings per year by level of contact) and the country index."""

import re
from collections import Counter

from django.db.models import Prefetch

from relations import levels, selectors, timeline
from relations.levels import HEAD, MINISTER, OTHER
from relations.models import Participation


def svg_of(page: str) -> str:
    return page[page.index("<svg") : page.index("</svg>")]


def test_the_axis_is_time_a_gap_of_years_stays_a_gap():
    chart = timeline.chart({(1955, HEAD): 1, (2021, OTHER): 2, (2022, MINISTER): 1}, str)
    bars = sorted(chart["bars"], key=lambda b: b["x"])
    to_2021, to_2022 = bars[1]["x"] - bars[0]["x"], bars[2]["x"] - bars[0]["x"]
    assert abs(to_2021 / to_2022 - 66 / 67) < 0.001
    # 68 years labelled at a round step, few enough to read on a phone.
    assert [t["year"] for t in chart["year_ticks"]] == [1960, 1980, 2000, 2020]
    # A value scale from 0 to a round number at or above the busiest year.
    assert [t["value"] for t in chart["value_ticks"]] == [0, 1, 2]


def test_a_year_is_one_bar_stacked_by_level_and_the_table_gives_every_year():
    chart = timeline.chart({(2024, HEAD): 3, (2024, MINISTER): 4, (2023, OTHER): 12}, str)
    assert [t["value"] for t in chart["value_ticks"]] == [0, 6, 12]
    in_2024 = [b for b in chart["bars"] if b["x"] == max(b["x"] for b in chart["bars"])]
    assert sorted(b["height"] for b in in_2024) == sorted(
        [round(3 / 12 * (timeline.HEIGHT - timeline.TOP - timeline.BOTTOM), 1),
         round(4 / 12 * (timeline.HEIGHT - timeline.TOP - timeline.BOTTOM), 1)]
    )  # fmt: skip
    assert [(r["year"], r["cells"], r["total"]) for r in chart["rows"]] == [
        (2024, [3, 4, 0], 7),
        (2023, [0, 0, 12], 12),
    ]
    assert chart["busiest"] == {"year": 2023, "count": 12}


def test_one_year_alone_is_not_a_wall_of_colour():
    chart = timeline.chart({(2023, MINISTER): 2}, str)
    assert chart["bar_width"] <= timeline.MAX_BAR
    assert [t["year"] for t in chart["year_ticks"]] == [2023]


def test_the_level_counts_of_a_queryset_follow_the_relationship_pages_rule(ingested):
    """Counted from two flat queries, each meeting's level is the one the pair page's rule
    (`levels.meeting_level`) reads from the posts held on the day."""
    pair = ("JP", "KH")
    rows = selectors.meetings().for_pair(*pair)
    loaded = rows.prefetch_related(
        Prefetch("participations", queryset=Participation.objects.of_public_officials()),
        "participations__official__positions",
    )
    by_pair_rule = dict(
        Counter((m.start_date.year, levels.meeting_level(m).level) for m in loaded if m.start_date)
    )
    assert timeline.levels_by_year(rows) == by_pair_rule
    assert by_pair_rule[(2024, HEAD)] >= 1


def test_the_pages_show_an_image_without_links_and_a_table_with_them(client, ingested):
    for path, year_link in [
        ("/", 'href="/meetings/2024/"'),
        ("/countries/jp-kh/", 'href="/meetings/?pair=jp-kh&amp;year=2024"'),
    ]:
        page = client.get(path).content.decode()
        svg = svg_of(page)
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
        assert "<a " not in svg, path
        figure = page[page.index('<figure class="timeline"') : page.index("</figure>")]
        assert "<figcaption" in figure and "Head of state or government" in figure
        assert year_link in figure[figure.index("<details") :], path


def test_an_officials_page_has_its_own_timeline(client, ingested):
    from relations.models import Official

    person = Official.objects.get(name="Yoshimasa Hayashi")
    page = client.get(f"/officials/{person.pk}/").content.decode()
    assert "Meetings per year by level of contact, 2023" in svg_of(page)
    assert f'href="/meetings/?participant={person.pk}&amp;year=2023"' in page


def test_the_country_index_lists_each_pair_with_the_count_of_its_page(client, ingested):
    page = client.get("/countries/").content.decode()
    assert 'href="/countries/" aria-current="page">Countries</a>' in page
    found = re.search(r'href="/countries/jp-kh/">Japan and Cambodia</a>\s*<span[^>]*>(\d+)', page)
    pair_page = client.get("/countries/jp-kh/").content.decode()
    shown = re.search(r"<strong>(\d+)</strong> meetings?</a>", pair_page)
    assert found and shown and found.group(1) == shown.group(1)
    assert "Cambodia and Japan" in page  # listed under each of the two
