"""What the PDF extractors do to a page, and where huozi goes wrong on it.

    .venv/bin/python bench/pdf_findings.py DIR [--examples 3] [--families pdf_poppler,...]

DIR is the output of ``python -m huozi.bench.pdfpages --out DIR``.  Prints, per
extractor family (markdown):

* the alignment: pages aligned / dropped and why (report.json);
* artifact rates per 1,000 extracted lines (pdfpages.artifacts), and how the
  gold breaks look: join / paragraph / block, with or without a blank line
  between the two lines;
* huozi's wrong break decisions grouped by (gold kind -> huozi kind, reason
  code of ``huozi.repair_details``, context), most frequent first, with a few
  examples (the two lines, shortened);
* huozi's missed gold units by class: merged into a longer unit, split into
  pieces, white space differs, other.

Examples quote the pages: run it on pages made from the bundled sample
(``--corpus python/huozi/data/jining-police-page.txt``) when the output is to
be published; corpus pages are for research use only.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

import huozi
from huozi.bench import generate, pdfpages


def short(s: str, n: int = 24) -> str:
    s = s.strip()
    return s if len(s) <= n else s[: n // 2] + "…" + s[-n // 2:]


def break_context(g: dict, lines: list[str], i: int, j: int) -> str:
    """Context of the gold break between lines i and j (j the next non-blank)."""
    lm = g["line_map"]
    tags = []
    if j > i + 1:
        tags.append("blank between")
    if len(lm[i]) > 1 or len(lm[j]) > 1:
        tags.append("line holds several units")
    kinds = {g["blocks"][lm[i][-1][0]]["kind"], g["blocks"][lm[j][0][0]]["kind"]}
    if kinds & {"title_line", "kicker", "subtitle", "byline", "subheading", "caption", "intrusion"}:
        tags.append("heading/byline/caption/header involved")
    return ", ".join(tags) or "body lines"


def unit_miss_class(gold_unit: str, pred: list[str]) -> str:
    flat = "".join(gold_unit.split())
    for p in pred:
        if "".join(p.split()) == flat:
            return "white space differs"
    for p in pred:
        if len(p) > len(gold_unit) and gold_unit in p:
            return "merged into a longer unit"
    if any(p and len(p) < len(gold_unit) and p in gold_unit for p in pred):
        return "split into pieces"
    return "other (mixed with another unit's text)"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--top", type=int, default=8)
    ap.add_argument("--families", default=None)
    args = ap.parse_args(argv)
    fams = args.families.split(",") if args.families else list(pdfpages.FAMILIES)
    report = json.loads((Path(args.dir) / "report.json").read_text(encoding="utf-8"))

    errs: dict[str, Counter] = defaultdict(Counter)
    ex: dict[tuple, list] = defaultdict(list)
    shape: dict[str, Counter] = defaultdict(Counter)
    miss: dict[str, Counter] = defaultdict(Counter)
    miss_ex: dict[tuple, list] = defaultdict(list)
    for g in pdfpages.load_gold(args.dir):
        fam = g["family"]
        if fam not in fams:
            continue
        text = g["text"]
        lines = generate.split_lines(text)
        d = huozi.repair_details(text)
        dec = {x["line"]: x for x in d["decisions"]}
        nonblank = [i for i, l in enumerate(lines) if not generate.is_blank(l)]
        nxt = dict(zip(nonblank, nonblank[1:]))
        for i, kind in g["breaks"]:
            j = nxt[i]
            ctx = break_context(g, lines, i, j)
            shape[fam][f"{kind} ({'blank between' if j > i + 1 else 'no blank'})"] += 1
            got = dec.get(i, {"kind": "missing", "reason": "-"})
            if got["kind"] == kind:
                continue
            key = (f"{kind} -> {got['kind']}", got["reason"], ctx)
            errs[fam][key] += 1
            if len(ex[(fam, key)]) < args.examples:
                ex[(fam, key)].append((g["id"], i, short(lines[i]), short(lines[j])))
        pred = [u["text"] for u in d["units"]]
        ps = Counter(pred)
        for u, b in zip(g["units"], g["blocks"]):
            if ps[u]:
                ps[u] -= 1
                continue
            c = f"{b['kind']}: {unit_miss_class(u, pred)}"
            miss[fam][c] += 1
            if len(miss_ex[(fam, c)]) < args.examples:
                near = [p for p in pred if u[:4] in p or p[:4] in u][:1]
                miss_ex[(fam, c)].append((g["id"], short(u, 30), short(near[0], 30) if near else "-"))

    for fam in fams:
        r = report["families"].get(fam, {})
        a = r.get("artifacts", {})
        n_lines = max(1, a.get("lines", 0))
        print(f"\n## {fam}\n")
        print(f"Alignment: {r.get('aligned', 0)}/{r.get('pages', 0)} pages aligned; dropped: "
              + ", ".join(f"{k[8:]} {v}" for k, v in sorted(r.items()) if k.startswith("dropped_")) + "\n")
        print("Artifacts per 1,000 non-blank extracted lines: "
              + ", ".join(f"{k} {1000 * v / n_lines:.1f}" for k, v in sorted(a.items()) if k != "lines") + "\n")
        tot = sum(shape[fam].values())
        print("Gold breaks: " + ", ".join(f"{k} {v / max(1, tot):.1%}" for k, v in shape[fam].most_common()) + "\n")
        n_err = sum(errs[fam].values())
        print(f"huozi: {n_err} wrong break decisions of {tot} ({n_err / max(1, tot):.1%})\n")
        print("| gold -> huozi | reason | context | count | examples (page:line  line / next line) |")
        print("|---|---|---|---|---|")
        for key, n in errs[fam].most_common(args.top):
            exs = "<br>".join(f"{p}:{i} `{a_}` / `{b_}`" for p, i, a_, b_ in ex[(fam, key)])
            print(f"| {key[0]} | {key[1]} | {key[2]} | {n} | {exs} |")
        print("\n| missed gold unit | count | examples (gold / nearest huozi unit) |")
        print("|---|---|---|")
        for c, n in miss[fam].most_common(args.top):
            exs = "<br>".join(f"{p} `{u}` / `{q}`" for p, u, q in miss_ex[(fam, c)])
            print(f"| {c} | {n} | {exs} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
