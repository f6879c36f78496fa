"""The list's official rows (relations.official_rows) say what the officials' models say."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from relations import search
from relations.models import Alias, Official
from relations.official_rows import official_rows, officials_by_id
from relations.selectors import officials
from relations.views.officials import latest_post, officials_listed


def test_rows_show_the_country_latest_post_and_alias_the_models_give(db):
    call_command("generate_kb", meetings=200, seed=6, verbosity=0)
    first = Official.objects.order_by("pk").first()
    Alias.objects.create(official=first, name="Zyxwv Qrstu")  # found only by its alias
    models = list(officials_listed(aliases=True))
    rows = official_rows(officials_listed(aliases=True), aliases=True)
    assert [row.pk for row in rows] == [m.pk for m in models] and len(rows) >= 20
    terms = search.parse("zyxwv")
    for row, model in zip(rows, models, strict=True):
        assert (row.name, row.review_state) == (model.name, model.review_state)
        assert (row.country and row.country.name) == (model.country and model.country.name)
        post, expected = row.latest_post, latest_post(model)
        assert (post and post.title) == (expected and expected.title)
        assert [a.name for a in row.aliases] == [a.name for a in model.aliases.all()]
        alias = search.matched_alias(terms, row.name_key, row.aliases)
        expected_alias = search.matched_alias(terms, model.name_key, model.aliases.all())
        assert (alias and alias.name) == (expected_alias and expected_alias.name)
    [found] = [r for r in rows if r.pk == first.pk]
    assert search.matched_alias(terms, found.name_key, found.aliases).name == "Zyxwv Qrstu"


def test_rows_by_id_keep_the_order_asked_and_leave_out_what_the_list_hides(db):
    call_command("generate_kb", meetings=50, seed=7, verbosity=0)
    ids = list(officials().order_by("-pk").values_list("pk", flat=True)[:5])
    hidden = Official.objects.get(pk=ids[2])
    hidden.merged_into = Official.objects.get(pk=ids[0])
    hidden.save()
    with CaptureQueriesContext(connection) as queries:
        rows = officials_by_id(ids, officials(), aliases=True)
    assert [r.pk for r in rows] == [ids[0], ids[1], ids[3], ids[4]]
    assert len(queries) == 3
