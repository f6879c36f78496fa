"""Reads for the public pages: querysets with what each page needs, in a fixed number of
queries whatever the number of rows."""

import calendar
import datetime as dt
import itertools
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from documents.models import Evidence
from relations import facet_cache, meeting_rows, search
from relations.models import (
    Agreement,
    Country,
    Meeting,
    MeetingKind,
    Official,
    Participation,
    Position,
    ReviewState,
)
from relations.paging import BoundedPaginator

# ---------------------------------------------------------------- meetings

NEWEST_FIRST = (F("start_date").desc(nulls_last=True), "-pk")


def meetings():
    """Meetings the public sees: not rejected, not merged into another."""
    return Meeting.objects.public()


def meeting_matches(text: str) -> Q:
    """Meetings whose title, summary or place holds `text`, or a participant's name (or a
    spelling of it) or a topic: plain `icontains` everywhere (the meetings list's search
    and the site search alike). On PostgreSQL also the meetings whose title, summary or place
    hold its words (full text, stemmed) and those of the officials whose names are spelled
    like it ("hyashi"), as `relations.search` finds them.

    The ids of each way of matching are a union of index scans on PostgreSQL (trigram and
    full-text indexes, migration 0004), where an OR across them would read every meeting."""
    own = Meeting.objects.values("pk")
    ids = [
        own.filter(title__icontains=text),
        own.filter(summary__icontains=text),
        own.filter(location__icontains=text),
        Participation.objects.filter(official__name__icontains=text).values("meeting"),
        Participation.objects.filter(official__aliases__name__icontains=text).values("meeting"),
        Meeting.topics.through.objects.filter(topic__name__icontains=text).values("meeting_id"),
    ]
    if search.similar_spellings():
        named = Participation.objects.filter(official__in=search.officials_named(text))
        ids.append(own.filter(search.text_matches(Meeting, search.MEETING_TEXT, text)))
        ids.append(named.values("meeting"))
    first, *rest = ids
    return Q(pk__in=first.union(*rest))


# A search finding more meetings than this is matched again at each request (its ids would
# be a large value to keep and to send).
KEPT_MATCHES = 20_000


def meetings_found(text: str) -> Q:
    """`meeting_matches(text)` for a list: the ids it finds kept per query and data version
    (relations.facet_cache; never shown after a write), so that the pages of a search, its
    other orders and filters read them by id. At 200,000 meetings the page of 'López' read
    its rows in 140 ms matching (a union of eight index scans, 8,700 meetings), and in 2 ms
    by the ids kept."""

    def find() -> str | None:
        found = Meeting.objects.filter(meeting_matches(text)).order_by()
        ids = list(found.values_list("pk", flat=True)[: KEPT_MATCHES + 1])
        return None if len(ids) > KEPT_MATCHES else search.ids_json(ids)

    kept = facet_cache.cached(f"meetings:found:{text}", find, lag=False)
    return meeting_matches(text) if kept is None else Q(search.among(kept))


def agreement_matches(text: str) -> Q:
    """Agreements whose title or terms hold `text` (and, on PostgreSQL, its words: full
    text, stemmed)."""
    found = Q(title__icontains=text) | Q(terms__icontains=text)
    if search.similar_spellings():
        found |= search.text_matches(Agreement, search.AGREEMENT_TEXT, text)
    return found


def newest_first(queryset):
    """Meetings in the lists' order (their rows are read by `relations.meeting_rows`)."""
    return queryset.order_by(*NEWEST_FIRST)


MEETING_ROW_FIELDS = ("id", "kind", "title", "start_date", "end_date", "date_precision", "location")


def meeting_export_rows(queryset, url_of, chunk_size: int):
    """Meetings as rows of the CSV and JSON lists, in the queryset's order: plain values read
    `chunk_size` at a time (a server-side cursor on PostgreSQL), each chunk's countries and
    participants' names in one query each; no model instances (a 200,000-row download spends
    its time in Python otherwise). `url_of(pk)` is the meeting's address."""
    rows = queryset.prefetch_related(None).values(*MEETING_ROW_FIELDS)
    for chunk in itertools.batched(rows.iterator(chunk_size=chunk_size), chunk_size):
        ids = [row["id"] for row in chunk]
        tagged = Meeting.countries.through.objects.filter(meeting_id__in=ids)
        countries = _grouped(
            tagged.order_by("country__name").values_list("meeting_id", "country__code")
        )
        people = Participation.objects.of_public_officials().filter(meeting_id__in=ids)
        people = people.order_by("role", "pk")
        names = _grouped(people.values_list("meeting_id", "official__name"))
        for row in chunk:
            pk = row["id"]
            row["date_precision"] = row["date_precision"] or None
            row["location"] = row["location"] or None
            row["countries"] = countries.get(pk, [])
            row["participants"] = names.get(pk, [])
            row["url"] = url_of(pk)
            yield row


def _grouped(pairs) -> dict:
    """(key, value) pairs as {key: [values, in order]}."""
    groups: dict = {}
    for key, value in pairs:
        groups.setdefault(key, []).append(value)
    return groups


def in_period(queryset, first: dt.date, last: dt.date):
    """Meetings starting from `first` to `last`: a meeting is on the day it starts, for the
    year and month pages as for the Year facet and From/To of the list (a visit over the
    turn of a month is listed once, in the month it starts, with the meetings inside it)."""
    return queryset.filter(start_date__range=(first, last))


GROUPS_PER_PAGE = 25


def period_page(
    first: dt.date, last: dt.date, page_number, *, rows=None, key: str = ""
) -> tuple[Page, list, int]:
    """A period's meetings, a page at a time: (page, groups, number of meetings).

    A page holds GROUPS_PER_PAGE visits or other meetings, newest first, each visit with the
    meetings inside it (those in the period), so a visit is never split across pages.
    `rows` are the period's meetings narrowed by filters, `key` says which (for the counts,
    kept until the data changes: relations.facet_cache)."""
    in_it = in_period(meetings(), first, last) if rows is None else rows
    top = in_it.exclude(parent__in=in_it.values("pk")).order_by(*NEWEST_FIRST)
    period = f"period:{first}:{last}:{key}"
    paginator = BoundedPaginator(
        top, GROUPS_PER_PAGE, count_rows=lambda: facet_cache.cached(f"{period}:top", top.count)
    )
    page = paginator.get_page(page_number)
    heads = meeting_rows.values_rows(page.object_list)
    page.object_list = heads
    inside: dict[int, list] = {}
    if heads:
        # The meetings inside the page's visits (those in the period), then the countries
        # and people of all of them at once: four queries in all.
        children = meeting_rows.values_rows(
            in_it.filter(parent__in=[m.pk for m in heads]).order_by(
                F("start_date").asc(nulls_last=True), "pk"
            )
        )
        meeting_rows.attach(heads + children)
        for child in children:
            inside.setdefault(child.parent_id, []).append(child)
    return (
        page,
        [(m, inside.get(m.pk, [])) for m in heads],
        facet_cache.cached(f"{period}:all", in_it.count),
    )


@dataclass(frozen=True)
class MonthCount:
    month: int
    count: int

    @property
    def name(self) -> str:
        return calendar.month_name[self.month]


def months_of_year(year: int, rows=None, filters: str = "") -> list[MonthCount]:
    """Every month of the year with the number of meetings (of `rows`, narrowed by
    `filters`) that start in it (kept until the data changes)."""
    rows = meetings() if rows is None else rows
    return facet_cache.cached(f"months:{year}:{filters}", lambda: _months_of_year(year, rows))


def _months_of_year(year: int, rows) -> list[MonthCount]:
    counts = dict(
        rows.filter(start_date__year=year)
        .annotate(month=ExtractMonth("start_date"))
        .order_by()
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    return [MonthCount(m, counts.get(m, 0)) for m in range(1, 13)]


def neighbour_periods(first: dt.date, last: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The start dates of the nearest meetings before and after a period (for prev/next),
    kept until the data changes."""
    return facet_cache.cached(f"neighbours:{first}:{last}", lambda: _neighbour_periods(first, last))


def _neighbour_periods(first: dt.date, last: dt.date) -> tuple[dt.date | None, dt.date | None]:
    dated = meetings().filter(start_date__isnull=False)
    before = (
        dated.filter(start_date__lt=first)
        .order_by("-start_date")
        .values_list("start_date", flat=True)[:1]
    )
    after = (
        dated.filter(start_date__gt=last)
        .order_by(F("start_date").asc(nulls_first=True))  # the newest-first index, backwards
        .values_list("start_date", flat=True)[:1]
    )
    return (before[0] if before else None, after[0] if after else None)


def years_with_counts() -> list[tuple[int, int, int]]:
    """(year, meetings, agreements) for every year that has either (kept until the data
    changes: it counts every row)."""
    return facet_cache.cached("years_with_counts", _years_with_counts)


def _years_with_counts() -> list[tuple[int, int, int]]:
    meeting_years = dict(
        meetings()
        .filter(start_date__isnull=False)
        .annotate(year=ExtractYear("start_date"))
        .order_by()
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    agreement_years = dict(
        agreements()
        .filter(date__isnull=False)
        .annotate(year=ExtractYear("date"))
        .order_by()
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    years = sorted(set(meeting_years) | set(agreement_years))
    return [(y, meeting_years.get(y, 0), agreement_years.get(y, 0)) for y in years]


def meetings_per_day(rows) -> dict[int, int]:
    """Day of the month -> how many of these meetings start on it (one query)."""
    days = rows.order_by().values_list("start_date").annotate(n=Count("pk"))
    return {day.day: n for day, n in days}


# What a page's Sources section and its JSON twin show of a quoted sentence and its
# document (not the document's text).
EVIDENCE_FIELDS = (
    "document",
    "start",
    "end",
    "quote",
    *(f"document__{f}" for f in ("title", "publisher", "published_on", "url", "page_starts")),
)


# What one meeting's page and its JSON twin show of it (not its version and timestamps).
MEETING_FIELDS = (
    *("kind", "title", "start_date", "end_date", "date_precision", "location", "summary"),
    *("review_state", "edited_fields", "extracted_values", "merged_into", "parent"),
)
# What a meeting row shows of a meeting inside a visit, of an official and of a post.
DATED_FIELDS = ("title", "start_date", "end_date", "date_precision")
PERSON_FIELDS = ("official__name", "official__country__code", "official__country__name")
POST_FIELDS = ("official", "title", "organization", "first_seen", "last_seen", "start", "end")


def meeting_detail(pk: int) -> Meeting:
    """One visible meeting with what its page shows, each part read with the columns shown
    (eight queries)."""
    people = (
        Participation.objects.exclude(official__review_state=ReviewState.REJECTED)
        .select_related("official__country")
        .only("meeting", "role", "official", "official__country", *PERSON_FIELDS)
        .order_by("role", "pk")
    )
    return (
        Meeting.objects.visible()
        .select_related("parent")
        .only(*MEETING_FIELDS, "parent__title")
        .prefetch_related(
            Prefetch("participations", queryset=people),
            Prefetch(
                "participations__official__positions",
                queryset=Position.objects.only(*POST_FIELDS).order_by("first_seen"),
            ),
            Prefetch("countries", queryset=Country.objects.only("code", "name")),
            "topics",
            # The meetings inside a visit in the order they took place.
            Prefetch(
                "children",
                queryset=meetings()
                .only("parent", *DATED_FIELDS)
                .order_by(F("start_date").asc(nulls_last=True), "pk"),
            ),
            Prefetch(
                "agreements",
                queryset=agreements()
                .only("meeting", "title", "amount", "currency")
                .order_by("title"),
            ),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("document").only(
                    "meeting", *EVIDENCE_FIELDS
                ),
            ),
        )
        .get(pk=pk)
    )


def post_at(official: Official, day: dt.date | None) -> Position | None:
    """The post an official held on a day, as the documents show it: the one whose stated
    or seen period is nearest that day (documents name a post a few days after an event)."""
    return post_among(list(official.positions.all()), day)


def post_among(posts: list, day: dt.date | None):
    """`post_at` among these posts (each with its title, organisation, stated start and
    end and first and last sightings); the latest seen when `day` is None."""
    if not posts:
        return None
    if day is None:
        return max(posts, key=lambda p: p.last_seen or dt.date.min)

    def distance(post: Position) -> int:
        if not (post.start or post.end or post.first_seen or post.last_seen):
            return 10**6  # a post no document dates: only when there is nothing better
        start = post.start or post.first_seen or dt.date.min
        end = post.end or post.last_seen or dt.date.max
        if start <= day <= end:
            return 0
        return (start - day).days if day < start else (day - end).days

    return min(posts, key=lambda p: (distance(p), -(p.last_seen or dt.date.min).toordinal()))


KIND_LABELS = dict(MeetingKind.choices)


def main_pair() -> dict | None:
    """The two countries most meetings concern, for a link to their relationship page (kept
    until the data changes: it counts every meeting)."""
    return facet_cache.cached("main_pair", _main_pair)


def _main_pair() -> dict | None:
    top = list(
        Country.objects.filter(meetings__in=meetings())
        .annotate(n=Count("meetings", distinct=True))
        .order_by("-n", "code")[:2]
    )
    if len(top) < 2:
        return None
    first, second = sorted(top, key=lambda c: c.code)
    return {
        "slug": f"{first.code.lower()}-{second.code.lower()}",
        "label": f"{top[0].name}–{top[1].name}",
    }


# ---------------------------------------------------------------- agreements


def agreements():
    return Agreement.objects.public()


def currency_totals(rows) -> list[dict]:
    """{currency, total, count} of the agreements with an amount among `rows`, one per
    currency (one aggregate query; amounts are not converted)."""
    return list(
        rows.order_by()
        .prefetch_related(None)
        .filter(amount__isnull=False)
        .values("currency")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("currency")
    )


def having_party(code: str):
    """An agreement to which a country is a party."""
    return Exists(
        Agreement.parties.through.objects.filter(agreement_id=OuterRef("pk"), country__code=code)
    )


# ---------------------------------------------------------------- officials


def officials():
    return Official.objects.public()
