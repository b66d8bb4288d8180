"""Speed of line repair from Python, side by side, on the same generated pages.

    .venv/bin/python bench/repair_speed.py [--pages 1000] [--repeat 5]

Contenders (each over the same list of str pages, interleaved, median of
--repeat runs): huozi.repair (one call per page: the per-page API a notebook
user calls, on one thread); the pure-Python baseline
(bench/baseline_repair.py); opencc-pyo3's reflow_cjk_paragraphs when
installed; and, in rows of their own, huozi.repair_many over the whole list
with --threads C++ threads (the batch call: same results, threads that really
run in parallel; on a machine of N cores it scales up to N times one thread).
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
    ap.add_argument("--threads", default="1,2", help="thread counts for the huozi.repair_many rows")
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
    counts = [int(t) for t in args.threads.split(",") if t]
    batches = {f"huozi.repair_many, {t} thread{'s' if t > 1 else ''}": t for t in counts}
    times = {n: [] for n in list(contenders) + list(batches)}
    for _ in range(args.repeat):
        for name, fn in contenders.items():  # interleaved: one pass of each per round
            t0 = time.perf_counter()
            for p in pages:
                fn(p)
            times[name].append(time.perf_counter() - t0)
        for name, threads in batches.items():
            t0 = time.perf_counter()
            huozi.repair_many(pages, threads=threads)
            times[name].append(time.perf_counter() - t0)
    med = {n: statistics.median(t) for n, t in times.items()}
    print(f"{args.pages} generated pages, {nbytes / 1e6:.1f} MB, median of {args.repeat}")
    base = med["python-baseline"]
    print("| contender | MB/s | pages/s | huozi.repair's speed over it | over the pure-Python baseline |")
    print("|---|---|---|---|---|")
    for n, t in med.items():
        print(f"| {n} | {nbytes / 1e6 / t:.1f} | {args.pages / t:.0f} | {t / med['huozi.repair']:.2f}x | {base / t:.1f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
