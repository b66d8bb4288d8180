"""The golden page corpus (tests/golden): every page's rendered output equals
its reviewed golden file.  A failure prints the diff; if the change is
intended, run `python tests/golden/golden.py --update` and commit the golden
files with the change."""

from __future__ import annotations

import difflib
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "tests" / "golden"))
import golden  # noqa: E402

NAMES = golden.page_names()


def test_corpus_covers_every_generator_family_and_the_hand_pages() -> None:
    from huozi.bench import generate

    fams = {n.split("-title-")[0].split("-mixed")[0] for n in NAMES if n.startswith("generated-")}
    assert len(NAMES) >= 17
    assert sum(1 for n in NAMES if n.startswith("generated-")) == len(generate.FAMILIES), fams
    for hand in ("jining-police-sample", "hongkong-traditional", "mainland-title-first-2001-01-01",
                 "mainland-gb18030-2001-01-01"):
        assert hand in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_page_matches_golden(name: str) -> None:
    want = (golden.EXPECTED / f"{name}.txt").read_text(encoding="utf-8")
    got = golden.render(name)
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            f"expected/{name}.txt", f"now/{name}.txt"))
        pytest.fail(f"{name} differs from its golden file "
                    f"(intended? python tests/golden/golden.py --update):\n{diff}")


def test_gb18030_page_reads_like_its_utf8_twin() -> None:
    a = golden.render("mainland-gb18030-2001-01-01").split("\n", 1)[1]
    b = golden.render("mainland-title-first-2001-01-01").split("\n", 1)[1]
    assert a == b
