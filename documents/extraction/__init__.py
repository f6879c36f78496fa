"""The extraction pipeline: document text in, candidate facts with their evidence out.

    clean_text -> extract_metadata -> analyse (spaCy) -> find_mentions -> build_officials
    -> find_meetings -> find_agreements

(the stages from `analyse` on run over each section of a long text: `sections`)

Each stage is a pure function of the text and of what earlier stages found; none touches
the database. `relations.services.apply_extraction` resolves the result against the
knowledge base.
"""

import datetime as dt

from documents.extraction.candidates import Extraction
from documents.extraction.cleaning import clean_text
from documents.extraction.dates import latest_stated_day, reference_date
from documents.extraction.metadata import extract_metadata
from documents.extraction.sections import facts, read_sections, sections_of

# Bump when extraction changes what it finds: `ingest --reextract` re-reads older documents.
EXTRACTOR_VERSION = "2.0"


def extract(raw_text: str, *, published_on: dt.date | None = None, map_in_order=map) -> Extraction:
    """Every fact the text states, with the sentence that states it. `published_on`, when
    known from elsewhere (an editor), is the date relative expressions count from. A long
    text is read section by section (`sections`), by `map_in_order`: this process by
    default, a worker pool's `map` to read the sections on several cores."""
    text = clean_text(raw_text)
    meta = extract_metadata(text)
    if published_on:
        meta.published_on = published_on
    reference = reference_date(text, meta.published_on)
    parts = sections_of(text, reference, meta.published_on)
    if parts is None:
        officials, meetings, agreements = facts(text, reference, meta.published_on)
    else:
        officials, meetings, agreements = read_sections(parts, map_in_order)
    return Extraction(
        text=text,
        meta=meta,
        officials=officials,
        meetings=meetings,
        agreements=agreements,
        reference_date=reference,
        as_of=meta.published_on or latest_stated_day(text),
    )
