"""Writes a large zip of page files for archive runs: generated pages
(huozi.bench.generate), every third one in GB18030, the rest UTF-8, under
``jnrb/YYYY/MM/DD/pageN.txt``, with a planted bad member (NUL bytes, or bytes
that fit no encoding) every 10,000 pages. ``--distinct`` pages are generated
and then reused under new names until ``--size`` bytes of page text are
written (parsing cost does not depend on having seen a page before).

Kept for the commands in bench/results/archive-run.md; it is now a shorthand
for the generator (the gold goes beside the zip, NAME.gold.jsonl)::

    python -m huozi.bench.generate --size 1GB --out /tmp/big1g.zip --dated-names \\
        --gb18030-every 3 --bad-every 10000 --distinct 4000 --seed 1

    .venv/bin/python bench/make_archive.py --size 1GB --out /tmp/big1g.zip
    /usr/bin/time -v .venv/bin/huozi run /tmp/big1g.zip -o /tmp/big1g.parquet --threads 2 --quiet
"""

from __future__ import annotations

import argparse
import sys

from huozi.bench import generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", required=True, help="bytes of page text (1GB, 4GB)")
    ap.add_argument("--out", required=True, help="the zip to write")
    ap.add_argument("--distinct", type=int, default=4000, help="distinct generated pages")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if not args.out.lower().endswith(".zip"):
        ap.error("--out must name a .zip")
    return generate.main(["--size", args.size, "--out", args.out, "--format", "zip", "--dated-names",
                          "--gb18030-every", "3", "--bad-every", "10000", "--distinct", str(args.distinct),
                          "--seed", str(args.seed)])


if __name__ == "__main__":
    sys.exit(main())
