"""`check_browsing` compares the pages' answers with direct SQL counts and says so."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_checks_pass_on_generated_data_and_print_their_numbers(capsys):
    call_command("generate_kb", meetings=600, seed=2, verbosity=0)
    call_command("check_browsing")
    out = capsys.readouterr().out
    assert "FAIL" not in out and "All checks passed." in out
    assert out.count("OK   pair page count links to as many rows") >= 3
    assert "OK   From/To" in out and "= direct SQL count" in out
