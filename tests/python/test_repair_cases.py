"""The shared repair cases (tests/data/repair/cases.jsonl, also read by the
C++ suite, tests/cpp/test_repair.cpp): one short page per extraction
artifact, the units repair must make of it (and, optionally, their shapes)
and the reason codes of chosen line breaks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import huozi
from conftest import check_conservation

CASES = [json.loads(line) for line in
         (Path(__file__).resolve().parents[1] / "data" / "repair" / "cases.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case_units_and_reasons(case):
    d = huozi.repair_details(case["text"])
    assert [u["text"] for u in d["units"]] == case["units"], case["why"]
    if "shapes" in case:  # optional: what segmentation reads each unit as
        assert [u["shape"] for u in d["units"]] == case["shapes"], case["why"]
    by_line = {x["line"]: x for x in d["decisions"]}
    for line_no, reason in case["reasons"].items():
        assert by_line[int(line_no)]["reason"] == reason, (case["name"], line_no)


def test_blank_line_spacing_is_reported():
    case = next(c for c in CASES if c["name"] == "blank_line_spacing")
    assert huozi.repair_details(case["text"])["blank_line_spacing"] is True
    assert huozi.repair_details(case["text"].replace("\n\n", "\n"))["blank_line_spacing"] is False


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_nothing_lost_in_the_cases(case):
    assert check_conservation(case["text"], huozi.parse(case["text"]).to_dict()) == []
