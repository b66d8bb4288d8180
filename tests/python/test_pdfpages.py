"""Pages printed to PDF and read back by pdftotext / pdftotext -raw / MuPDF
(huozi.bench.pdfpages): the alignment gives self-consistent gold, and huozi
loses nothing on what the extractors produce.  Uses the bundled sample page
as the text source (never the corpus); skipped without the extractors,
reportlab or a CJK font."""

from __future__ import annotations

import pytest

import huozi
from conftest import SAMPLE, check_conservation
from huozi.bench import generate

pdfpages = pytest.importorskip("huozi.bench.pdfpages")
_missing = pdfpages.available()
pytestmark = pytest.mark.skipif(bool(_missing), reason="missing: " + ", ".join(_missing))


@pytest.fixture(scope="module")
def results():
    corpus = generate.load_corpus(str(SAMPLE))
    return [(seed, pdfpages.build_one(seed, corpus, None)) for seed in (1, 2, 3)]


def test_extractions_align_and_gold_checks(results):
    aligned = 0
    for seed, res in results:
        assert [rec["family"] for _, rec in res] == list(pdfpages.FAMILIES)
        for gold, rec in res:
            if gold is None:
                # the only accepted loss: poppler's reading order putting a
                # paragraph's lines out of order (nothing lost, see report)
                assert rec["family"] == "pdf_poppler" and rec.get("cause") == "reordered", rec
                continue
            aligned += 1
            assert generate.check_gold(gold) == [], (seed, rec["family"])
            assert gold["units"] and gold["breaks"]
            assert {b["kind"] for b in gold["blocks"]} >= {"paragraph", "title_line", "intrusion"}
    assert aligned >= 7


def test_deterministic():
    corpus = generate.load_corpus(str(SAMPLE))
    a = pdfpages.plan_page(5, corpus)
    b = pdfpages.plan_page(5, corpus)
    assert [u.text for u in a.units()] == [u.text for u in b.units()]
    assert a.rects == b.rects


def test_huozi_conserves_extracted_text(results):
    for seed, res in results:
        for gold, rec in res:
            text = gold["text"] if gold else None
            if text is None:
                continue
            page = huozi.parse(text).to_dict()
            assert check_conservation(text, page) == [], (seed, rec["family"])


def test_align_merged_columns():
    # two columns merged onto one line by the extractor, a space between them;
    # the left column's next character equals the right one's first
    units = ["秘书长和局长、人行铜陵市", "对于规范税务人员的执法行为"]
    text = "对于规范税务\n秘书长和局长、 人员的执法行为\n人行铜陵市\n"
    al = pdfpages.align(text, units)
    assert al.ok
    assert al.line_map == [[[1, 0, 6]], [[0, 0, 7], [1, 8, 15]], [[0, 0, 5]]]


def test_align_headline_echoing_the_lead():
    # a headline cut from the lead, printed after the body: only the next
    # line tells which unit the first body line belongs to
    units = ["就城乡集的新发展规划", "就城乡集的新发展规划，记者采访居民。"]
    text = "就城乡集的新发\n展规划，记者采\n访居民。\n就城乡集的新发展规划\n"
    al = pdfpages.align(text, units)
    assert al.ok
    assert [segs[0][0] for segs in al.line_map] == [1, 1, 1, 0]
