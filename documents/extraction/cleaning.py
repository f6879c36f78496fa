"""Stage 0: the text as a reader would see it — markup removed, broken lines mended."""

import re

_SUP = re.compile(r"<su[pb]>(.*?)</su[pb]>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
_EMPHASIS = re.compile(r"\*\*|__")
_SPACED_PUNCT = re.compile(r"\( ([^()\n]{1,40}) \)")
# A space lost between a title's last word and the name after it ('Foreign AffairsVasanta').
_GLUED = re.compile(
    r"\b(Affairs|Minister|Ministry|Secretary|President|Ambassador|Development|Cooperation|"
    r"Finance|Defence|Defense|Trade|Commerce|Relations)(?=[A-Z][a-z])"
)


def clean_text(raw: str) -> str:
    """Markdown emphasis and HTML tags out, line breaks inside words and sentences mended.

    Documents copied from web pages and PDFs break lines in odd places: inside a word
    ('Samde\\nch'), inside a sentence, or across a page break. A break is mended when the
    line before does not end a sentence and the next starts in lower case.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\ufeff", "")
    text = _SUP.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _SPACED_PUNCT.sub(r"(\1)", text)
    text = _GLUED.sub(r"\1 ", text)
    lines = text.split("\n")
    filled = sorted(len(line) for line in lines if line.strip())
    one_line_paragraphs = bool(filled) and filled[len(filled) // 2] > 100
    out: list[str] = []
    blank_run = 0
    prev_ends_in_space = False
    for line in lines:
        stripped = line.strip()
        ends_in_space = line != line.rstrip()
        if not stripped:
            blank_run += 1
            continue
        if out and _continues(out[-1], stripped, blank_run):
            prev = out[-1]
            # In a text of one line per paragraph, a lone break before a lower-case letter
            # cuts a word in two ('secur\nity'); in a hard-wrapped text it is a space.
            split_word = (
                one_line_paragraphs
                and blank_run == 0
                and not prev_ends_in_space
                and prev[-1].isalpha()
                and stripped[0].islower()
            )
            out[-1] = prev + ("" if split_word else " ") + stripped
        else:
            if out:
                out.append("")
            out.append(stripped)
        blank_run = 0
        prev_ends_in_space = ends_in_space
    return "\n".join(out).strip() + "\n"


def _continues(prev: str, nxt: str, blank_run: int) -> bool:
    """The next line carries on the sentence (or heading) of the previous one."""
    if not prev or prev[-1] in '.!?:;"”’)':
        return False
    if nxt[0].islower():  # across a blank line only a body paragraph carries on (page breaks)
        return blank_run == 0 or len(prev) > 100
    # A heading or sentence hard-wrapped over adjacent lines (no blank line between).
    return blank_run == 0 and prev.isupper() == nxt.isupper()
