"""The shared cache table (`FACET_CACHE_URL=db://TABLE`): Django's database cache, with a
`set` in one statement.

Django's DatabaseCache spends three queries on each `set`: a COUNT of the whole table (to
cull it when full), a SELECT of the key, then an INSERT or UPDATE. A page kept at a new
address (relations.kept_pages) or counts kept after a write pay that on every request. Here a
`set` is one upsert (`INSERT … ON CONFLICT (cache_key) DO UPDATE`, which PostgreSQL and
SQLite both have), and the table is counted, and culled as Django culls it, once every
CULL_EVERY sets of a process instead of at each: the table can pass its MAX_ENTRIES by that
many entries per process before it is culled. `add` and `touch` stay Django's (a recount's
claim must see an entry another process wrote).
"""

import base64
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils.timezone import now as tz_now

# Sets between two counts of the table (per process and cache client).
CULL_EVERY = 100
UPSERT_VENDORS = frozenset({"postgresql", "sqlite"})


class TableCache(DatabaseCache):
    def __init__(self, table, params):
        super().__init__(table, params)
        self._sets_since_count = CULL_EVERY  # the first set counts the table

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if connection.vendor not in UPSERT_VENDORS:
            return super().set(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        value = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        quote = connection.ops.quote_name
        table = quote(self._table)
        with connection.cursor() as cursor:
            self._sets_since_count += 1
            if self._sets_since_count >= CULL_EVERY:
                self._sets_since_count = 0
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                count = cursor.fetchone()[0]
                if count > self._max_entries:
                    self._cull(db, cursor, tz_now().replace(microsecond=0), count)
            key_column, value_column, expires_column = (
                quote(name) for name in ("cache_key", "value", "expires")
            )
            cursor.execute(
                f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) "
                f"VALUES (%s, %s, %s) ON CONFLICT ({key_column}) DO UPDATE SET "
                f"{value_column} = EXCLUDED.{value_column}, "
                f"{expires_column} = EXCLUDED.{expires_column}",
                [
                    key,
                    value,
                    connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0)),
                ],
            )
