"""The benchmark harness (bench/harness.py, `make bench`) in its --quick mode:
tiny inputs, two repetitions, every section. Checks that a run writes valid
JSON, the Markdown table with every bar, the PNG plots and a history line, and
that --compare finds the recorded run; not the figures, which mean nothing at
this size. Peers that are not installed must show up as unavailable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "bench" / "harness.py"


def _harness(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(HARNESS), *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench-results")
    cache = tmp_path_factory.mktemp("bench-cache")
    r = _harness("--quick", "--out-dir", str(out), "--cache", str(cache))
    assert r.returncode == 0, r.stderr[-3000:]
    return out, r


def test_quick_run_writes_json(quick_run):
    out, _ = quick_run
    files = [p for p in out.glob("*.json")]
    assert len(files) == 1, files
    res = json.loads(files[0].read_text(encoding="utf-8"))
    assert res["quick"] is True
    for k in ("git", "machine", "archive_info", "bars", "figures", "load_avg_start", "load_avg_end"):
        assert k in res
    for k in ("cpu", "cores", "os", "compiler", "host"):
        assert res["machine"][k]
    assert res["archive_info"]["pages"] == 40
    assert {b["key"] for b in res["bars"]} == {"repair_vs_baseline", "pipeline_vs_baseline", "pipeline_vs_decode",
                                              "archive_vs_cpp", "fields_vs_jionlp", "tokenize_vs_rjieba"}
    for b in res["bars"]:
        assert b["status"] in ("PASS", "MISS", "n/a")
    # the sections that need nothing outside the package always measure
    assert res["repair"]["contenders"]["huozi_repair"]["mb_s"] > 0
    assert res["repair"]["contenders"]["baseline"]["mb_s"] > 0
    assert res["repair"]["ratios"]["huozi_repair_vs_baseline"] > 0
    for k in ("run_t1", "read_archive_t1", "run_t2", "read_archive_t2"):
        row = res["archive"]["contenders"][k]
        assert row["mb_s"] > 0 and row["peak_rss_mb"] > 10
    assert res["archive"]["contenders"]["read_archive_t1"]["rows"] > 0
    binary = ROOT / "build" / "cpp" / "huozi_bench"
    if binary.is_file():  # make test builds it before the Python suite
        stages = res["cpp"]["stages"]
        for name in ("BM_MemchrNewlines", "BM_Utf8Decode", "BM_Repair", "BM_Segment", "BM_Extract",
                     "BM_Pipeline", "BM_TokenizeUnits"):
            assert stages[name]["mb_s"] > 0, name
        assert 0 < stages["BM_Pipeline"]["frac_decode"]
        assert res["cpp"]["same_pages"]
        assert stages["BM_Repair"]["bytes_per_pass"] == res["archive_info"]["bytes"]
    assert res["figures"]["repair.huozi_repair.mb_s"] > 0


def test_quick_run_writes_markdown_and_plots(quick_run):
    out, r = quick_run
    md = (out / "latest.md").read_text(encoding="utf-8")
    assert md == next(out.glob("*-*.md")).read_text(encoding="utf-8")
    assert "## Bars" in md and "quick mode" in md
    assert md.count("**PASS**") + md.count("**MISS**") + md.count("**n/a**") == 6
    for section in ("## C++ stages", "## Archive runs", "## Line repair", "## Field extraction", "## Word tokenization"):
        assert section in md
    assert "## Bars" in r.stdout
    for name in ("latest.png", "trend.png"):
        data = (out / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000, name


def test_quick_run_appends_history_and_compares(quick_run):
    out, _ = quick_run
    lines = (out / "history.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    h = json.loads(lines[0])
    assert h["quick"] is True and h["figures"] and h["machine"]["cpu"] and h["date"]
    assert "commit" in h and "bars" in h
    if h["commit"]:  # a git checkout: --compare finds the run by its commit
        r = _harness("--out-dir", str(out), "--compare", "HEAD", "--no-run")
        assert r.returncode == 0, r.stderr
        assert "| figure | then | now | change |" in r.stdout
        assert "repair.huozi_repair.mb_s" in r.stdout
    r = _harness("--out-dir", str(out), "--compare", "no-such-revision-xyz", "--no-run")
    assert r.returncode == 1
