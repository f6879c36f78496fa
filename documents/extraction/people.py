"""Stage 3a: mentions of people — clean names, and the titles and countries beside them.

A mention comes from the model (a PERSON entity) or from the rules (a title or an
honorific followed by capitalised words: `His Excellency HAYASHI Yoshimasa`). Its name is
stripped of honorifics and titles; the title phrase before it (`Japanese Minister for
Foreign Affairs`) or after it (`, deputy chief of mission of the Embassy`) gives posts,
organisations and a country.
"""

import re

from spacy.lang.en.stop_words import STOP_WORDS

from documents.extraction.countries import countries_in, find_country
from documents.extraction.name_patterns import (
    APPOSITION_NAME,
    CAPS_TITLE_NAME,
    COMMA_TITLE_NAME,
    COUNTERPART_NAME,
    HONORIFIC_WORDS,
    NAME_TOKEN_STOP,
    NOT_NAME_WORDS,
    PARTICLES,
    RULE_NAME,
    STREET_AFTER,
    STYLE_BEFORE,
    UPPER,
    _clean,
    is_name,
    longest_first,
    skip_lead_words,
)
from documents.extraction.nlp import Sentence, pos
from documents.extraction.posts import Mention, Post, attach_posts


def find_mentions(text: str, normalised: str, sentences: list[Sentence]) -> list[Mention]:
    """Every person mention, model and rules together, one per stretch of text.

    A full name found once is found again wherever the text repeats it, even where the
    model missed it (`Minister of Foreign Affairs … Prak Sokhonn`).
    """
    found = [_candidate_spans(normalised, sentence) for sentence in sentences]
    # The first reading only gathers names: posts are read on the second.
    first = _find_mentions(text, normalised, sentences, found, [], with_posts=False)
    full = {m.name for m in first if len(m.words) > 1}
    # A word of one known name only ('Wang' of 'Wang Yi'; not 'Hun' of Hun Sen and Hun Manet).
    owners: dict[str, set[str]] = {}
    for name in full:
        for word in name.split():
            owners.setdefault(word, set()).add(name)
    short = {
        w for w, names in owners.items()
        if len(names) == 1 and len(w) > 2 and w.lower() not in STOP_WORDS and not find_country(w)
    }  # fmt: skip
    known = sorted(full | short, key=len, reverse=True)
    return _find_mentions(text, normalised, sentences, found, known)


def _candidate_spans(normalised: str, sentence: Sentence) -> list[tuple[int, int]]:
    """Stretches of a sentence that may name a person: the model's PERSON entities and
    what the title, apposition and counterpart rules find."""
    spans: list[tuple[int, int]] = []
    places = [(e.start, e.end) for e in sentence.ents("GPE", "LOC", "FAC")]
    for ent in sentence.ents("PERSON"):
        cleaned = _clean(*_widen(sentence, ent.start, ent.end), normalised)
        if cleaned:
            spans.append(cleaned)
    for pattern in (APPOSITION_NAME, COUNTERPART_NAME, COMMA_TITLE_NAME):
        for m in pattern.finditer(normalised, sentence.start, sentence.end):
            s, e = m.start("name"), m.end("name")
            s = skip_lead_words(s, e, normalised)  # 'Padei Techo Hun Sen', 'PM Li Qiang'
            if not any(ps <= s < pe for ps, pe in places):
                spans.append((s, e))
    for line in re.finditer(r"[^\n]+", normalised[sentence.start : sentence.end]):
        letters = [c for c in line.group(0) if c.isalpha()]
        if len(letters) > 12 and sum(c.isupper() for c in letters) / len(letters) > 0.9:
            offset = sentence.start + line.start()
            for m in CAPS_TITLE_NAME.finditer(line.group(0)):
                spans.append((offset + m.start("name"), offset + m.end("name")))
    for m in RULE_NAME.finditer(normalised, sentence.start, sentence.end):
        s, e = m.start("name"), m.end("name")
        cleaned = _clean(s, e, normalised)
        if cleaned:
            spans.append(cleaned)
    # A name does not begin inside a country's name ('… to Sri Lanka Khalaf Bu Dhhair').
    countries = [
        (sentence.start + cs, sentence.start + ce)
        for cs, ce, _ in countries_in(normalised[sentence.start : sentence.end])
    ]
    out = []
    for s, e in spans:
        for cs, ce in countries:
            if cs <= s < ce < e:
                s = ce + len(normalised[ce:e]) - len(normalised[ce:e].lstrip())
        out.append((s, e))
    return out


def _find_mentions(
    text: str,
    normalised: str,
    sentences: list[Sentence],
    found: list[list[tuple[int, int]]],
    known_names: list[str],
    with_posts: bool = True,
) -> list[Mention]:
    mentions: list[Mention] = []
    known = (
        re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in known_names)})(?![\w-])")
        if known_names
        else None
    )
    for sentence, candidates in zip(sentences, found, strict=True):
        spans = list(candidates)
        if known:
            for m in known.finditer(normalised, sentence.start, sentence.end):
                spans.append((m.start(), m.end()))
        kept = list(longest_first(spans))
        previous_end = 0  # where the last mention of this sentence ends
        previous: Mention | None = None
        for s, e in sorted(kept):
            name = _trim_name(normalised[s:e])
            if not is_name(name.split()):
                continue
            # where the name ends in the text, however many spaces it has ('Narendra  Modi')
            parts = name.split()
            last = list(re.finditer(r"\S+", normalised[s:e]))[len(parts) - 1]
            e = s + last.start() + len(parts[-1])
            if STREET_AFTER.match(normalised, e):
                continue
            if all(w.isupper() and len(w) > 1 for w in name.split()):  # a letterhead's
                name = name.title()
            name = re.sub(rf"\b([{UPPER}])\.(?=[{UPPER}])", r"\1. ", name)  # 'J.Erdenebat'
            mention = Mention(sentence.index, s, e, text[s:e], name)
            mention.styled = bool(STYLE_BEFORE.search(normalised[max(0, s - 80) : s]))
            if with_posts:
                attach_posts(mention, text, normalised, sentence, not_before=previous_end)
                # 'Presidents Andrés Manuel López Obrador and Bernardo Arévalo'
                if (
                    not mention.posts
                    and previous is not None
                    and previous.plural_title
                    and normalised[previous.end : s].strip() == "and"
                ):
                    mention.posts = [Post(p.title, p.organisation, None) for p in previous.posts]
            previous_end = max(previous_end, e)
            previous = mention
            mentions.append(mention)
    return mentions


def _widen(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """Grow a PERSON span over proper nouns the model left out ('Taninai' of 'Taninai
    Ichitomo'), stopping at titles, honorifics and country names."""
    tokens = list(sentence.doc) if sentence.doc is not None else []
    spans = [(sentence.offset + t.idx, sentence.offset + t.idx + len(t.text), t) for t in tokens]
    inside = [i for i, (s, e, _) in enumerate(spans) if s >= start and e <= end]
    if not inside:
        return start, end

    def name_like(token) -> bool:
        word = token.text
        return (
            word[:1].isupper()
            and not NAME_TOKEN_STOP.match(word)
            and not find_country(word)
            and word.lower() not in NOT_NAME_WORDS
            and word.lower() not in HONORIFIC_WORDS
            and pos(token) == "PROPN"  # last: the part of speech is set on demand
        )

    def joins_title(index: int) -> bool:  # 'Minister of Commerce Phumtham': not a name
        return index > 0 and spans[index - 1][2].text.lower() in {"of", "for", "and", "the"}

    first, last = inside[0], inside[-1]
    while (
        first > 0
        and inside[0] - first < 2
        and name_like(spans[first - 1][2])
        and not joins_title(first - 1)
    ):
        first -= 1
    while last + 1 < len(spans) and last - inside[-1] < 2 and name_like(spans[last + 1][2]):
        last += 1
    return spans[first][0], spans[last][1]


def _trim_name(name: str) -> str:
    """Cut a name where words that are not names begin (`Hun Sen said` -> `Hun Sen`); a
    possessive ends it (`Dissanayake’s New Delhi visit` -> `Dissanayake`)."""
    words: list[str] = []
    parts = name.split()
    for i, w in enumerate(parts):
        if w in PARTICLES and i + 1 < len(parts) and parts[i + 1][:1].isupper():
            words.append(w)
            continue
        if w.lower() in NOT_NAME_WORDS or not w[0].isupper():
            break
        possessive = re.search(r"(?:'s|’s|'|’)$", w)
        if possessive:
            if len(w) > len(possessive.group(0)):
                words.append(w[: -len(possessive.group(0))])
            break
        words.append(w)
    while words and words[-1] in PARTICLES:
        words.pop()
    return " ".join(words)


# ---------------------------------------------------------------- titles
