"""The lists' meeting rows (relations.meeting_rows) say what the meetings' models say."""

import datetime as dt

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations.meeting_rows import meeting_rows
from relations.models import Country, Meeting, Official, Participation, ReviewState
from relations.selectors import meetings, newest_first


def test_rows_show_the_countries_and_people_the_models_give(db):
    call_command("generate_kb", meetings=300, seed=5, verbosity=0)
    # Some people the public does not see: a rejected official, one merged into another.
    officials = list(Official.objects.filter(participations__isnull=False).distinct()[:2])
    officials[0].review_state = ReviewState.REJECTED
    officials[0].save()
    officials[1].merged_into = Official.objects.exclude(pk=officials[1].pk).first()
    officials[1].save()

    ordered = newest_first(meetings())
    rows = meeting_rows(ordered)
    models = list(ordered.with_participants())
    assert [row.pk for row in rows] == [m.pk for m in models] and len(rows) > 250
    for row, model in zip(rows, models, strict=True):
        assert [c.name for c in row.countries] == [c.name for c in model.countries.all()]
        people = model.participations.all()
        assert [(p.official_id, p.name) for p in row.people] == [
            (p.official_id, p.official.name) for p in people
        ]
        assert [c.code for c in row.involved_countries()] == [
            c.code for c in model.involved_countries()
        ]
        assert (row.title, row.kind_label, row.start_date, row.location) == (
            model.title,
            model.get_kind_display(),
            model.start_date,
            model.location,
        )
    shown = {p.official_id for row in rows for p in row.people}
    assert officials[0].pk not in shown and officials[1].pk not in shown


def test_a_page_of_rows_is_three_queries_whatever_its_length(db):
    japan = Country.objects.create(code="JP", name="Japan")
    host = Official.objects.create(name="Host Person", country=japan)
    for day in range(1, 26):
        meeting = Meeting.objects.create(
            kind="summit", title=f"Talks {day}", start_date=dt.date(2024, 1, day)
        )
        meeting.countries.add(japan)
        Participation.objects.create(meeting=meeting, official=host, role="host")
    with CaptureQueriesContext(connection) as queries:
        rows = meeting_rows(newest_first(meetings())[:25])
    assert len(queries) == 3
    assert [r.title for r in rows[:2]] == ["Talks 25", "Talks 24"]
    assert all(r.people[0].name == "Host Person" and r.countries[0].code == "JP" for r in rows)
    with CaptureQueriesContext(connection) as queries:
        assert meeting_rows(meetings().none()) == []
    assert len(queries) == 0
