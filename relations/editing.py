"""Editors' decisions: review, merge, split. Each is one transaction and is recorded.

What these write is what re-ingestion respects (relations.services): a merged record points
at its survivor (`merged_into`) and ingestion follows it; evidence, aliases, posts and
participations move to the survivor so every later look-up lands there; a split alias
becomes its own official, so the name is never matched back to the wrong person.
"""

from django.db import transaction

from documents.extraction.names import name_key
from documents.models import Evidence
from relations.models import (
    Agreement,
    Alias,
    Meeting,
    MergeKind,
    MergeRecord,
    Official,
    Participation,
    ReviewState,
)


class EditingError(ValueError):
    """A decision that cannot be carried out; the message says why, for the editor."""


def record_edit(fact, *fields: str) -> None:
    """An editor changed something the fact's own form does not hold (an alias, a
    participation): remember it as theirs and raise the version, so open forms go stale."""
    fact.mark_edited(*fields)
    fact.version += 1
    fact.save(update_fields=["edited_fields", "version", "updated_at"])


def set_review_state(*, facts, state: str) -> int:
    """Verify or reject facts (any mix of officials, meetings, agreements)."""
    if state not in ReviewState.values:
        raise EditingError(f"Unknown review state {state!r}")
    count = 0
    with transaction.atomic():
        for fact in facts:
            if fact.review_state != state:
                fact.review_state = state
                fact.version += 1
                fact.save(update_fields=["review_state", "version", "updated_at"])
                count += 1
    return count


def _check_pair(survivor, other, kind: str) -> None:
    if survivor.pk == other.pk:
        raise EditingError(f"Choose two different {kind} to merge.")
    if other.merged_into_id or survivor.merged_into_id:
        raise EditingError(f"One of these {kind} was already merged into another record.")


def _point_at(fact, survivor) -> None:
    fact.merged_into = survivor
    fact.version += 1
    fact.save(update_fields=["merged_into", "version", "updated_at"])


def _finish_merge(survivor, other, kind: str, label: str, editor) -> MergeRecord:
    # What was merged into `other` before now points at the survivor too: a merged record
    # is always one hop from the record that stands for it.
    for earlier in other._meta.model.objects.filter(merged_into=other).order_by("pk"):
        _point_at(earlier, survivor)
    _point_at(other, survivor)
    survivor.version += 1
    survivor.save(update_fields=["version", "updated_at"])
    return MergeRecord.objects.create(
        kind=kind, survivor_id=survivor.pk, merged_id=other.pk, merged_label=label, editor=editor
    )


def _move_participations(other, survivor, *, to: str) -> None:
    """`other`'s participations become `survivor`'s (`to`: the side that changes, "official"
    or "meeting"), but for those `survivor` already has: one row per official and meeting."""
    same = "meeting_id" if to == "official" else "official_id"
    taken = set(survivor.participations.values_list(same, flat=True))
    for part in other.participations.all():
        if getattr(part, same) in taken:
            part.delete()
        else:
            setattr(part, to, survivor)
            part.save()


@transaction.atomic
def merge_officials(*, survivor: Official, other: Official, editor=None) -> MergeRecord:
    """Two spellings of one person: `other`'s names, posts, meetings, signatures and
    evidence move to `survivor`, whose page `other`'s page then redirects to."""
    _check_pair(survivor, other, "officials")
    names = {a.name for a in survivor.aliases.all()} | {survivor.name}
    for name in [other.name, *other.aliases.values_list("name", flat=True)]:
        if name not in names:
            Alias.objects.create(official=survivor, name=name)
            names.add(name)
    other.aliases.all().delete()
    for post in other.positions.all():
        mine = survivor.positions.filter(title=post.title).first()
        if mine is None:
            post.official = survivor
            post.save()
            continue
        dates = [d for d in (mine.first_seen, post.first_seen) if d]
        mine.first_seen = min(dates) if dates else None
        dates = [d for d in (mine.last_seen, post.last_seen) if d]
        mine.last_seen = max(dates) if dates else None
        mine.start, mine.end = mine.start or post.start, mine.end or post.end
        mine.organization = mine.organization or post.organization
        mine.save()
        post.delete()
    _move_participations(other, survivor, to="official")
    for agreement in other.agreements_signed.all():
        agreement.signatories.remove(other)
        agreement.signatories.add(survivor)
    Evidence.objects.filter(official=other).update(official=survivor)
    if survivor.country_id is None and other.country_id:
        survivor.country_id = other.country_id
        survivor.save(update_fields=["country"])
    return _finish_merge(survivor, other, MergeKind.OFFICIAL, other.name, editor)


@transaction.atomic
def merge_meetings(*, survivor: Meeting, other: Meeting, editor=None) -> MergeRecord:
    """One event reported twice: `other`'s participants, countries, topics, the meetings
    inside it, agreements and evidence move to `survivor`."""
    _check_pair(survivor, other, "meetings")
    _move_participations(other, survivor, to="meeting")
    survivor.countries.add(*other.countries.all())
    survivor.topics.add(*other.topics.all())
    other.children.exclude(pk=survivor.pk).update(parent=survivor)
    if survivor.parent_id == other.pk:
        survivor.parent = other.parent
        survivor.save(update_fields=["parent"])
    Agreement.objects.filter(meeting=other).update(meeting=survivor)
    Evidence.objects.filter(meeting=other).update(meeting=survivor)
    return _finish_merge(survivor, other, MergeKind.MEETING, other.title, editor)


@transaction.atomic
def split_alias(*, alias: Alias, editor=None) -> Official:
    """An alias that names someone else: it becomes an official of its own (verified, as an
    editor made it) and leaves the one it was wrongly merged into."""
    official = alias.official
    person = Official.objects.create(
        name=alias.name,
        country=official.country,
        review_state=ReviewState.VERIFIED,
        edited_fields=["name"],
    )
    # The sentences that named this spelling now support the person it names.
    Evidence.objects.filter(
        official=official, fingerprint="official:" + name_key(alias.name)
    ).update(official=person)
    alias.delete()
    record_edit(official, "aliases")
    return person


@transaction.atomic
def move_participation(
    *, participation: Participation, to: Official | None = None, editor=None
) -> Participation | None:
    """A participation credited to the wrong person: give it to `to`, or take it away."""
    meeting = participation.meeting
    if to is None:
        participation.delete()
        moved = None
    elif meeting.participations.filter(official=to).exists():
        participation.delete()
        moved = meeting.participations.get(official=to)
    else:
        participation.official = to
        participation.save()
        moved = participation
    record_edit(meeting, "participants")
    return moved
