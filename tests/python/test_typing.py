"""The package ships type information (py.typed, _core.pyi) that mypy accepts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import huozi

EXAMPLE = '''
import huozi
page: huozi.Page = huozi.parse(huozi.sample_text(), date="2020-07-24")
titles: list = [a.title for a in page.articles]
text: str = huozi.repair("文本。")
try:
    huozi.parse(b"\\x00")
except huozi.BinaryInputError as e:
    offset: int = e.offset
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
