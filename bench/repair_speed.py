"""Speed of line repair from Python, side by side, on the same generated pages.

    .venv/bin/python bench/repair_speed.py [--pages 1000] [--repeat 5]

Contenders (each over the same list of str pages, interleaved, median of
--repeat runs): huozi.repair (one call per page), huozi.parse_many-free
batch is not used here: this is the per-page API a notebook user calls; the
pure-Python baseline (bench/baseline_repair.py); opencc-pyo3's
reflow_cjk_paragraphs when installed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import huozi  # noqa: E402
from huozi.bench import generate  # noqa: E402

import baseline_repair  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    corpus = generate.load_corpus()
    fams = generate.FAMILIES
    pages = [generate.generate_page(generate.page_seed(args.seed, i), corpus, fams[i % len(fams)])["text"]
             for i in range(args.pages)]
    nbytes = sum(len(p.encode("utf-8")) for p in pages)
    contenders = {
        "huozi.repair": huozi.repair,
        "python-baseline": baseline_repair.repair_text,
    }
    try:
        from opencc_pyo3.opencc_pyo3 import reflow_cjk_paragraphs

        contenders["opencc-pyo3 reflow"] = lambda t: reflow_cjk_paragraphs(t, False, True)
    except ImportError:
        pass
    times = {n: [] for n in contenders}
    for _ in range(args.repeat):
        for name, fn in contenders.items():  # interleaved: one pass of each per round
            t0 = time.perf_counter()
            for p in pages:
                fn(p)
            times[name].append(time.perf_counter() - t0)
    med = {n: statistics.median(t) for n, t in times.items()}
    print(f"{args.pages} generated pages, {nbytes / 1e6:.1f} MB, median of {args.repeat}")
    print("| contender | MB/s | pages/s | huozi speed-up |")
    print("|---|---|---|---|")
    for n, t in med.items():
        print(f"| {n} | {nbytes / 1e6 / t:.1f} | {args.pages / t:.0f} | {t / med['huozi.repair']:.1f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
