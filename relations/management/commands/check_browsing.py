"""`manage.py check_browsing`: the browsing answers checked against the database, at scale.

    python manage.py generate_kb --meetings 200000 --seed 1   # on PostgreSQL
    python manage.py check_browsing

Prints one line per check, OK or FAIL with both numbers, and exits non-zero on a failure:

1. The busiest pair of countries (most meetings tagged with both) in its busiest year: the
   count the meetings list gives for `?pair=&year=` equals a direct SQL count (written here
   in plain SQL, apart from the queryset code it checks).
2. Every count on that pair's page (/countries/<a>-<b>/) links to a list of exactly that many
   rows.
3. From/To over a full year gives as many meetings as the Year facet says for that year.

The pages are read through Django's test client, as a visitor would get them.
"""

import datetime as dt
import re

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from relations import facet_cache

RESULTS = re.compile(r'class="results-count">([\d,]+) ')
# A count on the pair page and the list it links to: "<strong>12</strong> meetings",
# "12 agreements", or a table cell whose aria-label says "12 meetings in 2019".
PAIR_COUNT = re.compile(
    r'<a href="(?P<url>/(?:meetings|agreements)/\?pair=[^"]+)"'
    r'(?: aria-label="(?P<labelled>\d+) [^"]*")?[^>]*>'
    r"(?:<strong>)?(?P<shown>\d+)(?:</strong>)? ?(?P<word>meeting|agreement)?"
)
YEAR_FACET = re.compile(
    r'href="\?year=(?P<year>\d{4})(?:#results)?"[^>]*>'
    r'.*?<span class="count"[^>]*>(?P<count>\d+)</span>',
    re.S,
)

BUSIEST_PAIR = """
    SELECT a.code, b.code, COUNT(*) AS n
    FROM relations_meeting_countries x
    JOIN relations_meeting_countries y
      ON y.meeting_id = x.meeting_id AND y.country_id > x.country_id
    JOIN relations_country a ON a.id = x.country_id
    JOIN relations_country b ON b.id = y.country_id
    JOIN relations_meeting m ON m.id = x.meeting_id
    WHERE m.merged_into_id IS NULL AND m.review_state <> 'rejected'
    GROUP BY a.code, b.code ORDER BY n DESC, a.code, b.code LIMIT 1
"""
# A meeting involves a country when it is tagged with it or one of its people is from it.
INVOLVES = """
    (EXISTS (SELECT 1 FROM relations_meeting_countries mc JOIN relations_country c
             ON c.id = mc.country_id WHERE mc.meeting_id = m.id AND c.code = %s)
     OR EXISTS (SELECT 1 FROM relations_participation p JOIN relations_official o
                ON o.id = p.official_id JOIN relations_country c ON c.id = o.country_id
                WHERE p.meeting_id = m.id AND c.code = %s))
"""
PAIR_YEARS = f"""
    SELECT {{year}} AS y, COUNT(*) AS n
    FROM relations_meeting m
    WHERE m.merged_into_id IS NULL AND m.review_state <> 'rejected'
      AND m.start_date IS NOT NULL AND {INVOLVES} AND {INVOLVES}
    GROUP BY y ORDER BY n DESC, y DESC
"""
MEETINGS_IN_YEAR = """
    SELECT COUNT(*) FROM relations_meeting m
    WHERE m.merged_into_id IS NULL AND m.review_state <> 'rejected'
      AND m.start_date BETWEEN %s AND %s
"""


def _count(html: str) -> int:
    found = RESULTS.search(html)
    if not found:
        raise CommandError("A list page without its count of results.")
    return int(found.group(1).replace(",", ""))


class Command(BaseCommand):
    help = "Check the pair lists, the pair page's counts and From/To against the database."

    def handle(self, *args, **options):
        facet_cache.clear()
        self.client = Client(HTTP_HOST="127.0.0.1")
        self.failures = 0
        with connection.cursor() as cursor:
            cursor.execute(BUSIEST_PAIR)
            row = cursor.fetchone()
            if row is None:
                raise CommandError("No two countries share a meeting: run generate_kb first.")
            a, b, tagged = row
            year_of = (
                "CAST(strftime('%%Y', m.start_date) AS INTEGER)"
                if connection.vendor == "sqlite"
                else "EXTRACT(YEAR FROM m.start_date)"
            )
            cursor.execute(PAIR_YEARS.format(year=year_of), [a, a, b, b])
            years = cursor.fetchall()
        slug = "-".join(sorted([a.lower(), b.lower()]))
        year, direct = int(years[0][0]), years[0][1]
        self.stdout.write(f"Busiest pair {slug} ({tagged} meetings tagged with both), year {year}")

        listed = _count(self._get(f"/meetings/?pair={slug}&year={year}"))
        self._check(f"pair list {slug} {year} = direct SQL count", listed, direct)

        page = self._get(f"/countries/{slug}/")
        links = 0
        for m in PAIR_COUNT.finditer(page):
            shown = m.group("labelled") or (m.group("shown") if m.group("word") else None)
            if shown is None:
                continue  # a year heading, not a count
            links += 1
            url = m.group("url").replace("&amp;", "&")
            self._check(
                f"pair page count links to as many rows: {url}", _count(self._get(url)), int(shown)
            )
        if not links:
            self._check("pair page shows counts with links", 0, 1)

        facet = {
            int(m.group("year")): int(m.group("count"))
            for m in YEAR_FACET.finditer(self._get("/meetings/"))
        }
        # The latest year the Year facet shows that is over (a full year), else its latest.
        past = [y for y in facet if y < dt.date.today().year]
        full_year = max(past or facet or [year])
        between = _count(
            self._get(f"/meetings/?date_from={full_year}-01-01&date_to={full_year}-12-31")
        )
        with connection.cursor() as cursor:
            cursor.execute(MEETINGS_IN_YEAR, [f"{full_year}-01-01", f"{full_year}-12-31"])
            (in_year,) = cursor.fetchone()
        self._check(f"From/To {full_year} = Year facet {full_year}", between, facet.get(full_year))
        self._check(f"From/To {full_year} = direct SQL count", between, in_year)
        if self.failures:
            raise CommandError(f"{self.failures} check(s) failed.")
        self.stdout.write("All checks passed.")

    def _get(self, path: str) -> str:
        response = self.client.get(path)
        if response.status_code != 200:
            raise CommandError(f"{path}: status {response.status_code}")
        return response.content.decode()

    def _check(self, what: str, got, expected) -> None:
        ok = got == expected
        self.failures += not ok
        self.stdout.write(f"{'OK  ' if ok else 'FAIL'} {what}: {got} (expected {expected})")
