"""Meetings as the lists show them (the meetings list, a year, a month, the home page): plain
values in three queries, whatever the number of rows.

    rows = meeting_rows(queryset[:25])   # the rows, in the queryset's order
    attach(rows)                         # countries and people of rows read another way

A row of a list shows a meeting's kind, dates, place, review mark and title, its countries
and its participants' names. Read as model instances (`select_related` and two prefetches),
25 rows made about 350 objects, and building them took about 60% of the 13 ms the rows
cost at 200,000 meetings; read as values, the same rows take 5 ms. A row is not a model:
templates draw it with `{% meeting_item %}` (relations.templatetags.rows).
"""

from dataclasses import dataclass, field

from relations.models import Meeting, MeetingKind, Participation, involved_countries

KIND_LABELS = {kind.value: str(kind.label) for kind in MeetingKind}
VALUES = (
    "pk",
    "kind",
    "title",
    "start_date",
    "end_date",
    "date_precision",
    "location",
    "review_state",
    "edited_fields",
    "parent_id",
)


@dataclass(slots=True, frozen=True)
class Place:
    """A country, as a row names it."""

    pk: int
    code: str
    name: str


@dataclass(slots=True, frozen=True)
class Person:
    """A participant, as a row links to them: the official's id, name and country."""

    official_id: int
    name: str
    country: Place | None


@dataclass(slots=True)
class MeetingRow:
    pk: int
    kind: str
    title: str
    start_date: object
    end_date: object
    date_precision: str
    location: str
    review_state: str
    edited_fields: object
    parent_id: int | None
    # Tagged countries by name; participants of public officials, hosts first.
    countries: list[Place] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def involved_countries(self) -> list[Place]:
        return involved_countries(self.countries, (person.country for person in self.people))


def meeting_rows(queryset) -> list[MeetingRow]:
    """The meetings of `queryset` (filtered, ordered, sliced as it is) as rows, with their
    countries and people: three queries."""
    rows = values_rows(queryset)
    attach(rows)
    return rows


def values_rows(queryset) -> list[MeetingRow]:
    """The meetings of `queryset` as rows, their countries and people not read yet (one
    query)."""
    return [MeetingRow(*values) for values in queryset.prefetch_related(None).values_list(*VALUES)]


def attach(rows: list[MeetingRow]) -> None:
    """Reads the countries and the people of these rows (two queries; none without rows)."""
    if not rows:
        return
    by_pk = {row.pk: row for row in rows}
    tagged = (
        Meeting.countries.through.objects.filter(meeting_id__in=by_pk)
        .order_by("country__name", "country_id")
        .values_list("meeting_id", "country_id", "country__code", "country__name")
    )
    places: dict[int, Place] = {}

    def place(pk: int, code: str, name: str) -> Place:  # one object a country
        return places.get(pk) or places.setdefault(pk, Place(pk, code, name))

    for meeting, pk, code, name in tagged:
        by_pk[meeting].countries.append(place(pk, code, name))
    people = (
        Participation.objects.of_public_officials()
        .filter(meeting_id__in=by_pk)
        .order_by("role", "pk")
        .values_list(
            "meeting_id",
            "official_id",
            "official__name",
            "official__country_id",
            "official__country__code",
            "official__country__name",
        )
    )
    for meeting, official, name, country, code, country_name in people:
        of = place(country, code, country_name) if country is not None else None
        by_pk[meeting].people.append(Person(official, name, of))
