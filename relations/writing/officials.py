"""Writing a document's officials: found by name or alias (a longer or shorter spelling
of a known name too), their aliases and their posts."""

from itertools import combinations

from django.db.models import Q

from documents.extraction.candidates import OfficialCandidate
from documents.extraction.names import name_key
from relations.models import Alias, Official, Position, ReviewState
from relations.writing.rows import (
    lock_in_order,
    locked,
    save_if_changed,
    survivor,
    values,
    writable,
)


def _title_words(title: str) -> frozenset[str]:
    return frozenset(name_key(title).split()) - {"of", "for", "the", "and"}


def _name_parts(official: Official, cand: OfficialCandidate) -> None:
    """Family and given name of a new official, where a word of the name (or of an alias)
    is written in capitals, as the family name often is ('FAMILY Given')."""
    words = cand.name.split()
    caps = [w for w in words if w.isupper() and len(w) > 1]
    for alias in cand.aliases:
        caps = caps or [w for w in alias.split() if w.isupper() and len(w) > 1]
    if caps:
        family = caps[0].title()
        official.family_name = family
        official.given_name = " ".join(w for w in words if w.lower() != family.lower())


def _add_aliases(official: Official, cand: OfficialCandidate) -> None:
    """The candidate's spellings of the name the official does not have yet."""
    known = set(official.aliases.values_list("name", flat=True))
    for alias in sorted({cand.name, *cand.aliases} - {official.name}):
        if alias[:200] not in known:
            Alias.objects.get_or_create(official=official, name=alias[:200])


class OfficialWriting:
    """The officials' part of the document writer (`relations.services._Writer`)."""

    def officials_(self) -> None:
        # The officials already known, found first and locked lowest key first (see
        # `lock_in_order`); one not found yet is looked for again when its turn comes, as
        # an earlier candidate of this document may have made it.
        known = [self._known_official(cand) for cand in self.extraction.officials]
        lock_in_order(Official, known)
        for cand, found in zip(self.extraction.officials, known, strict=True):
            self.officials[cand.key] = self._official(cand, found)

    def _known_official(self, cand: OfficialCandidate) -> Official | None:
        return self._previous(Official, "official", cand.fingerprint) or self._find_official(cand)

    def _find_official(self, cand: OfficialCandidate) -> Official | None:
        keys = {name_key(cand.name)} | {name_key(a) for a in cand.aliases}
        found = Official.objects.filter(Q(name_key__in=keys) | Q(aliases__name_key__in=keys))
        official = found.order_by("pk").first()
        if official is None:
            # A longer or shorter spelling of a known name, either way round: 'Ana Maria' and
            # 'Ana Maria Lopez'. Candidates hold two of the name's words at least.
            words = set(name_key(cand.name).split())
            if len(words) >= 2:
                pairs = Q()
                for first, second in combinations(sorted(words), 2):
                    pairs |= Q(name_key__contains=first) & Q(name_key__contains=second)
                for other in Official.objects.filter(pairs).order_by("pk")[:20]:
                    other_words = set(other.name_key.split())
                    if len(other_words) < 2:
                        continue
                    same_country = (
                        not cand.country
                        or other.country_id is None
                        or self.country_code(other) == cand.country
                    )
                    if (words <= other_words or other_words <= words) and same_country:
                        official = other
                        break
        return survivor(official)

    def _official(self, cand: OfficialCandidate, found: Official | None) -> Official | None:
        official = locked(found or self._known_official(cand))
        if official is not None and official.review_state == ReviewState.REJECTED:
            return None
        extracted = {
            "name": cand.name,
            "country": cand.country,
            "titles": [t for t, _ in cand.titles],
        }
        if official is None:
            official = Official(
                name=cand.name, country=self.country(cand.country), extracted_values=extracted
            )
            _name_parts(official, cand)
            official.save()
            self.stats.created["officials"] += 1
        else:
            if official.pk not in self.touched["official"]:
                self.stats.merged["officials"] += 1
            before = values(official)
            if writable(official, "country") and official.country_id is None and cand.country:
                official.country = self.country(cand.country)
            official.extracted_values = extracted
            save_if_changed(official, before)
        if writable(official, "aliases"):
            _add_aliases(official, cand)
        if writable(official, "positions") and cand.titles:
            positions = list(official.positions.all())
            for title, organisation in cand.titles:
                self._position(official, positions, title, organisation, cand.country)
        self.touched["official"].add(official.pk)
        self._evidence(official, "official", cand.fingerprint, cand.evidence)
        return official

    def _position(
        self, official: Official, positions: list[Position], title: str, organisation, code
    ) -> None:
        """Record a post of the official; `positions` holds the official's posts (read
        once, kept up to date here)."""
        # 'Minister for Foreign Affairs' and 'Minister of Foreign Affairs' are one post.
        words = _title_words(title)
        same = [p for p in positions if _title_words(p.title) == words]
        if len(same) > 1:  # which comes first is the database's order (dates since read)
            same = [p for p in official.positions.all() if _title_words(p.title) == words]
        title = same[0].title if same else title
        known = next((p for p in positions if p.title == title[:200]), None)
        if known is not None:
            position, created = known, False
        else:
            position, created = self._new_position(official, title, organisation, code)
            if created:
                positions.append(position)
        if not created and self.as_of:
            before = values(position)
            position.first_seen = min(filter(None, [position.first_seen, self.as_of]))
            position.last_seen = max(filter(None, [position.last_seen, self.as_of]))
            position.organization = position.organization or (organisation or "")[:200]
            save_if_changed(position, before)

    def _new_position(self, official: Official, title: str, organisation, code):
        return Position.objects.get_or_create(
            official=official,
            title=title[:200],
            defaults={
                "organization": (organisation or "")[:200],
                "country": self.country(code),
                "first_seen": self.as_of,
                "last_seen": self.as_of,
            },
        )
