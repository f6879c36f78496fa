"""The extraction pipeline: document text in, candidate facts with their evidence out.

    clean_text -> extract_metadata -> analyse (spaCy) -> find_mentions -> build_officials
    -> find_meetings -> find_agreements

Each stage is a pure function of the text and of what earlier stages found; none touches
the database. `relations.services.apply_extraction` resolves the result against the
knowledge base.
"""

import datetime as dt

from documents.extraction.agreements import find_agreements
from documents.extraction.candidates import Extraction
from documents.extraction.cleaning import clean_text
from documents.extraction.dates import latest_stated_day, reference_date
from documents.extraction.meetings import find_meetings
from documents.extraction.metadata import extract_metadata
from documents.extraction.nlp import analyse, titlecase_caps_names
from documents.extraction.officials import build_officials
from documents.extraction.people import find_mentions

# Bump when extraction changes what it finds: `ingest --reextract` re-reads older documents.
EXTRACTOR_VERSION = "2.0"


def extract(raw_text: str, *, published_on: dt.date | None = None) -> Extraction:
    """Every fact the text states, with the sentence that states it. `published_on`, when
    known from elsewhere (an editor), is the date relative expressions count from."""
    text = clean_text(raw_text)
    meta = extract_metadata(text)
    if published_on:
        meta.published_on = published_on
    reference = reference_date(text, meta.published_on)
    sentences = analyse(text)
    mentions = find_mentions(text, titlecase_caps_names(text), sentences)
    people = build_officials(text, sentences, mentions)
    meetings = find_meetings(
        text, sentences, people, people.officials, reference, published_on=meta.published_on
    )
    agreements = find_agreements(text, sentences, people, meetings, reference)
    return Extraction(
        text=text,
        meta=meta,
        officials=people.officials,
        meetings=meetings,
        agreements=agreements,
        reference_date=reference,
        as_of=meta.published_on or latest_stated_day(text),
    )
