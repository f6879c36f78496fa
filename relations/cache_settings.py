"""The cache that keeps facet counts (relations.facet_cache), chosen by a URL in the
environment (`FACET_CACHE_URL`, read by relations.settings):

    unset or locmem://        each process keeps its own (the default; fine for one worker)
    db://TABLE                a table of the database, shared by every worker
                              (create it once: `manage.py createcachetable`; written in one
                              statement per value: relations.table_cache)
    file:///ABSOLUTE/PATH     files in a directory every worker on the machine can write
    redis://HOST:PORT/DB      Redis (rediss:// with TLS), shared by every worker and machine;
                              needs the `redis` package installed

Entries are keyed by the data version, so any shared cache serves every worker the counts
of the data as it is; old versions' entries are culled or expire after a day.
"""

from urllib.parse import urlsplit

FACET_CACHE = "facet_counts"
# Values kept (counts, whole pages, the meeting and official pages' parts: one entry per meeting
# viewed, three per official) in each process's memory; the least recently used go first.
MAX_ENTRIES = 2000
# A table holds more: a crawler going through every meeting must not push out the lists'
# counts (50,000 kept pages, compressed to 5-10 KB each, are about 400 MB). Over the limit, a
# third of the entries go (Django's cull, after a COUNT once every 100 writes of a process:
# relations.table_cache; files keep MAX_ENTRIES: their cull lists the directory at each write).
SHARED_MAX_ENTRIES = 50_000
# Entries of old data versions are never read again: a shared store lets them expire.
TIMEOUT = 24 * 60 * 60


def cache_from_url(url: str | None) -> dict:
    """The CACHES entry a FACET_CACHE_URL stands for."""
    parts = urlsplit(url or "locmem://")
    options = {"MAX_ENTRIES": MAX_ENTRIES}
    base = {"TIMEOUT": TIMEOUT}
    if parts.scheme == "locmem":
        backend, location = "django.core.cache.backends.locmem.LocMemCache", "facet-counts"
    elif parts.scheme == "db" and parts.netloc:
        backend, location = "relations.table_cache.TableCache", parts.netloc
        options = {"MAX_ENTRIES": SHARED_MAX_ENTRIES}
    elif parts.scheme == "file" and parts.path.startswith("/"):
        backend, location = "django.core.cache.backends.filebased.FileBasedCache", parts.path
    elif parts.scheme in {"redis", "rediss"}:
        backend, location, options = "django.core.cache.backends.redis.RedisCache", url, {}
    else:
        raise ValueError(
            f"FACET_CACHE_URL={url!r}: use locmem://, db://TABLE, file:///PATH or redis://…"
        )
    return {**base, "BACKEND": backend, "LOCATION": location, "OPTIONS": options}
