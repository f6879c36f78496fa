"""A fact in a few plain lines, for the merge page and the review queue."""

from relations.templatetags.money import money


def date_range(meeting) -> str:
    start, end = meeting.start_date, meeting.end_date
    if not start:
        return "undated"
    if not end or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


def outside_its_visit(meeting) -> str | None:
    """A warning when the meeting's dates leave those of the visit it belongs to."""
    visit = meeting.parent
    if visit is None or not (meeting.start_date and visit.start_date):
        return None
    first, last = visit.start_date, visit.end_date or visit.start_date
    if first <= meeting.start_date and (meeting.end_date or meeting.start_date) <= last:
        return None
    return (
        f"The dates of “{meeting}” ({date_range(meeting)}) are outside those of the visit it "
        f"belongs to, “{visit}” ({date_range(visit)}). Check both, or take the meeting out "
        "of the visit (its Parent field)."
    )


def describe_official(official, meetings: bool = False) -> list[str]:
    lines = []
    if official.country_id:
        lines.append(f"Country: {official.country}")
    aliases = [a.name for a in official.aliases.all()]
    if aliases:
        lines.append("Also written: " + ", ".join(aliases))
    posts = [p.title for p in official.positions.all()]
    if posts:
        lines.append("Posts: " + ", ".join(posts))
    if meetings:
        lines.append(f"Meetings: {official.participations.count()}")
    return lines


def describe_meeting(meeting) -> list[str]:
    lines = [f"{meeting.get_kind_display()}, {date_range(meeting)}"]
    if meeting.location:
        lines.append(f"Where: {meeting.location}")
    people = [str(p.official) for p in meeting.participations.all()]
    if people:
        lines.append("Participants: " + ", ".join(people))
    return lines


def describe_agreement(agreement) -> list[str]:
    lines = [agreement.get_kind_display()]
    amount = money(agreement.amount, agreement.currency)
    if amount:
        lines.append(f"Amount: {amount}")
    if agreement.date:
        lines.append(f"Date: {agreement.date.isoformat()}")
    if agreement.status:
        lines.append(f"Status: {agreement.get_status_display()}")
    parties = [str(c) for c in agreement.parties.all()]
    if parties:
        lines.append("Parties: " + ", ".join(parties))
    return lines


def describe_merged(fact, lines: list[str]) -> list[str]:
    if fact.merged_into_id:
        lines = [*lines, f"Already merged into {fact.merged_into}"]
    return lines
