"""Counts that change only when the data changes, kept between requests while it does not.

Facet counts and totals of a list (and of the start page) cost a scan of many rows; for a
given set of filters they are the same for every visitor until something is saved. They are
kept in Django's cache framework, in the `facet_counts` cache (relations.cache_settings:
local memory by default, or a database table, a directory or Redis that every worker
shares, chosen by FACET_CACHE_URL), under the *data version*: the number in the one
`DataVersion` row, which rises when a transaction that saved or deleted a row of the
knowledge base (or a document) commits. Every page that uses the cache reads that number
first (one indexed query, once a request), so an edit made by any process shows up on the
next request in every process, whichever cache they share.

    facet_cache.cached("meetings:facet:year", compute)

What raises the number:
- a `post_save`, `post_delete` or `m2m_changed` signal from a model of `relations` or
  `documents` (every edit in the admin, every ingestion, merge and split): the number rises
  when the transaction commits (`transaction.on_commit`, once per transaction); until then
  the process that made the change keeps its counts apart (`_unsettled`), so it never reads
  counts from before its own change, nor gives other processes counts of uncommitted rows;
- `changed()` called after writes that send no signals (bulk inserts: `generate_kb`,
  `import_kb`).

When the version has moved on because *another* process wrote, a page does not count again
while its visitor waits: it shows the counts kept for the previous version and asks for them
to be counted again in the background (`FACET_REFRESH`, on by default). One process does it
for all that share the cache (it claims the page's stale counts with one `add` of a `busy:`
entry), in a thread of its own, and keeps the results under the version it reads as it
starts; the pages after that show them. So the counts lag a write by one recount (about a
second at 200,000 meetings) and no visitor waits for it, not even for the claim: it is made
once the answer is sent. A process never shows counts from before its *own* writes: after
it commits one, it counts again in the request (as it does with `FACET_REFRESH=inline`,
and where nothing is kept yet).

Within a request each kept value is read from the cache once, and a page that needs several
reads them together (`cached_many`, `read_together`: one query where the cache is a table).
A large value that many pages read (every official's number of meetings) is also held in
each process's memory for the current version (`cached(..., held=True)`).
"""

import functools
import hashlib
import itertools
import logging
import os
import queue
import threading

from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F

from relations.cache_settings import FACET_CACHE

WATCHED_APPS = frozenset({"relations", "documents"})
_MISSING = object()
logger = logging.getLogger(__name__)
# A recount that has not finished after this long is taken to have died with its process.
BUSY_SECONDS = 120

# The lowest version this process may show kept counts of: raised to the first version read
# after each of its own commits (`_own_commit`), so it never shows counts from before them.
_fresh_from: dict = {"version": 0, "after_own_commit": False}

# Changes this process made that its database may not have committed yet: until their
# commit raises the data version, this process keeps its counts under a key of its own (a
# mark no other process uses), for that version only ("version" is filled in by the first
# read after the change; a rolled-back change is left behind when the version moves on).
_unsettled: dict = {"version": None, "mark": None}
_marks = itertools.count(1)
_writer = threading.local()  # the latest mark set by this thread (its connection's changes)
# Within one request the data version is read once (the first time a count is asked for).
_request = threading.local()


def store():
    """The cache the counts are kept in (one client per thread, as Django gives them)."""
    return caches[FACET_CACHE]


@functools.cache
def _version_sql() -> str:
    from relations.models import DataVersion

    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    table = quote(DataVersion._meta.db_table)
    return f"SELECT {quote('number')} FROM {table} WHERE {quote('id')} = 1"


def _version() -> int | None:
    if getattr(_request, "active", False) and getattr(_request, "version", None) is not None:
        return _request.version
    # Every page reads it: one plain statement (the ORM's took 0.4 ms, the query 0.1).
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(_version_sql())
        row = cursor.fetchone()
    version = row[0] if row else None
    _request.version = version
    if _fresh_from["after_own_commit"] and version is not None:
        _fresh_from["version"], _fresh_from["after_own_commit"] = version, False
    return version


def _request_started(**kwargs) -> None:
    _request.active, _request.version, _request.stale, _request.read = True, None, {}, {}


def _request_finished(**kwargs) -> None:
    """After the answer is sent: the recount of what the request found stale is asked for."""
    stale = getattr(_request, "stale", None)
    _request.active, _request.version, _request.stale, _request.read = False, None, {}, {}
    if stale:
        # Django may have closed the request's connections already: one the claim opens
        # again is closed after it, as the request's was.
        closed = [alias for alias in connections if connections[alias].connection is None]
        _claim(stale)
        for alias in closed:
            connections[alias].close()


request_started.connect(_request_started, dispatch_uid="relations.facet_cache.started")
request_finished.connect(_request_finished, dispatch_uid="relations.facet_cache.finished")


def _key_version(version: int) -> str:
    mark, since = _unsettled["mark"], _unsettled["version"]
    if mark is None:
        return str(version)
    if since is None:
        _unsettled["version"] = since = version
    return f"{version}-{mark}" if since == version else str(version)


def _key(key: str) -> str:
    # Filters come from query strings: hashed, a key is safe for every backend.
    return "facets:" + hashlib.blake2b(key.encode(), digest_size=20).hexdigest()


# Values this process also holds itself for the current data version (`cached(held=True)`),
# by cache key: (version, value).
_held: dict = {}


def cached(key: str, compute, *, lag: bool = True, held: bool = False):
    """`compute()` as of the current data version, counted once per version for every
    process that shares the cache; or, just after another process wrote, the value of the
    previous version while it is counted again in the background (see the module). With
    `lag=False` a value is never shown after a write: facts a page shows (a meeting, an
    official's names) are read again in the request, counts may lag one recount. With
    `held=True` the process also keeps the value of the current version in its own memory,
    for a large value many pages read (it is not read back from a shared cache each time):
    the value must not be changed by those who read it."""
    if not held:
        return cached_many({key: compute}, lag=lag)[key]
    version, name = _version(), _key(key)
    mine = _held.get(name)
    settled = version is not None and _key_version(version) == str(version)
    if settled and mine is not None and mine[0] == version:
        return mine[1]
    value = cached_many({key: compute}, lag=lag)[key]
    found = getattr(_request, "read", {}).get(name, _MISSING)
    if settled and found is not _MISSING and found[0] == version:
        _held[name] = found  # current, not one standing in for it while counted again
    return value


def read_together(*keys: str) -> None:
    """Read the values kept under these keys in one go (one query where the cache is a
    database table), for the `cached` calls of the rest of the request to find: for a page
    that asks for several, some with `lag` and some without. Nothing outside a request."""
    if not getattr(_request, "active", False):
        return
    version = _version()
    if version is None or _key_version(version) != str(version):
        return
    _read_kept([_key(key) for key in keys])


def _read_kept(names: list[str]) -> dict:
    """What the cache keeps under these names (the missing ones left out); within a request
    each is read from the cache once, and a miss is remembered as one."""
    read = getattr(_request, "read", None) if getattr(_request, "active", False) else None
    if read is None:
        return store().get_many(names)
    unread = [name for name in names if name not in read]
    found = store().get_many(unread)
    read.update((name, found.get(name, _MISSING)) for name in unread)
    return {name: read[name] for name in names if read[name] is not _MISSING}


def cached_many(computes: dict, *, lag: bool = True) -> dict:
    """`cached(key, compute, lag=lag)` for each item of `computes`, the kept values read in
    one go (one query where the cache is a database table)."""
    version = _version()
    if version is None:  # no version row (a database being set up): never cache
        return {key: compute() for key, compute in computes.items()}
    cache, under = store(), _key_version(version)
    names = {key: _key(key) for key in computes}
    if under != str(version):  # this process's own change is not committed yet
        kept = cache.get_many(names.values(), version=under)
        for key, compute in computes.items():
            if names[key] not in kept:
                kept[names[key]] = compute()
                cache.set(names[key], kept[names[key]], version=under)
        return {key: kept[names[key]] for key in computes}
    # Within a request a value is read from the cache once (the officials' activity is read
    # by the search's ranking and by the list's rows).
    kept = _read_kept(list(names.values()))
    read = getattr(_request, "read", None) if getattr(_request, "active", False) else None
    values, stale = {}, {}
    for key, compute in computes.items():
        found = kept.get(names[key], _MISSING)
        if found is not _MISSING and found[0] >= version:
            values[key] = found[1]
        elif found is not _MISSING and lag and _may_stand_in(found[0]):
            values[key], stale[names[key]] = found[1], compute
        else:
            values[key] = compute()
            cache.set(names[key], (version, values[key]))
            if read is not None:
                read[names[key]] = (version, values[key])
    if stale:
        _refresh_later(stale)
    return values


def _may_stand_in(kept_version: int) -> bool:
    """Whether counts kept for an older version may be shown while they are counted again:
    not if they are older than this process's own latest write."""
    return kept_version >= _fresh_from["version"] and settings.FACET_REFRESH == "background"


def kept_now(key: str):
    """The value kept under `key` by `keep_now` for the current data version, or None: never
    one of an older version (whole pages: relations.kept_pages)."""
    version = _settled_version()
    if version is None:
        return None
    found = store().get(_key(key))
    return found[1] if found is not None and found[0] == version else None


def keep_now(key: str, value) -> bool:
    """Keep `value` under `key` for the current data version, if it was made from values of
    that version only: not when the request was given counts of an older one (being counted
    again), nor while this process's own change is uncommitted. Whether it was kept."""
    version = _settled_version()
    if version is None or getattr(_request, "stale", None):
        return False
    store().set(_key(key), (version, value))
    return True


def _settled_version() -> int | None:
    """The data version, if values may be kept under it for every process: None while this
    process's own change is uncommitted (or there is no version row yet)."""
    version = _version()
    if version is None or _key_version(version) != str(version):
        return None
    return version


# ---------------------------------------------------------------- counting in the background

_jobs: queue.SimpleQueue = queue.SimpleQueue()
_thread: dict = {"pid": None, "thread": None}
_thread_lock = threading.Lock()


def _refresh_later(stale: dict) -> None:
    """Count again the entries `stale` names (name -> compute), once for every process
    sharing the cache, off the request: asked for once the answer is sent, for all that
    the request found stale together."""
    if getattr(_request, "active", False):
        _request.stale.update(stale)
    else:
        _claim(stale)


def _claim(stale: dict) -> None:
    """Queue the recount of `stale` unless another thread or process has claimed the same
    entries (one `add` to the cache for all of them)."""
    claim = "busy:" + hashlib.blake2b("|".join(sorted(stale)).encode(), digest_size=20).hexdigest()
    if not store().add(claim, True, timeout=BUSY_SECONDS):
        return
    _jobs.put((claim, stale))
    _start_worker()


def _start_worker() -> None:
    with _thread_lock:  # one thread per process (a forked worker starts its own)
        alive = _thread["thread"] is not None and _thread["thread"].is_alive()
        if alive and _thread["pid"] == os.getpid():
            return
        thread = threading.Thread(target=_work, name="facet-cache-refresh", daemon=True)
        _thread.update(pid=os.getpid(), thread=thread)
        thread.start()


def _work() -> None:
    while True:
        run_pending(block=True, limit=1)
        connections.close_all()  # this thread's own connections: none is kept idle


def run_pending(*, block: bool = False, limit: int | None = None) -> int:
    """Run the recounts asked for, in the calling thread (the background thread's loop; tests
    call it to run them where they can see the test's rows). Returns how many ran."""
    done = 0
    while limit is None or done < limit:
        try:
            claim, stale = _jobs.get(block=block)
        except queue.Empty:
            break
        try:
            version = _current_version()
            for name, compute in stale.items():
                store().set(name, (version, compute()))
        except Exception:
            logger.exception("Counting %s again failed; the kept counts stay", claim)
        finally:
            store().delete(claim)
        done += 1
    return done


def _current_version() -> int:
    """The data version as the database has it now (not the one a request read first)."""
    from relations.models import DataVersion

    return DataVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def clear() -> None:
    """Forget every kept count (in every process that shares the cache): for tests and
    benchmarks that start cold (this process's held values too: other processes hold theirs
    until the version moves on). After a change, `changed()` is what to call."""
    store().clear()
    _held.clear()
    _unsettled["version"] = _unsettled["mark"] = None
    _request.version = None
    _fresh_from.update(version=0, after_own_commit=False)
    while True:  # recounts asked for before go with what they would have filled
        try:
            _jobs.get_nowait()
        except queue.Empty:
            break


def _raise_version(using: str) -> None:
    from relations.models import DataVersion

    updated = DataVersion.objects.using(using).filter(pk=1).update(number=F("number") + 1)
    if not updated:
        DataVersion.objects.using(using).get_or_create(pk=1)


def changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """The data changed: stop reading what is kept now, and raise the version when the
    transaction commits."""
    _writer.mark = next(_marks)
    _unsettled["version"], _unsettled["mark"] = None, _writer.mark
    # Once per transaction (or savepoint: a rolled-back one drops its callbacks, this mark
    # with them, and the version must still rise for what its outer transaction commits).
    connection = connections[using]
    here = set(connection.savepoint_ids)
    for savepoints, func, _ in connection.run_on_commit:
        if getattr(func, "raises_version", False) and savepoints == here:
            return

    def raise_version():
        _raise_version(using)
        _fresh_from["after_own_commit"] = True
        if _unsettled["mark"] == getattr(_writer, "mark", None):  # no other change waits
            _unsettled["version"] = _unsettled["mark"] = None

    raise_version.raises_version = True
    transaction.on_commit(raise_version, using=using)


def on_change(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Signal receiver: a watched model's row was saved or deleted, or its links changed."""
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in WATCHED_APPS or meta.model_name == "dataversion":
        return
    changed(using)
