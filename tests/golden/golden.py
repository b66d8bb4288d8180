"""The golden page corpus: pages in, huozi's reviewed output beside them.

    python tests/golden/golden.py            # diff every page's output against its golden file
    python tests/golden/golden.py NAME ...   # only these pages (file stems)
    python tests/golden/golden.py --update   # rewrite the golden files (review `git diff` first!)
    python tests/golden/golden.py --make-pages   # regenerate the generated pages (rarely)

Layout: ``pages/NAME.txt`` is an input page exactly as an extractor wrote it
(any encoding huozi detects); ``expected/NAME.txt`` is its rendered output:
articles with kicker, title, subtitle, authors, every block with its kind and
byte span, fields with values and spans, and the page's debris.  For a
generated page, ``pages/NAME.gold.json`` holds the generator's gold and the
rendering starts with a score line (repair units and titles against the gold),
so a diff shows at a glance whether a change moves a page toward the truth.

A change of behaviour shows up here as a readable diff; commit the updated
golden files together with the change that caused them.  Exit status: 0 when
every page matches, 1 otherwise.  Pages whose date is in the file name
(``…-2001-01-01.txt``) are parsed against that date.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Optional

import huozi
from huozi import _core

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
EXPECTED = HERE / "expected"

# Generated pages: one per generator family, laid out from the bundled sample's
# paragraphs only (the People's Daily corpus may not be committed).
GENERATED_SEED = 20261129


def page_names() -> List[str]:
    return sorted(p.stem for p in PAGES.glob("*.txt"))


def _span(d: Dict[str, Any]) -> str:
    return f"[{d['start']},{d['end']})"


def _gold_score(page: huozi.Page, text: str, gold: Dict[str, Any]) -> str:
    """Repair units and titles against the generator's gold, as one line."""
    gold_units = gold["units"]
    units = [u["text"] for u in huozi.repair_details(text)["units"]
             if u["shape"] not in ("label", "furniture", "jump")]
    hit = sum((Counter(units) & Counter(gold_units)).values())  # pages repeat paragraphs
    gold_titles = [t for t in gold["titles"] if t]
    titles = {a.title for a in page.articles if a.title}
    t_hit = sum(1 for t in gold_titles if t in titles)
    return (f"gold: units {hit}/{len(gold_units)} exact ({len(units)} found), "
            f"titles {t_hit}/{len(gold_titles)}, articles {len(page.articles)}/{gold['articles']}")


def render(name: str) -> str:
    """The golden rendering of page ``name``: stable, readable, with byte spans."""
    path = PAGES / f"{name}.txt"
    data = path.read_bytes()
    date = _core.date_from_path(path.name)
    page = huozi.parse(data, date=date, source=path.name)
    text = huozi.decode(data)[0]
    out: List[str] = [f"# {path.name}  date={page.date or '?'}  encoding={page.encoding}  "
                      f"articles={len(page.articles)}  debris={len(page.debris)}"]
    gold_path = PAGES / f"{name}.gold.json"
    if gold_path.exists():
        out.append(_gold_score(page, text, json.loads(gold_path.read_text(encoding="utf-8"))))
    for art in page.articles:
        a = art.to_dict()
        out.append("")
        out.append(f"== article {a['index']} {_span(a)}")
        for h in a["headings"]:
            out.append(f"{h['role']:<9} {_span(h)} {h['text']}")
        for c in a["credits"]:
            out.append(f"{c['kind']:<9} {_span(c)} {c['text']}")
        if a["authors"]:
            out.append("authors   " + "  ".join(f"{x['name']}/{x['role']}" for x in a["authors"]))
        for b in a["blocks"]:
            out.append(f"{b['kind']:<10} {_span(b)} {b['text']}")
        for f in a["fields"]:
            out.append(f"  {f['type']:<8} {_span(f)} {f['text']} = {json.dumps(f['value'], ensure_ascii=False)}")
    if page.debris:
        out.append("")
        out.append("== debris")
        for d in page.debris:
            out.append(f"{d['reason']:<9} {_span(d)} {d['text']}")
    return "\n".join(out) + "\n"


def make_pages() -> None:
    """Write the generated pages and their gold (one per generator family)."""
    from huozi.bench import generate

    corpus = generate.load_corpus(huozi.sample_path())
    for i, family in enumerate(generate.FAMILIES):
        g = generate.generate_page(generate.page_seed(GENERATED_SEED, i), corpus, family)
        stem = f"generated-{family.replace('_', '-')}-{g['layout'].replace('_', '-')}"
        (PAGES / f"{stem}.txt").write_text(g["text"], encoding="utf-8", newline="")
        gold = {
            "family": family, "layout": g["layout"], "seed": g["seed"],
            "units": [b["text"] for b in g["blocks"] if b["kind"] not in ("intrusion", "label")],
            "titles": [a.get("title") for a in g["articles"]],
            "articles": len(g["articles"]),
        }
        (PAGES / f"{stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="page stems (default: all)")
    ap.add_argument("--update", action="store_true", help="rewrite the golden files")
    ap.add_argument("--make-pages", action="store_true", help="regenerate the generated pages first")
    args = ap.parse_args(argv)
    if args.make_pages:
        make_pages()
    names = args.names or page_names()
    EXPECTED.mkdir(exist_ok=True)
    changed = 0
    for name in names:
        got = render(name)
        exp_path = EXPECTED / f"{name}.txt"
        want = exp_path.read_text(encoding="utf-8") if exp_path.exists() else ""
        if got == want:
            continue
        changed += 1
        if args.update:
            exp_path.write_text(got, encoding="utf-8")
            print(f"updated {exp_path.relative_to(HERE)}")
        else:
            sys.stdout.writelines(difflib.unified_diff(
                want.splitlines(keepends=True), got.splitlines(keepends=True),
                f"expected/{name}.txt", f"now/{name}.txt"))
    total = len(names)
    print(f"{total - changed} of {total} pages match their golden files"
          + (f"; {changed} {'updated' if args.update else 'differ'}" if changed else ""), file=sys.stderr)
    return 0 if args.update or changed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
