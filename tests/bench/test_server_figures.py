"""What `make bench` reads from the server it loads (wrk's reports, the access log's
requests per worker, the workers' memory from /proc) and the write it makes to find what a
write costs each worker."""

import datetime as dt
import http.server
import math
import os
import shutil
import subprocess
import sys
import threading

import pytest

from bench import wrk
from bench.after_write import SUFFIX, toggle_title
from bench.management.commands.bench_pages import verdict
from bench.workers import AccessLog, Served, children, first_after_write, memory_mib, parse_log
from relations.models import DataVersion, Meeting

WRK_REPORT = """Running 3s test @ http://127.0.0.1:8001/meetings/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   112.40ms   40.51ms 310.02ms   71.43%
    Req/Sec    35.10     10.22    50.00     60.00%
  Latency Distribution
     50%  104.50ms
     75%  130.01ms
     90%  170.33ms
     99%    1.21s
  213 requests in 3.01s, 5.12MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 1
Requests/sec:     70.77
Transfer/sec:      1.70MB
"""

# What wrk prints when no request finished within the run (a page slower than the run).
WRK_NOTHING_FINISHED = """Running 3s test @ http://127.0.0.1:8002/kb/meetings
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.00us    0.00us   0.00us    -nan%
    Req/Sec     0.00      0.00     0.00      -nan%
  Latency Distribution
     50%    0.00us
     75%    0.00us
     90%    0.00us
     99%    0.00us
  0 requests in 3.00s, 0.00B read
Requests/sec:      0.00
Transfer/sec:       0.00B
"""


def test_wrk_report_gives_latencies_in_ms_rate_and_every_kind_of_error():
    figures = wrk.parse(WRK_REPORT)
    assert figures == {"p50": 104.5, "p99": 1210.0, "rps": 70.77, "requests": 213, "errors": 3}


def test_a_run_where_nothing_finished_has_no_latency_rather_than_zero():
    figures = wrk.parse(WRK_NOTHING_FINISHED)
    assert math.isnan(figures["p50"]) and math.isnan(figures["p99"])
    assert figures["rps"] == 0 and figures["requests"] == 0


def test_access_log_lines_give_worker_time_status_and_path():
    lines = [
        "<4101> 52310 200 /meetings/?",
        "<4102> 1830021 200 /meetings/?kind=bilateral_meeting&country=AU",
        "[2026-12-07 10:00:00 +0000] [4100] [INFO] Booting worker",  # not a request
    ]
    assert parse_log(lines) == [
        Served(pid=4101, ms=52.31, status=200, path="/meetings/"),
        Served(
            pid=4102, ms=1830.021, status=200, path="/meetings/?kind=bilateral_meeting&country=AU"
        ),
    ]


def test_access_log_is_read_in_stretches_and_a_half_written_line_waits(tmp_path):
    path = tmp_path / "access.log"
    path.write_text("<1> 1000 200 /before/?\n")
    log = AccessLog(str(path))  # starts at the end: what was there is not new
    with path.open("a") as out:
        out.write("<2> 2000 200 /a/?\n<3> 30")
    assert [s.pid for s in log.since_last()] == [2]
    with path.open("a") as out:
        out.write("00 200 /b/?\n")
    assert log.since_last() == [Served(pid=3, ms=3.0, status=200, path="/b/")]
    assert log.since_last() == []


def served(pid: int, *times: float) -> list[Served]:
    return [Served(pid=pid, ms=ms, status=200, path="/meetings/") for ms in times]


def test_each_worker_first_request_after_the_write_against_its_own_warm_median():
    before = [*served(1, 40, 50, 60), *served(2, 30, 32)]
    after = [*served(2, 1400), *served(1, 55), *served(2, 33), *served(1, 1200)]
    rows = {r["pid"]: r for r in first_after_write(before, after)}

    assert rows[1]["first_ms"] == 55 and rows[1]["warm_median_ms"] == 50
    assert rows[1]["extra_ms"] == 5  # its slow request was not its first
    assert rows[1]["after_max_ms"] == 1200 and rows[1]["after_requests"] == 2
    assert rows[2]["first_ms"] == 1400 and rows[2]["extra_ms"] == 1400 - 31


def test_a_worker_idle_before_the_write_is_compared_with_all_workers_warm_median():
    rows = first_after_write(served(1, 10, 20, 30), served(2, 120))
    assert rows == [
        {
            "pid": 2,
            "warm_median_ms": 20,
            "warm_requests": 0,
            "first_ms": 120,
            "first_path": "/meetings/",
            "extra_ms": 100,
            "after_requests": 1,
            "after_max_ms": 120,
        }
    ]


# A child that touches 80 MiB, lets 60 MiB go, then waits to be measured.
CHILD = """
import sys, time
block = bytearray(80 * 1024 * 1024)
for i in range(0, len(block), 4096):
    block[i] = 1
del block
kept = bytearray(20 * 1024 * 1024)
for i in range(0, len(kept), 4096):
    kept[i] = 1
print("ready", flush=True)
time.sleep(30)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_worker_memory_is_what_a_child_holds_now_and_the_most_it_held():
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        assert child.pid in children(os.getpid())
        memory = memory_mib(child.pid)
    finally:
        child.kill()
        child.wait()
    assert memory["hwm"] >= 80  # the peak stays after the memory was given back
    assert memory["rss"] >= 20
    assert memory["hwm"] - memory["rss"] >= 40
    assert child.pid not in children(os.getpid())


def test_the_bench_write_raises_the_data_version_and_two_leave_the_meeting_as_it_was(
    db, django_capture_on_commit_callbacks
):
    meeting = Meeting.objects.create(kind="summit", title="Summit", start_date=dt.date(2021, 1, 1))
    before = Meeting.objects.values().get(pk=meeting.pk)
    history = meeting.history.count()
    version = DataVersion.objects.get().number

    with django_capture_on_commit_callbacks(execute=True):
        toggle_title(meeting.pk)
    assert Meeting.objects.get(pk=meeting.pk).title == "Summit" + SUFFIX
    assert DataVersion.objects.get().number > version  # every worker's counts are old

    with django_capture_on_commit_callbacks(execute=True):
        toggle_title(meeting.pk)
    assert Meeting.objects.values().get(pk=meeting.pk) == before  # updated_at too
    assert meeting.history.count() == history


def test_a_run_at_new_addresses_loads_the_page_through_the_unkept_script(monkeypatch):
    ran = []

    def fake_run(command, **kwargs):
        ran.append(command)
        return subprocess.CompletedProcess(command, 0, stdout=WRK_REPORT)

    monkeypatch.setattr(wrk.shutil, "which", lambda name: "/usr/bin/wrk")
    monkeypatch.setattr(wrk.subprocess, "run", fake_run)
    wrk.run("http://127.0.0.1:8001/meetings/", 8, 3)
    wrk.run("http://127.0.0.1:8001/meetings/", 8, 3, unkept=True)
    assert "-s" not in ran[0]
    script = ran[1][ran[1].index("-s") + 1]
    assert script == str(wrk.UNKEPT_SCRIPT) and wrk.UNKEPT_SCRIPT.exists()
    assert "unkept=" in wrk.UNKEPT_SCRIPT.read_text()


@pytest.mark.parametrize(
    ("name", "path", "c", "p50", "p99", "said"),
    [
        ("meeting page", "/meeting/1/", 1, 9.0, 40.0, "p50 <= 10: met"),
        ("official page", "/officials/1/", 1, 12.0, 40.0, "p50 <= 10: MISSED"),
        ("meetings", "/meetings/", 8, 90.0, 290.0, "p99 <= 300: met"),
        ("search name", "/search/?q=x", 8, 90.0, 310.0, "p99 <= 300: MISSED"),
        ("meeting page", "/meeting/1/", 8, 90.0, 900.0, ""),  # not a list
    ],
)
def test_each_run_is_read_against_its_goal(name, path, c, p50, p99, said):
    assert verdict(name, path, c, {"p50": p50, "p99": p99, "rps": 10.0}) == said
    assert verdict(name, path, c, {"p50": p50, "p99": p99, "rps": 0.0}) == "no answer in time"


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed (.ci/run installs it)")
def test_no_address_is_asked_twice_across_the_threads_and_runs_of_wrk():
    """The runs at new addresses render every page: wrk's threads each start their own
    random numbers from the same seed, and addresses made from them alone repeated, so
    that two of three requests were read back whole."""
    asked = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/meetings/?kind=summit"
        for connections in (1, 4, 4):
            wrk.run(url, connections, 1, unkept=True)
    finally:
        server.shutdown()
    assert len(asked) > 100
    assert len(set(asked)) == len(asked)
    assert all(path.startswith("/meetings/?kind=summit&unkept=") for path in asked)
