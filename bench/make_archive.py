"""Writes a large zip of page files for archive runs: generated pages
(huozi.bench.generate), every third one in GB18030, the rest UTF-8, under
``jnrb/YYYY/MM/DD/pageN.txt``, with a planted bad member (NUL bytes, or bytes
that fit no encoding) every 10,000 pages. ``--distinct`` pages are generated
and then reused under new names until ``--size`` bytes of page text are
written (parsing cost does not depend on having seen a page before).
``--pages-from DIR`` takes the pages of a directory instead (the pages the
C++ benchmarks read), to compare an archive run with ``BM_Pipeline`` on the
same pages.

Kept for the commands in bench/results/archive-run.md; without
``--pages-from`` it is a shorthand for the generator (the gold goes beside the
zip, NAME.gold.jsonl)::

    python -m huozi.bench.generate --size 1GB --out /tmp/big1g.zip --dated-names \\
        --gb18030-every 3 --bad-every 10000 --distinct 4000 --seed 1

    .venv/bin/python bench/make_archive.py --size 1GB --out /tmp/big1g.zip
    /usr/bin/time -f "%e s %M KB" .venv/bin/huozi run /tmp/big1g.zip -o /tmp/big1g.parquet --threads 2 --quiet
    .venv/bin/python bench/archive_scaling.py /tmp/big1g.zip --threads 1,2 --repeat 3

    .venv/bin/python bench/make_archive.py --pages-from build/bench-pages/pages --size 200MB --out /tmp/utf8.zip
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
import zipfile

from huozi.bench import generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", required=True, help="bytes of page text (1GB, 4GB)")
    ap.add_argument("--out", required=True, help="the zip to write")
    ap.add_argument("--distinct", type=int, default=4000, help="distinct generated pages")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pages-from", metavar="DIR",
                    help="take the pages (as they are, no GB18030, no bad members) from the *.txt files of DIR, "
                         "e.g. the pages the C++ benchmarks read (make bench: build/bench-pages/pages)")
    args = ap.parse_args(argv)
    if not args.out.lower().endswith(".zip"):
        ap.error("--out must name a .zip")
    if not args.pages_from:
        return generate.main(["--size", args.size, "--out", args.out, "--format", "zip", "--dated-names",
                              "--gb18030-every", "3", "--bad-every", "10000", "--distinct", str(args.distinct),
                              "--seed", str(args.seed)])
    names = sorted(os.path.join(d, f) for d, _s, fs in os.walk(args.pages_from) for f in fs if f.endswith(".txt"))
    if not names:
        ap.error(f"no .txt files under {args.pages_from}")
    pages = []
    for name in names:
        with open(name, "rb") as f:
            pages.append(f.read())
    size = generate.parse_size(args.size)
    total = n = 0
    day = datetime.date(2000, 1, 1)
    t0 = time.perf_counter()
    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        while total < size:
            d = day + datetime.timedelta(days=n // 16)
            data = pages[n % len(pages)]
            z.writestr(f"jnrb/{d:%Y/%m/%d}/page{n % 16 + 1}.txt", data)
            total += len(data)
            n += 1
    print(f"{args.out}: {n:,} members, {total / 1e6:,.0f} MB of page text, "
          f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
