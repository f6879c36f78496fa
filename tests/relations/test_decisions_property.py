"""No editor decision is lost, whatever the order of edits and ingestion (issue 17).

Hypothesis draws sequences of steps — ingest a note (new or already stored), re-extract
everything, rename an official, retitle a meeting, verify or reject a fact, merge two
officials, take a participant off a meeting, back the knowledge base up and restore it —
and after every step checks that each decision an editor made so far still stands:
renamed officials keep their names, retitled meetings their titles, rejected facts stay
rejected and off the site, verified ones stay, merged officials stay merged into the one
kept, and a participant taken off stays off.

Runs on both databases (the suite's SQLite pass and its PostgreSQL pass). The steps run
one after another; two connections really at once are test_lost_update.py's subject.
"""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import documents.services
from documents.models import Document
from documents.services import ingest_upload, reextract_documents
from relations.backup import build_backup, restore_backup
from relations.editing import EditingError, merge_officials, move_participation, set_review_state
from relations.models import Meeting, Official, Participation, ReviewState
from tests.conftest import _extract_once

NOTES = [
    "Trade note\n\nForeign Minister Prak Sokhonn met Japanese Foreign Minister Kamikawa Yoko "
    "in Phnom Penh on 5 May 2024. They signed a grant agreement of USD 10 million for "
    "water supply.\n",
    "Courtesy call\n\nPrime Minister Hun Manet received Japanese Ambassador Ueno Atsushi in "
    "Phnom Penh on 6 June 2024.\n",
    "Talks in Tokyo\n\nDeputy Prime Minister Prak Sokhonn and Minister of Commerce Cham Nimul "
    "met Ambassador Ueno Atsushi in Tokyo on 7 July 2024.\n",
]

pick = st.integers(min_value=0, max_value=50)
STEPS = st.one_of(
    st.tuples(st.just("ingest"), st.integers(min_value=0, max_value=len(NOTES) - 1)),
    st.tuples(st.just("reextract")),
    st.tuples(st.just("rename"), pick),
    st.tuples(st.just("retitle"), pick),
    st.tuples(st.just("verify"), pick),
    st.tuples(st.just("reject"), pick),
    st.tuples(st.just("merge"), pick, pick),
    st.tuples(st.just("take_off"), pick),
    st.tuples(st.just("backup")),
)


class _Undo(Exception):
    pass


class Decisions:
    """The editor's decisions so far, and the steps that make and check them."""

    def __init__(self):
        self.names: dict[int, str] = {}
        self.titles: dict[int, str] = {}
        self.states: dict[tuple[str, int], str] = {}
        self.merged: dict[int, int] = {}
        self.taken_off: set[tuple[int, int]] = set()
        self.count = 0

    @staticmethod
    def _nth(queryset, k):
        facts = list(queryset.filter(merged_into__isnull=True).order_by("pk"))
        return facts[k % len(facts)] if facts else None

    def run(self, step) -> None:
        self.count += 1
        kind, *args = step
        if kind == "ingest":
            outcome = ingest_upload(name=f"note{args[0]}.txt", text=NOTES[args[0]])
            assert outcome.status in {"new", "unchanged"}, outcome.message
        elif kind == "reextract":
            reextract_documents(Document.objects.order_by("pk"))
        elif kind == "backup":
            restore_backup(build_backup(), replace=True)
        elif kind == "rename" and (official := self._nth(Official.objects, args[0])):
            self._edit(official, "name", f"{official.name} E{self.count}", self.names)
        elif kind == "retitle" and (meeting := self._nth(Meeting.objects, args[0])):
            self._edit(meeting, "title", f"Meeting E{self.count}", self.titles)
        elif kind in {"verify", "reject"}:
            fact = self._nth(Official.objects if args[0] % 2 else Meeting.objects, args[0] // 2)
            if fact is not None:
                state = ReviewState.VERIFIED if kind == "verify" else ReviewState.REJECTED
                set_review_state(facts=[fact], state=state)
                self.states[(type(fact).__name__, fact.pk)] = state
        elif kind == "merge":
            survivor = self._nth(Official.objects, args[0])
            other = self._nth(Official.objects, args[1])
            rejected = ReviewState.REJECTED
            if survivor and other and rejected not in (survivor.review_state, other.review_state):
                meetings = set(other.participations.values_list("meeting_id", flat=True))
                try:
                    merge_officials(survivor=survivor, other=other)
                except EditingError:
                    return
                # Records merged into the other now point at the survivor: one hop each.
                self.merged = {
                    k: survivor.pk if v == other.pk else v for k, v in self.merged.items()
                }
                self.merged[other.pk] = survivor.pk
                # The survivor takes over the other's meetings: a later decision.
                self.taken_off -= {(m, survivor.pk) for m in meetings}
        elif kind == "take_off":
            part = self._nth_participation(args[0])
            if part is not None:
                move_participation(participation=part, to=None)
                self.taken_off.add((part.meeting_id, part.official_id))

    @staticmethod
    def _nth_participation(k):
        parts = list(Participation.objects.order_by("pk"))
        return parts[k % len(parts)] if parts else None

    @staticmethod
    def _edit(fact, field, value, record) -> None:
        """What the admin's save does with a changed field."""
        setattr(fact, field, value)
        fact.mark_edited(field)
        fact.version += 1
        fact.save()
        record[fact.pk] = value

    def check(self, steps) -> None:
        for pk, name in self.names.items():
            assert Official.objects.get(pk=pk).name == name, steps
        for pk, title in self.titles.items():
            assert Meeting.objects.get(pk=pk).title == title, steps
        for (model, pk), state in self.states.items():
            fact = (Official if model == "Official" else Meeting).objects.get(pk=pk)
            assert fact.review_state == state, steps
            if state == ReviewState.REJECTED:  # off the site and out of the exports
                assert not type(fact).objects.visible().filter(pk=pk).exists(), steps
        for other, survivor in self.merged.items():
            assert Official.objects.get(pk=other).merged_into_id == survivor, steps
        for meeting, official in self.taken_off:
            on = Participation.objects.filter(meeting_id=meeting, official_id=official)
            assert not on.exists(), steps


@pytest.mark.django_db
@settings(
    max_examples=12,
    stateful_step_count=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEPS, min_size=1, max_size=10))
def test_no_editor_decision_is_lost_whatever_the_order_of_edits_and_ingestion(steps):
    for note in NOTES:  # spaCy once per note, not once per example
        _extract_once(note, published_on=None)
    decisions = Decisions()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(documents.services, "extract", _extract_once)
        try:
            with transaction.atomic():  # each example starts from an empty knowledge base
                ingest_upload(name="note0.txt", text=NOTES[0])
                for index, step in enumerate(steps):
                    decisions.run(step)
                    decisions.check(steps[: index + 1])
                raise _Undo
        except _Undo:
            pass
