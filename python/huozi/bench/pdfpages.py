"""Newspaper pages printed to PDF and read back by real text extractors, with gold.

The synthetic generator (:mod:`huozi.bench.generate`) writes page *text*
directly.  This module instead lays gold articles out on a multi-column
newspaper page with reportlab, writes a PDF, extracts its text layer with
three extractors and aligns every extracted line back to the gold units:

* ``pdf_poppler``      ``pdftotext -enc UTF-8 FILE -`` (poppler, reading order)
* ``pdf_poppler_raw``  ``pdftotext -enc UTF-8 -raw FILE -`` (content-stream order)
* ``pdf_mupdf``        ``mutool draw -F txt FILE`` (MuPDF)

Each (page, extractor) is one evaluation page whose gold has the format of
:func:`huozi.bench.generate.generate_page` (``text``, ``units``, ``blocks``,
``articles``, ``debris``, ``line_map``, ``breaks`` ...), so the existing
scorers (bench/eval_repair.py, bench/eval_segment.py with ``--pdf DIR``) run
on it unchanged.  Pages whose extraction cannot be aligned to the gold (text
lost, a unit's pieces out of order) are not scored; they are counted in
``DIR/report.json``.

The page (see :class:`PageLayout`): a header line (paper, date, ``第3版``), a
grid of 3-6 columns cut into horizontal bands, each band holding one to three
articles side by side; an article spans one or more grid columns, its head
(kicker, one- or two-line headline in a big face, ``——`` subtitle, byline)
across its columns above the body or as the first thing of its first column,
and its body (justified, 2-em first-line indent, subheadings, a photo with a
caption, the byline right-aligned at the end or run into the last line) flows
down its columns.  Sometimes an article is boxed, and sometimes its head is
drawn *after* its body in the content stream (as the layout programs of some
papers do, which is why real extractions show the headline after the body).
The footer holds ``责任编辑：…``.

Deterministic for a seed.  The text comes from :func:`generate.load_corpus`:
the PKU corpus in ../shared is for research use only, so never commit pages,
PDFs or gold made from it.

CLI::

    python -m huozi.bench.pdfpages --pages 200 --seed 1 --out /tmp/pdfeval [--jobs 2] [--corpus FILE]

writes ``/tmp/pdfeval/pdf/SEED.pdf``, ``text/SEED.FAMILY.txt`` (SEED: the
page's seed, the ``seed`` field of its gold record), ``gold.jsonl`` (aligned
pages), ``dropped.jsonl`` and ``report.json``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from xml.sax.saxutils import escape

try:  # huozi.bench.generate when the package imports, else the file beside this one
    from huozi.bench import generate
except Exception:  # pragma: no cover - no compiled core: load the sibling file
    import importlib.util

    _spec = importlib.util.spec_from_file_location("_pdfpages_generate", Path(__file__).with_name("generate.py"))
    generate = importlib.util.module_from_spec(_spec)
    sys.modules[_spec.name] = generate
    _spec.loader.exec_module(generate)

__all__ = ["EXTRACTORS", "FAMILIES", "available", "plan_page", "render_page", "extract", "align",
           "make_gold", "load_gold", "build_one", "pages", "main"]

# family name -> command (FILE is replaced by the PDF path)
EXTRACTORS: dict[str, list[str]] = {
    "pdf_poppler": ["pdftotext", "-enc", "UTF-8", "FILE", "-"],
    "pdf_poppler_raw": ["pdftotext", "-enc", "UTF-8", "-raw", "FILE", "-"],
    "pdf_mupdf": ["mutool", "draw", "-q", "-F", "txt", "-o", "-", "FILE"],
}
FAMILIES: tuple[str, ...] = tuple(EXTRACTORS)
APT_PACKAGES = "poppler-utils mupdf-tools fonts-wqy-microhei fonts-arphic-gbsn00lp fonts-arphic-gkai00mp"

# Faces: Song (宋体) for body text, Hei (黑体) for headlines and subheadings,
# Kai (楷体) for bylines and captions.  Missing faces fall back to Hei.
FONT_FILES = {
    "Song": ["/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
             "/usr/share/fonts/truetype/arphic/uming.ttc"],
    "Kai": ["/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf",
            "/usr/share/fonts/truetype/arphic/ukai.ttc"],
    "Hei": ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"],
}


def available() -> list[str]:
    """What is missing to render and extract ([] when everything is there)."""
    missing = []
    try:
        import reportlab  # noqa: F401
    except ImportError:
        missing.append("reportlab (pip)")
    for tool in ("pdftotext", "mutool"):
        if shutil.which(tool) is None:
            missing.append(tool)
    if not any(Path(p).is_file() for p in FONT_FILES["Hei"]):
        missing.append("a CJK font (fonts-wqy-microhei)")
    return missing


# --------------------------------------------------------------------------
# fonts
# --------------------------------------------------------------------------

_FONTS: dict[str, object] = {}


def _fonts() -> dict[str, object]:
    """Register the faces with reportlab once; name -> TTFont."""
    if _FONTS:
        return _FONTS
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in ("Hei", "Song", "Kai"):
        path = next((p for p in FONT_FILES[name] if Path(p).is_file()), None)
        if path is None:
            _FONTS[name] = _FONTS["Hei"]
            continue
        font = TTFont("hz" + name, path, subfontIndex=0) if path.endswith(".ttc") else TTFont("hz" + name, path)
        pdfmetrics.registerFont(font)
        _FONTS[name] = font
    return _FONTS


def _face(name: str, text: str) -> str:
    """reportlab font name for ``text`` in face ``name``, Hei when the face
    lacks a glyph (the GB2312 Song and Kai faces miss rarer characters)."""
    font = _fonts()[name]
    cmap = font.face.charToGlyph
    if all(ord(c) in cmap or c.isspace() for c in text):
        return font.fontName
    return _fonts()["Hei"].fontName


# --------------------------------------------------------------------------
# the page: units (gold) and flowables (print)
# --------------------------------------------------------------------------


@dataclass
class Unit:
    """One gold unit: a paragraph (without its indent), a title line, a kicker ..."""

    kind: str
    text: str
    article: int | None


@dataclass
class Article:
    index: int
    kicker: str | None = None
    titles: list[str] = field(default_factory=list)
    subtitle: str | None = None
    byline: str | None = None
    authors: list[dict] = field(default_factory=list)
    byline_before: bool = False   # byline under the head, before the body
    byline_glued: bool = False    # byline run into the last body line
    # body in reading order: (kind, text); kind paragraph / subheading / caption / photo
    body: list[tuple[str, str]] = field(default_factory=list)
    head_on_top: bool = True      # head across all columns (else first thing in column 1)
    head_after: bool = False      # head drawn after the body in the content stream
    kicker_below: bool = False    # kicker under the headline instead of above
    boxed: bool = False
    ncols: int = 1


@dataclass
class PageLayout:
    """Everything needed to draw a page and to write its gold."""

    seed: int
    width: float
    height: float
    ncols: int
    header_left: str
    header_right: str
    footer: str
    articles: list[Article] = field(default_factory=list)
    # article -> (x, y_bottom, w, h) on the page
    rects: dict[int, tuple[float, float, float, float]] = field(default_factory=dict)
    style: dict = field(default_factory=dict)

    def units(self) -> list[Unit]:
        """Gold units in reading order: header, articles (head, byline, body, byline), footer."""
        out = [Unit("intrusion", self.header_left, None), Unit("intrusion", self.header_right, None)]
        for a in self.articles:
            head = []
            if a.kicker and not a.kicker_below:
                head.append(Unit("kicker", a.kicker, a.index))
            head += [Unit("title_line", t, a.index) for t in a.titles]
            if a.kicker and a.kicker_below:
                head.append(Unit("kicker", a.kicker, a.index))
            if a.subtitle:
                head.append(Unit("subtitle", a.subtitle, a.index))
            body = [Unit(k, t, a.index) for k, t in a.body if k != "photo"]
            by = [Unit("byline", a.byline, a.index)] if a.byline else []
            out += head + (by + body if a.byline_before else body + by)
        out.append(Unit("intrusion", self.footer, None))
        return out

    def gold_articles(self) -> list[dict]:
        return [{
            "kicker": a.kicker,
            "title": " ".join(a.titles) if a.titles else None,
            "subtitle": a.subtitle,
            "authors": a.authors,
            "blocks": [{"kind": k, "text": t} for k, t in a.body if k != "photo"],
        } for a in self.articles]


def _styles(rng: random.Random) -> dict:
    """Type sizes of one page (points)."""
    body = rng.choice((9.0, 9.5, 10.0, 10.5))
    return {
        "body": body,
        # Line spacing decides a lot: from about 1.5 times the type size on,
        # poppler's reading order and MuPDF's blocks take every line apart.
        "leading": round(body * rng.uniform(1.25, 1.6), 1),
        "sub": body + rng.choice((1.0, 1.5, 2.0)),
        "kicker": body + rng.choice((2.0, 3.0)),
        "title": rng.choice((20.0, 22.0, 24.0, 28.0)),
        "subtitle": body + 2.0,
        "byline": body,
        "caption": body - 0.5,
        "gutter": rng.choice((10.0, 12.0, 14.0)),
        "margin": 36.0,
    }


class _Names:
    """The generator's vocabularies (kickers, bylines, headlines, header
    lines) driven by our random generator."""

    def __init__(self, rng: random.Random, corpus) -> None:
        self.b = generate._PageBuilder(rng, corpus, generate.FAMILY_CONFIG["clean"])
        self.rng = rng
        self.c = corpus

    def header(self) -> tuple[str, str, str]:
        r = self.rng
        import datetime

        d = datetime.date(r.randint(2001, 2023), 1, 1) + datetime.timedelta(days=r.randrange(365))
        paper = r.choice(self.c.places)[:-1] + r.choice(generate._PAPER_KINDS)
        wd = "一二三四五六日"[d.weekday()]
        page = r.randint(2, 16)
        left = f"{paper} {d.year}年{d.month}月{d.day}日 星期{wd}"
        right = r.choice((f"第{page}版 {r.choice(generate._SECTIONS)}", f"{page:02d} {r.choice(generate._SECTIONS)}",
                          f"第{page}版"))
        footer = r.choice(("责任编辑：", "责任编辑 ", "本版编辑：")) + self.b.name()
        if r.random() < 0.4:
            footer += r.choice((" 美术编辑：", " 校对：", " 版式设计：")) + self.b.name()
        return left, right, footer


def _plan_article(a: Article, names: _Names, rng: random.Random, paras: list[str]) -> None:
    """Head, byline and body of one article (the body paragraphs are given)."""
    c, b = names.c, names.b
    if rng.random() < 0.35:
        a.kicker = b.kicker_text()
        a.kicker_below = rng.random() < 0.2
    x = rng.random()
    if c.dash_headlines and x < 0.12:
        t, a.subtitle = rng.choice(c.dash_headlines)
        a.titles = [t]
    elif x < 0.35:
        a.titles = [rng.choice(c.title_clauses), rng.choice(c.title_clauses)]
    elif x < 0.45:
        a.titles = [rng.choice(c.short_clauses) + " " + rng.choice(c.short_clauses)]
    else:
        a.titles = [b.title_text()]
        # most headlines echo a clause of the lead
        clauses = [s for s in re.split(r"[，。；：、！？“”（）]", paras[0])
                   if 6 <= len(s) <= 16 and not any(ch.isdigit() or ch.isascii() for ch in s)]
        if clauses and rng.random() < 0.6:
            a.titles = [clauses[0]]
    if a.subtitle is None and rng.random() < 0.1:
        a.subtitle = "——" + rng.choice(c.title_clauses)
    if rng.random() < 0.85:
        a.byline, a.authors = b.byline()
        a.byline_before = rng.random() < 0.3
        a.byline_glued = not a.byline_before and rng.random() < 0.3
    body: list[tuple[str, str]] = []
    if rng.random() < 0.15:  # a photo with its caption at the top
        body.append(("photo", ""))
        body.append(("caption", "图为" + rng.choice(c.title_clauses) + "。"
                     + (rng.choice(("（本报记者", "（记者", "（")) + b.name() + "摄）" if rng.random() < 0.5 else "")))
    subheads = len(paras) >= 3 and rng.random() < 0.3
    for k, p in enumerate(paras):
        if subheads and k > 0 and rng.random() < 0.5:
            body.append(("subheading", rng.choice(c.short_clauses)))
        body.append(("paragraph", p))
    a.body = body
    a.head_on_top = a.ncols > 1 or rng.random() < 0.3
    a.head_after = rng.random() < names.page_head_after
    a.boxed = rng.random() < 0.08


# ---------------------------------------------------------------- flowables


def _para_styles(st: dict):
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = dict(wordWrap="CJK", fontName=_fonts()["Song"].fontName)
    return {
        "body": ParagraphStyle("body", fontSize=st["body"], leading=st["leading"], alignment=TA_JUSTIFY,
                               firstLineIndent=2 * st["body"], **base),
        "sub": ParagraphStyle("sub", fontSize=st["sub"], leading=st["sub"] * 1.5, alignment=st["sub_align"],
                              spaceBefore=2, spaceAfter=2, **base),
        "caption": ParagraphStyle("caption", fontSize=st["caption"], leading=st["caption"] * 1.4,
                                  alignment=TA_LEFT, spaceAfter=4, **base),
        "byline": ParagraphStyle("byline", fontSize=st["byline"], leading=st["leading"], alignment=TA_RIGHT,
                                 spaceBefore=2, **base),
        "byline_head": ParagraphStyle("byline_head", fontSize=st["byline"], leading=st["leading"],
                                      alignment=TA_CENTER, spaceAfter=4, **base),
        "kicker": ParagraphStyle("kicker", fontSize=st["kicker"], leading=st["kicker"] * 1.4,
                                 alignment=st["head_align"], **base),
        "subtitle": ParagraphStyle("subtitle", fontSize=st["subtitle"], leading=st["subtitle"] * 1.5,
                                   alignment=st["head_align"], spaceAfter=2, **base),
        "title": ParagraphStyle("title", fontSize=st["title"], leading=st["title"] * 1.25,
                                alignment=st["head_align"], **base),
    }


def _p(text: str, style, face: str, size: float | None = None):
    from reportlab.platypus import Paragraph

    font = _face(face, text)
    t = escape(text).replace("  ", " &nbsp;")
    if size is not None:
        return Paragraph(f'<font name="{font}" size="{size:.1f}">{t}</font>', style)
    return Paragraph(f'<font name="{font}">{t}</font>', style)


def _title_flowable(text: str, width: float, ps, st: dict):
    """A headline on one line: the size shrinks until it fits the width."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = _face("Hei", text)
    size = st["title"]
    while size > 10 and stringWidth(text, font, size) > width * 0.96:
        size -= 1
    p = _p(text, ps["title"], "Hei", size)
    p.style = p.style.clone("t", leading=size * 1.3)
    return p


def _head_flowables(a: Article, width: float, ps, st: dict) -> list:
    from reportlab.platypus import Spacer

    out = []
    if a.kicker and not a.kicker_below:
        out.append(_p(a.kicker, ps["kicker"], "Kai"))
    for t in a.titles:
        out.append(_title_flowable(t, width, ps, st))
    if a.kicker and a.kicker_below:
        out.append(_p(a.kicker, ps["kicker"], "Kai"))
    if a.subtitle:
        out.append(_p(a.subtitle, ps["subtitle"], "Song"))
    if a.byline and a.byline_before:
        out.append(_p(a.byline, ps["byline_head"], "Kai"))
    if out:
        out.append(Spacer(1, 6))
    return out


class _Photo:
    """A grey box standing for a photo (no text)."""

    def __new__(cls, width: float, height: float):
        from reportlab.platypus import Flowable

        class Photo(Flowable):
            def __init__(self, w, h):
                super().__init__()
                self.w, self.h = w, h

            def wrap(self, aw, ah):
                return self.w, self.h

            def draw(self):
                self.canv.setFillGray(0.8)
                self.canv.rect(0, 2, self.w, self.h - 4, stroke=0, fill=1)
                self.canv.setFillGray(0)

        return Photo(width, height)


def _body_flowables(a: Article, colw: float, ps, st: dict) -> list:
    out = []
    paras = [i for i, (k, _) in enumerate(a.body) if k == "paragraph"]
    last_para = paras[-1] if paras else -1
    for i, (kind, text) in enumerate(a.body):
        if kind == "photo":
            out.append(_Photo(colw, colw * 0.6))
        elif kind == "caption":
            out.append(_p(text, ps["caption"], "Kai"))
        elif kind == "subheading":
            out.append(_p(text, ps["sub"], "Hei"))
        elif i == last_para and a.byline_glued:
            # the byline run into the last line, set in Kai
            from reportlab.platypus import Paragraph

            by = f'<font name="{_face("Kai", a.byline)}">{escape(a.byline)}</font>'
            out.append(Paragraph(f'<font name="{_face("Song", text)}">{escape(text)}</font>'
                                 f'&nbsp;&nbsp;&nbsp;{by}', ps["body"]))
        else:
            out.append(_p(text, ps["body"], "Song"))
    if a.byline and not a.byline_before and not a.byline_glued:
        out.append(_p(a.byline, ps["byline"], "Kai"))
    return out


# ---------------------------------------------------------------- layout


def _columns(x: float, w: float, n: int, gutter: float) -> list[tuple[float, float]]:
    cw = (w - gutter * (n - 1)) / n
    return [(x + k * (cw + gutter), cw) for k in range(n)]


def _flow(story: list, frames_geom: list[tuple[float, float, float, float]], canv) -> list:
    """Flow ``story`` through frames (x, y, w, h) on ``canv``; returns what did not fit."""
    from reportlab.platypus import Frame

    story = list(story)
    for (x, y, w, h) in frames_geom:
        if not story:
            break
        f = Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, showBoundary=0)
        f.addFromList(story, canv)
    return story


def _scratch_canvas():
    from reportlab.pdfgen import canvas

    return canvas.Canvas(io.BytesIO())


def _article_geometry(a: Article, rect, ps, st) -> tuple[list, list, list]:
    """(head flowables, head frame, body frames) of an article in ``rect``."""
    x, y, w, h = rect
    pad = 6.0 if a.boxed else 0.0
    x, y, w, h = x + pad, y + pad, w - 2 * pad, h - 2 * pad
    cols = _columns(x, w, a.ncols, st["gutter"])
    if a.head_on_top:
        head = _head_flowables(a, w, ps, st)
        hh = sum(f.wrap(w, h)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
        head_frame = [(x, y + h - hh - 1, w, hh + 1)] if head else []
        top = h - hh - 1
    else:
        head, head_frame, top = [], [], h
    frames = [(cx, y, cw, top) for cx, cw in cols]
    return head, head_frame, frames


def _fill_article(a: Article, rect, rng, corpus, names, ps, st) -> bool:
    """Choose paragraphs until the article's columns are full; False if
    nothing fits (the article is then left out)."""
    pool = corpus.paragraphs
    paras: list[str] = []
    canv = _scratch_canvas()
    fails = 0
    ok_state = None
    while fails < 4 and len(paras) < 14:
        cand = paras + [rng.choice(pool)]
        rng2 = random.Random(rng.random())
        trial = Article(a.index, ncols=a.ncols)
        _plan_article(trial, names, rng2, cand)
        head, head_frame, frames = _article_geometry(trial, rect, ps, st)
        story = ([] if trial.head_on_top else _head_flowables(trial, frames[0][2], ps, st)) + \
            _body_flowables(trial, frames[0][2], ps, st)
        left = _flow(head, head_frame, canv) + _flow(story, frames, canv)
        if left:
            fails += 1
            continue
        paras = cand
        ok_state = trial
    if ok_state is None:
        return False
    for k, v in vars(ok_state).items():
        setattr(a, k, v)
    return True


def plan_page(seed: int, corpus) -> PageLayout:
    """Decide the whole page: geometry, bands, articles and their text."""
    rng = random.Random(f"pdfpage:{seed}")
    names = _Names(rng, corpus)
    st = _styles(rng)
    from reportlab.lib.enums import TA_CENTER, TA_LEFT

    st["head_align"] = rng.choice((TA_CENTER, TA_CENTER, TA_LEFT))
    st["sub_align"] = rng.choice((TA_CENTER, TA_LEFT))
    width, height = rng.choice(((842.0, 1191.0), (792.0, 1120.0), (700.0, 1000.0)))  # A3 and smaller
    ncols = rng.choice((3, 4, 4, 5, 5, 6))
    left, right, footer = names.header()
    page = PageLayout(seed, width, height, ncols, left, right, footer, style=st)
    names.page_head_after = rng.choice((0.0, 0.0, 0.2, 0.6, 1.0))
    st["head_after"] = names.page_head_after
    ps = _para_styles(st)

    m = st["margin"]
    top, bottom = height - m - 28, m + 22  # under the header rule, above the footer
    grid = _columns(m, width - 2 * m, ncols, st["gutter"])
    y = top
    n = 0
    while y - bottom > 90:
        remaining = y - bottom
        bh = remaining if remaining < 260 else rng.uniform(0.3, 0.65) * remaining
        if remaining - bh < 120:
            bh = remaining
        # cut the grid columns of the band among 1-3 articles side by side
        k = rng.choice((1, 2, 2, 3)) if ncols >= 4 else rng.choice((1, 2))
        cuts = sorted(rng.sample(range(1, ncols), k - 1)) if k > 1 else []
        spans = [b - a for a, b in zip([0] + cuts, cuts + [ncols])]
        c0 = 0
        for span in spans:
            x0 = grid[c0][0]
            x1 = grid[c0 + span - 1][0] + grid[c0 + span - 1][1]
            a = Article(n, ncols=span)
            if span >= 3 and rng.random() < 0.3:
                a.ncols = span + 1  # narrower body columns than the grid
            rect = (x0, y - bh + 8, x1 - x0, bh - 8)
            if _fill_article(a, rect, rng, corpus, names, ps, st):
                page.articles.append(a)
                page.rects[n] = rect
                n += 1
            c0 += span
        y -= bh
    return page


def render_page(page: PageLayout, path: Path) -> None:
    """Draw the planned page into a PDF file."""
    from reportlab.pdfgen import canvas

    st = page.style
    ps = _para_styles(st)
    c = canvas.Canvas(str(path), pagesize=(page.width, page.height), invariant=1)
    c.setTitle(f"page {page.seed}")
    m = st["margin"]
    # header: paper and date at the left, page and section at the right, a rule
    c.setFont(_face("Hei", page.header_left), 10)
    c.drawString(m, page.height - m - 12, page.header_left)
    c.setFont(_face("Hei", page.header_right), 10)
    c.drawRightString(page.width - m, page.height - m - 12, page.header_right)
    c.setLineWidth(1.5)
    c.line(m, page.height - m - 18, page.width - m, page.height - m - 18)
    for a in page.articles:
        rect = page.rects[a.index]
        head, head_frame, frames = _article_geometry(a, rect, ps, st)
        story = ([] if a.head_on_top else _head_flowables(a, frames[0][2], ps, st)) + \
            _body_flowables(a, frames[0][2], ps, st)
        if a.head_after:
            left = _flow(story, frames, c) + _flow(head, head_frame, c)
        else:
            left = _flow(head, head_frame, c) + _flow(story, frames, c)
        if left:  # the plan was checked on a scratch canvas: cannot happen
            raise RuntimeError(f"page {page.seed}: article {a.index} does not fit")
        c.setLineWidth(0.4)
        if a.boxed:
            c.rect(*rect, stroke=1, fill=0)
        for (x, y, w, h) in frames[1:]:  # column rules
            c.line(x - st["gutter"] / 2, y, x - st["gutter"] / 2, y + h)
    c.setLineWidth(0.8)
    c.line(m, m + 16, page.width - m, m + 16)
    c.setFont(_face("Song", page.footer), 8)
    c.drawString(m, m + 4, page.footer)
    c.showPage()
    c.save()


# --------------------------------------------------------------------------
# extraction
# --------------------------------------------------------------------------


def extract(pdf: Path, family: str) -> str:
    cmd = [str(pdf) if a == "FILE" else a for a in EXTRACTORS[family]]
    out = subprocess.run(cmd, capture_output=True, check=True, timeout=120).stdout
    return out.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------
# alignment: extracted lines -> gold units
# --------------------------------------------------------------------------

_SKIP = set(generate.INVISIBLE)


def _norm(s: str) -> list[tuple[str, int]]:
    """Comparable characters of ``s`` with their index in ``s``: each character
    NFKC-folded (a ligature or compatibility form may give several), white
    space and invisible characters left out."""
    out = []
    for i, ch in enumerate(s):
        for d in unicodedata.normalize("NFKC", ch):
            if not d.isspace() and d not in _SKIP:
                out.append((d, i))
    return out


@dataclass
class Alignment:
    line_map: list[list[list[int]]]
    unaligned: list[tuple[int, str]]      # (line, characters) that match no unit
    unconsumed: dict[int, str]            # unit -> characters never found
    ok: bool


LOOKAHEAD = 40  # characters past the end of a line that may settle a tie


def align(text: str, units: list[str]) -> Alignment:
    """Map each extracted line to ``[unit, start, end]`` segments.

    Every unit is printed once, in order, so its characters come out of the
    extractor in order (though possibly interleaved with other units', when
    lines of two columns or a heading and a body line are merged).  Greedy
    over the page's characters: at each position take the unit whose next
    characters match the longest run from here (the run may go on into the
    next lines, up to LOOKAHEAD characters past this one: a headline cut from
    the lead matches the lead's first line as well as the lead does, and only
    the next line tells them apart); ties go to the unit of the previous
    segment, then to a unit already started, then to the earliest.  The
    segment ends with the run, at white space or at the end of the line,
    and the next one is chosen afresh.  A character no unit can take is
    recorded as unaligned.
    """
    ucs = [[c for c, _ in _norm(u)] for u in units]
    cur = [0] * len(units)
    lines = generate.split_lines(text)
    # The page as one stream of comparable characters (char, line, index in
    # the line), cut into pieces at line ends and at white space: a segment
    # never crosses a piece end (an extractor puts a space between two
    # columns it merges onto one line), though the run that scores a
    # candidate does.
    stream: list[tuple[str, int, int]] = []
    piece_end: list[int] = []
    for li, line in enumerate(lines):
        prev_i = None
        for c, i in _norm(line):
            if prev_i is not None and i > prev_i + 1 and line[prev_i + 1:i].isspace():
                piece_end.extend([len(stream)] * (len(stream) - len(piece_end)))
            stream.append((c, li, i))
            prev_i = i
        piece_end.extend([len(stream)] * (len(stream) - len(piece_end)))
    by_char: dict[str, list[int]] = {}
    for u, cs in enumerate(ucs):
        for ch in set(cs):
            by_char.setdefault(ch, []).append(u)
    line_map: list[list[list[int]]] = [[] for _ in lines]
    bad: dict[int, list[int]] = {}
    prev = -1
    pos = 0
    while pos < len(stream):
        ch, li, _ = stream[pos]
        stop = min(len(stream), piece_end[pos] + LOOKAHEAD)
        best, best_key = -1, None
        for u in by_char.get(ch, ()):
            k, cs = cur[u], ucs[u]
            if k >= len(cs) or cs[k] != ch:
                continue
            n = 1
            while pos + n < stop and k + n < len(cs) and cs[k + n] == stream[pos + n][0]:
                n += 1
            key = (n, u == prev, k > 0, -u)
            if best_key is None or key > best_key:
                best, best_key = u, key
        if best < 0:
            bad.setdefault(li, []).append(stream[pos][2])
            pos += 1
            continue
        n = min(best_key[0], piece_end[pos] - pos)  # the segment stops at the end of the piece
        s, e = stream[pos][2], stream[pos + n - 1][2] + 1
        segs = line_map[li]
        if segs and segs[-1][0] == best:
            segs[-1][2] = e
        else:
            segs.append([best, s, e])
        cur[best] += n
        pos += n
        prev = best
    unaligned = [(li, "".join(lines[li][i] for i in idx)) for li, idx in sorted(bad.items())]
    unconsumed = {u: "".join(ucs[u][cur[u]:]) for u in range(len(units)) if cur[u] < len(ucs[u])}
    return Alignment(line_map, unaligned, unconsumed, not unaligned and not unconsumed)


def _layout_of(line_map: list, blocks: list[dict]) -> str:
    """title_before / title_after / mixed, from where each article's first
    title line lands relative to its first body block in the extraction."""
    first: dict[tuple[int, str], int] = {}
    for li, segs in enumerate(line_map):
        for u, _, _ in segs:
            b = blocks[u]
            if b["article"] is None:
                continue
            key = (b["article"], "title" if b["kind"] == "title_line" else
                   "body" if b["kind"] in ("paragraph", "caption") else "")
            first.setdefault(key, li)
    votes = Counter()
    for (a, k), li in first.items():
        if k == "title" and (a, "body") in first:
            votes["title_before" if li < first[(a, "body")] else "title_after"] += 1
    if len(votes) == 1:
        return next(iter(votes))
    return "mixed" if votes else "title_before"


def spacing_slice(style: dict) -> str:
    """``tight`` when the leading is under 1.5 times the body size, else ``loose``."""
    return "tight" if style["leading"] < 1.5 * style["body"] else "loose"


def load_gold(path: str | Path) -> Iterator[dict]:
    """Aligned pages written by :func:`main` (``DIR`` or ``DIR/gold.jsonl``)."""
    p = Path(path)
    if p.is_dir():
        p = p / "gold.jsonl"
    with open(p, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def make_gold(page: PageLayout, family: str, text: str) -> tuple[dict | None, dict]:
    """(gold dict in the generator's format or None, alignment record)."""
    units = page.units()
    texts = [u.text for u in units]
    al = align(text, texts)
    rec = {"id": f"{page.seed}", "family": family, "ok": al.ok, "spacing": spacing_slice(page.style),
           "unaligned_lines": len(al.unaligned), "unaligned_chars": sum(len(s) for _, s in al.unaligned),
           "unconsumed_units": len(al.unconsumed), "unconsumed_chars": sum(len(s) for s in al.unconsumed.values())}
    if not al.ok:
        # Nothing lost, only out of order (the extractor put a later piece of
        # a unit before an earlier one, or merged lines of several columns
        # character by character)?  Then the characters left over on both
        # sides are the same.
        left_text = Counter(c for _, r in al.unaligned for c, _ in _norm(r))
        left_gold = Counter("".join(al.unconsumed.values()))
        rec["cause"] = "reordered" if left_text == left_gold else "text_lost_or_changed"
        rec["examples"] = {"unaligned": al.unaligned[:3],
                           "unconsumed": [[texts[u][:30], s[:30]] for u, s in list(al.unconsumed.items())[:3]]}
        return None, rec
    blocks = [{"kind": u.kind, "text": u.text, "article": u.article} for u in units]
    gold = {
        "id": "", "seed": page.seed, "family": family,
        "layout": _layout_of(al.line_map, blocks),
        "text": text,
        "breaks": generate.derive_breaks(al.line_map, blocks),
        "units": texts,
        "blocks": blocks,
        "articles": page.gold_articles(),
        "debris": [u.text for u in units if u.kind == "intrusion"],
        "artifacts": artifacts(text, al.line_map, texts),
        "line_map": al.line_map,
        "removed": [],
        "doubled": [],
        "style": {"columns": page.ncols, "body_pt": page.style["body"], "leading_pt": page.style["leading"],
                  "spacing": spacing_slice(page.style), "head_after": page.style["head_after"]},
    }
    probs = generate.check_gold(gold)
    if probs:
        rec["ok"] = False
        rec["check_gold"] = probs[:5]
        return None, rec
    return gold, rec


# --------------------------------------------------------------------------
# artifact counts (what the extractor did to the printed lines)
# --------------------------------------------------------------------------


def _is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"


def artifacts(text: str, line_map: list, units: list[str]) -> dict:
    """Counts of the extractor artifacts seen on one aligned page."""
    lines = generate.split_lines(text)
    art: Counter = Counter()
    seen_units: set[int] = set()
    last_piece_line: dict[int, int] = {}
    for li, (line, segs) in enumerate(zip(lines, line_map)):
        if not segs:
            art["blank_line"] += 1
            continue
        art["lines"] += 1
        us = [u for u, _, _ in segs]
        if len(set(us)) > 1:
            art["line_with_several_units"] += 1
        if line[:1].isspace():
            art["leading_space"] += 1
        if line != line.rstrip():
            art["trailing_space"] += 1
        for u, s, e in segs:
            piece = line[s:e]
            gold = units[u]
            # spaces inside a piece that the gold text does not have there
            for i in range(1, len(piece) - 1):
                if piece[i] == " " and piece[i - 1] != " ":
                    a, b = piece[i - 1], piece[i + 1:].lstrip()[:1]
                    if a + " " + b not in gold and a + b in gold.replace(" ", ""):
                        art["inserted_space" + ("_cjk" if _is_cjk(a) and _is_cjk(b) else "")] += 1
            if " " in gold and " " not in piece and "".join(gold.split()) == "".join(piece.split()):
                art["lost_space"] += 1
            if any(unicodedata.normalize("NFKC", c) != c and c not in gold for c in piece):
                art["compat_char"] += 1
            if u in seen_units and last_piece_line.get(u, -1) != li - 1 and lines[li - 1].strip():
                art["unit_resumes_later"] += 1
            seen_units.add(u)
            last_piece_line[u] = li
    if "\f" in text:
        art["form_feed"] += text.count("\f")
    return dict(art)


# --------------------------------------------------------------------------
# driver
# --------------------------------------------------------------------------


def page_seed(seed: int, i: int) -> int:
    return generate.page_seed(seed, i)


def build_one(seed: int, corpus, outdir: Path | None, families=FAMILIES) -> list[tuple[dict | None, dict]]:
    """Plan, render and extract one page; (gold or None, record) per extractor."""
    page = plan_page(seed, corpus)
    if outdir is None:
        import tempfile

        tmp = tempfile.TemporaryDirectory()
        pdf = Path(tmp.name) / "page.pdf"
    else:
        tmp = None
        pdf = outdir / "pdf" / f"{seed}.pdf"
    render_page(page, pdf)
    res = []
    try:
        for fam in families:
            text = extract(pdf, fam)
            if outdir is not None:
                (outdir / "text" / f"{seed}.{fam}.txt").write_text(text, encoding="utf-8")
            res.append(make_gold(page, fam, text))
    finally:
        if tmp is not None:
            tmp.cleanup()
    return res


_W: dict = {}


def _init(corpus_path, outdir):
    _W["corpus"] = generate.load_corpus(corpus_path)
    _W["out"] = Path(outdir) if outdir else None


def _job(args):
    i, seed = args
    return i, build_one(seed, _W["corpus"], _W["out"])


def pages(n: int, seed: int = 1, corpus=None, outdir: Path | None = None, jobs: int = 1,
          corpus_path: str | None = None) -> Iterator[tuple[int, list]]:
    """(page index, [(gold or None, record) per extractor]) for n pages, in order.
    ``corpus`` (a loaded corpus) is used in-process only: worker processes
    load theirs from ``corpus_path``, so with ``jobs > 1`` pass that."""
    work = [(i, page_seed(seed, i)) for i in range(n)]
    if jobs <= 1 or (corpus is not None and corpus_path is None):
        c = corpus or generate.load_corpus(corpus_path)
        for i, s in work:
            yield i, build_one(s, c, outdir)
        return
    import multiprocessing as mp

    with mp.get_context("fork").Pool(jobs, initializer=_init, initargs=(corpus_path, str(outdir) if outdir else None)) as pool:
        yield from pool.imap(_job, work, chunksize=1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m huozi.bench.pdfpages", description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--corpus", default=None, help="corpus file (default: see generate.load_corpus)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = ap.parse_args(argv)
    missing = available()
    if missing:
        print("missing: " + ", ".join(missing) + f"\n  apt-get install -y {APT_PACKAGES}\n  pip install reportlab",
              file=sys.stderr)
        return 2
    out = Path(args.out)
    for d in ("pdf", "text"):
        (out / d).mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    stats: dict[str, Counter] = {f: Counter() for f in FAMILIES}
    art: dict[str, Counter] = {f: Counter() for f in FAMILIES}
    with open(out / "gold.jsonl", "w", encoding="utf-8") as gf, open(out / "dropped.jsonl", "w", encoding="utf-8") as df:
        for i, res in pages(args.pages, args.seed, outdir=out, jobs=args.jobs, corpus_path=args.corpus):
            for gold, rec in res:
                fam = rec["family"]
                s = stats[fam]
                s["pages"] += 1
                s["pages_" + rec["spacing"]] += 1
                s["unaligned_chars"] += rec["unaligned_chars"]
                s["unconsumed_chars"] += rec["unconsumed_chars"]
                if gold is None:
                    s["dropped"] += 1
                    s["dropped_" + rec["spacing"]] += 1
                    s["dropped_" + rec.get("cause", "check_gold")] += 1
                    df.write(json.dumps({**rec, "id": f"{i:05d}"}, ensure_ascii=False) + "\n")
                    continue
                gold["id"] = f"{i:05d}"
                s["aligned"] += 1
                s["units"] += len(gold["units"])
                s["breaks"] += len(gold["breaks"])
                art[fam].update(gold["artifacts"])
                gf.write(json.dumps(gold, ensure_ascii=False, separators=(",", ":")) + "\n")
            if (i + 1) % 20 == 0:
                print(f"{i + 1} pages, {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    dt = time.perf_counter() - t0
    report = {"pages": args.pages, "seed": args.seed, "seconds": round(dt, 1),
              "families": {f: {**stats[f], "drop_rate": round(stats[f]["dropped"] / max(1, stats[f]["pages"]), 4),
                               "artifacts": dict(art[f])} for f in FAMILIES}}
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    for f in FAMILIES:
        s = stats[f]
        print(f"{f}: {s['aligned']}/{s['pages']} pages aligned ({s['dropped']} dropped), "
              f"{s['unaligned_chars']} unaligned / {s['unconsumed_chars']} unconsumed chars", file=sys.stderr)
    print(f"{args.pages} pages in {dt:.0f}s -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
