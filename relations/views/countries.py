"""One relationship between two countries: visits each way, level of contact, agreements.

The address is `/countries/<a>-<b>/` with two ISO 3166-1 alpha-2 codes of countries in the
knowledge base, in any case and order; other spellings redirect (301) to the canonical one,
lower case and sorted (`/countries/kh-jp/` -> `/countries/jp-kh/`).

Which facts belong to the pair
    A meeting when each country is either among its countries or the country of one of its
    participants; an agreement when both countries are among its parties.

Direction of a visit (official_visit meetings), the first rule that decides wins:
    1. hosts: the participants with the host role all come from one country of the pair;
       that country is the destination;
    2. visitors: the other participants (guests and plain participants) all come from one
       country of the pair; that country is the visitor's, the other one the destination;
    3. place: the location names exactly one country of the pair ('Cambodia', 'Tokyo,
       Japan'); it is the destination;
    4. countries: the meeting is tagged with exactly one country of the pair; it is the
       destination.
    Visits no rule decides are listed apart, as 'direction not clear from the sources'.

Level of contact
    `relations.levels`: a meeting's level is the highest post any participant held at its
    date; a year's level is its best meeting's.

At any size the page shows summaries, each count linking to the list of its rows: meetings
per year and level (`relations.timeline`, two queries; the highest level per year is read
from the same counts), visits each way as counts with the latest few, agreements per year
with totals per currency (grouped queries). A fixed number of queries whatever the pair.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from documents.extraction.countries import countries_in
from relations import facet_cache, selectors, timeline
from relations.levels import LEVEL_LABELS
from relations.models import (
    Country,
    Meeting,
    MeetingKind,
    ParticipantRole,
    Participation,
)

LATEST_VISITS = 5  # visits named each way (and of unclear direction); the others are counted

PAIR = re.compile(r"([A-Za-z]{2})-([A-Za-z]{2})")


@dataclass
class Visit:
    meeting: Meeting
    destination: str | None  # a country code of the pair, or None when not clear
    basis: str  # which rule decided: hosts, visitors, place, countries, or ""
    visitors: list  # participations of people not hosting
    hosts: list  # participations of hosts


def direction(
    hosts: set[str], guests: set[str], location: str, tagged: set[str], pair: tuple[str, str]
) -> tuple[str | None, str]:
    """(destination, basis) of a visit from the countries of its hosts and of its other
    participants, its place and its tags, by the rules in the module docstring."""
    codes = set(pair)
    if len(found := hosts & codes) == 1:
        return found.pop(), "hosts"
    if len(found := guests & codes) == 1:
        code = found.pop()
        return (pair[1] if code == pair[0] else pair[0]), "visitors"
    if len(found := {c for _, _, c in countries_in(location)} & codes) == 1:
        return found.pop(), "place"
    if len(found := tagged & codes) == 1:
        return found.pop(), "countries"
    return None, ""


def visit_direction(meeting: Meeting, pair: tuple[str, str]) -> Visit:
    """A visit loaded with its participations (and their officials' countries) and tags."""
    people = list(meeting.participations.all())
    hosts = [p for p in people if p.role == ParticipantRole.HOST]
    guests = [p for p in people if p.role != ParticipantRole.HOST]

    def codes(participations):
        return {p.official.country.code for p in participations if p.official.country}

    destination, basis = direction(
        codes(hosts),
        codes(guests),
        meeting.location,
        {c.code for c in meeting.countries.all()},
        pair,
    )
    return Visit(meeting, destination, basis, guests, hosts)


def visit_destinations(visits, pair: tuple[str, str]) -> list[tuple[int, str | None]]:
    """(meeting id, destination) of every visit of the queryset, newest first, in three
    queries of plain values (no model instances: a busy pair has thousands of visits)."""
    ids = visits.values("pk")
    rows = list(visits.order_by(*selectors.NEWEST_FIRST).values_list("pk", "location"))
    hosts: dict[int, set] = {}
    guests: dict[int, set] = {}
    for meeting_id, role, code in (
        Participation.objects.of_public_officials()
        .filter(meeting__in=ids, official__country__isnull=False)
        .order_by()
        .values_list("meeting_id", "role", "official__country__code")
    ):
        side = hosts if role == ParticipantRole.HOST else guests
        side.setdefault(meeting_id, set()).add(code)
    tagged: dict[int, set] = {}
    for meeting_id, code in (
        Meeting.countries.through.objects.filter(meeting__in=ids)
        .order_by()
        .values_list("meeting_id", "country__code")
    ):
        tagged.setdefault(meeting_id, set()).add(code)
    empty: set = set()
    return [
        (
            pk,
            direction(
                hosts.get(pk, empty),
                guests.get(pk, empty),
                location,
                tagged.get(pk, empty),
                pair,
            )[0],
        )
        for pk, location in rows
    ]


def visits_each_way(meetings, pair: tuple[str, str]) -> dict[str | None, dict]:
    """Per destination (None: not clear): the number of visits and the ids of the latest
    few."""
    destinations = visit_destinations(meetings.filter(kind=MeetingKind.OFFICIAL_VISIT), pair)
    groups: dict[str | None, dict] = {code: {"count": 0, "ids": []} for code in (*pair, None)}
    for pk, destination in destinations:
        group = groups[destination]
        group["count"] += 1
        if len(group["ids"]) < LATEST_VISITS:
            group["ids"].append(pk)
    return groups


def with_visits(groups: dict[str | None, dict], pair: tuple[str, str]) -> dict[str | None, dict]:
    """The groups of `visits_each_way` with their latest visits loaded, their people too
    (four queries)."""
    shown = {
        m.pk: m
        for m in selectors.meetings()
        .filter(pk__in=[pk for g in groups.values() for pk in g["ids"]])
        .with_participants()
    }
    return {
        code: {
            "count": group["count"],
            "visits": [visit_direction(shown[pk], pair) for pk in group["ids"] if pk in shown],
        }
        for code, group in groups.items()
    }


def contact_by_year(counts: timeline.Counts) -> list[dict]:
    """Each year with meetings (newest first): its best level, how many meetings reached
    it and how many there were, from the timeline's (year, level) counts (no query)."""
    years: dict[int, dict[int, int]] = {}
    for (year, level), n in counts.items():
        years.setdefault(year, {})[level] = n
    rows = []
    for year in sorted(years, reverse=True):
        best = min(years[year])
        rows.append(
            {
                "year": year,
                "level": best,
                "label": LEVEL_LABELS[best],
                "at_level": years[year][best],
                "count": sum(years[year].values()),
            }
        )
    return rows


def agreements_by_year(agreements) -> list[dict]:
    """Newest year first, undated last; each year with its number of agreements and its
    totals per currency (two grouped queries; amounts are not converted)."""
    by_year = agreements.annotate(year=ExtractYear("date")).order_by()
    counts = dict(by_year.values_list("year").annotate(n=Count("pk")))
    totals: dict[int | None, list[tuple[str, Decimal]]] = {}
    for year, currency, total in (
        by_year.filter(amount__isnull=False)
        .exclude(currency="")
        .values_list("year", "currency")
        .annotate(total=Sum("amount"))
        .order_by("currency")
    ):
        totals.setdefault(year, []).append((currency, total))
    order = sorted((y for y in counts if y is not None), reverse=True)
    if None in counts:
        order.append(None)
    return [{"year": y, "count": counts[y], "totals": totals.get(y, [])} for y in order]


def _all_years(years: list[dict]) -> list[tuple[str, Decimal]]:
    totals: dict[str, Decimal] = {}
    for group in years:
        for currency, total in group["totals"]:
            totals[currency] = totals.get(currency, Decimal(0)) + total
    return sorted(totals.items())


def pair_summary(a: Country, b: Country) -> dict:
    """What the page shows of a pair, as plain values (kept until the data changes): the
    number of meetings (undated, official visits), visits each way, the number of
    agreements, and drawn, the timeline, the highest level of contact per year and the
    agreements by year (the two tables took 10-20 ms to draw for the busiest pair)."""
    pair = (a.code.upper(), b.code.upper())
    meetings = selectors.meetings().for_pair(*pair)
    slug = "-".join(pair).lower()
    meetings_url = reverse("relations:meetings")
    sizes = meetings.order_by().aggregate(
        total=Count("pk"),
        undated=Count("pk", filter=Q(start_date__isnull=True)),
        official_visits=Count("pk", filter=Q(kind=MeetingKind.OFFICIAL_VISIT)),
    )
    agreements = (
        selectors.agreements()
        .filter(selectors.having_party(pair[0]))
        .filter(selectors.having_party(pair[1]))
    )
    levels = timeline.levels_by_year(meetings)
    agreement_years = agreements_by_year(agreements)
    agreement_count = sum(group["count"] for group in agreement_years)
    drawn = {"a": a, "b": b, "slug": slug}
    return {
        **sizes,
        "timeline": timeline.section(
            levels, lambda year: f"{meetings_url}?pair={slug}&year={year}"
        ),
        "visits": visits_each_way(meetings, pair),
        "agreement_count": agreement_count,
        "contact_section": render_to_string(
            "includes/pair_contact.html",
            {**drawn, "contact": contact_by_year(levels), "undated_meetings": sizes["undated"]},
        ),
        "agreements_section": render_to_string(
            "includes/pair_agreements.html",
            {
                **drawn,
                "agreement_years": agreement_years,
                "agreement_count": agreement_count,
                "agreement_totals": _all_years(agreement_years),
            },
        ),
    }


def country_pair(request, pair: str):
    match = PAIR.fullmatch(pair)
    if not match:
        raise Http404("Not a pair of country codes")
    first, second = (code.upper() for code in match.groups())
    if first == second:
        raise Http404("A relationship needs two countries")
    found = {c.code.upper(): c for c in Country.objects.filter(code__in=[first, second])}
    if len(found) != 2:
        raise Http404("No such country in the knowledge base")
    codes = tuple(sorted((first, second)))
    canonical = "-".join(codes).lower()
    if pair != canonical:
        return redirect("relations:country-pair", pair=canonical, permanent=True)
    a, b = found[codes[0]], found[codes[1]]

    # Keyed by what it holds: a summary kept before it held its sections drawn is not read.
    summary = facet_cache.cached(f"pair:{canonical}:sections-drawn", lambda: pair_summary(a, b))
    visits = with_visits(summary["visits"], codes)
    directions = [
        {"visitor": origin, "destination": destination, **visits[destination.code]}
        for origin, destination in ((a, b), (b, a))
    ]
    return render(
        request,
        "relations/country_pair.html",
        {
            "a": a,
            "b": b,
            "slug": canonical,
            "meeting_count": summary["total"],
            "undated_meetings": summary["undated"],
            "visit_count": summary["official_visits"],
            "latest_visits": LATEST_VISITS,
            "directions": directions,
            "unclear": visits[None],
            "timeline": summary["timeline"],
            "contact_section": summary["contact_section"],
            "agreement_count": summary["agreement_count"],
            "agreements_section": summary["agreements_section"],
        },
    )
