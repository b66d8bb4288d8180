"""The package ships type information (py.typed, _core.pyi) that mypy
accepts, the stubs match the extension, and the examples (the quickstart
notebook's code, the README's quickstart) pass mypy."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import huozi
from conftest import REPO

EXAMPLE = '''
import huozi
page: huozi.Page = huozi.parse(huozi.sample_text(), date="2020-07-24")
titles: list = [a.title for a in page.articles]
text: str = huozi.repair("文本。")
try:
    huozi.parse(b"\\x00")
except huozi.BinaryInputError as e:
    offset: int = e.offset
explanation: huozi.Explanation = page.explain()
html: str = page.to_html() + explanation.to_html() + page.articles[0].to_html()
pages: list = huozi.parse_many(["文本。"], threads=1)
first = pages[0]
if isinstance(first, huozi.Page):
    n: int = len(first)
table = huozi.parse_many(["文本。"], output="arrow")
rows: int = table.num_rows
'''


def test_package_is_typed():
    pkg = Path(huozi.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_core.pyi").exists()


def test_mypy_accepts_an_example(tmp_path):
    pytest.importorskip("mypy")
    f = tmp_path / "example.py"
    f.write_text(EXAMPLE)
    r = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--strict-optional", str(f)],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


# Third-party packages that mypy need not analyse to check the examples (it
# would take half a minute through matplotlib, numpy and dask); huozi and
# its stubs are followed as usual.
MYPY_CONFIG = """
[mypy]
ignore_missing_imports = True
strict_optional = True
warn_unused_ignores = True
[mypy-matplotlib.*,dask.*,distributed.*,IPython.*,numpy.*,pandas.*,pyarrow.*,polars.*]
follow_imports = skip
"""


def example_sources() -> dict:
    import nbformat

    nb = nbformat.read(REPO / "examples" / "quickstart.ipynb", as_version=4)
    out = {"quickstart_ipynb.py": "\n\n".join(c.source for c in nb.cells if c.cell_type == "code")}
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    out["readme_quickstart.py"] = "\n".join(re.findall(r"```python\n(.*?)```", quick, re.S))
    for p in sorted((REPO / "examples").glob("*.py")):
        out[p.name] = p.read_text(encoding="utf-8")
    return out


def test_mypy_accepts_the_notebook_and_the_readme_quickstart(tmp_path):
    pytest.importorskip("mypy")
    files = []
    for name, src in example_sources().items():
        assert src.strip(), name
        f = tmp_path / name
        f.write_text(src + "\n", encoding="utf-8")
        files.append(str(f))
    (tmp_path / "mypy.ini").write_text(MYPY_CONFIG)
    r = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--config-file", "mypy.ini", *files],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


def test_stubs_match_the_extension(tmp_path):
    """mypy's stubtest compares _core.pyi with the compiled module: every
    function and class there, with its parameters."""
    pytest.importorskip("mypy.stubtest")
    # pybind11 classes have their own metaclass, which a stub cannot say.
    (tmp_path / "allow.txt").write_text("huozi._core.ArchiveRun\nhuozi._core.Dictionary\n")
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "huozi._core", "--allowlist", "allow.txt"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
