"""Stage 3b: officials — one candidate per person a document names, with posts and country.

Mentions of one person are joined: the same words in any order (`HAYASHI Yoshimasa`,
`Yoshimasa Hayashi`), a shorter form of a longer name (`Sok Chenda` in `Sok Chenda
Sophea`), and one-word short forms (`Sokhonn`, `Minister KAMIKAWA`) to the person last
named with that word. Only people holding a post somewhere in the document are officials:
bylines, photographers and commentators are not.
"""

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from documents.extraction.candidates import OfficialCandidate, Span
from documents.extraction.countries import countries_in, country_pattern, find_country, home_country
from documents.extraction.names import fold, name_key
from documents.extraction.nlp import Sentence
from documents.extraction.posts import Mention, Post
from documents.extraction.vocabulary import (
    AGENCY_COUNTRIES,
    ORGANISATION_WORDS,
    TITLE_ABBREVIATIONS,
)

MAX_EVIDENCE_PER_OFFICIAL = 5
NEARBY_CHARS = 40  # how far from a name a country may stand and still be taken as its


@dataclass
class Person:
    mentions: list[Mention] = field(default_factory=list)
    # The loose words of the person's names of two words or more, kept as mentions come.
    words: set[str] = field(default_factory=set)
    starts: list[int] = field(default_factory=list)  # where the mentions begin, in order

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        if len(mention.words) > 1:
            self.words |= {_loose(w) for w in mention.words}
        bisect.insort(self.starts, mention.start)

    def last_start_until(self, offset: int) -> int:
        """Where the person's last mention at or before `offset` begins; -1 if none."""
        at = bisect.bisect_right(self.starts, offset)
        return self.starts[at - 1] if at else -1

    @property
    def posts(self) -> list[Post]:
        return [p for m in self.mentions for p in m.posts]


@dataclass
class People:
    """The document's officials, and which official each mention is."""

    officials: list[OfficialCandidate]
    mention_official: dict[int, int]  # id(mention) -> official key
    mentions: list[Mention]

    _by_sentence: dict[int, list[Mention]] | None = field(default=None, repr=False)

    def in_sentence(self, index: int) -> list[tuple[Mention, int]]:
        if self._by_sentence is None:
            self._by_sentence = by_sentence(self.mentions)
        return [
            (m, self.mention_official[id(m)])
            for m in self._by_sentence.get(index, ())
            if id(m) in self.mention_official
        ]


def by_sentence(mentions: list[Mention]) -> dict[int, list[Mention]]:
    """The mentions of each sentence, in the list's order. Read sentence by sentence from
    this index, not by scanning every mention each time (which made extraction grow with
    the square of the document's length)."""
    index: dict[int, list[Mention]] = {}
    for m in mentions:
        index.setdefault(m.sentence, []).append(m)
    return index


@lru_cache(maxsize=65536)
def _loose(word: str) -> str:
    """A name word as transliterations agree on it: 'Müller' and 'Mueller' are one."""
    return re.sub(r"([aou])e", r"\1", fold(word))


def _cluster(mentions: list[Mention]) -> tuple[list[Person], dict[int, Person]]:
    """People by the words of their names. Each mention is compared with the people who
    share a word with it (an index from word to people), never with everyone named so far."""
    people: list[Person] = []
    of: dict[int, Person] = {}
    holding: dict[str, set[int]] = {}  # loose word -> indexes in `people` of its holders
    for m in (m for m in mentions if len(m.words) > 1):
        words = {_loose(w) for w in m.words}
        sharing = set().union(*(holding.get(w, ()) for w in words))
        # the person named last among those whose words hold the mention's, or the reverse
        at = next(
            (
                i
                for i in sorted(sharing, reverse=True)
                if words <= people[i].words or people[i].words <= words
            ),
            None,
        )
        if at is None:
            at = len(people)
            people.append(Person())
        people[at].add(m)
        for w in people[at].words:
            holding.setdefault(w, set()).add(at)
        of[id(m)] = people[at]
    for m in (m for m in mentions if len(m.words) == 1):
        holders = [people[i] for i in sorted(holding.get(_loose(m.words[0]), ()))]
        if not holders:
            continue
        nearest = max(holders, key=lambda p: p.last_start_until(m.start))
        nearest.add(m)
        of[id(m)] = nearest
    return people, of


@cache
def _organisation_patterns() -> tuple[re.Pattern, re.Pattern]:
    """'<Word> of (the) <country>' and '<country> <Word>', compiled once (the country
    alternation is long: compiling it per organisation word cost more than the search)."""
    countries = country_pattern().pattern
    return (
        re.compile(rf"\b([\w’'-]+)\s+of\s+(?:the\s+)?({countries})", re.IGNORECASE),
        re.compile(rf"({countries})\s+([\w’'-]+)\b", re.IGNORECASE),
    )


def _organisation_country(organisation: str, text: str) -> str | None:
    """'the Embassy' in a text that names 'the Embassy of Japan' belongs to Japan."""
    # a national development agency, by its acronym or spelled out before it ('Department
    # for International Development (DFID)')
    if organisation in AGENCY_COUNTRIES:
        return AGENCY_COUNTRIES[organisation]
    spelled = re.search(re.escape(organisation) + r"\s*\(\s*([A-Za-z]{2,8})\s*\)", text)
    if spelled and spelled.group(1) in AGENCY_COUNTRIES:
        return AGENCY_COUNTRIES[spelled.group(1)]
    if len(organisation.split()) != 1:
        return None
    word = organisation
    of_country, country_word = _organisation_patterns()
    for m in of_country.finditer(text):
        if m.group(1).casefold() == word.casefold():
            return find_country(m.group(2))
    for m in country_word.finditer(text):
        if m.group(2).casefold() == word.casefold():
            return find_country(m.group(1))
    # An acronym the text spells out: 'Kuwait Fund for Arab Economic Development (KFAED)'.
    if word.isupper():
        m = re.search(
            rf"((?:[A-Z][\w’'-]*|of|for|the|and|&)(?:\s+(?:[A-Z][\w’'-]*|of|for|the|and|&)){{0,9}})"
            rf"\s*\(\s*{re.escape(word)}\s*\)",
            text,
        )
        found = countries_in(m.group(1)) if m else []
        if found:
            return found[0][2]
    return None


def _nearby_country(m: Mention, sentence: Sentence, others: list[Mention]) -> str | None:
    """The country of an organisation named just before a person, nearer to them than to anyone:
    'Representing the Cambodian Ministry of Foreign Affairs, Chea Kimtha'. `others`: the
    mentions of the sentence."""
    near = [o for o in others if o.sentence == m.sentence and o is not m]

    def distance(x: Mention, start: int, end: int) -> int:
        return x.start - end if end <= x.start else start - x.end

    best: tuple[int, str] | None = None
    for start, end, code in countries_in(sentence.text):
        start, end = start + sentence.start, end + sentence.start
        if start < m.end and m.start < end:
            continue
        if any(o.title_start is not None and o.title_start <= start < o.start for o in near):
            continue  # 'Japan' in 'Japan Foreign Minister Kamikawa' is Kamikawa's
        own = distance(m, start, end)
        if own > NEARBY_CHARS or end > m.start or any(distance(o, start, end) < own for o in near):
            continue
        # 'the Cambodian Ministry of Foreign Affairs, Chea Kimtha': an organisation between.
        between = {
            w.lower().strip(",.’'s")
            for w in sentence.text[end - sentence.start : m.start - sentence.start].split()
        }
        if not between & ORGANISATION_WORDS:
            continue
        if best is None or own < best[0]:
            best = (own, code)
    return best[1] if best else None


_PLURAL_HEADS = frozenset(
    [
        "presidents",
        "ministers",
        "premiers",
        "leaders",
        "ambassadors",
        "secretaries",
        "envoys",
        "chancellors",
        "governors",
        "kings",
        "queens",
        "heads",
        "chiefs",
        "chairmen",
        "chairpersons",
        "speakers",
    ]
)


def _of_another_country(title: str, country: str | None) -> bool:
    """'PM of Cambodia' worded for a Japanese official: the post of another country
    ('Ambassador to Cambodia' names where the post is held, not whose it is)."""
    if not country:
        return False
    return any(
        code != country and re.search(r"\bof\s+(?:the\s+)?$", title[:start])
        for start, _end, code in countries_in(title)
    )


@lru_cache(maxsize=65536)
def _title_words(title: str) -> frozenset[str]:
    return frozenset(w for w in fold(title).split() if w not in {"of", "for", "the", "and"})


def _distinct_titles(posts: list[Post]) -> list[tuple[str, str | None]]:
    """Each post once; a bare 'Minister' inside 'Minister of Foreign Affairs' is the same."""
    titles: list[tuple[str, str | None]] = []
    distinct = {_title_words(post.title) for post in posts}  # compared once each, not per post
    kept: set[frozenset[str]] = set()
    for post in posts:
        words = _title_words(post.title)
        if words in kept or any(words < other for other in distinct):
            continue
        kept.add(words)
        titles.append((post.title, post.organisation))
    return titles


def build_officials(text: str, sentences: list[Sentence], mentions: list[Mention]) -> People:
    people, of = _cluster(mentions)
    in_sentence = by_sentence(mentions)
    # 'his Japanese counterpart X' holds the post of the person before him in the sentence.
    for m in mentions:
        if m.counterpart_of and not m.posts:
            subject = next((o for o in in_sentence[m.sentence] if o.start < m.start), None)
            if subject and id(subject) in of:
                posts = of[id(subject)].posts
                if posts:
                    m.posts = [Post(posts[0].title, None, m.country)]

    officials: list[OfficialCandidate] = []
    mention_official: dict[int, int] = {}
    for person in people:
        # A post named anywhere, or a style only holders of an office are given ('Hon.').
        if not person.posts and not any(m.styled for m in person.mentions):
            continue
        full = [m for m in person.mentions if len(m.words) > 1]
        plain = [m for m in full if not any(w.isupper() and len(w) > 1 for w in m.surface.split())]
        # The fullest form the text gives is the name ('Abiy Ahmed Ali' over 'Abiy Ahmed');
        # the first of the longest, the others are aliases.
        pool = plain or full
        name = max(pool, key=lambda m: len(m.words)).name
        strong = Counter(m.country for m in person.mentions if m.country)
        country = strong.most_common(1)[0][0] if strong else None
        if country is None:
            for post in person.posts:
                if post.organisation:
                    country = _organisation_country(post.organisation, text)
                    if country:
                        break
        if country is None:
            weak = Counter(
                c
                for m in person.mentions
                if (c := _nearby_country(m, sentences[m.sentence], in_sentence[m.sentence]))
            )
            country = next(iter(weak)) if len(weak) == 1 else None  # only when unanimous
        titles = _distinct_titles(person.posts)
        # Each title also as the text words it ('Japanese Ambassador to Cambodia', 'Prime
        # Minister of Japan'), after the posts the rest of the pipeline reads.
        for m in person.mentions:
            for worded in m.worded:
                words = _title_words(worded)
                if worded.upper() in TITLE_ABBREVIATIONS:  # 'PM' is the post read already
                    continue
                # A title shared by several people ('Presidents') or naming another country's
                # post ('the former PM of X' said of someone from Y) is not this one's post.
                if fold(worded).split()[-1] in _PLURAL_HEADS or _of_another_country(
                    worded, country
                ):
                    continue
                if words and not any(words <= _title_words(t) for t, _ in titles):
                    titles.append((worded[:200], None))
        evidence: list[Span] = []
        for m in person.mentions:
            s = sentences[m.sentence]
            if len(evidence) < MAX_EVIDENCE_PER_OFFICIAL and all(
                e.start != s.start for e in evidence
            ):
                evidence.append(Span(s.start, s.end, s.text))
        candidate = OfficialCandidate(
            key=len(officials),
            name=name,
            aliases={
                " ".join(m.surface.split())
                for m in full
                if name_key(m.surface) and " ".join(m.surface.split()) != name
            },
            country=country,
            titles=titles,
            evidence=evidence,
        )
        officials.append(candidate)
        for m in person.mentions:
            mention_official[id(m)] = candidate.key
    _countries_of_delegations(sentences, in_sentence, mention_official, officials)
    _countries_by_stated_titles(text, officials)
    _countries_by_counterparts(text, officials)
    _countries_from_home(text, officials)
    return People(officials, mention_official, mentions)


_DELEGATION = re.compile(r"\b(?:accompanied|joined)\s+by\b", re.IGNORECASE)


def _countries_of_delegations(
    sentences: list[Sentence],
    in_sentence: dict[int, list[Mention]],
    mention_official: dict[int, int],
    officials: list[OfficialCandidate],
) -> None:
    """'Mr. Modi, who will be joined by External Affairs Minister S. Jaishankar, National
    Security Adviser Ajit Doval …': the people who accompany a leader are of their country."""
    for sentence in sentences:
        phrase = _DELEGATION.search(sentence.text)
        if not phrase:
            continue
        at = sentence.start + phrase.start()
        inside = [m for m in in_sentence.get(sentence.index, ()) if id(m) in mention_official]
        leads = [m for m in inside if m.end <= at]
        if not leads:
            continue
        lead = officials[mention_official[id(leads[-1])]]
        if lead.country is None:
            continue
        end = sentence.text.find(";", phrase.end())
        stop = sentence.start + end if end != -1 else sentence.end
        for m in inside:
            if at < m.start < stop:
                follower = officials[mention_official[id(m)]]
                follower.country = follower.country or lead.country


def _countries_by_stated_titles(text: str, officials: list[OfficialCandidate]) -> None:
    """'Office of Prime Minister of Canada : Prime Minister Justin Trudeau': a post the text
    gives a country ('Prime Minister of Canada', 'Canada's Prime Minister', 'Canadian Prime
    Minister'), held by one person of the text whose country it leaves open, is theirs —
    unless another holder of that post in the text is of that country."""
    named = countries_in(text)  # read once: no country alternation per title
    for official in officials:
        if official.country is not None:
            continue
        codes: set[str] = set()
        for title, _ in official.titles:
            if not title or _title_words(title) <= {"minister"}:
                continue
            t = re.escape(title).replace(r"\ ", r"\s+")
            of_country = re.compile(rf"(?<![\w-]){t}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
            country_s = re.compile(rf"(?:’s|'s)?\s+{t}(?![\w-])", re.IGNORECASE)
            for start, end, code in named:
                if of_country.search(text, max(0, start - len(title) - 12), start) or (
                    country_s.match(text, end, end + len(title) + 8)
                ):
                    codes.add(code)
            holders = [
                o.country
                for o in officials
                if o is not official
                and {_title_words(x) for x, _ in o.titles} & {_title_words(title)}
            ]
            if None in holders:  # another holder, country open: it may be theirs
                codes = set()
                break
            codes -= set(holders)
        if len(codes) == 1:
            official.country = codes.pop()


def _countries_from_home(text: str, officials: list[OfficialCandidate]) -> None:
    """A text written from a country (its dateline, its national news agency) names that
    country's own officials without their country: 'Hanoi (VNA) – Prime Minister Nguyen
    Xuan Phuc'. Only people the text gives no other country get it."""
    home = home_country(text)
    if home is None or home not in {code for _, _, code in countries_in(text)}:
        return
    for official in officials:
        if official.country is None and official.titles:
            official.country = home


# Titles too common to say two holders are each other's counterparts.
_GENERIC_TITLES = {"minister", "secretary", "director", "member", "representative", "adviser"}


def _countries_by_counterparts(text: str, officials: list[OfficialCandidate]) -> None:
    """In a text about two countries, two people holding the same office are counterparts,
    one of each country: 'Chinese President Xi Jinping' and 'President Lee Jae Myung' in a
    text about China and Korea make Lee Korean. Only the two countries the text names most
    count, and only a person whose country the text leaves open gets one."""
    counts = Counter(code for _, _, code in countries_in(text))
    top = counts.most_common(3)
    if len(top) < 2 or (len(top) == 3 and top[2][1] == top[1][1]):
        return
    pair = {top[0][0], top[1][0]}
    changed = True
    while changed:
        changed = False
        for official in officials:
            if official.country is not None:
                continue
            mine = {_title_words(t) for t, _ in official.titles}
            mine = {w for w in mine if w and " ".join(sorted(w)) not in _GENERIC_TITLES}
            others = {
                o.country
                for o in officials
                if o.country in pair and mine & {_title_words(t) for t, _ in o.titles}
            }
            if len(others) == 1:
                official.country = next(iter(pair - others))
                changed = True
