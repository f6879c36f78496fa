"""Lists open at their results: skip link, #results on every filter and page link, the
filters in the title, the officials' name box outside the folded panel."""

import re

from django.db.models import Count

from relations.models import Official


def test_a_filtered_list_names_its_filters_and_opens_at_its_results(client, ingested):
    page = client.get("/meetings/?kind=courtesy_call&country=JP").content.decode()
    assert "<title>Meetings (Kind: Courtesy call and Country: Japan) · Bilateral</title>" in page
    either = client.get("/meetings/?kind=courtesy_call&kind=summit&page=1").content.decode()
    assert "<title>Meetings (Kind: Courtesy call or Kind: Summit) · Bilateral</title>" in either
    assert '<a class="skip-link" href="#results">Skip to results</a>' in page
    assert '<h2 id="results" tabindex="-1"' in page
    assert "<summary>Filters (2)</summary>" in page
    facet_links = re.findall(r'<li><a href="([^"]+)"', page[page.index('class="facets"') :])
    assert facet_links and all(link.endswith("#results") for link in facet_links)
    assert 'action="#results"' in page


def test_the_officials_name_box_is_outside_the_folded_panel(client, ingested):
    page = client.get("/officials/?q=hayashi").content.decode()
    assert page.index('id="id_q"') < page.index('<details class="facet-toggle"')
    assert "<title>Officials matching “hayashi” · Bilateral</title>" in page
    meetings = client.get("/meetings/").content.decode()
    assert meetings.index('<details class="facet-toggle"') < meetings.index('id="id_q"')


def test_tables_that_scroll_can_take_focus_and_have_a_name(client, ingested):
    busiest = Official.objects.annotate(n=Count("participations")).order_by("-n", "pk").first()
    for path in ("/countries/jp-kh/", busiest.get_absolute_url()):
        page = client.get(path).content.decode()
        wraps = re.findall(r'<div class="table-wrap"([^>]*)>', page)
        assert wraps, path
        for attrs in wraps:
            assert 'tabindex="0"' in attrs and 'role="region"' in attrs, (path, attrs)
            assert "aria-label" in attrs, (path, attrs)
