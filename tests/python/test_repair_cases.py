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
    d = huozi.repair_details(case["text"], **case.get("options", {}))
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
    assert check_conservation(case["text"], huozi.parse(case["text"], **case.get("options", {})).to_dict()) == []


def test_headline_over_a_subtitle_after_an_open_line_is_a_heading():
    # Columns out of order: a head (headline, subtitle) set into a paragraph
    # whose line above it runs on elsewhere. Set apart by blank lines, the
    # line over the subtitle is the headline, not running text of the
    # paragraph above.
    text = ("城西公园经过两年的改造，昨天正式\n向市民开放，园内新种了三千多棵树，\n修建了一条环湖步道和两个儿童游乐\n\n"
            "老街夜市重新开张\n\n——记城南街道的新变化\n\n场，周末每天接待游客上万人次。\n")
    d = huozi.repair_details(text)
    shapes = {u["text"]: u["shape"] for u in d["units"]}
    assert shapes.get("老街夜市重新开张") == "short", shapes
    assert check_conservation(text, huozi.parse(text).to_dict()) == []
