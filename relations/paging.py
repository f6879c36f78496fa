"""Pages of long lists: counted once (or kept), and bounded.

At most MAX_PAGES pages are offered: a deeper page would make the database read and skip
every row before it, and filters (or a year) reach old rows faster.
"""

from collections.abc import Sequence
from functools import cached_property

from django.core.paginator import Paginator

MAX_PAGES = 400


class BoundedPaginator(Paginator):
    """A paginator that counts through `count_rows` and stops after MAX_PAGES pages."""

    def __init__(self, *args, count_rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_rows = count_rows

    @cached_property
    def count(self) -> int:
        return self.count_rows()

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, MAX_PAGES)

    @property
    def bounded(self) -> bool:
        """Whether rows lie beyond the last page offered."""
        return self.count > self.num_pages * self.per_page


class RowsById(Sequence):
    """Rows whose order is known beforehand as their ids: a slice (a page) reads its rows
    from `queryset` by primary key, in that order, in one query; or as `read(ids)` reads
    them (rows in the order of the ids)."""

    def __init__(self, ids: Sequence[int], queryset=None, *, read=None):
        self.ids, self.queryset, self.read = ids, queryset, read

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self[:])  # all in one query, not one per row

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        ids = self.ids[index]
        if self.read is not None:
            return self.read(list(ids)) if ids else []
        found = {row.pk: row for row in self.queryset.filter(pk__in=ids)} if ids else {}
        return [found[pk] for pk in ids if pk in found]
