"""Scoring a repair against generated gold (see huozi.bench.generate).

* :func:`unit_f1` - multiset exact match of unit strings (stripped);
* :func:`break_accuracy` - per line-pair decisions (join / paragraph / block);
* :func:`score_pages` - both, micro-averaged per family and overall.

CLI::

    python -m huozi.bench.score --gold DIR/gold.jsonl --repair bench/baseline_repair.py
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Callable, Iterable

__all__ = ["unit_f1", "break_accuracy", "score_pages", "format_table", "load_repair", "word_spans", "bakeoff_score", "main"]

KINDS = ("join", "paragraph", "block")


def unit_f1(pred: list[str], gold: list[str]) -> dict:
    """Precision / recall / F1 of ``pred`` units against ``gold`` units.

    Units are compared as a multiset of exact strings after stripping
    surrounding whitespace; empty strings are ignored.
    """
    p = Counter(s.strip() for s in pred if s and s.strip())
    g = Counter(s.strip() for s in gold if s and s.strip())
    tp = sum((p & g).values())
    n_pred, n_gold = sum(p.values()), sum(g.values())
    prec = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    rec = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def break_accuracy(pred: dict[int, str], gold_breaks: Iterable) -> dict:
    """Accuracy of break decisions.

    ``pred`` maps the 0-based physical index of the earlier line of a pair of
    consecutive non-blank lines to ``join`` / ``paragraph`` / ``block``; a
    missing decision counts as wrong (``missing`` in the confusion matrix).
    ``split_accuracy`` only asks whether the two lines are joined or not.
    """
    conf: dict[str, Counter] = {k: Counter() for k in KINDS}
    n = correct = split_ok = 0
    for line_no, kind in gold_breaks:
        got = pred.get(int(line_no), "missing")
        conf.setdefault(kind, Counter())[got] += 1
        n += 1
        correct += got == kind
        split_ok += (got == "join") == (kind == "join") and got != "missing"
    return {
        "accuracy": correct / n if n else 1.0,
        "split_accuracy": split_ok / n if n else 1.0,
        "n": n,
        "correct": correct,
        "split_correct": split_ok,
        "confusion": {k: dict(v) for k, v in conf.items()},
    }


def word_spans(words: Iterable[str]) -> set:
    """Words as (start, end) character spans of their concatenation."""
    spans, at = set(), 0
    for w in words:
        spans.add((at, at + len(w)))
        at += len(w)
    return spans


def bakeoff_score(predicted, gold) -> tuple:
    """Word segmentation: precision, recall and F1 of word spans over the
    whole file, line by line, as the SIGHAN bakeoff's score script counts
    them. ``predicted`` and ``gold`` are sequences of lines, each a sequence
    of words."""
    tp = n_pred = n_gold = 0
    for p, g in zip(predicted, gold):
        ps, gs = word_spans(p), word_spans(g)
        tp += len(ps & gs)
        n_pred += len(ps)
        n_gold += len(gs)
    precision, recall = tp / n_pred, tp / n_gold
    return precision, recall, 2 * precision * recall / (precision + recall)


def _call(repair_fn: Callable, text: str, breaks_fn: Callable | None):
    out = repair_fn(text)
    breaks = None
    if isinstance(out, dict):
        units, breaks = out.get("units", []), out.get("breaks")
    elif isinstance(out, tuple):
        units, breaks = out[0], out[1] if len(out) > 1 else None
    else:
        units = out
    if breaks is None and breaks_fn is not None:
        breaks = breaks_fn(text)
    if isinstance(breaks, list):  # [[line_no, kind], ...]
        breaks = {int(i): k for i, k in breaks}
    return list(units), breaks


def score_pages(repair_fn: Callable, golds: Iterable[dict], breaks_fn: Callable | None = None) -> dict:
    """Score ``repair_fn`` on gold pages, micro-averaged per family and overall.

    ``repair_fn(text)`` returns a list of units, or ``(units, breaks)``, or a
    dict with ``units`` and optionally ``breaks`` (a dict line -> kind or a
    list of ``[line, kind]``); ``breaks_fn(text)`` may supply the breaks
    separately.  Without breaks, break scores are left out.
    """
    acc: dict[str, dict] = defaultdict(lambda: {
        "pages": 0, "tp": 0, "n_pred": 0, "n_gold": 0,
        "b_n": 0, "b_ok": 0, "b_split": 0, "conf": defaultdict(Counter), "has_breaks": False})
    for g in golds:
        units, breaks = _call(repair_fn, g["text"], breaks_fn)
        u = unit_f1(units, g["units"])
        for key in (g.get("family", "?"), "ALL"):
            a = acc[key]
            a["pages"] += 1
            a["tp"] += u["tp"]
            a["n_pred"] += u["n_pred"]
            a["n_gold"] += u["n_gold"]
            if breaks is not None:
                b = break_accuracy(breaks, g["breaks"])
                a["has_breaks"] = True
                a["b_n"] += b["n"]
                a["b_ok"] += b["correct"]
                a["b_split"] += b["split_correct"]
                for gk, row in b["confusion"].items():
                    a["conf"][gk].update(row)
    out = {}
    for key, a in acc.items():
        p = a["tp"] / a["n_pred"] if a["n_pred"] else 0.0
        r = a["tp"] / a["n_gold"] if a["n_gold"] else 0.0
        res = {"pages": a["pages"], "precision": p, "recall": r,
               "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": a["tp"],
               "n_pred": a["n_pred"], "n_gold": a["n_gold"]}
        if a["has_breaks"]:
            res.update(break_accuracy=a["b_ok"] / a["b_n"] if a["b_n"] else 1.0,
                       split_accuracy=a["b_split"] / a["b_n"] if a["b_n"] else 1.0,
                       breaks=a["b_n"],
                       confusion={k: dict(v) for k, v in a["conf"].items()})
        out[key] = res
    fams = sorted(k for k in out if k != "ALL")
    return {"families": {k: out[k] for k in fams}, "overall": out.get("ALL", {})}


def format_table(scores: dict) -> str:
    rows = [("family", "pages", "P", "R", "unit F1", "break acc", "split acc")]
    items = list(scores["families"].items()) + [("OVERALL", scores["overall"])]
    for name, s in items:
        if not s:
            continue
        rows.append((name, str(s["pages"]), f"{s['precision']:.3f}", f"{s['recall']:.3f}",
                     f"{s['f1']:.3f}",
                     f"{s['break_accuracy']:.3f}" if "break_accuracy" in s else "-",
                     f"{s['split_accuracy']:.3f}" if "split_accuracy" in s else "-"))
    w = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i]) for i, c in enumerate(r)) for r in rows]
    lines.insert(1, "  ".join("-" * x for x in w))
    return "\n".join(lines)


def load_repair(spec: str) -> tuple[Callable, Callable | None]:
    """``path/to/file.py[:func]`` or ``package.module[:func]`` -> (repair, breaks)."""
    target, _, func = spec.partition(":")
    if target.endswith(".py") or Path(target).is_file():
        s = importlib.util.spec_from_file_location(Path(target).stem, target)
        mod = importlib.util.module_from_spec(s)
        sys.modules[s.name] = mod
        s.loader.exec_module(mod)
    else:
        mod = importlib.import_module(target)
    fn = getattr(mod, func or "repair")
    bfn = getattr(mod, "repair_breaks", None) if not func else None
    return fn, bfn


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m huozi.bench.score", description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", required=True, help="gold.jsonl written by huozi.bench.generate")
    ap.add_argument("--repair", required=True, help="file.py[:func] or module[:func]")
    ap.add_argument("--pages-dir", default=None, help="read page text from DIR/pages/ID.txt when gold has none")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print the full scores as JSON")
    args = ap.parse_args(argv)
    fn, bfn = load_repair(args.repair)

    def golds():
        with open(args.gold, encoding="utf-8") as f:
            for k, line in enumerate(f):
                if args.limit and k >= args.limit:
                    break
                g = json.loads(line)
                if "text" not in g:
                    g["text"] = (Path(args.pages_dir) / "pages" / f"{g['id']}.txt").read_bytes().decode("utf-8")
                yield g

    scores = score_pages(fn, golds(), bfn)
    print(json.dumps(scores, ensure_ascii=False, indent=1) if args.json else format_table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
