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


def test_squeezed_marks_told_by_a_line_with_several():
    # A column 12 em wide set with its marks squeezed to half width: most
    # lines carry one mark or none, and in either measure they are full to
    # within a column (a full-width character that did not fit leaves one
    # free), so they do not tell the measure. The line with three marks
    # (节”蔬菜，从育苗、施肥到防) does: read at full width it would stick
    # out 2 columns past the line above it, squeezed it is as wide.
    lines = ["村里今年修通的这条水", "泥路又宽又平坦，孩子们上", "学再也不用绕远路了，老人", "们去镇上赶集也比过去方便",
             "得多。镇上的班车每天进村", "两趟，乡亲们出门办事再也", "不用起早贪黑地赶路。", "去年秋天，县里派来的",
             "技术员在村口搭起了大棚，", "手把手地教大家种植“反季", "节”蔬菜，从育苗、施肥到防", "治病虫害，样样讲得明明白",
             "白。头一年的收成就大大超", "过了预期，外地的菜贩子开", "着货车上门来收购。", "合作社成立以后，村民",
             "们商量着扩大种植规模，把", "荒了多年的坡地也种上了果", "树和茶叶，大家盼着过几年", "就能挂果采茶，让村里的日",
             "子一年比一年红火。"]
    text = "\n".join(lines) + "\n"
    assert huozi.repair_details(text)["squeezed_punctuation"] is True
