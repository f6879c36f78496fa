"""Fixtures of the knowledge-model tests."""

import datetime as dt

import pytest
from django.db import transaction

from relations import facet_cache
from relations.models import Meeting


@pytest.fixture
def settled(db, django_capture_on_commit_callbacks):
    """Three summits, committed (as another process's ingestion would leave them)."""
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for i in range(3):
            Meeting.objects.create(
                kind="summit", title=f"Summit {i}", start_date=dt.date(2021, 1, 1 + i)
            )
    facet_cache.clear()  # this process did not write them: it only reads
