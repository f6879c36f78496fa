"""The server's worker processes as a benchmark sees them: who served which request, how
long it took, and how much memory each worker holds.

gunicorn writes one access-log line per request in ACCESS_LOG_FORMAT (scripts/bench passes
it): the worker's pid, the time the request took in microseconds, the status and the path.
A write's cost to readers is paid once per worker (each checks the data version and may
count again), so the figures that matter are per worker: its first request after the
write against its own warm median before it.

Memory comes from /proc/<pid>/status (Linux): VmRSS, what the worker holds now, and VmHWM,
the most it ever held (a worker keeps what a heavy page made it allocate).
"""

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from bench.measure import children_by_parent

ACCESS_LOG_FORMAT = "%(p)s %(D)s %(s)s %(U)s?%(q)s"
LINE = re.compile(r"^<(?P<pid>\d+)> (?P<us>\d+) (?P<status>\d{3}) (?P<path>\S*)$")
PROC = Path("/proc")


@dataclass(frozen=True)
class Served:
    """One request as the access log tells it."""

    pid: int
    ms: float
    status: int
    path: str


def parse_log(lines) -> list[Served]:
    """The requests in access-log lines written in ACCESS_LOG_FORMAT (others are skipped)."""
    served = []
    for line in lines:
        match = LINE.match(line.strip())
        if match:
            served.append(
                Served(
                    pid=int(match["pid"]),
                    ms=int(match["us"]) / 1000,
                    status=int(match["status"]),
                    path=match["path"].removesuffix("?"),
                )
            )
    return served


class AccessLog:
    """Reads a growing access log in stretches: `since_last()` gives the requests logged
    since the previous call."""

    def __init__(self, path: str):
        self.path = Path(path)
        self.offset = self.path.stat().st_size if self.path.exists() else 0

    def since_last(self) -> list[Served]:
        with self.path.open(encoding="utf-8", errors="replace") as log:
            log.seek(self.offset)
            text = log.read()
        complete = text[: text.rfind("\n") + 1]  # a line still being written waits
        self.offset += len(complete.encode("utf-8"))
        return parse_log(complete.splitlines())


def first_after_write(before: list[Served], after: list[Served]) -> list[dict]:
    """Per worker that served a request after the write: the time of its first one, against
    the median of what it served before the write (of what all served, when it served
    nothing then)."""
    rows = []
    for pid in sorted({s.pid for s in after}):
        mine = [s for s in after if s.pid == pid]
        warm = [s.ms for s in before if s.pid == pid]
        everyone = [s.ms for s in before]
        warm_median = statistics.median(warm or everyone) if everyone else None
        rows.append(
            {
                "pid": pid,
                "warm_median_ms": warm_median,
                "warm_requests": len(warm),
                "first_ms": mine[0].ms,
                "first_path": mine[0].path,
                "extra_ms": None if warm_median is None else mine[0].ms - warm_median,
                "after_requests": len(mine),
                "after_max_ms": max(s.ms for s in mine),
            }
        )
    return rows


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (a gunicorn master's are its workers)."""
    return sorted(children_by_parent().get(pid, []))


def memory_mib(pid: int) -> dict:
    """Resident memory of a process now (rss) and at its peak so far (hwm), in MiB."""
    fields = {}
    for line in (PROC / str(pid) / "status").read_text(encoding="ascii").splitlines():
        name, _, value = line.partition(":")
        if name in {"VmRSS", "VmHWM"}:
            fields[name] = int(value.split()[0]) / 1024  # kB
    return {"pid": pid, "rss": fields["VmRSS"], "hwm": fields["VmHWM"]}


def workers_memory(master: int) -> list[dict]:
    """VmRSS and VmHWM of every worker of a server (the children of its master process)."""
    rows = []
    for pid in children(master):
        try:
            rows.append(memory_mib(pid))
        except (OSError, KeyError):  # ended meanwhile
            continue
    return rows
