"""Page segmentation accuracy on generated pages (gold from huozi.bench.generate).

    .venv/bin/python bench/eval_segment.py --pages 1000 [--seed 1] [--show-errors N]
    .venv/bin/python bench/eval_segment.py --pdf DIR [--families pdf_poppler,...]

(``--pdf DIR``: the PDF extractions of ``python -m huozi.bench.pdfpages --out
DIR``, per extractor family and per line spacing, FAMILY:tight / FAMILY:loose.)

Per family and overall:
* article boundary F1: an article is identified by its first body block
  (paragraph or caption text); predicted and gold articles are matched on it;
* title exact: share of gold titled articles whose matched article has the
  same title (multi-line titles joined with one space);
* kicker exact, likewise;
* author-name F1: (article, role, name) triples.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Optional

import huozi
from huozi.bench import generate


def key_of(article: Dict) -> Optional[str]:
    for b in article["blocks"]:
        if b["kind"] in ("paragraph", "caption") and b["text"].strip():
            return b["text"].strip()
    return article.get("title") or None


def keyed(articles: List[Dict]) -> Dict[tuple, Dict]:
    """Articles by (key, occurrence): a generated page may open two articles
    with the same paragraph (the corpus is sampled with replacement); the
    n-th gold article with a key is matched with the n-th predicted one,
    instead of one of them shadowing the other."""
    seen: Counter = Counter()
    out: Dict[tuple, Dict] = {}
    for a in articles:
        k = key_of(a)
        if k:
            out[(k, seen[k])] = a
            seen[k] += 1
    return out


def score_page(pred: List[Dict], gold: List[Dict], acc: Dict) -> List[str]:
    errors = []
    pk = keyed(pred)
    gk = keyed(gold)
    tp = len(set(pk) & set(gk))
    acc["art_tp"] += tp
    acc["art_pred"] += len(pk)
    acc["art_gold"] += len(gk)
    for k, g in gk.items():
        p = pk.get(k)
        if g.get("title"):
            acc["title_n"] += 1
            ok = p is not None and p.get("title") == g["title"]
            acc["title_ok"] += ok
            if not ok:
                errors.append(f"title: want {g['title']!r} got {p.get('title') if p else None!r}")
        if g.get("kicker"):
            acc["kicker_n"] += 1
            acc["kicker_ok"] += p is not None and p.get("kicker") == g["kicker"]
        ga = Counter((x["role"], x["name"]) for x in g["authors"])
        pa = Counter((x["role"], x["name"]) for x in (p["authors"] if p else []))
        acc["au_tp"] += sum((ga & pa).values())
        acc["au_gold"] += sum(ga.values())
    for k, p in pk.items():
        acc["au_pred"] += len(p["authors"]) if k in gk else 0
    for k in set(gk) - set(pk):
        errors.append(f"missed article starting {k[0][:30]!r}")
    return errors


def f1(tp: int, np_: int, ng: int) -> float:
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--families", default=None)
    ap.add_argument("--show-errors", type=int, default=0)
    ap.add_argument("--deinterleave", action="store_const", const=True, default="auto",
                    help="parse with deinterleave=True (every page tested for columns read row by row; "
                         "default: deinterleave='auto')")
    ap.add_argument("--no-deinterleave", dest="deinterleave", action="store_const", const=False,
                    help="parse with deinterleave=False")
    ap.add_argument("--pdf", default=None, metavar="DIR",
                    help="score the PDF extractions in DIR/gold.jsonl (huozi.bench.pdfpages) instead")
    args = ap.parse_args(argv)
    want = tuple(args.families.split(",")) if args.families else None
    if args.pdf:
        from huozi.bench import pdfpages

        fams = tuple(f for f in pdfpages.FAMILIES if not want or f in want)
        golds = [g for g in pdfpages.load_gold(args.pdf) if g["family"] in fams]
        rows = list(fams) + [f"{f}:{s}" for f in fams for s in ("tight", "loose")]
    else:
        corpus = generate.load_corpus()
        fams = want or generate.FAMILIES
        golds = (generate.generate_page(generate.page_seed(args.seed, i), corpus, fams[i % len(fams)])
                 for i in range(args.pages))
        rows = list(fams)
    per: Dict[str, Dict[str, int]] = defaultdict(Counter)
    shown = 0
    n_pages = 0
    for i, g in enumerate(golds):
        n_pages += 1
        fam = g["family"]
        page = huozi.parse(g["text"], deinterleave=args.deinterleave).to_dict()
        errs = []
        keys = (fam, g["layout"], "ALL")
        if args.pdf:
            keys = (fam, f"{fam}:{g['style']['spacing']}", g["layout"], "ALL")
        for key in keys:
            e = score_page(page["articles"], g["articles"], per[key])
            if key == "ALL":
                errs = e
        if errs and shown < args.show_errors:
            shown += 1
            print(f"--- page {i} {fam} {g['layout']}: " + "; ".join(errs[:4]))
    what = f"PDF extractions from {args.pdf}" if args.pdf else f"generated pages (seed {args.seed})"
    print(f"\nSegmentation on {n_pages} {what}")
    print("| slice | article boundary F1 | title exact | kicker exact | author-name F1 |")
    print("|---|---|---|---|---|")
    for key in rows + ["title_before", "title_after", "mixed", "ALL"]:
        a = per.get(key)
        if not a:
            continue
        print(f"| {key} | {f1(a['art_tp'], a['art_pred'], a['art_gold']):.4f} | "
              f"{a['title_ok'] / max(a['title_n'], 1):.4f} | {a['kicker_ok'] / max(a['kicker_n'], 1):.4f} | "
              f"{f1(a['au_tp'], a['au_pred'], a['au_gold']):.4f} |")
    a = per["ALL"]
    print(f"\nCounts (ALL): articles {a['art_tp']} matched of {a['art_pred']} found and {a['art_gold']} in the gold; "
          f"titles {a['title_ok']} of {a['title_n']} exact; kickers {a['kicker_ok']} of {a['kicker_n']}; "
          f"authors {a['au_tp']} matched of {a['au_pred']} found and {a['au_gold']} in the gold "
          f"(author F1 {f1(a['au_tp'], a['au_pred'], a['au_gold']):.6f}, title {a['title_ok'] / max(a['title_n'], 1):.6f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
