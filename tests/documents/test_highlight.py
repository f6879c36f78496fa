"""documents.highlight: evidence spans as marks in escaped text, each character once."""

import html
import random
import re

from django.utils.safestring import SafeString

from documents.highlight import Span, highlight


def span(start, end, n, kind="Meeting", name=None, url=None) -> Span:
    return Span(
        start=start,
        end=end,
        anchor=f"ev-{n}",
        url=url or f"/fact/{n}/",
        kind=kind,
        name=name or f"Fact {n}",
    )


def visible(markup: str) -> str:
    """What a reader sees as the document's text: no tags, no lists of links, no hidden text."""
    markup = re.sub(r"<sup\b.*?</sup>", "", markup)
    markup = re.sub(r'<span class="visually-hidden">.*?</span>', "", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def marks(markup: str) -> list[str]:
    return re.findall(r"<mark\b.*?</mark>", markup, re.S)


def test_without_spans_the_text_is_only_escaped():
    out = highlight("a < b & c\n\nnext", [])
    assert isinstance(out, SafeString)
    assert out == "a &lt; b &amp; c\n\nnext"


def test_one_span_is_a_mark_that_links_to_its_fact_with_a_label():
    text = "Before. The ministers met. After."
    out = highlight(text, [span(8, 26, 7, name="Talks in Tokyo")])
    assert out == (
        'Before. <mark id="ev-7" class="ev"><a href="/fact/7/" title="Meeting: Talks in Tokyo">'
        'The ministers met.<span class="visually-hidden"> (Meeting: Talks in Tokyo)</span>'
        "</a></mark> After."
    )


def test_spans_at_the_very_start_and_end_of_the_text():
    text = "Start here, middle, end here"
    out = highlight(text, [span(0, 10, 1), span(20, len(text), 2)])
    assert out.startswith('<mark id="ev-1" class="ev">')
    assert out.endswith(
        "end here" + '<span class="visually-hidden"> (Meeting: Fact 2)</span></a></mark>'
    )
    assert visible(out) == text
    assert len(marks(out)) == 2


def test_adjacent_spans_stay_two_marks_without_losing_or_repeating_text():
    text = "AAAABBBB"
    out = highlight(text, [span(4, 8, 2), span(0, 4, 1)])
    assert [visible(m) for m in marks(out)] == ["AAAA", "BBBB"]
    assert visible(out) == text
    assert out.index('id="ev-1"') < out.index('id="ev-2"')


def test_overlapping_spans_render_each_character_once_and_share_the_overlap():
    text = "0123456789ABCDE"
    out = highlight(text, [span(0, 10, 1, name="First"), span(5, 15, 2, name="Second")])
    assert visible(out) == text
    pieces = marks(out)
    assert [visible(m) for m in pieces] == ["01234", "56789", "ABCDE"]
    assert 'href="/fact/1/"' in pieces[0] and 'href="/fact/2/"' not in pieces[0]
    # The shared piece is one mark with a link to each fact.
    assert 'href="/fact/1/"' in pieces[1] and 'href="/fact/2/"' in pieces[1]
    assert '<sup class="ev-facts">' in pieces[1]
    assert 'href="/fact/2/"' in pieces[2] and 'href="/fact/1/"' not in pieces[2]
    assert 'id="ev-1"' in pieces[0] and 'id="ev-2"' in pieces[1]


def test_a_sentence_cited_by_several_facts_is_one_mark_with_every_anchor_and_link():
    text = "Intro. They met and signed. Outro."
    spans = [
        span(7, 27, 1, kind="Meeting", name="Talks"),
        span(7, 27, 2, kind="Agreement", name="Grant"),
        span(7, 27, 3, kind="Official", name="A. Person"),
    ]
    out = highlight(text, spans)
    (only,) = marks(out)
    assert visible(only) == "They met and signed."
    for n in (1, 2, 3):
        assert out.count(f'id="ev-{n}"') == 1
        assert f'href="/fact/{n}/"' in only
    assert re.search(r'<mark id="ev-1" class="ev ev-shared">', only)
    assert 'title="Agreement: Grant"' in only
    assert '<span class="visually-hidden">Official: </span>A. Person</a>' in only


def test_two_evidence_rows_for_the_same_fact_give_one_link():
    out = highlight("same sentence", [span(0, 4, 1, url="/m/1/"), span(0, 13, 2, url="/m/1/")])
    first, second = marks(out)
    assert first.count('href="/m/1/"') == 1 and "ev-shared" not in first
    assert 'id="ev-1"' in first and 'id="ev-2"' in first
    assert visible(out) == "same sentence"


def test_the_text_and_the_labels_are_escaped_inside_and_outside_marks():
    text = "<script>alert(1)</script> says {{ x }} & {% now %} \"q\" 'a'"
    label = '"><img src=x onerror=alert(2)>'
    out = highlight(text, [span(0, 25, 1, name=label, url='/x/?a=1&b="2"')])
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "{{ x }}" in out  # harmless once rendered: the template engine never parses it
    assert 'href="/x/?a=1&amp;b=&quot;2&quot;"' in out
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in out
    assert visible(out) == text


def test_line_breaks_are_kept_for_paragraphs():
    text = "First paragraph.\n\nSecond paragraph.\nLine two."
    out = highlight(text, [span(10, 30, 1)])
    assert visible(out) == text
    assert "\n\n" in out and "<br" not in out


def test_empty_and_out_of_range_spans_keep_their_anchor_and_mark_nothing():
    text = "short text"
    out = highlight(text, [span(3, 3, 1), span(50, 80, 2), span(-5, 2, 3)])
    assert out.count('id="ev-1"') == 1 and out.count('id="ev-2"') == 1
    assert [visible(m) for m in marks(out)] == ["sh"]
    assert visible(out) == text
    assert out.endswith('<span id="ev-2" class="ev-anchor"></span>')


def test_random_spans_never_lose_repeat_or_reorder_text():
    rng = random.Random(20240705)
    text = "".join(rng.choice("ab <>&\n\"'x{}") for _ in range(200))
    for _ in range(200):
        spans = []
        for n in range(rng.randint(0, 12)):
            start = rng.randint(0, len(text))
            spans.append(span(start, min(len(text), start + rng.randint(0, 40)), n))
        out = highlight(text, spans)
        assert visible(out) == text
        for s in spans:
            assert out.count(f'id="{s.anchor}"') == 1
        covered = {i for s in spans for i in range(s.start, s.end)}
        assert sum(len(visible(m)) for m in marks(out)) == len(covered)
