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
"""

import hashlib
import itertools
import threading

from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F

from relations.cache_settings import FACET_CACHE

WATCHED_APPS = frozenset({"relations", "documents"})
_MISSING = object()

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


def _version() -> int | None:
    from relations.models import DataVersion

    if getattr(_request, "active", False) and getattr(_request, "version", None) is not None:
        return _request.version
    version = DataVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    _request.version = version
    return version


def _request_started(**kwargs) -> None:
    _request.active, _request.version = True, None


def _request_finished(**kwargs) -> None:
    _request.active, _request.version = False, None


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


def cached(key: str, compute):
    """`compute()` as of the current data version, counted once per version for every
    process that shares the cache."""
    version = _version()
    if version is None:  # no version row (a database being set up): never cache
        return compute()
    cache, name, under = store(), _key(key), _key_version(version)
    result = cache.get(name, _MISSING, version=under)
    if result is _MISSING:
        result = compute()
        cache.set(name, result, version=under)
    return result


def clear() -> None:
    """Forget every kept count (in every process that shares the cache): for tests and
    benchmarks that start cold. After a change, `changed()` is what to call."""
    store().clear()
    _unsettled["version"] = _unsettled["mark"] = None
    _request.version = None


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
