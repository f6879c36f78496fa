"""Counts that change only when the data changes, kept between requests while it does not.

Facet counts and totals of a list (and of the start page) cost a scan of many rows; for a
given set of filters they are the same for every visitor until something is saved. Each
process keeps the most recently used ones (MAX_ENTRIES) in memory under the *data
version*: the number in the one `DataVersion` row, which rises when a transaction that
saved or deleted a row of the knowledge base (or a document) commits. Every page that uses
the cache reads that number first (one indexed query, once a request), so an edit made by
any process shows up on the next request in every process.

    facet_cache.cached("meetings:facet:year", compute)

What raises the number:
- a `post_save`, `post_delete` or `m2m_changed` signal from a model of `relations` or
  `documents` (every edit in the admin, every ingestion, merge and split): the process that
  made the change forgets its own copies at once, and the number rises when the transaction
  commits (`transaction.on_commit`, once per transaction);
- `changed()` called after writes that send no signals (bulk inserts: `generate_kb`,
  `import_kb`).
"""

import threading
from collections import OrderedDict

from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F

WATCHED_APPS = frozenset({"relations", "documents"})
# Counts kept per process, the least recently used forgotten first (each is a short list).
MAX_ENTRIES = 2000

_memory: dict = {"version": None, "values": OrderedDict()}
# Within one request the data version is read once (the first time a count is asked for).
_request = threading.local()


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


def cached(key: str, compute):
    """`compute()` as of the current data version: counted once per version and process."""
    version = _version()
    if version is None:  # no version row (a database being set up): never cache
        return compute()
    if version != _memory["version"]:
        _memory["version"], _memory["values"] = version, OrderedDict()
    values = _memory["values"]
    try:
        values.move_to_end(key)
        return values[key]
    except KeyError:  # not kept (or forgotten meanwhile by another thread)
        pass
    values[key] = result = compute()
    while len(values) > MAX_ENTRIES:
        try:
            values.popitem(last=False)
        except KeyError:
            break
    return result


def clear() -> None:
    """Forget what this process holds (other processes follow the data version)."""
    _memory["version"], _memory["values"] = None, OrderedDict()
    _request.version = None


def _raise_version(using: str) -> None:
    from relations.models import DataVersion

    updated = DataVersion.objects.using(using).filter(pk=1).update(number=F("number") + 1)
    if not updated:
        DataVersion.objects.using(using).get_or_create(pk=1)


def changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """The data changed: forget now, and raise the version when the transaction commits."""
    clear()
    # Once per transaction (or savepoint: a rolled-back one drops its callbacks, this mark
    # with them, and the version must still rise for what its outer transaction commits).
    connection = connections[using]
    here = set(connection.savepoint_ids)
    for savepoints, func, _ in connection.run_on_commit:
        if getattr(func, "raises_version", False) and savepoints == here:
            return

    def raise_version():
        _raise_version(using)

    raise_version.raises_version = True
    transaction.on_commit(raise_version, using=using)


def on_change(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Signal receiver: a watched model's row was saved or deleted, or its links changed."""
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in WATCHED_APPS or meta.model_name == "dataversion":
        return
    changed(using)
