"""`manage.py generate_kb`: a synthetic knowledge base that keeps the model's rules."""

import pytest
from django.core.management import CommandError, call_command

from documents.models import Document, Evidence
from relations.models import Agreement, Alias, Country, Meeting, Official, Participation
from relations.search import search_officials


def generate(meetings: int, **options) -> None:
    call_command("generate_kb", meetings=meetings, seed=1, verbosity=0, **options)


def test_it_makes_the_asked_number_of_meetings_and_the_rest_in_proportion(db):
    generate(400)
    assert Meeting.objects.count() == 400
    assert Country.objects.count() == 50
    assert Official.objects.count() == 40 and Alias.objects.count() == 40
    assert Agreement.objects.count() == 100
    assert Document.objects.count() == 20
    # about three participants a meeting; visits hold meetings
    assert 2 * 400 <= Participation.objects.count() <= 4 * 400
    assert Meeting.objects.filter(kind="official_visit", children__isnull=False).exists()
    currencies = set(Agreement.objects.exclude(currency="").values_list("currency", flat=True))
    assert len(currencies) == 5


def test_the_rows_keep_the_models_rules(db):
    generate(300)
    for meeting in Meeting.objects.filter(end_date__isnull=False):
        assert meeting.end_date >= meeting.start_date
    for child in Meeting.objects.filter(parent__isnull=False).select_related("parent"):
        assert child.parent.start_date <= child.start_date <= child.parent.end_date
    assert not Agreement.objects.filter(amount__isnull=False, currency="").exists()
    assert set(Meeting.objects.values_list("review_state", flat=True)) <= {
        "extracted",
        "verified",
        "rejected",
    }
    # every fact has evidence whose quote is the sentence of its document it points at
    assert not Meeting.objects.filter(evidence__isnull=True).exists()
    for ev in Evidence.objects.select_related("document")[:200]:
        assert ev.document.text[ev.start : ev.end] == ev.quote


def test_names_are_found_as_readers_type_them(db):
    generate(300)
    official = Official.objects.filter(name__contains=" ").order_by("pk").first()
    family, given = official.family_name, official.given_name.split()[0]
    found = search_officials(f"{family.upper()} {given.lower()}", Official.objects.all())
    assert official in found


def test_the_same_seed_gives_the_same_knowledge_base(db):
    generate(60)
    first = list(Meeting.objects.order_by("pk").values_list("title", "start_date", "kind"))
    generate(60, force=False)
    second = list(Meeting.objects.order_by("pk").values_list("title", "start_date", "kind"))
    assert second[60:] == first


def test_it_refuses_a_database_with_real_documents_unless_forced(db):
    Document.objects.create(file_name="real.txt", sha256="0" * 64, title="Real", text="x")
    with pytest.raises(CommandError, match="real documents"):
        generate(10)
    assert not Meeting.objects.exists()
    generate(10, force=True)
    assert Meeting.objects.count() == 10
