"""Dependencies run one way (docs/architecture.md): the apps may import the pipeline, never
the other way round, and the knowledge model does not import the documents app.

- `documents.extraction` (the pipeline: stages, vocabularies, countries, name folding, the
  scorer) imports neither Django nor `relations` nor any other part of `documents`;
- `relations/models.py` imports nothing from `documents` but the pipeline's vocabularies
  (the documents app's models point at the knowledge model, not the reverse);
- the apps do not import the benchmarks (`bench`), which import them.
"""

import pytest

from tests.architecture.imports import (
    ROOT,
    imported_modules,
    imports_of,
    module_name,
    project_files,
    within,
)

PIPELINE = "documents.extraction"


def _forbidden_in_pipeline(name: str) -> bool:
    return (
        within(name, "django")
        or within(name, "relations")
        or (within(name, "documents") and not within(name, PIPELINE))
    )


def _pipeline_modules():
    return [p for p in project_files() if within(module_name(p), PIPELINE)]


def test_the_walk_sees_the_pipeline():
    names = {module_name(p) for p in _pipeline_modules()}
    assert {PIPELINE, f"{PIPELINE}.meetings", f"{PIPELINE}.names", f"{PIPELINE}.scoring"} <= names


@pytest.mark.parametrize("path", _pipeline_modules(), ids=lambda p: module_name(p))
def test_the_pipeline_imports_no_app_and_no_django(path):
    wrong = sorted(name for name in imports_of(path) if _forbidden_in_pipeline(name))
    assert not wrong, f"{path.relative_to(ROOT)} imports {wrong}"


def test_the_knowledge_model_does_not_import_the_documents_app():
    imported = imports_of(ROOT / "relations" / "models.py")
    wrong = sorted(n for n in imported if within(n, "documents") and not within(n, PIPELINE))
    assert not wrong, f"relations/models.py imports {wrong}"


def test_the_apps_do_not_import_the_benchmarks():
    wrong = {}
    for path in project_files():
        module = module_name(path)
        app = module.split(".")[0] in {"relations", "documents"}
        if app:
            found = sorted(n for n in imports_of(path) if within(n, "bench"))
            if found:
                wrong[module] = found
    assert not wrong, wrong


@pytest.mark.parametrize(
    "source",
    [
        "from relations.models import Official",
        "import django.conf",
        "def f():\n    from django.conf import settings",
        "from documents import services",
        "from .. import services",  # documents.services, written in documents/extraction/
        "import relations",
    ],
)
def test_the_rule_catches_each_way_of_importing(source):
    imported = imported_modules(source, f"{PIPELINE}.example")
    assert any(_forbidden_in_pipeline(name) for name in imported), imported


@pytest.mark.parametrize(
    "source",
    ["from documents.extraction.names import fold", "from .countries import BY_CODE", "import re"],
)
def test_the_rule_lets_the_pipeline_import_itself(source):
    imported = imported_modules(source, f"{PIPELINE}.example")
    assert not any(_forbidden_in_pipeline(name) for name in imported), imported
