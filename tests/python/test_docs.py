"""Documentation: every public function and class has a docstring with an
example, the examples run (doctest), help(huozi.parse) answers the common
questions, and the README's quickstart and links work."""

from __future__ import annotations

import doctest
import inspect
import re
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import huozi
import huozi.archive
import huozi.dask
from conftest import REPO

CLASSES = (huozi.Page, huozi.Article, huozi.Explanation)


def public_objects() -> List[Tuple[str, Any]]:
    out: List[Tuple[str, Any]] = []
    for name in huozi.__all__:
        obj = getattr(huozi, name)
        if callable(obj):
            out.append((f"huozi.{name}", obj))
    for cls in CLASSES:
        for name, member in vars(cls).items():
            if not name.startswith("_") and inspect.isfunction(member):
                out.append((f"huozi.{cls.__name__}.{name}", member))
    for mod in (huozi.archive, huozi.dask):
        for name, obj in vars(mod).items():
            if (not name.startswith("_") and inspect.isfunction(obj) and obj.__module__ == mod.__name__):
                out.append((f"{mod.__name__}.{name}", obj))
    return out


@pytest.mark.parametrize("name,obj", public_objects(), ids=[n for n, _ in public_objects()])
def test_every_public_function_and_class_has_an_example(name, obj):
    doc = inspect.getdoc(obj) or ""
    assert len(doc) > 40, f"{name} has no docstring"
    assert ">>>" in doc, f"{name}'s docstring has no example"


def _doctests() -> Dict[str, doctest.DocTest]:
    finder = doctest.DocTestFinder()
    tests: Dict[str, doctest.DocTest] = {}
    roots: List[Tuple[str, Any]] = [("huozi", huozi), ("huozi.archive", huozi.archive), ("huozi.dask", huozi.dask)]
    roots += public_objects()
    for name, obj in roots:
        for t in finder.find(obj, name, extraglobs={"huozi": huozi}):  # the module's names, and huozi
            if t.examples:
                tests.setdefault(t.name, t)
    return tests


def test_docstring_examples_run():
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = _doctests()
    assert len(tests) >= 40
    failures = []
    for name, t in sorted(tests.items()):
        r = runner.run(t, out=lambda s: failures.append(s))
        del r
    assert not failures, "".join(failures)


def test_help_parse_answers_the_common_questions():
    doc = inspect.getdoc(huozi.parse) or ""
    for section in ("Dates:", "Encodings:", "Errors:", "Offsets:", "Example:", "Raises:"):
        assert section in doc
    assert "errors=\"replace\"" in doc or "``\"replace\"``" in doc
    assert "GB18030" in doc and "Big5" in doc and "byte offset" in doc


def test_readme_links_the_docs_and_they_exist():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for doc in ("architecture.md", "output-contract.md", "performance.md", "troubleshooting.md"):
        assert f"docs/{doc}" in readme
        assert (REPO / "docs" / doc).stat().st_size > 1500
    for link in re.findall(r"\]\(((?:docs|examples)/[^)#]+)", readme):
        assert (REPO / link).exists(), link
    for md in (REPO / "docs").glob("*.md"):
        for link in re.findall(r"\]\(([^)#:]+)", md.read_text(encoding="utf-8")):
            assert (md.parent / link).exists(), f"{md.name}: {link}"


def test_readme_quickstart_runs(tmp_path, monkeypatch):
    """The README's quickstart block, run as written (in a temporary folder)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks, "no python block in the README's quickstart"
    monkeypatch.chdir(tmp_path)
    ns: Dict[str, Any] = {}
    for b in blocks:
        exec(compile(b, "README.md", "exec"), ns)
    df = ns["df"]
    assert len(df) >= 9 and "title" in df.columns
