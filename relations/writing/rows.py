"""Reading, locking and saving one fact's row while a document is written.

- `survivor` follows a merged record to the one it was merged into;
- `locked` reads a fact again with its row locked until the document's transaction ends;
- `writable` tells whether a field is still extraction's to write (not an editor's);
- `values` / `save_if_changed` save only the columns extraction changed;
- `link` adds many-to-many links, in one statement for a row made in this transaction.
"""

from django.db import connection


def survivor(fact):
    seen = set()
    while fact is not None and fact.merged_into_id and fact.pk not in seen:
        seen.add(fact.pk)
        fact = fact.merged_into
    return fact


def writable(fact, name: str) -> bool:
    return name not in fact.edited_fields


def values(obj) -> dict:
    """The row's stored values (`updated_at` aside), to tell whether a save changes it."""
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname != "updated_at"
    }


def save_if_changed(obj, before: dict) -> None:
    """Save the columns of `obj` that differ from `before`, and only those: an unchanged
    fact seen again costs no UPDATE and no history record, and a column extraction did not
    change (a name, `edited_fields`, the version) is never written back from this read."""
    after = values(obj)
    changed = [name for name, value in after.items() if before.get(name) != value]
    if changed:
        stamped = [f.attname for f in obj._meta.concrete_fields if f.attname == "updated_at"]
        obj.save(update_fields=[*changed, *stamped])


def serialised() -> bool:
    """Whether this transaction holds the database's only write lock since it began
    (SQLite with IMMEDIATE transactions): then no one else has written since it read."""
    options = connection.settings_dict.get("OPTIONS") or {}
    return (
        connection.vendor == "sqlite"
        and connection.in_atomic_block
        and str(options.get("transaction_mode", "")).upper() == "IMMEDIATE"
    )


def locked(fact):
    """The fact read again with its row locked (SELECT … FOR UPDATE) until the document's
    transaction ends, followed to its survivor; None if it is gone.

    What ingestion decides from a fact (its `edited_fields`, its review state, its values)
    must be what it writes over: an editor's save in between would otherwise be undone by
    ingestion's save a moment later. The admin locks the same row before it saves, so one
    waits for the other. Where the transaction already holds the only write lock (SQLite,
    IMMEDIATE), the fact as read in it is what it writes over: no second read."""
    if fact is None or serialised():
        return fact
    for _ in range(3):  # a merge committed between the read and the lock: follow it
        if fact is None:
            return None
        locked = type(fact).objects.select_for_update().filter(pk=fact.pk).first()
        if locked is None or not locked.merged_into_id:
            return locked
        fact = survivor(locked)
    return fact


def link(owner, field: str, targets, *, new: bool) -> None:
    """Add `targets` to `owner`'s many-to-many `field`. A row made in this transaction has
    no links yet: they are inserted in one statement, without asking which it has."""
    manager = getattr(owner, field)
    if not new:
        manager.add(*targets)
        return
    source, target = manager.source_field_name, manager.target_field_name
    manager.through.objects.bulk_create(
        [
            manager.through(**{f"{source}_id": owner.pk, f"{target}_id": t.pk})
            for t in dict.fromkeys(targets)
        ]
    )


def lock_in_order(model, facts) -> None:
    """Lock the rows of these facts, lowest primary key first, until the document's
    transaction ends.

    Two documents written at once (two queue workers on PostgreSQL) that name the same
    officials would otherwise each lock them in the order their text names them, each end
    up holding a row the other waits for, and one be killed as a deadlock. Taken in one
    order, the second waits for the first and then goes on. `locked` reads each row again
    later (already held: no wait). Nothing to do where the transaction holds the only
    write lock (`serialised`)."""
    pks = sorted({fact.pk for fact in facts if fact is not None})
    if not pks or serialised():
        return
    rows = model.objects.select_for_update().filter(pk__in=pks).order_by("pk")
    list(rows.values_list("pk", flat=True))
