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


# Four short items, each a headline over its text, no blank lines: the text
# set in a 30-column measure with its marks squeezed to half width (a line
# holds more characters the more marks it has), and the same text with
# full-width marks.
_SQUEEZED_ITEMS = [
    "全县农业生产连年获得丰收", "今年以来，全县认真落实惠农", "政策，加大投入，改善条件，农业连", "年丰收，农民收入稳步增长，村容村", "貌焕然一新。",
    "镇卫生院添置新设备方便村民就医", "镇卫生院新添了彩超、心电监", "护等设备，附近村民在家门口就能", "看上病，不用再往城里跑，大家都说", "这是件好事。",
    "山区公路建成通车群众出行方便", "这条公路全长十八公里，连通", "沿线六个行政村，结束了山里群众", "出行难的历史，沿线群众纷纷表示", "满意。",
    "市图书馆新馆今天正式向读者开放", "市图书馆新馆正式向读者开放，", "馆内藏书五十万册，设有少儿阅览", "区、电子阅览室和自习室，很受欢迎。",
]
_FULL_WIDTH_ITEMS = [
    "全县农业生产连年获得丰收", "今年以来，全县认真落实惠农", "政策，加大投入，改善条件，农业", "连年丰收，农民收入稳步增长，村", "容村貌焕然一新。",
    "镇卫生院添置新设备方便村民就医", "镇卫生院新添了彩超、心电监", "护等设备，附近村民在家门口就能", "看上病，不用再往城里跑，大家都", "说这是件好事。",
    "山区公路建成通车群众出行方便", "这条公路全长十八公里，连通", "沿线六个行政村，结束了山里群众", "出行难的历史，沿线群众纷纷表示", "满意。",
    "市图书馆新馆今天正式向读者开放", "市图书馆新馆正式向读者开放，", "馆内藏书五十万册，设有少儿阅览", "区、电子阅览室和自习室，很受欢", "迎。",
]


def test_squeezed_marks_are_read_from_the_line_pairs_each_measure_makes_even():
    # Each headline over its lead's first line, and each first line (2 em
    # short) over the line under it, differ in either measure; those pairs
    # swell both measures' sums of differences alike. The wrapped lines of
    # the text are as wide as each other only with the marks counted half:
    # the page squeezes them. Set with full-width marks, the same text reads
    # as it is.
    assert huozi.repair_details("\n".join(_SQUEEZED_ITEMS) + "\n")["squeezed_punctuation"] is True
    assert huozi.repair_details("\n".join(_FULL_WIDTH_ITEMS) + "\n")["squeezed_punctuation"] is False
