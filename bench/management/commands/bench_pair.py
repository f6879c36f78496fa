"""`manage.py bench_pair`: the country-pair page (/countries/<a>-<b>/) at scale.

    python manage.py bench_pair                 # the busiest pair, then 100 others
    python manage.py bench_pair --repeat 10 --pairs 100

Prints, measured in this process through Django's test client against the configured
database (run `generate_kb` first): for the busiest pair (most meetings tagged with both),
the cold time (kept counts forgotten first), the median (p50) of --repeat warm requests,
the SQL queries of a warm request and the HTML bytes; then the resident memory of this
process before and after --pairs pair pages of different pairs (busiest first), and its
peak (what a server worker would keep).
"""

import resource
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, F
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.measure import tree_rss_mib
from relations import facet_cache
from relations.models import Meeting


def busiest_pairs(limit: int) -> list[str]:
    """Slugs of the pairs of countries most meetings are tagged with, busiest first."""
    tags = Meeting.countries.through.objects
    pairs = (
        tags.filter(meeting_id__in=tags.values("meeting_id"))
        .annotate(other=F("meeting__countries__code"))
        .filter(country__code__lt=F("other"))
        .values("country__code", "other")
        .annotate(n=Count("pk"))
        .order_by("-n", "country__code", "other")[:limit]
    )
    return ["-".join(sorted([p["country__code"].lower(), p["other"].lower()])) for p in pairs]


class Command(BaseCommand):
    help = "Time the country-pair page of the busiest pair; memory over many pairs."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=10, help="Warm requests timed.")
        parser.add_argument("--pairs", type=int, default=100, help="Pairs loaded for memory.")

    def _get(self, url: str):
        started = time.perf_counter()
        response = self.client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        return response, elapsed

    def handle(self, *args, repeat, pairs, **options):
        self.client = Client(HTTP_HOST="127.0.0.1")
        slugs = busiest_pairs(pairs)
        if not slugs:
            raise CommandError("No two countries share a meeting: run generate_kb first.")
        url = f"/countries/{slugs[0]}/"
        start_rss = tree_rss_mib()
        facet_cache.clear()
        response, cold = self._get(url)
        warm = [self._get(url)[1] for _ in range(repeat)]
        with CaptureQueriesContext(connection) as queries:
            self._get(url)
        self.stdout.write(
            f"{url}: cold {cold:.0f} ms, warm p50 {statistics.median(warm):.0f} ms "
            f"(min {min(warm):.0f}, max {max(warm):.0f}, n={repeat}), "
            f"{len(queries)} queries, {len(response.content):,} bytes of HTML"
        )
        times = []
        for slug in slugs:
            times.append(self._get(f"/countries/{slug}/")[1])
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"{len(slugs)} pair pages (busiest first): p50 {statistics.median(times):.0f} ms, "
            f"max {max(times):.0f} ms; RSS {start_rss:.0f} MiB before, "
            f"{tree_rss_mib():.0f} MiB after, peak {peak:.0f} MiB"
        )
