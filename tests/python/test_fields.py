"""Field extraction through the public API: ``huozi.parse`` on every sentence
of the labeled set (tests/data/fields/labeled.jsonl, also scored by the C++
test ExtractLabeledSet), per-type precision and recall floors, and the
sample page's dates."""

from __future__ import annotations

import json
import math
import pathlib
import re
from collections import defaultdict
from typing import Any, Dict, List, Optional, Tuple

import pytest

import huozi

LABELED = pathlib.Path(__file__).resolve().parents[1] / "data" / "fields" / "labeled.jsonl"

# The same floors as tests/cpp/test_extract.cpp.
FLOORS: Dict[str, Tuple[float, float]] = {
    "date": (0.95, 0.95),
    "datetime": (0.90, 0.90),
    "money": (0.95, 0.95),
    "percent": (0.95, 0.95),
    "quantity": (0.95, 0.95),
    "phone": (0.95, 0.95),
    "email": (0.95, 0.95),
    "url": (0.95, 0.95),
    "id_card": (0.95, 0.95),
    "org": (0.90, 0.90),
    "place": (0.85, 0.85),
}


def load_cases() -> List[Dict[str, Any]]:
    with open(LABELED, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _squeeze(s: str) -> str:
    # Line repair drops layout spaces between Chinese characters and digits
    # (2019年 11月 → 2019年11月), so texts are compared without spaces.
    return re.sub(r"\s+", "", s)


def _value_equal(gold: Any, got: Any) -> bool:
    if gold is None or got is None:
        return gold is None and got is None
    if isinstance(gold, (int, float)) and not isinstance(gold, bool):
        return isinstance(got, (int, float)) and math.isclose(gold, got, rel_tol=1e-9, abs_tol=1e-9)
    return bool(gold == got)


def matches(gold: Dict[str, Any], got: Dict[str, Any]) -> bool:
    return (
        gold["type"] == got["type"]
        and _squeeze(gold["text"]) == _squeeze(got["text"])
        and _value_equal(gold["value"], got["value"])
        and gold.get("unit", got.get("unit")) == got.get("unit")
        and gold.get("currency", got.get("currency")) == got.get("currency")
        and bool(gold.get("approx", False)) == bool(got.get("approx", False))
    )


def fields_of(text: str, page_date: Optional[str]) -> List[Dict[str, Any]]:
    page = huozi.parse(text, date=page_date)
    return [f for a in page.articles for f in a.fields]


def score(cases: List[Dict[str, Any]]) -> Dict[str, Dict[str, int]]:
    tally: Dict[str, Dict[str, int]] = defaultdict(lambda: {"tp": 0, "pred": 0, "gold": 0})
    for c in cases:
        gold = c["fields"]
        used = [False] * len(gold)
        for g in gold:
            tally[g["type"]]["gold"] += 1
        for f in fields_of(c["text"], c["page_date"]):
            t = tally[f["type"]]
            t["pred"] += 1
            for k, g in enumerate(gold):
                if not used[k] and matches(g, f):
                    used[k] = True
                    t["tp"] += 1
                    break
    return tally


def test_labeled_set_is_large_enough_and_well_formed() -> None:
    cases = load_cases()
    assert len(cases) >= 300
    types = {f["type"] for c in cases for f in c["fields"]}
    assert set(FLOORS) <= types, "every type is labeled somewhere"
    for c in cases:
        for f in c["fields"]:
            assert f["text"] in c["text"]
            if f["type"] == "money":
                assert "currency" in f
            if f["type"] == "quantity":
                assert "unit" in f


def test_labeled_set_per_type_floors() -> None:
    tally = score(load_cases())
    lines = []
    failures = []
    for typ, (p_floor, r_floor) in FLOORS.items():
        t = tally[typ]
        p = t["tp"] / t["pred"] if t["pred"] else 1.0
        r = t["tp"] / t["gold"] if t["gold"] else 1.0
        lines.append(f"{typ:9} gold {t['gold']:4} pred {t['pred']:4} tp {t['tp']:4}  P {p:.3f}  R {r:.3f}")
        if p < p_floor or r < r_floor:
            failures.append(f"{typ}: P {p:.3f} (floor {p_floor}), R {r:.3f} (floor {r_floor})")
    print("\n".join(lines))
    assert not failures, failures


@pytest.mark.parametrize(
    "text,date,expected",
    [
        ("110接处警工作是公安机关维护社会稳定的第一防线。", None, []),
        ("第一时间联系120及家属。", None, [("phone", "120", "120")]),
        ("汇总到“12345”服务热线平台统一办理。", None, [("phone", "12345", "12345")]),
        ("抽调60名党员干部。", None, [("quantity", "60名", 60)]),
        ("截至目前共接警17503起。", None, [("quantity", "17503起", 17503)]),
        ("近日，嘉祥县公安局召开会议。", "2020-07-24", [("date", "近日", "2020-07-24"), ("org", "嘉祥县公安局", "嘉祥县公安局")]),
        ("近日，嘉祥县公安局召开会议。", None, [("date", "近日", None), ("org", "嘉祥县公安局", "嘉祥县公安局")]),
    ],
)
def test_traps(text: str, date: Optional[str], expected: List[Tuple[str, str, Any]]) -> None:
    got = [(f["type"], f["text"], f["value"]) for f in fields_of(text, date)]
    assert got == expected


def test_sample_page_dates_with_and_without_page_date() -> None:
    def value_of_723(page: huozi.Page) -> Any:
        for a in page.articles:
            for f in a.fields:
                if f["text"] == "7月23日":
                    return f["value"]
        raise AssertionError("7月23日 not extracted")

    text = huozi.sample_text()
    assert value_of_723(huozi.parse(text, date="2020-07-24")) == "2020-07-23"
    assert value_of_723(huozi.parse(text)) == "2020-07-23"  # inferred from 2020年2月7日


def test_fields_carry_source_offsets() -> None:
    text = huozi.sample_text()
    page = huozi.parse(text, date="2020-07-24")
    raw = text.encode("utf-8")
    for a in page.articles:
        for f in a.fields:
            src = raw[f["start"] : f["end"]].decode("utf-8")
            # The source may hold a line break or layout space the field text lacks.
            assert _squeeze(src) == _squeeze(f["text"]), (src, f["text"])
