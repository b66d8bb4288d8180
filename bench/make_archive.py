"""Writes a large zip of page files for archive runs: generated pages
(huozi.bench.generate), every third one in GB18030, the rest UTF-8, under
``jnrb/YYYY/MM/DD/pageN.txt``, with a planted bad member (NUL bytes, or bytes
that fit no encoding) every 10,000 pages. ``--distinct`` pages are generated
and then reused under new names until ``--size`` bytes of page text are
written (parsing cost does not depend on having seen a page before).
``--pages-from DIR`` takes the pages of a directory instead (the pages the
C++ benchmarks read), to compare an archive run with ``BM_Pipeline`` on the
same pages.

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

from huozi.bench.generate import generate_pages, parse_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=parse_size, required=True, help="bytes of page text (1GB, 4GB)")
    ap.add_argument("--out", required=True, help="the zip to write")
    ap.add_argument("--distinct", type=int, default=4000, help="distinct generated pages")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pages-from", metavar="DIR",
                    help="take the pages (as they are, no GB18030, no bad members) from the *.txt files of DIR, "
                         "e.g. the pages the C++ benchmarks read (make bench: build/bench-pages/pages)")
    args = ap.parse_args(argv)

    pages = []
    if args.pages_from:
        names = sorted(os.path.join(d, f) for d, _s, fs in os.walk(args.pages_from) for f in fs if f.endswith(".txt"))
        if not names:
            ap.error(f"no .txt files under {args.pages_from}")
        for name in names:
            with open(name, "rb") as f:
                pages.append(f.read())
    else:
        for i, g in enumerate(generate_pages(args.distinct, seed=args.seed)):
            text = g["text"]
            gb = i % 3 == 1 and not text.startswith("\ufeff")
            pages.append(text.encode("gb18030") if gb else text.encode("utf-8"))
    bad = [b"\x00\x01\x02 not a page", b"\x80\x80\x80\xff\xff\xfe abc " * 20]
    total = n = n_bad = 0
    day = datetime.date(2000, 1, 1)
    t0 = time.perf_counter()
    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        while total < args.size:
            d = day + datetime.timedelta(days=n // 16)
            name = f"jnrb/{d:%Y/%m/%d}/page{n % 16 + 1}.txt"
            if n % 10000 == 9999 and not args.pages_from:
                data = bad[n_bad % 2]
                n_bad += 1
            else:
                data = pages[n % len(pages)]
            z.writestr(name, data)
            total += len(data)
            n += 1
    print(f"{args.out}: {n:,} members ({n_bad} bad), {total / 1e6:,.0f} MB of page text, "
          f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
