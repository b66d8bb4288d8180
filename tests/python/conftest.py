"""Shared fixtures and helpers for the Python tests."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Iterable, List, Tuple

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
SAMPLE = REPO / "python" / "huozi" / "data" / "jining-police-page.txt"
SHARED = REPO.parent / "shared"
PKU_DIR = SHARED / "corpora" / "pku-2001-01"

# Make bench/ importable for the baseline and the generator helpers.
sys.path.insert(0, str(REPO / "bench"))


def ignorable(c: str) -> bool:
    """White space and format characters (BOM, ZWSP, soft hyphen) do not count
    in conservation: repair drops them by design."""
    return c.isspace() or unicodedata.category(c) == "Cf"


def content_chars(s: str) -> List[str]:
    return [c for c in s if not ignorable(c)]


def output_pieces(page: Dict[str, Any]) -> List[Tuple[str, int, int, str]]:
    """Every output text of a page with its source span: headings (kicker,
    title, subtitle), credits (bylines, datelines as printed), blocks, debris."""
    pieces = []
    for a in page["articles"]:
        for h in a["headings"]:
            pieces.append((h["text"], h["start"], h["end"], h["role"]))
        for c in a["credits"]:
            pieces.append((c["text"], c["start"], c["end"], c["kind"]))
        for b in a["blocks"]:
            pieces.append((b["text"], b["start"], b["end"], b["kind"]))
    for d in page["debris"]:
        pieces.append((d["text"], d["start"], d["end"], "debris:" + d["reason"]))
    return pieces


def is_subsequence(needle: Iterable[str], hay: Iterable[str]) -> bool:
    it = iter(hay)
    return all(any(c == h for h in it) for c in needle)


def check_conservation(text: str, page: Dict[str, Any]) -> List[str]:
    """Problems with the nothing-lost property, [] when it holds:
    the content characters of all outputs equal the input's as a multiset, and
    each output's characters appear, in order, in its source span."""
    problems = []
    raw = text.encode("utf-8")
    pieces = output_pieces(page)
    out = Counter()
    for t, s, e, kind in pieces:
        if not (0 <= s <= e <= len(raw)):
            problems.append(f"{kind} span [{s},{e}) outside the input ({len(raw)} bytes)")
            continue
        try:
            region = raw[s:e].decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{kind} span [{s},{e}) not on character boundaries")
            continue
        if not is_subsequence(content_chars(t), content_chars(region)):
            problems.append(f"{kind} text {t[:30]!r} not found in order in its span [{s},{e}) = {region[:30]!r}")
        out.update(content_chars(t))
    inp = Counter(content_chars(text))
    if out != inp:
        missing = inp - out
        extra = out - inp
        problems.append(f"multiset differs: missing {dict(list(missing.items())[:10])}, extra {dict(list(extra.items())[:10])}")
    return problems


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_gold() -> Dict[str, Any]:
    return json.loads((DATA / "sample" / "jining-police-page.articles.json").read_text(encoding="utf-8"))
