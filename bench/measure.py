"""Measuring a stretch of work: wall time, CPU time of every process, peak memory.

`Measure()` as a context manager records, for the code inside it:
- wall seconds;
- CPU seconds (user + system) of this process and of the child processes that ended
  inside it (worker pools shut down before the block ends are counted);
- peak resident memory, summed over this process and all its descendants, sampled every
  `interval` seconds from /proc (Linux). Pages shared between processes (libraries) are
  counted once per process, so the figure errs on the high side. Where /proc is missing,
  the peak of this process alone (getrusage) stands in.

CPU time is what a benchmark can trust when other programs share the cores: wall time
grows with the load, CPU time barely does.
"""

import os
import resource
import sys
import threading
import time
from pathlib import Path

_PROC = Path("/proc")


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def children_by_parent() -> dict[int, list[int]]:
    """Every live process's children, by parent pid (from /proc/<pid>/stat)."""
    parents: dict[int, list[int]] = {}
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    return parents


def _descendants(root: int) -> list[int]:
    parents = children_by_parent()
    found, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def tree_rss_mib() -> float:
    """Resident memory of this process and all its descendants now, in MiB."""
    pid = os.getpid()
    return sum(_rss_kib(p) for p in [pid, *_descendants(pid)]) / 1024


def own_peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (getrusage)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024**2 if sys.platform == "darwin" else peak / 1024  # bytes / KiB


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Measure:
    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self.wall = self.cpu = 0.0
        self.peak_rss_mib = 0.0
        self._stop = threading.Event()
        self._sampler: threading.Thread | None = None
        self._proc = _PROC.joinpath("self", "status").exists()

    def _sample(self) -> None:
        while True:
            self.peak_rss_mib = max(self.peak_rss_mib, tree_rss_mib())
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> "Measure":
        if self._proc:
            self.peak_rss_mib = tree_rss_mib()
            self._sampler = threading.Thread(target=self._sample, daemon=True)
            self._sampler.start()
        self._wall0, self._cpu0 = time.perf_counter(), _cpu_seconds()
        return self

    def __exit__(self, *exc_info) -> None:
        self.wall = time.perf_counter() - self._wall0
        self.cpu = _cpu_seconds() - self._cpu0
        if self._sampler is not None:
            self._stop.set()
            self._sampler.join()
            self.peak_rss_mib = max(self.peak_rss_mib, tree_rss_mib())
        else:
            self.peak_rss_mib = own_peak_rss_mib()
