"""What the ingestion benchmark measures: CPU time and memory of worker processes count."""

import subprocess
import sys

import pytest

from bench.measure import Measure
from documents.extraction.pool import ExtractionPool

# A child that holds about 120 MiB for a moment and burns about a third of a CPU second.
CHILD = """
import time
block = bytearray(120 * 1024 * 1024)
for i in range(0, len(block), 4096):
    block[i] = 1
end = time.process_time() + 0.35
while time.process_time() < end:
    pass
time.sleep(0.5)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_cpu_and_peak_memory_include_child_processes():
    with Measure(interval=0.05) as alone:
        pass
    with Measure(interval=0.05) as measured:
        subprocess.run([sys.executable, "-c", CHILD], check=True)
    assert measured.cpu >= 0.3  # the child's CPU seconds, though this process slept
    assert measured.peak_rss_mib >= alone.peak_rss_mib + 100  # the child's memory too


def test_pool_without_workers_keeps_order_and_reports_failures_per_job():
    def fake_extract(text: str):
        if text == "bad":
            raise ValueError("cannot read this")
        return text.upper()

    jobs = ["a", None, "bad", "b"]
    with ExtractionPool(1) as pool:
        results = list(pool.in_order(jobs, lambda job: job, extract=fake_extract))

    assert [job for job, _ in results] == jobs
    assert results[0][1] == "A" and results[3][1] == "B"
    assert results[1][1] is None  # nothing to extract
    assert isinstance(results[2][1], ValueError)


def test_pool_needs_at_least_one_worker():
    with pytest.raises(ValueError):
        ExtractionPool(0)
