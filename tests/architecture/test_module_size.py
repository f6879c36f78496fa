"""No module over 500 lines outside migrations and tests.

The modules over the limit today are listed with their length as a ceiling: none may grow,
and one brought under the limit leaves the list (lower a ceiling when a module shrinks).
A module not listed fails as soon as it passes the limit.
"""

from tests.architecture.imports import ROOT, project_files

LIMIT = 500

# Path -> the most lines it may have. Shrinking only.
CEILINGS: dict[str, int] = {}


def _lengths() -> dict[str, int]:
    return {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in project_files()
    }


def test_no_new_module_passes_the_limit():
    over = {path: n for path, n in _lengths().items() if n > LIMIT and path not in CEILINGS}
    assert not over, f"over {LIMIT} lines (split them by what they hold): {over}"


def test_no_listed_module_grows():
    lengths = _lengths()
    grown = {p: (lengths[p], most) for p, most in CEILINGS.items() if lengths.get(p, 0) > most}
    assert not grown, f"grown past their ceiling (lines, ceiling): {grown}"


def test_the_list_names_only_modules_still_over_the_limit():
    lengths = _lengths()
    stale = sorted(p for p in CEILINGS if lengths.get(p, 0) <= LIMIT)
    assert not stale, f"no longer over {LIMIT} lines (or gone): remove {stale} from CEILINGS"
