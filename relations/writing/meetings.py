"""Writing a document's meetings: found by kind, dates and participants, their
participants, topics and countries, and the parent meeting an event belongs to."""

from django.db.models import Q

from documents.extraction.candidates import MeetingCandidate
from documents.extraction.meeting_wordings import KIND_RANK, TALKS
from relations.models import (
    Meeting,
    MeetingKind,
    Official,
    ParticipantRole,
    Participation,
    ReviewState,
)
from relations.writing.rows import link, locked, save_if_changed, values, writable


class MeetingWriting:
    """The meetings' part of the document writer (`relations.services._Writer`)."""

    def meetings_(self) -> None:
        for index, cand in enumerate(self.extraction.meetings):
            self.meetings[index] = self._meeting(cand)
        for index, cand in enumerate(self.extraction.meetings):
            meeting, parent = self.meetings[index], self.meetings.get(cand.parent)
            if (
                meeting
                and parent
                and meeting.pk != parent.pk
                and meeting.parent_id is None
                and writable(meeting, "parent")
            ):
                meeting.parent = parent
                meeting.save(update_fields=["parent"])

    def _participants(self, cand: MeetingCandidate) -> list[Official]:
        return [o for k in cand.participants if (o := self.officials.get(k)) is not None]

    def _find_meeting(self, cand: MeetingCandidate, people: list[Official]) -> Meeting | None:
        wanted = {o.pk for o in people}
        for meeting in _possible_meetings(cand, people)[:50]:
            if _same_meeting(meeting, cand, wanted):
                return meeting
        return None

    def _meeting(self, cand: MeetingCandidate) -> Meeting | None:
        people = self._participants(cand)
        meeting = locked(
            self._previous(Meeting, "meeting", cand.fingerprint) or self._find_meeting(cand, people)
        )
        if meeting is not None and meeting.review_state == ReviewState.REJECTED:
            return None
        extracted = {
            "kind": cand.kind,
            "start_date": cand.dates.start.isoformat() if cand.dates else None,
            "end_date": cand.dates.end.isoformat() if cand.dates else None,
            "location": cand.location,
            "participants": [o.pk for o in people],
        }
        new = meeting is None
        if new:
            meeting = _new_meeting(cand, extracted)
            self.stats.created["meetings"] += 1
        else:
            if meeting.pk not in self.touched["meeting"]:
                self.stats.merged["meetings"] += 1
            _update_meeting(meeting, cand, extracted)
        self._meeting_links(meeting, cand, people, new=new)
        self.touched["meeting"].add(meeting.pk)
        self._evidence(meeting, "meeting", cand.fingerprint, cand.evidence)
        return meeting

    def _meeting_links(
        self, meeting: Meeting, cand: MeetingCandidate, people: list[Official], *, new: bool
    ) -> None:
        """Participants (hosts marked), topics and countries, where no editor set them."""
        if writable(meeting, "participants"):
            existing = (
                set() if new else set(meeting.participations.values_list("official_id", flat=True))
            )
            hosts = {self.officials[k].pk for k in cand.hosts if self.officials.get(k)}
            Participation.objects.bulk_create(
                [
                    Participation(
                        meeting=meeting,
                        official=o,
                        role=ParticipantRole.HOST if o.pk in hosts else ParticipantRole.PARTICIPANT,
                    )
                    for o in dict.fromkeys(people)
                    if o.pk not in existing
                ]
            )
        if writable(meeting, "topics") and cand.topics:
            link(meeting, "topics", [self.topic(t) for t in sorted(cand.topics)], new=new)
        if writable(meeting, "countries"):
            codes = set(cand.countries) | {self.country_code(o) for o in people if o.country_id}
            link(meeting, "countries", [self.country(c) for c in sorted(codes)], new=new)


def _possible_meetings(cand: MeetingCandidate, people: list[Official]):
    """Meetings not merged away of a kind that may be the candidate's, with its people (or
    none when it names none), overlapping its dates; newest first."""
    group = TALKS if cand.kind in TALKS else {cand.kind}
    query = Meeting.objects.exclude(merged_into__isnull=False)
    query = query.filter(
        kind__in=group | ({MeetingKind.OTHER} if cand.kind != MeetingKind.OFFICIAL_VISIT else set())
    )
    if people:
        query = query.filter(participations__official__in=people).distinct()
    else:
        query = query.filter(participations__isnull=True)
    if cand.dates:
        query = query.filter(
            Q(start_date__isnull=True)
            | Q(start_date__lte=cand.dates.end, end_date__gte=cand.dates.start)
        )
    return query.prefetch_related("participations").order_by("-start_date", "pk")


def _same_meeting(meeting: Meeting, cand: MeetingCandidate, wanted: set[int]) -> bool:
    """Whether a possible meeting is the candidate's: half its people at least (or the same
    day when neither names anyone), a length within a month of it, and the same kind when
    neither is dated."""
    have = {p.official_id for p in meeting.participations.all()}
    if wanted or have:
        if not wanted & have or len(wanted & have) / len(wanted | have) < 0.5:
            return False
    elif meeting.start_date != (cand.dates.start if cand.dates else None):
        return False
    if cand.dates and meeting.start_date and meeting.end_date:
        width = abs(
            (meeting.end_date - meeting.start_date).days - (cand.dates.end - cand.dates.start).days
        )
        if width > 31:
            return False
    return not (cand.dates is None and meeting.start_date is None and meeting.kind != cand.kind)


def _new_meeting(cand: MeetingCandidate, extracted: dict) -> Meeting:
    meeting = Meeting(
        kind=cand.kind,
        title=cand.title[:300],
        start_date=cand.dates.start if cand.dates else None,
        end_date=cand.dates.end if cand.dates else None,
        date_precision=cand.dates.precision if cand.dates else "",
        location=(cand.location or "")[:200],
        summary=cand.evidence[0].quote if cand.evidence else "",
        extracted_values=extracted,
    )
    meeting.save()
    return meeting


def _update_meeting(meeting: Meeting, cand: MeetingCandidate, extracted: dict) -> None:
    """A known meeting seen again: a higher kind, a narrower date span, a place where it had
    none, in the fields no editor set."""
    before = values(meeting)
    if writable(meeting, "kind") and KIND_RANK[cand.kind] > KIND_RANK.get(meeting.kind, 0):
        meeting.kind = cand.kind
    if cand.dates and writable(meeting, "start_date") and writable(meeting, "end_date"):
        span = (
            (meeting.end_date - meeting.start_date)
            if meeting.start_date and meeting.end_date
            else None
        )
        if span is None or (cand.dates.end - cand.dates.start) < span:
            meeting.start_date, meeting.end_date = cand.dates.start, cand.dates.end
            meeting.date_precision = cand.dates.precision
    if writable(meeting, "location") and not meeting.location and cand.location:
        meeting.location = cand.location[:200]
    meeting.extracted_values = extracted
    save_if_changed(meeting, before)
