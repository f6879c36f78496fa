"""The modules of the project and what each imports, read from the source with `ast`.

Every import counts, at module level or inside a function (a lazy import is still a
dependency); relative imports are resolved against the importing module's package.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {"migrations", "tests", "node_modules", "__pycache__"}


def project_files(root: Path = ROOT):
    """Every Python file of the project outside tests, migrations and hidden directories."""
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if any(part.startswith(".") or part in SKIPPED_DIRS for part in parts[:-1]):
            continue
        yield path


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """The dotted names `source` (the text of `module`) imports, relative ones resolved."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            found.add(name)
            # `from package import module` imports the module too.
            found.update(f"{name}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def imports_of(path: Path, root: Path = ROOT) -> set[str]:
    return imported_modules(
        path.read_text(encoding="utf-8"), module_name(path, root), path.name == "__init__.py"
    )


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")
