"""Web pages: the article a person reads (trafilatura), without the site around it —
navigation, header, footer, related links, comments — and what the page's markup says about
it: headline, publication date (htmldate, from the markup only, never a date guessed from the
text), site name, canonical address and author."""

import datetime as dt
import re
from dataclasses import dataclass

from documents.source_meta import SourceMeta

# htmldate reads dates from the page's markup (meta tags, <time>, JSON-LD, the address);
# its extensive search would take any date in the text, which extraction reads better.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class WebPage:
    text: str  # paragraphs separated by a blank line; "" when no article was found
    meta: SourceMeta


def read_web_page(html: str) -> WebPage:
    """The page's article text and its metadata. The headline opens the text (a reader sees
    it first, and extraction reads the title from there too)."""
    import trafilatura  # here: importing it takes over a second, paid only when pages come

    found = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if found is None:
        return WebPage("", SourceMeta())
    meta = SourceMeta(
        title=_line(found.title),
        published_on=_date(found.date),
        publisher=_line(found.sitename),
        byline=_line(found.author),
        url=found.url if (found.url or "").startswith(("http://", "https://")) else "",
    )
    paragraphs = [_SPACES.sub(" ", p).strip() for p in (found.text or "").split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if meta.title and paragraphs and paragraphs[0] != meta.title:
        paragraphs.insert(0, meta.title)
    return WebPage("\n\n".join(paragraphs) + "\n" if paragraphs else "", meta)


def _line(value: str | None) -> str:
    return _SPACES.sub(" ", (value or "").replace("\n", " ")).strip()


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None
