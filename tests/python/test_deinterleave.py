"""deinterleave: True (every page fully tested for columns read row by row),
False (never) and "auto", the default (pages a cheap look finds interleaved
get the full test). The pages are the shared repair cases."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import huozi

CASES = {c["name"]: c for c in map(json.loads, (Path(__file__).resolve().parents[1] / "data" / "repair" / "cases.jsonl")
                                   .read_text(encoding="utf-8").splitlines())}
# Two lines of columns run together: the cheap look sees them.
RUN_TOGETHER = CASES["columns_read_row_by_row_are_put_back"]["text"]
# Equal columns, nothing run together: only words broken over lines two
# apart tell, which the cheap look does not read.
EQUAL_COLUMNS = CASES["equal_columns_read_row_by_row_are_put_back"]["text"]


def reasons(text, **kw):
    return [d["reason"] for d in huozi.repair_details(text, **kw)["decisions"]]


def test_interleaved_columns_come_back_by_default():
    assert "interleaved_column" in reasons(RUN_TOGETHER)
    assert "interleaved_column" not in reasons(RUN_TOGETHER, deinterleave=False)
    assert huozi.parse(RUN_TOGETHER).to_dict() == huozi.parse(RUN_TOGETHER, deinterleave=True).to_dict()
    assert huozi.parse(RUN_TOGETHER).to_dict() == huozi.parse(RUN_TOGETHER, deinterleave="auto").to_dict()
    assert huozi.repair(RUN_TOGETHER) == huozi.repair(RUN_TOGETHER, deinterleave=True)
    assert huozi.parse_many([RUN_TOGETHER])[0].to_dict() == huozi.parse(RUN_TOGETHER, deinterleave=True).to_dict()


def test_auto_leaves_what_only_the_full_test_sees_to_true():
    assert "interleaved_column" in reasons(EQUAL_COLUMNS, deinterleave=True)
    assert reasons(EQUAL_COLUMNS) == reasons(EQUAL_COLUMNS, deinterleave=False)


def test_page_without_columns_is_the_same_in_every_mode():
    page = huozi.sample_text()
    want = huozi.parse(page, deinterleave=False).to_dict()
    assert huozi.parse(page).to_dict() == want
    assert huozi.parse(page, deinterleave=True).to_dict() == want


@pytest.mark.parametrize("bad", ["on", 1, None])
def test_other_values_are_refused(bad):
    with pytest.raises(ValueError):
        huozi.repair(RUN_TOGETHER, deinterleave=bad)


def test_cli_default_and_no_deinterleave(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(RUN_TOGETHER, encoding="utf-8")

    def repaired(*flags):
        r = subprocess.run([sys.executable, "-m", "huozi", "repair", str(f), *flags], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return r.stdout

    assert repaired() == repaired("--deinterleave") == huozi.repair(RUN_TOGETHER, deinterleave=True)
    assert repaired("--no-deinterleave") == huozi.repair(RUN_TOGETHER, deinterleave=False)
    assert repaired() != repaired("--no-deinterleave")
