"""examples/quickstart.ipynb runs headless (nbclient, a kernel on this
Python) without a cell error, and its rendered HTML (nbconvert) is saved to
build/test-artifacts/quickstart.html and holds the page view with its
highlighted fields, the explain view, the progress bar and the plots."""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from conftest import REPO

NOTEBOOK = REPO / "examples" / "quickstart.ipynb"
ARTIFACTS = REPO / "build" / "test-artifacts"


def kernel_on_this_python(tmp_path: Path, monkeypatch) -> str:
    """A kernel spec that runs ipykernel on this interpreter (the .venv's),
    whatever other kernels the machine has; found first through JUPYTER_PATH."""
    spec = tmp_path / "jupyter" / "kernels" / "huozi-test"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "huozi test", "language": "python",
    }))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return "huozi-test"


def test_quickstart_notebook_runs_and_renders(tmp_path, monkeypatch):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    kernel = kernel_on_this_python(tmp_path, monkeypatch)
    work = tmp_path / "run"
    work.mkdir()
    t0 = time.monotonic()
    # Any cell error raises CellExecutionError (allow_errors is False).
    NotebookClient(nb, timeout=180, kernel_name=kernel, resources={"metadata": {"path": str(work)}}).execute()
    elapsed = time.monotonic() - t0

    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    stderr = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                     if o.output_type == "stream" and o.name == "stderr")
    assert "Traceback" not in stderr

    # Rendered for reading offline: without the template's MathJax and
    # require.js script tags (the notebook needs neither).
    body, _ = HTMLExporter(mathjax_url="", require_js_url="").from_notebook_node(nb)
    body = re.sub(r'<script src=""[^>]*>\s*</script>', "", body)
    assert not re.search(r'(src|href)="https?://', body), "the rendered notebook would load something from the web"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "quickstart.html").write_text(body, encoding="utf-8")
    nbformat.write(nb, ARTIFACTS / "quickstart.executed.ipynb")
    print(f"\nquickstart.ipynb executed in {elapsed:.1f} s; rendered to {ARTIFACTS / 'quickstart.html'}")

    # The page view: articles, fields highlighted in their type's colour with the value on hover.
    assert body.count('class="huozi-article"') >= 9 + 1  # the page, then one article on its own
    # (nbconvert re-serializes the HTML: attributes may come in another order)
    marks = re.findall(r"<mark [^>]*>", body)
    assert any('huozi-field-date"' in m and 'title="date: 2020-07-23"' in m and "background: #fde68a" in m
               for m in marks)
    assert any('huozi-field-money"' in m and 'title="money: ' in m for m in marks)
    assert len(marks) >= 117
    # The explain view: raw lines beside repaired units, every kind of decision marked.
    assert 'class="huozi-explain"' in body
    for kind in ("join", "paragraph", "block"):
        assert f"huozi-decision-{kind}" in body
    # The archive's progress bar (its final state), the plots, the Dask and parse_many cells.
    assert 'class="huozi-progress"' in body and "40 pages" in body and "done in" in body
    assert "data:image/png;base64" in body
    assert "the same titles as the local run: True" in body
    assert elapsed < 120, f"the notebook took {elapsed:.0f} s"
