"""huozi.tokenize beside jieba, rjieba and pkuseg on the PKU test text.

All systems get the same input, line by line (1,945 lines of People's Daily,
January 2001; the SIGHAN 2005 PKU test set), one thread, called from Python
as a user would. For each: F1 against the hand segmentation (the bakeoff's
scoring: precision and recall of word spans over the whole file), speed in
MB of UTF-8 input per CPU-second (median of --repeat rounds that interleave
the systems), and the one-time load cost (word list, dictionary or model).

    .venv/bin/python bench/tokenize_vs_peers.py            # a markdown table
    .venv/bin/python bench/tokenize_vs_peers.py --json out.json

Peers are bench-only dependencies (the `bench` extra; PyICU, for the row of
ICU alone, is optional and compiles against the system ICU):

    .venv/bin/python -m pip install jieba rjieba pyicu
    # pkuseg 0.0.25 has no wheel for Python 3.11 and its setup.py imports
    # numpy and Cython before declaring them, so it builds only like this:
    .venv/bin/python -m pip install numpy cython wheel setuptools
    .venv/bin/python -m pip install --no-build-isolation pkuseg

A peer that is not installed is listed as such, not measured. The corpus:
HUOZI_PKU_DIR, else ../shared/corpora/pku-2001-01 beside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from huozi.bench.score import bakeoff_score

ROOT = Path(__file__).resolve().parents[1]


def pku_dir() -> Path:
    env = os.environ.get("HUOZI_PKU_DIR")
    return Path(env) if env else ROOT / ".." / "shared" / "corpora" / "pku-2001-01"


def load_corpus(d: Path) -> Tuple[List[str], List[List[str]], Path]:
    inputs = (d / "pku_test.utf8").read_bytes().decode("utf-8").split("\r\n")
    if inputs and inputs[-1] == "":
        inputs.pop()
    gold = [line.split() for line in (d / "pku_test_gold.utf8").read_text(encoding="utf-8").splitlines()]
    if len(inputs) != len(gold):
        raise SystemExit(f"{len(inputs)} input lines but {len(gold)} gold lines")
    return inputs, gold, d / "pku_training_words.utf8"


def clean(tokens: Iterable[str]) -> List[str]:
    """Tokens without white space (some segmenters return spaces as tokens)."""
    out = []
    for t in tokens:
        t = "".join(t.split())
        if t:
            out.append(t)
    return out


# Each system: name -> (loader returning a cut function, or an error string).
Cut = Callable[[str], List[str]]


def huozi_icu() -> Cut:
    import huozi

    return lambda line: huozi.tokenize(line)


def icu_alone() -> Cut:
    # ICU's word break by itself (PyICU), white space dropped: what huozi's
    # ICU mode starts from, without its rules.
    import icu

    bi = icu.BreakIterator.createWordInstance(icu.Locale("zh"))

    def cut(line: str) -> List[str]:
        u = icu.UnicodeString(line)  # ICU's offsets are UTF-16 units: slice the UnicodeString
        bi.setText(u)
        out, prev = [], bi.first()
        for b in bi:
            out.append(str(u[prev:b]))
            prev = b
        return out

    return cut


def huozi_dict(words: Path) -> Callable[[], Cut]:
    def load() -> Cut:
        import huozi

        d = huozi.Dictionary.from_file(str(words))
        return lambda line: huozi.tokenize(line, words=d)

    return load


def jieba_default() -> Cut:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return lambda line: jieba.lcut(line)


def jieba_pku_words(words: Path) -> Callable[[], Cut]:
    # jieba with the PKU training word list as its dictionary (every word the
    # same frequency) and without its HMM: the setting closest to huozi's
    # dictionary mode.
    def load() -> Cut:
        import logging
        import tempfile

        import jieba

        jieba.setLogLevel(logging.WARNING)
        lines = [w.strip() for w in words.read_text(encoding="utf-8").splitlines() if w.strip()]
        tmp = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8")
        with tmp:
            tmp.write("".join(f"{w} 3\n" for w in lines))
        tk = jieba.Tokenizer(dictionary=tmp.name)
        tk.initialize()
        os.unlink(tmp.name)
        return lambda line: tk.lcut(line, HMM=False)

    return load


def rjieba_default() -> Cut:
    import rjieba

    rjieba.cut("预热")  # loads its dictionary
    return lambda line: rjieba.cut(line)


def pkuseg_default() -> Cut:
    import pkuseg

    seg = pkuseg.pkuseg()  # the bundled default (mixed-domain) model
    return lambda line: seg.cut(line)


def systems(words: Path) -> List[Tuple[str, str, Callable[[], Cut]]]:
    """(name, key, loader) of every system, huozi first."""
    return [
        ("ICU word break alone (PyICU)", "icu", icu_alone),
        ("huozi ICU mode", "huozi_icu", huozi_icu),
        ("huozi dictionary mode (PKU words)", "huozi_dict", huozi_dict(words)),
        ("jieba 0.42 (default dict + HMM)", "jieba", jieba_default),
        ("jieba (PKU words, no HMM)", "jieba_pku", jieba_pku_words(words)),
        ("rjieba (jieba-rs, default dict)", "rjieba", rjieba_default),
        ("pkuseg (default model)", "pkuseg", pkuseg_default),
    ]


def measure_interleaved(chosen: Sequence[Tuple[str, str, Callable[[], Cut]]], inputs: List[str],
                        gold: List[List[str]], repeat: int, max_seconds: float = 30.0) -> List[Dict[str, object]]:
    """Loads every system (timing the load), then ``repeat`` rounds in which
    each system cuts every line once, in turn, so all see the same machine.
    Per system: CPU seconds of each round, their median, MB/s from the median,
    and F1 of the first round's output. A system whose round takes over
    ``max_seconds`` runs only as many rounds as fit about 3x that in all."""
    rows: List[Dict[str, object]] = []
    cuts: Dict[str, Cut] = {}
    for name, key, load in chosen:
        row: Dict[str, object] = {"system": name, "key": key}
        t0 = time.perf_counter()
        try:
            cuts[key] = load()
        except ImportError as e:
            row["error"] = f"not installed ({e.name})"
        except Exception as e:  # a peer that installs but fails to load is reported, not fatal
            row["error"] = f"failed to load: {type(e).__name__}: {e}"
        else:
            row["load_s"] = time.perf_counter() - t0
            row["runs"] = []
        rows.append(row)
    nbytes = sum(len(line.encode("utf-8")) for line in inputs)
    for k in range(repeat):
        for row in rows:
            if "error" in row:
                continue
            runs: List[float] = row["runs"]  # type: ignore[assignment]
            if runs and sum(runs) > 3 * max_seconds:
                continue
            cut = cuts[str(row["key"])]
            t0 = time.process_time()  # CPU time: less sensitive to other work on the machine
            predicted = [cut(line) for line in inputs]
            runs.append(time.process_time() - t0)
            if k == 0:
                p, r, f1 = bakeoff_score([clean(x) for x in predicted], gold)
                row.update({"precision": p, "recall": r, "f1": f1})
    for row in rows:
        if "error" not in row:
            med = statistics.median(row["runs"])  # type: ignore[arg-type]
            row.update({"seconds": med, "mb_per_s": nbytes / med / 1e6})
    return rows


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="interleaved rounds; the median counts (default 5)")
    ap.add_argument("--json", metavar="PATH", help="also write the rows as JSON")
    ap.add_argument("--only", nargs="*", help="systems to run (default: all)")
    args = ap.parse_args(argv)

    d = pku_dir()
    if not (d / "pku_test.utf8").is_file():
        print(f"PKU corpus not found in {d} (set HUOZI_PKU_DIR)", file=sys.stderr)
        return 2
    inputs, gold, words = load_corpus(d)
    chosen = systems(words)
    if args.only:
        chosen = [s for s in chosen if any(o.lower() in s[0].lower() for o in args.only)]
    rows = measure_interleaved(chosen, inputs, gold, args.repeat)

    nbytes = sum(len(line.encode("utf-8")) for line in inputs)
    print(f"PKU test set: {len(inputs)} lines, {nbytes / 1e6:.2f} MB UTF-8, {sum(map(len, gold))} gold words; "
          f"one thread, one call per line, median of {args.repeat} interleaved rounds\n")
    print("| system | F1 | precision | recall | MB/s | load s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        if "error" in row:
            print(f"| {row['system']} | – | – | – | – | {row['error']} |")
            continue
        print(f"| {row['system']} | {row['f1']:.4f} | {row['precision']:.4f} | {row['recall']:.4f} | "
              f"{row['mb_per_s']:.2f} | {row['load_s']:.2f} |")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
