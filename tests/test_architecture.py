"""Import directions of the code base, read from the source (AST), one rule per row.

The flow is ingest -> analyse -> store -> query -> ui -> pages: ``analysis`` knows nothing of
the app, pages reach the analysis only through ``ui``, the frame of the app imports nothing
heavy, no module reaches into another's private names, tests stand alone. Each failure lists
every offending import as ``file:line: import``.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROJECT = ("analysis", "ui", "pages", "benchmarks", "training", "tests")


@dataclass(frozen=True)
class Import:
    """One import statement's target as seen from a file (``name`` set for ``from m import name``)."""

    file: str
    line: int
    module: str
    name: str | None
    top_level: bool  # at module level (not inside a function or class)

    def __str__(self) -> str:
        what = f"from {self.module} import {self.name}" if self.name else f"import {self.module}"
        return f"{self.file}:{self.line}: {what}"


def _files(*patterns: str) -> list[Path]:
    return sorted({path for pattern in patterns for path in REPO.glob(pattern)})


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module of a (possibly relative) ``from ... import``."""
    if not node.level:
        return node.module or ""
    package = _module_of(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _is_module(dotted: str) -> bool:
    """True when ``dotted`` names a module or package of the repository."""
    target = REPO.joinpath(*dotted.split("."))
    return target.with_suffix(".py").exists() or (target / "__init__.py").exists()


def _parse(path: Path, source: str | None) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8") if source is None else source, filename=str(path))


def imports(path: Path, source: str | None = None) -> list[Import]:
    """Every import in ``path`` (or in ``source`` as if it were there); ``from pkg import module``
    counts as importing ``pkg.module``.
    """
    tree = _parse(path, source)
    top = {id(node) for node in tree.body}
    found = []
    rel = str(path.relative_to(REPO))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(rel, node.lineno, alias.name, None, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(path, node)
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                if _is_module(sub):
                    found.append(Import(rel, node.lineno, sub, None, id(node) in top))
                else:
                    found.append(Import(rel, node.lineno, module, alias.name, id(node) in top))
    return found


def private_uses(path: Path, source: str | None = None) -> list[str]:
    """Private names ``path`` takes from another project module: imported, or read as ``module._name``."""
    tree = _parse(path, source)
    own = _module_of(path)
    found, modules = [], {}
    rel = str(path.relative_to(REPO))
    for item in imports(path, source):
        project = item.module.split(".")[0] in PROJECT and item.module != own
        if project and item.name and _private(item.name):
            found.append(str(item))
    for node in ast.walk(tree):  # local names bound to project modules
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in PROJECT:
                    modules[alias.asname or alias.name.split(".")[0]] = alias.asname and alias.name
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(path, node)
            for alias in node.names:
                if _is_module(f"{module}.{alias.name}"):
                    modules[alias.asname or alias.name] = f"{module}.{alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            dotted = _dotted(node.value, modules)
            if dotted and dotted != own and _is_module(dotted):
                found.append(f"{rel}:{node.lineno}: {dotted}.{node.attr}")
    return found


def _dotted(node: ast.expr, modules: dict) -> str | None:
    """``kw`` -> "analysis.keywords" when ``kw`` is a project module here; chains resolve too."""
    if isinstance(node, ast.Name) and node.id in modules:
        return modules[node.id] or node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value, modules)
        return f"{base}.{node.attr}" if base else None
    return None


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _top(item: Import) -> str:
    return item.module.split(".")[0]


def _is_analysis(item: Import) -> bool:
    return _top(item) == "analysis"


#: (rule, files it applies to, which of their imports break it)
RULES = [
    ("analysis/ imports neither streamlit nor ui", ("analysis/**/*.py",),
     lambda item: _top(item) in ("streamlit", "ui")),
    ("pages and the entry file import only ui, streamlit, the standard library and third-party packages",
     ("pages/*.py", "dashboard.py"), lambda item: _top(item) in PROJECT and _top(item) != "ui"),
    ("the app's frame loads nothing but streamlit and the standard library before the first render",
     ("dashboard.py", "ui/shell.py", "ui/allocator.py"),
     lambda item: item.top_level and _top(item) not in ("streamlit", "__future__")
     and item.module not in ("ui.shell", "ui.allocator")
     and _top(item) not in sys.stdlib_module_names),
    ("ui/ imports neither pages, benchmarks, training nor tests", ("ui/**/*.py",),
     lambda item: _top(item) in ("pages", "benchmarks", "training", "tests")),
    ("ui/data.py is the one module of the app that builds the store",
     ("ui/**/*.py", "pages/*.py", "dashboard.py"),
     lambda item: item.name == "build_store" and item.file != "ui/data.py"),
    ("tests never import benchmarks or training", ("tests/**/*.py",),
     lambda item: _top(item) in ("benchmarks", "training")),
    ("the store never analyses: analysis/store/ imports neither the pipeline nor what it runs",
     ("analysis/store/*.py",),
     lambda item: item.module.startswith(("analysis.pipeline", "analysis.build", "analysis.quotes", "analysis.nlp"))),
    ("the pipeline never stores: analysis/pipeline.py imports neither the store nor the build",
     ("analysis/pipeline.py",), lambda item: item.module.startswith(("analysis.store", "analysis.build"))),
    ("the runtime never imports training/, benchmarks/ or tests/", ("analysis/**/*.py", "ui/**/*.py"),
     lambda item: _top(item) in ("training", "benchmarks", "tests")),
]

#: Offences known when this test was written, each with the change that removes it (issue #14).
#: The test fails when one of them no longer occurs, so that this list only shrinks.
PENDING: dict[str, str] = {}


def _without_line(offence: str) -> str:
    file, _line, rest = offence.split(":", 2)
    return f"{file}:{rest}"


@pytest.mark.parametrize(("rule", "patterns", "breaks"), RULES, ids=[rule for rule, _p, _b in RULES])
def test_import_rule(rule, patterns, breaks):
    files = _files(*patterns)
    assert files, f"no file matches {patterns}"
    offences = [str(item) for path in files for item in imports(path) if breaks(item)]
    unexpected = [o for o in offences if _without_line(o) not in PENDING]
    assert not unexpected, f"{rule}:\n" + "\n".join(unexpected)


def test_no_module_uses_another_modules_private_names():
    # Tests may exercise private helpers of the module they test; the app and the analysis may not.
    files = _files("analysis/**/*.py", "ui/**/*.py", "pages/*.py", "dashboard.py")
    offences = [offence for path in files for offence in private_uses(path)]
    assert not offences, "private names used across modules:\n" + "\n".join(offences)


def test_only_the_build_module_imports_both_pipeline_and_store():
    both = []
    for path in _files("analysis/**/*.py", "ui/**/*.py", "pages/*.py", "dashboard.py"):
        modules = {item.module.split(".")[:2] == ["analysis", "pipeline"] and "pipeline"
                   or item.module.split(".")[:2] == ["analysis", "store"] and "store" for item in imports(path)}
        if {"pipeline", "store"} <= modules:
            both.append(str(path.relative_to(REPO)))
    assert both == ["analysis/build.py"]


def test_pending_offences_still_exist():
    files = {REPO / offence.split(":")[0] for offence in PENDING}
    everything = {_without_line(str(item)) for path in files if path.exists() for item in imports(path)}
    gone = [offence for offence in PENDING if offence not in everything]
    assert not gone, "remove from PENDING (fixed):\n" + "\n".join(gone)


def test_the_checks_see_what_they_look_for():
    # The rules above would pass vacuously if the parsing missed imports: check it on known code.
    assert {"streamlit", "analysis.query", "ui.shell"} <= {item.module for item in imports(REPO / "ui" / "layout.py")}
    assert any(item.name == "build_store" for item in imports(REPO / "ui" / "data.py"))
    probe = REPO / "ui" / "probe.py"  # not written: its source is given
    code = ("from analysis import keywords\nimport analysis.query as q\nimport analysis.topics\n"
            "from analysis.quotes import _private, public\nfrom .data import _load\n"
            "def f():\n    keywords._x(); q._y; analysis.topics._z; keywords.public(); q.__doc__\n")
    found = sorted(offence.split(": ")[1] for offence in private_uses(probe, code))
    assert found == ["analysis.keywords._x", "analysis.query._y", "analysis.topics._z",
                     "from analysis.quotes import _private", "from ui.data import _load"]
    assert [(i.module, i.top_level) for i in imports(probe, code)][:3] == [
        ("analysis.keywords", True), ("analysis.query", True), ("analysis.topics", True)]
