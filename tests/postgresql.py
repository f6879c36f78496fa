"""Tests that need PostgreSQL: two connections really racing, which SQLite cannot do."""

import pytest
from django.conf import settings

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def racing_on_postgresql(why_not_sqlite: str) -> list:
    """The marks of a module of such tests: the `postgresql` marker; skipped on SQLite,
    saying why; and a transactional database, since each thread commits and sees the
    other's work."""
    return [
        pytest.mark.postgresql,
        pytest.mark.skipif(
            not ON_POSTGRESQL,
            reason="needs PostgreSQL (DATABASE_URL=postgres://…; CI's PostgreSQL pass runs "
            f"it): {why_not_sqlite}",
        ),
        pytest.mark.django_db(transaction=True),
    ]


def only_on_postgresql(what: str) -> list:
    """The marks of a module of tests of what only PostgreSQL does (pg_trgm, full-text
    search): the `postgresql` marker, and skipped on SQLite saying why."""
    return [
        pytest.mark.postgresql,
        pytest.mark.skipif(
            not ON_POSTGRESQL,
            reason=f"needs PostgreSQL (CI's PostgreSQL pass runs it): {what}",
        ),
        pytest.mark.django_db,
    ]
