"""Loading one URL with wrk and reading its report: p50, p99, requests/s, errors.

wrk gives up on a request after 2 s by default and counts it as a timeout, not as a
latency; slow pages (and Datasette's faceted lists at concurrency 8) take longer, so the
runs wait up to 30 s for an answer and the latencies stay honest.
"""

import re
import shutil
import subprocess
import uuid
from pathlib import Path

from django.core.management.base import CommandError

LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
REQUESTS = re.compile(r"^\s*(\d+) requests in ", re.M)
RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
TIMEOUT = "30s"
# Each request at an address of its own: pages rendered, never read back whole.
UNKEPT_SCRIPT = Path(__file__).with_name("unkept.lua")


def parse(report: str) -> dict:
    """The figures of one `wrk --latency` report (times in ms; nan when none finished:
    wrk then prints zeros)."""
    requests = REQUESTS.search(report)
    finished = int(requests.group(1)) if requests else 0
    latency = {p: float(v) * UNITS[u] for p, v, u in LATENCY.findall(report)} if finished else {}
    rate = RATE.search(report)
    non_2xx = NON_2XX.search(report)
    socket = SOCKET_ERRORS.search(report)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(x) for x in socket.groups()) if socket else 0
    return {
        "p50": latency.get("50", float("nan")),
        "p99": latency.get("99", float("nan")),
        "rps": float(rate.group(1)) if rate else 0.0,
        "requests": finished,
        "errors": errors,
    }


def run(url: str, connections: int, duration: int, *, unkept: bool = False) -> dict:
    """Load `url` with `connections` open connections for `duration` seconds (`unkept`:
    each request at an address of its own, UNKEPT_SCRIPT)."""
    if not shutil.which("wrk"):
        raise CommandError("wrk is not installed (apt-get install wrk)")
    threads = min(connections, 2)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["--timeout", TIMEOUT]
    if unkept:
        # The run's own token: no address of this run was asked for by another.
        command += ["-s", str(UNKEPT_SCRIPT), url, "--", uuid.uuid4().hex[:12]]
    else:
        command += [url]
    report = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse(report)
