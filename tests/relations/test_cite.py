"""A "Cite this page" line on the meeting, agreement and official pages."""

import re

from django.utils import timezone

from relations.models import Agreement, Meeting, Official


def cite_text(page: str) -> str:
    part = page[page.index('id="cite-heading"') :]
    part = part[: part.index("</section>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", part.split("</h2>", 1)[1])).strip()


def test_each_fact_page_says_how_to_cite_it(client, ingested):
    today = timezone.localdate()
    meeting = Meeting.objects.get(title="Courtesy call: Kamikawa Yoko and Hun Sen")
    agreement = Agreement.objects.filter(date__isnull=False).first()
    official = Official.objects.get(name="Yoshimasa Hayashi")
    for path, start in [
        (f"/meeting/{meeting.pk}/", f"“{meeting.title}”, 5 Jul–6 Jul 2024. In Bilateral, "),
        (f"/agreements/{agreement.pk}/", f"“{agreement.title}”, "),
        (f"/officials/{official.pk}/", "“Yoshimasa Hayashi”. In Bilateral, "),
    ]:
        text = cite_text(client.get(path + "?page=1").content.decode())
        assert text.startswith(start), text
        assert f"http://testserver{path}." in text  # the page's address, without a query
        assert "Source: " in text
        assert text.endswith(f"Retrieved {today.day} {today:%B %Y}.")


def test_a_citation_names_the_first_source_and_counts_the_others(client, ingested):
    official = Official.objects.get(name="Yoshimasa Hayashi")
    page = client.get(f"/officials/{official.pk}/").content.decode()
    headings = re.findall(r'<div class="source">\s*<h3><a [^>]*>([^<]+)</a>', page)
    assert len(headings) == 2  # two documents name him
    text = cite_text(page)
    assert f"Source: {headings[0]}" in text
    assert headings[1] not in text
    assert "(and 1 other)." in text
