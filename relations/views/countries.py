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
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from documents.extraction.countries import countries_in
from relations import selectors, timeline
from relations.levels import LEVEL_LABELS, Contact, meeting_level
from relations.models import (
    Agreement,
    Country,
    Meeting,
    MeetingKind,
    ParticipantRole,
    Participation,
    Position,
)

TOP_SHOWN = 3  # meetings named per year in the level-of-contact table

PAIR = re.compile(r"([A-Za-z]{2})-([A-Za-z]{2})")


@dataclass
class Visit:
    meeting: Meeting
    destination: str | None  # a country code of the pair, or None when not clear
    basis: str  # which rule decided: hosts, visitors, place, countries, or ""
    visitors: list  # participations of people not hosting
    hosts: list  # participations of hosts


def visit_direction(meeting: Meeting, pair: tuple[str, str]) -> Visit:
    """Where a visit went, by the rules in the module docstring."""
    people = list(meeting.participations.all())
    hosts = [p for p in people if p.role == ParticipantRole.HOST]
    guests = [p for p in people if p.role != ParticipantRole.HOST]

    def codes(participations):
        return {p.official.country.code for p in participations if p.official.country} & set(pair)

    def other(code):
        return pair[1] if code == pair[0] else pair[0]

    destination, basis = None, ""
    if len(found := codes(hosts)) == 1:
        destination, basis = found.pop(), "hosts"
    elif len(found := codes(guests)) == 1:
        destination, basis = other(found.pop()), "visitors"
    elif len(found := {c for _, _, c in countries_in(meeting.location)} & set(pair)) == 1:
        destination, basis = found.pop(), "place"
    elif len(found := {c.code for c in meeting.countries.all()} & set(pair)) == 1:
        destination, basis = found.pop(), "countries"
    return Visit(meeting, destination, basis, guests, hosts)


def pair_meetings(pair: tuple[str, str]) -> list[Meeting]:
    """The pair's meetings, oldest first, with participants, their posts and countries."""
    participations = (
        Participation.objects.of_public_officials()
        .select_related("official", "official__country")
        .order_by("role", "pk")
    )
    return list(
        selectors.meetings()
        .for_pair(*pair)
        .prefetch_related(
            Prefetch("participations", queryset=participations),
            Prefetch(
                "participations__official__positions",
                queryset=Position.objects.order_by("first_seen"),
            ),
            "countries",
        )
        .order_by(F("start_date").asc(nulls_last=True), "pk")
    )


def pair_agreements(pair: tuple[str, str]) -> list[Agreement]:
    return list(
        selectors.agreements()
        .filter(selectors.having_party(pair[0]))
        .filter(selectors.having_party(pair[1]))
        .order_by(F("date").desc(nulls_last=True), "title", "pk")
    )


def _totals(agreements) -> list[tuple[str, Decimal]]:
    totals: dict[str, Decimal] = {}
    for a in agreements:
        if a.amount is not None and a.currency:
            totals[a.currency] = totals.get(a.currency, Decimal(0)) + a.amount
    return sorted(totals.items())


def agreements_by_year(agreements: list[Agreement]) -> list[dict]:
    """Newest year first, undated last; each year with its totals per currency."""
    years: dict[int | None, list[Agreement]] = {}
    for a in agreements:
        years.setdefault(a.date.year if a.date else None, []).append(a)
    order = sorted((y for y in years if y is not None), reverse=True)
    if None in years:
        order.append(None)
    return [{"year": y, "agreements": years[y], "totals": _totals(years[y])} for y in order]


def contact_by_year(meetings: list[Meeting]) -> list[dict]:
    """Each year with meetings (newest first): its best level and the meetings at it."""
    years: dict[int, list[Contact]] = {}
    for m in meetings:
        if m.start_date:
            years.setdefault(m.start_date.year, []).append(meeting_level(m))
    rows = []
    for year in sorted(years, reverse=True):
        contacts = years[year]
        best = min(c.level for c in contacts)
        top = [c for c in contacts if c.level == best]
        rows.append(
            {
                "year": year,
                "level": best,
                "label": LEVEL_LABELS[best],
                "top": top[:TOP_SHOWN],
                "more": len(top) - len(top[:TOP_SHOWN]),
                "count": len(contacts),
            }
        )
    return rows


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

    meetings = pair_meetings(codes)
    visits = [visit_direction(m, codes) for m in meetings if m.kind == MeetingKind.OFFICIAL_VISIT]
    agreements = pair_agreements(codes)
    directions = [
        {
            "visitor": origin,
            "destination": destination,
            "visits": [v for v in visits if v.destination == destination.code][::-1],
        }
        for origin, destination in ((a, b), (b, a))
    ]
    return render(
        request,
        "relations/country_pair.html",
        {
            "a": a,
            "b": b,
            "slug": canonical,
            "meeting_count": len(meetings),
            "undated_meetings": sum(1 for m in meetings if not m.start_date),
            "directions": directions,
            "unclear_visits": [v for v in visits if v.destination is None][::-1],
            "contact": contact_by_year(meetings),
            "timeline": timeline.chart(
                timeline.count_contacts(meetings),
                lambda year: f"{reverse('relations:meetings')}?pair={canonical}&year={year}",
            ),
            "agreement_years": agreements_by_year(agreements),
            "agreement_count": len(agreements),
            "agreement_totals": _totals(agreements),
        },
    )
