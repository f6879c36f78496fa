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
    A meeting's level is the highest post any participant held at its date (as
    `selectors.post_at` reads it): head of state or government (president, prime minister,
    monarch, premier, chancellor) > deputy prime minister or minister (including secretaries
    of state and foreign secretaries) > other officials (vice and state ministers,
    ambassadors, senate presidents, posts not known). A meeting with no named participant
    counts as head of state or government when it is a summit (what the word means), else
    as 'participants not named'. A year's level is its best meeting's.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from documents.extraction.countries import countries_in
from relations import selectors, timeline
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

HEAD, MINISTER, OTHER, UNNAMED = 1, 2, 3, 4
LEVEL_LABELS = {
    HEAD: "Head of state or government",
    MINISTER: "Deputy prime minister or minister",
    OTHER: "Other officials",
    UNNAMED: "Participants not named",
}

_FORMER = re.compile(r"\b(former|ex|retired|late|honorary)\b")
_DEPUTY = re.compile(r"\b(deputy|vice|acting|assistant|under|junior)\b")
_HEAD = re.compile(
    r"\b(prime minister|premier|chancellor|head of (state|government)|king|queen|emperor"
    r"|empress|sultan|monarch|emir|taoiseach)\b"
    r"|\bpresident\b(?! of the (senate|national assembly|assembly|house|parliament|diet|court"
    r"|council|bank|institute|university|association|committee|commission|party|chamber))"
)
_MINISTER = re.compile(r"\b(minister|secretary of state|foreign secretary)\b")
_BELOW_MINISTER = re.compile(
    r"\b(vice|state|parliamentary|assistant|junior)[ -]minister\b|\bminister of state\b"
    r"|\bunder[ -]?secretary\b|\bdeputy minister\b"
)
_DEPUTY_HEAD = re.compile(r"\b(deputy|vice)[ -](prime minister|premier|chancellor|president)\b")


def post_level(title: str | None) -> int:
    """HEAD, MINISTER or OTHER for a post title ('Deputy Prime Minister' -> MINISTER)."""
    text = (title or "").lower()
    if _FORMER.search(text):
        return OTHER
    if _DEPUTY_HEAD.search(text):
        return MINISTER
    # 'Minister attached to the Prime Minister' is a minister, not the head of government.
    serves_head = _MINISTER.search(text.replace("prime minister", ""))
    if _HEAD.search(text) and not _DEPUTY.search(text) and not serves_head:
        return HEAD
    if _MINISTER.search(text) and not _BELOW_MINISTER.search(text):
        return MINISTER
    return OTHER


@dataclass
class Contact:
    meeting: Meeting
    level: int
    leaders: list = field(default_factory=list)  # (participation, post) at that level


def meeting_level(meeting: Meeting) -> Contact:
    ranked = []
    for p in meeting.participations.all():
        post = selectors.post_at(p.official, meeting.start_date)
        ranked.append((post_level(post.title if post else None), p, post))
    if not ranked:
        level = HEAD if meeting.kind == MeetingKind.SUMMIT else UNNAMED
        return Contact(meeting, level)
    level = min(r[0] for r in ranked)
    return Contact(meeting, level, [(p, post) for lv, p, post in ranked if lv == level])


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
