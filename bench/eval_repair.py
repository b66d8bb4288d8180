"""Line-repair accuracy, side by side: huozi vs the peers, on the sample page
and on generated pages (gold from huozi.bench.generate).

    .venv/bin/python bench/eval_repair.py --pages 2000 [--seed 1] [--families a,b] [--markdown]
    .venv/bin/python bench/eval_repair.py --pdf DIR [--families pdf_poppler,...]

With ``--pdf DIR`` the pages are the PDF extractions written by
``python -m huozi.bench.pdfpages --out DIR`` (DIR/gold.jsonl), one family per
extractor (pdf_poppler, pdf_poppler_raw, pdf_mupdf), each also split by line
spacing (FAMILY:tight, FAMILY:loose; see pdfpages.spacing_slice).

Reports per page family: break-decision accuracy (join / paragraph / block,
per pair of consecutive non-blank lines) and unit exact-match F1 (each
repaired paragraph or short line must equal the gold string exactly), for
huozi, the obvious pure-Python approach (bench/baseline_repair.py) and
opencc-pyo3's reflow_cjk_paragraphs (when installed).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Dict, List, Optional

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import huozi  # noqa: E402
from huozi.bench import generate, score  # noqa: E402

import baseline_repair  # noqa: E402


DEINTERLEAVE: object = "auto"  # --deinterleave (True), --no-deinterleave (False)


def huozi_units(text: str) -> Dict:
    d = huozi.repair_details(text, deinterleave=DEINTERLEAVE)
    breaks = {x["line"]: x["kind"] for x in d["decisions"]}
    return {"units": [u["text"] for u in d["units"]], "breaks": breaks}


def baseline_units(text: str) -> Dict:
    units, breaks = baseline_repair.analyze(text)
    return {"units": units, "breaks": breaks}


def baseline_headings_units(text: str) -> Dict:
    units, breaks = baseline_repair.analyze(text, headings=True)
    return {"units": units, "breaks": breaks}


def opencc_fn() -> Optional[Callable[[str], Dict]]:
    try:
        from opencc_pyo3.opencc_pyo3 import reflow_cjk_paragraphs
    except ImportError:
        return None

    def run(text: str) -> Dict:
        out = reflow_cjk_paragraphs(text, False, True)
        return {"units": [l for l in out.split("\n") if l.strip()], "breaks": None}

    return run


def sample_scores(contenders: Dict[str, Callable]) -> Dict[str, Dict]:
    text = (REPO / "python" / "huozi" / "data" / "jining-police-page.txt").read_text(encoding="utf-8")
    gold = [l for l in (REPO / "tests" / "data" / "sample" / "jining-police-page.repaired.txt")
            .read_text(encoding="utf-8").split("\n") if l.strip()]
    return {name: score.unit_f1(fn(text)["units"], gold) for name, fn in contenders.items()}


def gold_pages(args) -> tuple:
    """(iterator of (index, family, score keys, gold), row keys of the table)."""
    want = tuple(args.families.split(",")) if args.families else None
    if args.pdf:
        from huozi.bench import pdfpages

        fams = [f for f in pdfpages.FAMILIES if not want or f in want]
        rows = fams + [f"{f}:{s}" for f in fams for s in ("tight", "loose")]

        def it():
            for i, g in enumerate(pdfpages.load_gold(args.pdf)):
                if g["family"] in fams:
                    yield i, g["family"], (g["family"], f"{g['family']}:{g['style']['spacing']}", "ALL"), g
        return it(), rows
    corpus = generate.load_corpus()
    fams = want or generate.FAMILIES

    def gen():
        for i in range(args.pages):
            fam = fams[i % len(fams)]
            yield i, fam, (fam, "ALL"), generate.generate_page(generate.page_seed(args.seed, i), corpus, fam)
    return gen(), list(fams)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--families", default=None, help="comma-separated families (default: all)")
    ap.add_argument("--show-errors", type=int, default=0, help="print N wrong units of huozi")
    ap.add_argument("--deinterleave", action="store_const", const=True, default="auto",
                    help="repair with deinterleave=True (every page tested for columns read row by row; "
                         "default: deinterleave='auto')")
    ap.add_argument("--no-deinterleave", dest="deinterleave", action="store_const", const=False,
                    help="repair with deinterleave=False")
    ap.add_argument("--pdf", default=None, metavar="DIR",
                    help="score the PDF extractions in DIR/gold.jsonl (huozi.bench.pdfpages) instead")
    args = ap.parse_args(argv)
    global DEINTERLEAVE
    DEINTERLEAVE = args.deinterleave

    contenders: Dict[str, Callable] = {
        "huozi": huozi_units,
        "python-baseline": baseline_units,
        "python-baseline+headings": baseline_headings_units,
    }
    oc = opencc_fn()
    if oc:
        contenders["opencc-pyo3"] = oc

    pages, fams = gold_pages(args)
    per: Dict[str, Dict[str, Dict]] = defaultdict(lambda: defaultdict(lambda: {"tp": 0, "np": 0, "ng": 0, "bc": 0, "bs": 0, "bn": 0}))
    secs: Dict[str, float] = defaultdict(float)
    nbytes = 0
    shown = 0
    n_pages = 0
    for i, fam, keys, g in pages:
        n_pages += 1
        text = g["text"]
        nbytes += len(text.encode("utf-8"))
        for name, fn in contenders.items():
            t0 = time.perf_counter()
            out = fn(text)
            secs[name] += time.perf_counter() - t0
            u = score.unit_f1(out["units"], g["units"])
            for key in keys:
                acc = per[name][key]
                acc["tp"] += u["tp"]
                acc["np"] += u["n_pred"]
                acc["ng"] += u["n_gold"]
                if out["breaks"] is not None:
                    b = score.break_accuracy(out["breaks"], g["breaks"])
                    acc["bc"] += b["correct"]
                    acc["bs"] += b["split_correct"]
                    acc["bn"] += b["n"]
            if name == "huozi" and shown < args.show_errors and u["tp"] < u["n_gold"]:
                gold_set = set(g["units"])
                bad = [x for x in out["units"] if x not in gold_set][:3]
                missing = [x for x in g["units"] if x not in set(out["units"])][:3]
                print(f"--- page {i} family {fam} seed {g['seed']}")
                for x in bad:
                    print("  got :", x[:120])
                for x in missing:
                    print("  want:", x[:120])
                shown += 1

    def f1(a):
        p = a["tp"] / a["np"] if a["np"] else 0
        r = a["tp"] / a["ng"] if a["ng"] else 0
        return 2 * p * r / (p + r) if p + r else 0

    names = list(contenders)
    what = f"PDF extractions from {args.pdf}" if args.pdf else f"generated pages (seed {args.seed})"
    print(f"\nLine repair on {n_pages} {what}, {nbytes / 1e6:.1f} MB")
    with_breaks = [n for n in names if per[n]["ALL"]["bn"]]
    # break acc.: join / paragraph / block all told apart; join/break acc.:
    # only whether the two lines are joined (huozi's column).
    print("| family | " + " | ".join(f"{n} F1" for n in names) + " | "
          + " | ".join(f"{n} break acc." for n in with_breaks) + " | huozi join/break acc. |")
    print("|---" * (len(names) + len(with_breaks) + 2) + "|")
    for fam in list(fams) + ["ALL"]:
        if not per[names[0]][fam]["ng"]:
            continue
        row = [f"{f1(per[n][fam]):.4f}" for n in names]
        accs = [f"{per[n][fam]['bc'] / per[n][fam]['bn']:.4f}" if per[n][fam]["bn"] else "-" for n in with_breaks]
        h = per["huozi"][fam] if "huozi" in per else {"bn": 0}
        split = f"{h['bs'] / h['bn']:.4f}" if h["bn"] else "-"
        print(f"| {fam} | " + " | ".join(row) + " | " + " | ".join(accs) + f" | {split} |")
    print("\nSample page (hand-written fixture), unit F1:",
          ", ".join(f"{n} {s['f1']:.4f}" for n, s in sample_scores(contenders).items()))
    print("Time (this run, per contender, generated pages):",
          ", ".join(f"{n} {secs[n]:.2f}s ({nbytes / 1e6 / secs[n]:.1f} MB/s)" for n in names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
