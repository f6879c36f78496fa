"""Every country in the knowledge base with the countries it has meetings with: /countries/.

A meeting concerns a country when it is tagged with it or one of its participants is from it
(the rule of the relationship page, `selectors.involving`), so a pair's count here is the
number its page shows. The pairs are counted in one grouped query over the union of the two
ways a meeting names a country; the whole index is kept until the data changes.
"""

from django.db import connection
from django.shortcuts import render

from relations import facet_cache
from relations.models import Country, Meeting, Official, Participation, ReviewState


def _pair_counts() -> dict[tuple[int, int], int]:
    """(country id, country id) -> visible meetings that concern both (one query)."""
    tags = Meeting.countries.through._meta.db_table
    meeting, participation = Meeting._meta.db_table, Participation._meta.db_table
    official = Official._meta.db_table
    sql = f"""
        WITH named AS (
            SELECT meeting_id, country_id FROM {tags}
            UNION
            SELECT p.meeting_id, o.country_id FROM {participation} p
            JOIN {official} o ON o.id = p.official_id WHERE o.country_id IS NOT NULL
        )
        SELECT a.country_id, b.country_id, COUNT(*) FROM named a
        JOIN named b ON b.meeting_id = a.meeting_id AND a.country_id < b.country_id
        JOIN {meeting} m ON m.id = a.meeting_id
        WHERE m.merged_into_id IS NULL AND m.review_state <> %s
        GROUP BY a.country_id, b.country_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [ReviewState.REJECTED])
        return {(a, b): n for a, b, n in cursor.fetchall()}


def _index() -> list[dict]:
    """Countries A–Z, each with its partners, most meetings first."""
    pairs = _pair_counts()
    countries = {c.pk: c for c in Country.objects.order_by("name")}
    partners: dict[int, list[dict]] = {pk: [] for pk in countries}
    for (a, b), n in pairs.items():
        first, second = countries[a], countries[b]
        slug = "-".join(sorted((first.code.lower(), second.code.lower())))
        partners[a].append({"country": second, "meetings": n, "slug": slug})
        partners[b].append({"country": first, "meetings": n, "slug": slug})
    return [
        {
            "country": country,
            "partners": sorted(partners[pk], key=lambda p: (-p["meetings"], p["country"].name)),
        }
        for pk, country in countries.items()
        if partners[pk]
    ]


def country_index(request):
    return render(
        request,
        "relations/country_index.html",
        {"section": "countries", "countries": facet_cache.cached("country_index", _index)},
    )
