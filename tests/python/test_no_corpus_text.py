"""The People's Daily corpus (../shared/corpora/pku-2001-01) is research-only
and must never be copied into the project (shared/README). Test pages built
from generated pages have their Han characters replaced one for one instead.
This test fails when a file of the project holds text of the corpus again:
any 12-character window of a corpus line (every other offset, as the finder
of session 24 read them) found in a file under tests/, core/, bindings/,
python/, bench/, docs/, examples/ or in README.md, with line breaks, `\\n`
escapes and string literals continued over lines read as the page reads them.

Known and accepted: windows of fewer than MIN_HAN Han characters (dates,
figures, addresses) and the dateline the issue itself quotes. No file is
excepted (the field extraction's labeled sentences were rewritten by hand in
session 25).
Skipped without the corpus.
"""

from __future__ import annotations

import re

import pytest

from conftest import PKU_DIR, REPO

CORPUS = PKU_DIR / "pku_test.utf8"
WINDOW = 12
SKIP_FILES: set = set()  # files excepted from the check: none
# Every folder of the project's own files (the code's comments quote example
# lines too), not the build trees or the virtual environment.
ROOTS = ("tests", "core", "bindings", "python", "bench", "docs", "examples")
SUFFIXES = {".py", ".pyi", ".cpp", ".hpp", ".h", ".jsonl", ".json", ".txt", ".md"}
# A window counts only with this many Han characters or more: dates, figures,
# addresses and URLs of the corpus (2000年12月31日, happynewyear.txt.vbs) are
# no pages of it.
MIN_HAN = 9
# The dateline the segmentation issue quotes, a test input by the issue's own
# words.
QUOTED = "本报北京12月31日讯记者吴坤胜报道："


def corpus_windows() -> set:
    wins = set()
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        for i in range(0, max(len(s) - WINDOW + 1, 0), 2):
            wins.add(s[i:i + WINDOW])
    return wins


def as_read(src: str) -> str:
    src = src.replace("\\n", "")
    src = re.sub(r'"\s*\n\s*"', "", src)  # a C++ string literal continued over lines
    src = re.sub(r"\n[ \t]*(?://|#)[ \t]?", "", src)  # a comment continued over lines
    return src.replace("\n", "")


@pytest.mark.skipif(not CORPUS.exists(), reason=f"corpus not found at {CORPUS}")
def test_no_project_file_holds_corpus_text():
    wins = corpus_windows()
    found = {}
    paths = [p for root in ROOTS for p in sorted((REPO / root).rglob("*"))] + [REPO / "README.md"]
    for path in paths:
        rel = path.relative_to(REPO).as_posix()
        if not path.is_file() or path.suffix not in SUFFIXES or rel in SKIP_FILES:
            continue
        try:
            text = as_read(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # legacy-encoded fixtures (GB18030, Big5)
        hits = {text[i:i + WINDOW] for i in range(len(text) - WINDOW + 1)} & wins
        hits = {h for h in hits if sum("\u4e00" <= ch <= "\u9fff" for ch in h) >= MIN_HAN and h not in QUOTED}
        if hits:
            found[rel] = sorted(hits)[:5]
    assert not found, f"corpus text in test files (replace its Han characters one for one): {found}"
