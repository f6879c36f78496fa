"""What one write costs the readers of a running server, worker by worker.

A write raises the data version (relations.facet_cache); every worker then finds its kept
counts out of date on its next request. The measure: warm requests to a page, one small
write through the ORM in this process (another process than the server's, as an editor's
would be), then requests on new connections until every worker has served one, each
attributed to its worker through the access log. The write is undone afterwards.
"""

import time
import urllib.request

from django.db import transaction

from bench.workers import AccessLog, first_after_write
from relations.models import Meeting

SUFFIX = " [bench write]"
# The access log is written after the answer is sent: wait this long before reading it.
LOG_DELAY_S = 0.3


def get(url: str) -> int:
    """One request on a new connection (so any worker may take it); its status."""
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        return response.status


def toggle_title(meeting_id: int) -> None:
    """Add SUFFIX to a meeting's title, or take it off: a write that raises the data
    version. Only the title is saved (updated_at and the edit version stay) and no history
    row is kept, so two toggles leave the row as it was."""
    meeting = Meeting.objects.get(pk=meeting_id)
    if meeting.title.endswith(SUFFIX):
        meeting.title = meeting.title.removesuffix(SUFFIX)
    else:
        meeting.title += SUFFIX
    meeting.skip_history_when_saving = True
    with transaction.atomic():
        meeting.save(update_fields=["title"])


def measure(url: str, *, meeting_id: int, log: AccessLog, workers: list[int], requests: int):
    """Per worker: its first request to `url` after a write, against its warm median.

    `requests` requests settle the page (they may follow an earlier write), `requests` more
    give the warm figures; after the write, requests go on until every one of `workers` has
    served one (at least `requests`, at most 5 × `requests`)."""
    for _ in range(requests):
        get(url)
    time.sleep(LOG_DELAY_S)
    log.since_last()
    for _ in range(requests):
        get(url)
    time.sleep(LOG_DELAY_S)
    before = log.since_last()
    toggle_title(meeting_id)
    after, seen, sent = [], set(), 0
    try:
        while sent < requests or (not seen >= set(workers) and sent < 5 * requests):
            get(url)
            sent += 1
            after += log.since_last()
            seen = {s.pid for s in after}
    finally:
        toggle_title(meeting_id)
    time.sleep(LOG_DELAY_S)
    after += log.since_last()
    return first_after_write(before, after)
