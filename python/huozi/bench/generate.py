"""Deterministic generator of synthetic Chinese newspaper pages with gold.

A page is what a PDF text layer or an OCR engine gives for one newspaper page:
articles hard-wrapped at a per-article column width, the 2-em first-line
indent lost, blank lines that are sometimes paragraph breaks and sometimes
column breaks, kicker and headline before or *after* the body, bylines alone
or glued after the last sentence, and the usual debris (page headers, jump
lines, doubled faux-bold glyphs, justification spaces ...).

The paragraphs come from a clean corpus (by default the People's Daily
January 2001 SIGHAN test set found in ``../shared``; the bundled
``huozi/data/jining-police-page.txt`` is the fallback).  Every page comes with
a gold dict (see :func:`generate_page`) telling, for each pair of consecutive
non-blank physical lines, whether they join, start a new paragraph, or are
separated by a structural discontinuity, and what the ideal repair outputs.

Everything is pure standard-library Python and deterministic: the same
``seed`` and corpus always give the same page, on any platform.

CLI (pages cycle through the families, so an archive holds both layouts and
every artifact; gold for every member)::

    python -m huozi.bench.generate --pages 1000 --out /tmp/bench      # /tmp/bench/pages/*.txt + gold.jsonl
    python -m huozi.bench.generate --size 1GB --out /tmp/big.zip      # a zip + /tmp/big.gold.jsonl
    python -m huozi.bench.generate --size 1GB --out /tmp/big.jsonl    # JSON Lines + /tmp/big.gold.jsonl
    # the archive of bench/results/archive-run.md: dated member names, a
    # third in GB18030, a planted bad member every 10,000, 4,000 distinct pages
    python -m huozi.bench.generate --size 1GB --out /tmp/big1g.zip --dated-names \\
        --gb18030-every 3 --bad-every 10000 --distinct 4000 --seed 1
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import json
import os
import random
import re
import sys
import time
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Callable, Iterator

__all__ = [
    "Corpus",
    "FAMILIES",
    "FAMILY_CONFIG",
    "load_corpus",
    "generate_page",
    "generate_pages",
    "check_gold",
    "split_lines",
    "is_blank",
    "derive_breaks",
    "display_width",
    "main",
]

CORPUS_REL = Path("shared") / "corpora" / "pku-2001-01" / "pku_test.utf8"
SAMPLE_NAME = "jining-police-page.txt"

# --------------------------------------------------------------------------
# characters
# --------------------------------------------------------------------------

LINE_SPLIT_RE = re.compile(r"\r\n|\r|\n|\f")
INVISIBLE = "\ufeff\u200b\u200c\u200d\u00ad"
_DEL_INVISIBLE = {ord(c): None for c in INVISIBLE}

SENT_END = "。！？…!?"
CLOSERS = "”’」』）)》〉】\"'"
# kinsoku: characters that may not start a line / end a line
NO_START = frozenset("，。、；：！？）》〉」』】”’…—·％%-,.;:!?)]}")
NO_END = frozenset("“‘（《〈「『【([{")
# punctuation that a typesetter squeezes to half an em
SQUEEZABLE = frozenset("，。、；：！？“”‘’（）《》「」『』")
SENTENCE_PUNCT = frozenset("，。！？；：、,.!?;:")
CIRCLED = "①②③④⑤⑥"

# traditional-style pages: only the quotes change (the characters stay)
_TRAD_QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})

_CW: dict[str, int] = {}
_CW_SQ: dict[str, int] = {}


def _char_width(c: str) -> int:
    w = _CW.get(c)
    if w is None:
        w = 2 if unicodedata.east_asian_width(c) in "WFA" else 1
        _CW[c] = w
    return w


def display_width(s: str) -> int:
    """Display columns of ``s``: East Asian W/F/A count 2, the rest 1."""
    cw = _CW
    total = 0
    for c in s:
        w = cw.get(c)
        if w is None:
            w = _char_width(c)
        total += w
    return total


_PREFIX: dict[tuple[str, bool], list[int]] = {}


def _prefix(text: str, squeeze: bool) -> list[int]:
    """Prefix sums of display widths (squeezed punctuation counts 1)."""
    key = (text, squeeze)
    p = _PREFIX.get(key)
    if p is None:
        if len(_PREFIX) > 20000:
            _PREFIX.clear()
        if squeeze:
            cw = _CW_SQ
            ws = []
            for c in text:
                w = cw.get(c)
                if w is None:
                    w = 1 if c in SQUEEZABLE else _char_width(c)
                    cw[c] = w
                ws.append(w)
        else:
            cw = _CW
            ws = [cw.get(c) or _char_width(c) for c in text]
        p = list(accumulate(ws, initial=0))
        _PREFIX[key] = p
    return p


def _is_run(c: str) -> bool:
    """Characters of an unbreakable half-width run (numbers, Latin words)."""
    return c.isascii() and (c.isalnum() or c in ".%")


def is_blank(line: str) -> bool:
    """True when ``line`` holds only whitespace and invisible characters."""
    return not line.translate(_DEL_INVISIBLE).strip()


def split_lines(text: str) -> list[str]:
    """Physical lines: split on \\r\\n, \\r, \\n and \\f.

    A final line terminator does not open an extra (empty) line.
    """
    lines = LINE_SPLIT_RE.split(text)
    if len(lines) > 1 and lines[-1] == "" and text[-1:] in "\r\n\f":
        lines.pop()
    return lines


# --------------------------------------------------------------------------
# corpus
# --------------------------------------------------------------------------


@dataclass
class Corpus:
    """Clean text to build pages from."""

    paragraphs: list[str]
    headlines: list[str]
    clauses: list[str]
    places: list[str]
    source: str = ""
    # cached derived data
    short_clauses: list[str] = field(default_factory=list)
    title_clauses: list[str] = field(default_factory=list)
    dash_headlines: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.short_clauses = [c for c in self.clauses if 4 <= len(c) <= 9] or self.clauses
        self.title_clauses = [c for c in self.clauses if 5 <= len(c) <= 13] or self.clauses
        dash = []
        for h in self.headlines:
            if "——" in h:
                a, _, b = h.partition("——")
                if 4 <= len(a) <= 16 and 2 <= len(b) <= 16 and "—" not in b:
                    dash.append((a, "——" + b))
        self.dash_headlines = dash
        self.headlines = [h for h in self.headlines if "——" not in h and len(h) <= 16]


_SENT_END_RE = re.compile(r"[。！？…!?][”’」』）)]*$")
_HEADLINE_BAD = frozenset("，。！？；：、（）()：:[]【】℃／/")
_CLAUSE_SPLIT_RE = re.compile(r"[，。！？；：、“”‘’《》（）()—…·\s]+")
_CJK_ONLY_RE = re.compile(r"^[\u4e00-\u9fff]+$")
_JUST_SPACE_RE = re.compile(
    r"(?<=[^\x00-\x7f]) +(?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) +(?=[^\x00-\x7f])"
)
_PLACE_BAD_RE = re.compile(r"上市|霸市|城市|都市|自治|省辖|直辖|县市|集市|股市|超市|夜市|门市|开市|村山")

_BUILTIN_PLACES = (
    "济宁市", "邹城市", "曲阜市", "嘉祥县", "梁山县", "汶上县", "金乡县", "鱼台县",
    "微山县", "泗水县", "兖州区", "任城区", "青岛市", "烟台市", "潍坊市", "临沂市",
)


def _clauses_from(paragraphs: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for p in paragraphs:
        for c in _CLAUSE_SPLIT_RE.split(p):
            if 4 <= len(c) <= 14 and c not in seen and _CJK_ONLY_RE.match(c):
                seen.add(c)
                out.append(c)
    return out


_DATELINE_RE = re.compile(r"(本报|新华社|中新社|据新华社)[\u4e00-\u9fff0-9 ]{0,16}?[讯电]")


def _corpus_from_pku(text: str, source: str, words_path: Path | None) -> Corpus:
    paragraphs, headlines = [], []
    for raw in LINE_SPLIT_RE.split(text):
        line = "".join(raw.split())  # the corpus has no meaningful spaces
        if not line:
            continue
        if len(line) >= 16 and _SENT_END_RE.search(line) and not line.startswith("（") \
                and ("，" in line or line.count("。") > 1):
            # Dateline paragraphs (本报北京12月31日电…) open articles and lose
            # their dateline to the byline; the generator has no gold for
            # that, so it leaves them out rather than misplace them.
            if not _DATELINE_RE.match(line):
                paragraphs.append(line)
        elif 4 <= len(line) <= 24 and not (_HEADLINE_BAD & set(line)) \
                and sum(1 for c in line if "\u4e00" <= c <= "\u9fff") >= 3 \
                and not line[0].isdigit():
            headlines.append(line)
    places: list[str] = []
    if words_path is not None and words_path.is_file():
        for w in words_path.read_text(encoding="utf-8-sig").split():
            if re.fullmatch(r"[\u4e00-\u9fff]{2,3}[市县]", w) and not _PLACE_BAD_RE.search(w):
                places.append(w)
    if len(places) < 10:
        places = list(_BUILTIN_PLACES)
    return Corpus(paragraphs, headlines, _clauses_from(paragraphs), sorted(set(places)), source)


def _corpus_from_sample(text: str, source: str) -> Corpus:
    """Crude unwrapping of a wrapped page into paragraphs and headlines."""
    paragraphs, headlines = [], []
    acc = ""
    for blk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        s = "".join(l.strip() for l in blk.split("\n"))
        s = _JUST_SPACE_RE.sub("", s)
        m = re.search(r"(?<=[。！？”）])\s*■?\s*(通讯员|记者)\s.*$", s)
        if m:
            s = s[: m.start()]
        s = "".join(s.split())
        if not s or re.fullmatch(r"[①-⑩]+", s) or s.startswith(("通讯员", "■")):
            continue
        if len(s) <= 16 and not (_HEADLINE_BAD & set(s)) and not acc:
            headlines.append(s)
            continue
        # photo captions: "...。（图①）" ends a paragraph (the label goes)
        *done, rest = re.split(r"（图[①-⑩]）", s)
        for part in done:
            if acc + part:
                paragraphs.append(acc + part)
            acc = ""
        acc += rest
        if acc and _SENT_END_RE.search(acc):
            paragraphs.append(acc)
            acc = ""
    return Corpus(paragraphs, headlines, _clauses_from(paragraphs), list(_BUILTIN_PLACES), source)


def _default_corpus_path() -> Path | None:
    env = os.environ.get("HUOZI_CORPUS")
    if env:
        return Path(env)
    rel = Path("..") / CORPUS_REL
    cands = [Path.cwd() / rel]
    for parent in Path(__file__).resolve().parents:
        cands.append(parent.parent / CORPUS_REL)
    for c in cands:
        if c.is_file():
            return c
    return None


def _sample_text() -> tuple[str, str]:
    # The file sits next to this package; going through importlib.resources
    # would import huozi (and its compiled core), which the bench must not need.
    p = Path(__file__).resolve().parent.parent / "data" / SAMPLE_NAME
    if p.is_file():
        return p.read_text(encoding="utf-8"), str(p)
    from importlib import resources

    ref = resources.files("huozi").joinpath("data", SAMPLE_NAME)
    return ref.read_text(encoding="utf-8"), str(ref)


_CORPUS_CACHE: dict[str, Corpus] = {}


def load_corpus(path: str | None = None) -> Corpus:
    """Load (and cache) the clean corpus.

    ``path``: a PKU-style file (one headline / paragraph per line) or a wrapped
    page like the bundled sample (detected by its many short lines).  Default:
    ``$HUOZI_CORPUS``, else ``../shared/corpora/pku-2001-01/pku_test.utf8``
    relative to the cwd or to any parent of this file's directory, else the
    bundled sample page.
    """
    p = Path(path) if path else _default_corpus_path()
    key = str(p.resolve()) if p else "<sample>"
    c = _CORPUS_CACHE.get(key)
    if c is not None:
        return c
    if p is None:
        text, src = _sample_text()
        c = _corpus_from_sample(text, src)
    else:
        text = p.read_bytes().decode("utf-8-sig")
        lines = [l for l in LINE_SPLIT_RE.split(text) if l.strip()]
        avg = sum(len(l) for l in lines) / max(1, len(lines))
        if avg < 30 and sum(1 for l in lines if _SENT_END_RE.search(l)) < 0.5 * len(lines):
            c = _corpus_from_sample(text, str(p))  # looks hard-wrapped
        else:
            c = _corpus_from_pku(text, str(p), p.parent / "pku_training_words.utf8")
    if len(c.paragraphs) < 3 or not c.clauses:
        raise ValueError(f"corpus {key!r} has too little usable text")
    _CORPUS_CACHE[key] = c
    return c


# --------------------------------------------------------------------------
# families
# --------------------------------------------------------------------------

_BASE: dict = dict(
    layout={"title_before": 0.5, "title_after": 0.3, "mixed": 0.2},
    blank={"always": 0.5, "never": 0.5},
    kicker=0.35,         # per article
    title=0.92,          # per article
    title2=0.3,          # two-line title
    title_space=0.15,    # one-line title made of two phrases and a space
    subtitle=0.12,
    byline=0.8,
    byline_before=0.35,  # title_before layout: byline between title and body
    subheadings=0.25,    # per article: has subheadings
    caption=0.0,         # per article: a 图为... caption block
    photo=0.0,           # per page: a photo article (labels + （图①） paragraphs)
    doubled_label=0.0,   # photo labels printed ①①
    glued=0.0,           # byline after body glued to the last line
    colbreak=0.0,        # per article: blank every K lines (column breaks)
    justify=0.0,         # per page: justification spaces
    justify_rate=0.6,    #   per short body line with a CJK/half-width boundary
    extra_space=0.0,     #   per body line: a stray space at such a boundary
    lead_space=0.0,      # per line: a leading space
    letterspace=0.0,     # per article: one letter-spaced line
    vertical=0.0,        # per page: one char per line for 3-6 lines
    doubled_title=0.0,   # per article: faux-bold title (every glyph doubled)
    intrusion=0.0,       # mean number of mid-paragraph intrusions per page
    header_top=0.0,      # per page: a page header line at the top
    out_of_order=0.0,    # per page: a column continues after another article
    shared=0.0,          # per heading->paragraph: shared baseline
    eol={"\n": 1.0},
    formfeed=0.0, bom=0.0, zw=0.0, shy=0.0,
    latin=0.0,           # per paragraph: an English gloss
    hyphenate=0.0,       # per page: Latin words hyphenated across lines
    trad=0.0,            # per page: traditional style (「」 quotes, some chars)
    squeeze=0.0,         # per page: punctuation squeezed to half width
)

_FAMILY_OVERRIDES: dict[str, dict] = {
    "clean": dict(blank={"always": 1.0}, layout={"title_before": 0.6, "title_after": 0.4}),
    "sample_like": dict(
        layout={"title_after": 0.8, "mixed": 0.2}, blank={"always": 1.0},
        colbreak=0.5, glued=0.5, justify=0.3, extra_space=0.02, photo=0.4,
        doubled_label=0.9, subheadings=0.35, squeeze=0.7, byline=0.9),
    "no_blanks": dict(blank={"never": 1.0}, glued=0.3, subheadings=0.3, squeeze=0.3),
    "blank_after_first": dict(blank={"after_first": 1.0}, glued=0.2, squeeze=0.3),
    "justified": dict(justify=1.0, justify_rate=0.8, extra_space=0.05, lead_space=0.03),
    "letterspaced": dict(letterspace=0.5, vertical=0.4),
    "faux_bold": dict(photo=0.9, doubled_label=1.0, doubled_title=0.25, caption=0.3),
    "intrusions": dict(intrusion=2.0, header_top=0.5),
    "out_of_order": dict(out_of_order=1.0),
    "shared_baseline": dict(shared=0.6, subheadings=0.5),
    "encoding": dict(eol={"\r\n": 0.45, "\r": 0.2, "\n": 0.35}, formfeed=0.5, bom=0.5,
                     zw=0.6, shy=0.4, trad=0.4),
    "latin": dict(latin=0.5, hyphenate=0.7, justify=0.3),
    "mixed": dict(
        blank={"always": 0.4, "never": 0.35, "after_first": 0.25},
        colbreak=0.3, glued=0.3, justify=0.3, extra_space=0.02, lead_space=0.004,
        letterspace=0.05, vertical=0.05, photo=0.2, doubled_label=0.7,
        doubled_title=0.015, caption=0.1, intrusion=0.4, header_top=0.15,
        out_of_order=0.15, shared=0.1, eol={"\n": 0.7, "\r\n": 0.25, "\r": 0.05},
        formfeed=0.1, bom=0.1, zw=0.1, shy=0.05, latin=0.05, hyphenate=0.5,
        trad=0.1, squeeze=0.4),
}

FAMILY_CONFIG: dict[str, dict] = {k: {**_BASE, **v} for k, v in _FAMILY_OVERRIDES.items()}
FAMILIES: tuple[str, ...] = tuple(_FAMILY_OVERRIDES)

# --------------------------------------------------------------------------
# small built-in vocabularies (patterns, not lists of texts)
# --------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娥建文辉力晓宇浩凯鹏飞云峰海波宁博坤岩琳晨雪梅鑫巍锋栓东彦佳培银"

_ORG = (
    # (stems, suffix)
    (("公安", "教育", "民政", "财政", "司法", "交通运输", "卫生健康", "市场监管",
      "生态环境", "应急管理", "自然资源", "税务", "统计"), "局"),
    (("公安", "交警", "城区公安"), "分局"),
    (("发展和改革", "卫生健康", "教育工作", "政法", "纪律检查", "住房和城乡建设"), "委员会"),
    (("禁毒", "作家", "书法家", "消费者", "企业家", "青年", "个体劳动者"), "协会"),
    (("禁毒", "特警", "交警", "消防救援", "治安"), "支队"),
)
_SECTIONS = ("要闻", "综合", "公安", "法治", "社会", "经济", "文化", "民生")
_PAPER_KINDS = ("日报", "晚报", "法制报", "日报")
_BYLINE_FORMS = (  # (weight, form)
    (18, "通讯员"), (8, "■通讯员"), (6, "■ 通讯员"), (10, "本报记者"),
    (8, "记者+通讯员"), (3, "实习生"), (3, "特约记者"), (3, "见习记者"),
    (3, "摄影"), (3, "文/图"),
)
_BYLINE_WEIGHTS = tuple(w for w, _ in _BYLINE_FORMS)
_BYLINE_NAMES = tuple(f for _, f in _BYLINE_FORMS)
# (Chinese term, English gloss): mixed-script text for the latin family
_GLOSSES = (
    ("互联网", "Internet"), ("世界贸易组织", "World Trade Organization"),
    ("信息技术", "information technology"), ("电子商务", "e-commerce"),
    ("网络", "network"), ("软件", "software"), ("技术", "technology"),
    ("经济", "economy"), ("发展", "development"), ("政府", "government"),
    ("市场", "market"), ("环境", "environment"), ("教育", "education"),
    ("文化", "culture"), ("国际", "international"), ("管理", "management"),
    ("安全", "security"), ("科学", "science"), ("社会", "society"),
)


# --------------------------------------------------------------------------
# page builder
# --------------------------------------------------------------------------


class _Unit:
    __slots__ = ("kind", "text", "article", "doubled", "run")

    def __init__(self, kind: str, text: str, article: int | None) -> None:
        self.kind = kind
        self.text = text
        self.article = article
        self.doubled = False


class _Block:
    """A unit as printed: its physical lines, each a list of [unit, text] pieces."""

    __slots__ = ("unit", "lines", "merged_next", "body")

    def __init__(self, unit: _Unit, lines: list[str], body: bool = False) -> None:
        self.unit = unit
        self.lines: list[list[list]] = [[[unit, s]] for s in lines]
        self.merged_next = False
        self.body = body


_FF = "FF"  # item marking a form feed
# where a typesetter puts justification space: between a CJK ideograph and a
# digit or Latin letter
_BOUND_RE = re.compile(
    r"(?<=[\u3400-\u9fff])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[\u3400-\u9fff])"
)


def _pick(rng: random.Random, weights: dict):
    keys = tuple(weights)
    return rng.choices(keys, weights=tuple(weights.values()))[0]


class _PageBuilder:
    def __init__(self, rng: random.Random, corpus: Corpus, cfg: dict) -> None:
        self.rng = rng
        self.c = corpus
        self.cfg = cfg
        self.art: Counter = Counter()
        self.units: list[_Unit] = []
        self.articles: list[dict] = []
        self.debris: list[str] = []
        self.removed: list[str] = []
        self.body_pieces: list[list] = []  # pieces of body lines (single-piece lines)
        self.para_blocks: list[tuple[int, _Block]] = []
        self.widths: list[int] = []

    # ---------------------------------------------------------------- text
    def name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2, 2))))

    def kicker_text(self) -> str:
        r = self.rng
        stems, suffix = r.choice(_ORG)
        place = "市" if r.random() < 0.35 else r.choice(self.c.places)
        if suffix == "分局" and r.random() < 0.5:
            place = r.choice(self.c.places)[:-1] if len(place) > 2 else place
        return place + r.choice(stems) + suffix

    def title_text(self) -> str:
        r = self.rng
        if self.c.headlines and r.random() < 0.5:
            return r.choice(self.c.headlines)
        return r.choice(self.c.title_clauses)

    def byline(self) -> tuple[str, list[dict]]:
        r = self.rng
        form = r.choices(_BYLINE_NAMES, weights=_BYLINE_WEIGHTS)[0]
        if form == "记者+通讯员":
            a, b = self.name(), self.name()
            return f"记者 {a} 通讯员 {b}", [{"role": "记者", "name": a}, {"role": "通讯员", "name": b}]
        if form.endswith("通讯员"):
            k = 1 if form == "■ 通讯员" else r.choice((1, 1, 2, 2, 3))
            role = "通讯员"
        elif form == "本报记者":
            k, role = r.choice((1, 1, 2)), form
        else:
            k, role = 1, form
        names = [self.name() for _ in range(k)]
        return form + " " + " ".join(names), [{"role": role, "name": n} for n in names]

    def intrusion_text(self) -> str:
        r = self.rng
        x = r.random()
        if x < 0.45:
            d = datetime.date(r.randint(2001, 2023), 1, 1) + datetime.timedelta(days=r.randrange(365))
            paper = r.choice(self.c.places)[:-1] + r.choice(_PAPER_KINDS)
            wd = "一二三四五六日"[d.weekday()]
            date = f"{d.year}年{d.month}月{d.day}日"
            v = r.randrange(4)
            if v == 0:
                return f"{paper} {date} 星期{wd} 第{r.randint(1, 16)}版"
            if v == 1:
                return f"{date} 星期{wd} {r.choice(_SECTIONS)} {paper}"
            if v == 2:
                return f"{r.randint(1, 16):02d} {r.choice(_SECTIONS)}"
            return f"第{r.randint(1, 16)}版 {paper}"
        if x < 0.65:
            return r.choice(("责任编辑：", "责任编辑 ", "美术编辑：", "校对：", "版式设计：")) + self.name()
        n = r.randint(2, 16)
        return r.choice((f"（下转第{n}版）", f"（上接第{n}版）", f"（转第{n}版）", f"（下转{n}版）"))

    # ---------------------------------------------------------------- wrap
    def wrap(self, text: str, width: int, first: int, squeeze: bool, hyph: bool) -> list[str]:
        pre = _prefix(text, squeeze)
        n = len(text)
        out = []
        i = 0
        budget = first
        total = pre[n]
        bisect_right = bisect.bisect_right
        while i < n:
            if text[i] == " ":
                i += 1
                continue
            limit = pre[i] + budget
            if total <= limit:
                out.append(text[i:].rstrip(" "))
                break
            j = bisect_right(pre, limit, i + 1) - 1
            if j <= i:
                j = i + 1
            if _is_run(text[j - 1]) and _is_run(text[j]):
                k = j - 1
                while k > i and _is_run(text[k - 1]):
                    k -= 1
                e = j
                while e < n and _is_run(text[e]):
                    e += 1
                word = text[k:e]
                if hyph and word.isalpha() and e - k >= 6 and j - 1 - k >= 3 and e - (j - 1) >= 3:
                    jj = j - 1  # leave a column for the hyphen
                    out.append(text[i:jj] + "-")
                    self.art["hyphenation"] += 1
                    i = jj
                    budget = width
                    continue
                if k > i:
                    j = k
            ext = 0
            while j < n and text[j] in NO_START and ext < 2:
                j += 1
                ext += 1
            while j - 1 > i and text[j - 1] in NO_END:
                j -= 1
            out.append(text[i:j].rstrip(" "))
            i = j
            budget = width
        return out

    # ------------------------------------------------------ line artifacts
    def justify(self, lines: list[str], width: int, first: int) -> list[str]:
        """Insert justification spaces at CJK / half-width boundaries."""
        cfg, r = self.cfg, self.rng
        out = []
        last = len(lines) - 1
        for idx, line in enumerate(lines):
            fill = r.random() < cfg["justify_rate"]
            extra = r.random() < cfg["extra_space"]
            if idx < last and (fill or extra) and _BOUND_RE.search(line):
                    deficit = (first if idx == 0 else width) - display_width(line)
                    pos = [m.start() for m in _BOUND_RE.finditer(line)]
                    k = min(len(pos), deficit) if fill and deficit > 0 else (1 if extra else 0)
                    if k:
                        for p in sorted(r.sample(pos, k), reverse=True):
                            line = line[:p] + " " + line[p:]
                        self.art["justify_space"] += k
            out.append(line)
        return out

    def para_block(self, unit: _Unit, width: int, indent: bool = True) -> _Block:
        cfg = self.cfg
        first = width - 4 if indent else width
        lines = self.wrap(unit.text, width, first, self.squeeze, self.hyph)
        if self.justify_on:
            lines = self.justify(lines, width, first)
        blk = _Block(unit, lines, body=True)
        self.body_pieces.extend(l[0] for l in blk.lines)
        return blk

    def heading_block(self, kind: str, text: str, a: int) -> _Block:
        u = _Unit(kind, text, a)
        self.units.append(u)
        return _Block(u, [text])

    # ------------------------------------------------------------ articles
    def article(self, a: int, layout: str, photo: bool) -> list:
        r, cfg, c = self.rng, self.cfg, self.c
        em = r.randint(24, 30) if photo else r.randint(10, 30)
        width = 2 * em
        self.widths.append(width)
        info = {"kicker": None, "title": None, "subtitle": None, "authors": [], "blocks": []}

        kicker = self.kicker_text() if (r.random() < cfg["kicker"] and not photo) else None
        title_lines: list[str] = []
        subtitle = None
        if r.random() < (0.3 if photo else cfg["title"]):
            if c.dash_headlines and r.random() < cfg["subtitle"] * 2:
                t, subtitle = r.choice(c.dash_headlines)
                title_lines = [t]
            elif r.random() < cfg["title2"]:
                title_lines = [r.choice(c.title_clauses), r.choice(c.title_clauses)]
            elif r.random() < cfg["title_space"]:
                title_lines = [r.choice(c.short_clauses) + " " + r.choice(c.short_clauses)]
            else:
                title_lines = [self.title_text()]
            if subtitle is None and r.random() < cfg["subtitle"]:
                subtitle = "——" + r.choice(c.title_clauses)
        # A kicker (issuing unit, overline) rides over a headline; no paper
        # prints one over an untitled item, where a reader could not tell it
        # from the next article's kicker. (Dropped after its draw, so the
        # rest of the page is what the seed made before this rule.)
        if not title_lines:
            kicker = None
        byline = None
        if r.random() < cfg["byline"]:
            byline, info["authors"] = self.byline()
            if photo and r.random() < 0.5:
                byline = "■ 通讯员 " + self.name()
                info["authors"] = [{"role": "通讯员", "name": byline.split()[-1]}]
        byline_before = layout == "title_before" and r.random() < cfg["byline_before"]
        # A byline over the body sits under a headline; an untitled item
        # carries its byline at its end (as the sample's two do): over the
        # body, right under the previous article's text, no reader could tell
        # it from that article's closing byline. (Decided after the draw, and
        # such a byline is never glued, so the rest of the page is what the
        # seed made before this rule.)
        byline_after_untitled = byline_before and not title_lines
        if byline_after_untitled:
            byline_before = False

        # ---- body units (in reading order)
        body: list[_Block] = []
        labels: list[_Block] = []
        nlab = 0
        if photo:
            nlab = r.randint(1, 3)
            order = list(range(nlab))
            r.shuffle(order)
            for k in order:
                doubled = r.random() < cfg["doubled_label"]
                u = _Unit("label", CIRCLED[k], a)
                printed = CIRCLED[k] * 2 if doubled else CIRCLED[k]
                if doubled:
                    u.doubled = True
                    self.removed.append(CIRCLED[k])
                    self.art["doubled_label"] += 1
                self.debris.append(printed)
                labels.append(_Block(u, [printed]))
            npara = nlab
        else:
            npara = r.choices((1, 2, 3, 4, 5, 6, 7, 8), weights=(8, 14, 18, 18, 14, 10, 8, 6))[0]
        has_sub = not photo and npara >= 2 and r.random() < cfg["subheadings"]
        caption_pos = None
        if not photo and r.random() < cfg["caption"]:
            caption_pos = r.choice(("start", "end"))
            self.art["caption"] += 1
        paras = []
        for k in range(npara):
            text = r.choice(c.paragraphs)
            if self.latin and r.random() < cfg["latin"]:
                want = r.randint(1, 3)
                for term, gloss in r.sample(_GLOSSES, 8):
                    p = text.find(term)
                    if p >= 0 and text[p + len(term):p + len(term) + 1] != "（":
                        p += len(term)
                        text = text[:p] + "（" + gloss + "）" + text[p:]
                        self.art["latin_gloss"] += 1
                        want -= 1
                        if not want:
                            break
            if photo:
                text = text + "（图" + CIRCLED[k] + "）"
                self.art["photo_caption"] += 1
            paras.append(text)

        # Real headlines echo their article's lead: most single-line titles
        # are cut from the first paragraph (a clause of 6-16 characters), the
        # rest stay unrelated corpus headlines.
        if len(title_lines) == 1 and " " not in title_lines[0] and paras and r.random() < 0.6:
            clauses = [x for x in re.split(r"[，。；：、！？“”（）]", paras[0])
                       if 6 <= len(x) <= 16 and not any(ch.isdigit() or ch.isascii() for ch in x)]
            if clauses:
                title_lines = [clauses[0]]

        units_before = len(self.units)
        # print-order list of blocks for this article
        head: list[_Block] = []
        if kicker:
            head.append(self.heading_block("kicker", kicker, a))
            info["kicker"] = kicker
        for t in title_lines:
            head.append(self.heading_block("title_line", t, a))
        if title_lines:
            info["title"] = " ".join(title_lines)
        if subtitle:
            head.append(self.heading_block("subtitle", subtitle, a))
            info["subtitle"] = subtitle
        head_units = self.units[units_before:]
        del self.units[units_before:]

        def add_body_unit(kind: str, text: str) -> _Unit:
            u = _Unit(kind, text, a)
            self.units.append(u)
            info["blocks"].append({"kind": kind, "text": text})
            return u

        if layout == "title_before":
            self.units.extend(head_units)
        if byline and byline_before:
            self.units.append(_Unit("byline", byline, a))
            bl_block = _Block(self.units[-1], [byline])
        for b in labels:
            self.units.append(b.unit)
        if caption_pos == "start":
            body.append(self.caption_block(add_body_unit, width))
        for k, text in enumerate(paras):
            if has_sub and k > 0 and r.random() < 0.55:
                sub = r.choice(c.short_clauses)
                body.append(_Block(add_body_unit("subheading", sub), [sub]))
                self.art["subheading"] += 1
            blk = self.para_block(add_body_unit("paragraph", text), width)
            body.append(blk)
            self.para_blocks.append((a, blk))
        if caption_pos == "end":
            body.append(self.caption_block(add_body_unit, width))
        glued = False
        if byline and not byline_before:
            u = _Unit("byline", byline, a)
            self.units.append(u)
            last = body[-1]
            if last.unit.kind == "paragraph" and not byline_after_untitled and r.random() < cfg["glued"] \
                    and display_width(last.lines[-1][-1][1]) + 1 + display_width(byline) <= width:
                last.lines[-1].append([u, byline])
                glued = True
                self.art["glued_byline"] += 1
            else:
                bl_block = _Block(u, [byline])
        if layout == "title_after":
            self.units.extend(head_units)

        # ---- print order
        blocks: list[_Block] = []
        if layout == "title_before":
            blocks.extend(head)
        if byline and byline_before:
            blocks.append(bl_block)
        blocks.extend(labels)
        blocks.extend(body)
        if byline and not byline_before and not glued:
            blocks.append(bl_block)
        if layout == "title_after":
            blocks.extend(head)

        self.decorate_headings(blocks)
        self.articles.append(info)
        return self.layout_blocks(blocks, width)

    def caption_block(self, add_body_unit: Callable, width: int) -> _Block:
        r = self.rng
        text = "图为" + r.choice(self.c.title_clauses) + "。"
        if r.random() < 0.5:
            text += r.choice(("（本报记者", "（记者", "（")) + self.name() + "摄）"
        return _Block(add_body_unit("caption", text), self.wrap(text, width, width, self.squeeze, False))

    def decorate_headings(self, blocks: list[_Block]) -> None:
        """Faux-bold titles, letter spacing, vertical lines, shared baselines."""
        r, cfg = self.rng, self.cfg
        for b in blocks:
            if b.unit.kind == "title_line" and r.random() < cfg["doubled_title"]:
                t = b.unit.text
                b.lines = [[[b.unit, "".join(ch * 2 if not ch.isspace() else ch for ch in t)]]]
                b.unit.doubled = True
                removed = "".join(t.split())
                self.removed.append(removed)
                self.debris.append(removed)
                self.art["doubled_title"] += 1
        if cfg["letterspace"] and r.random() < cfg["letterspace"]:
            cands = [b for b in blocks if (b.body and b.unit.kind == "paragraph")
                     or (b.unit.kind in ("kicker", "subheading") and " " not in b.unit.text
                         and not b.unit.doubled)]
            if cands:
                b = r.choice(cands)
                line = r.choice(b.lines)
                if len(line) == 1:
                    line[0][1] = " ".join(line[0][1].replace(" ", ""))
                    self.art["letterspaced_line"] += 1
        if self.vertical_left and r.random() < 0.5:
            cands = [b for b in blocks if b.unit.kind in ("kicker", "subheading", "paragraph")
                     and not b.unit.doubled]
            if cands:
                b = r.choice(cands)
                if b.unit.kind == "paragraph":
                    li = r.randrange(len(b.lines))
                    line = b.lines[li]
                    s = line[0][1]
                    if len(line) == 1 and len(s) >= 5 and " " not in s:
                        n = min(r.randint(3, 6), len(s) - 1)
                        new = [[[b.unit, ch]] for ch in s[:n]] + [[[b.unit, s[n:]]]]
                        b.lines[li:li + 1] = new
                        self.art["vertical_chars"] += n
                        self.vertical_left = False
                elif len(b.lines) == 1 and len(b.lines[0]) == 1 and " " not in b.unit.text \
                        and 3 <= len(b.unit.text) <= 6:
                    b.lines = [[[b.unit, ch]] for ch in b.unit.text]
                    self.art["vertical_chars"] += len(b.unit.text)
                    self.vertical_left = False
        if cfg["shared"]:
            for i in range(len(blocks) - 1):
                b, nx = blocks[i], blocks[i + 1]
                if b.unit.kind in ("title_line", "subheading") and nx.unit.kind == "paragraph" \
                        and not b.merged_next and len(nx.lines[0]) == 1 \
                        and r.random() < cfg["shared"]:
                    b.lines[-1].extend(nx.lines.pop(0))
                    b.merged_next = True
                    self.art["shared_baseline"] += 1

    def layout_blocks(self, blocks: list[_Block], width: int) -> list:
        """Blocks -> items (line lists or None for blank lines)."""
        r, style = self.rng, self.blank_style
        items: list = []
        prev: _Block | None = None
        for b in blocks:
            if prev is not None and not prev.merged_next:
                if style == "always":
                    if not (prev.unit.kind == "title_line" == b.unit.kind and r.random() < 0.8):
                        items.append(None)
                elif style == "after_first" and r.random() < 0.5:
                    items.append(None)
            lines = b.lines
            if style == "after_first" and b.unit.kind == "paragraph" and len(lines) >= 2 \
                    and (prev is None or not prev.merged_next) and r.random() < 0.85:
                items.append(lines[0])
                items.append(None)
                items.extend(lines[1:])
                self.art["blank_after_first"] += 1
            else:
                items.extend(lines)
            prev = b
        if self.cfg["colbreak"] and r.random() < self.cfg["colbreak"]:
            items = self.column_breaks(items, blocks)
        return items

    def column_breaks(self, items: list, blocks: list[_Block]) -> list:
        body_units = {id(b.unit) for b in blocks if b.body or b.unit.kind in ("subheading", "caption")}
        idx = [i for i, it in enumerate(items)
               if it is not None and id(it[0][0]) in body_units]
        if len(idx) < 4:
            return items
        k = self.rng.randint(8, 25)
        lo, hi = idx[0], idx[-1]
        out, count = [], 0
        for i, it in enumerate(items):
            out.append(it)
            if it is not None and lo <= i < hi:
                count += 1
                if count % k == 0 and items[i + 1] is not None:
                    out.append(None)
                    self.art["column_break_blank"] += 1
        return out

    # ---------------------------------------------------------------- page
    def build(self, seed: int, family: str) -> dict:
        r, cfg, c = self.rng, self.cfg, self.c
        page_layout = _pick(r, cfg["layout"])
        self.blank_style = _pick(r, cfg["blank"])
        self.squeeze = r.random() < cfg["squeeze"]
        self.justify_on = r.random() < cfg["justify"]
        self.latin = cfg["latin"] > 0
        self.hyph = r.random() < cfg["hyphenate"]
        self.vertical_left = r.random() < cfg["vertical"]
        eol = _pick(r, cfg["eol"])
        trad = r.random() < cfg["trad"]

        n_art = r.choices(range(2, 10), weights=(8, 14, 16, 16, 14, 12, 10, 10))[0]
        photo_at = r.randrange(n_art) if r.random() < cfg["photo"] else -1
        art_items: list[list] = []
        for a in range(n_art):
            layout = page_layout if page_layout != "mixed" else r.choice(("title_before", "title_after"))
            art_items.append(self.article(a, layout, a == photo_at))

        # intrusions between two lines of a paragraph, mid-sentence
        n_intr = 0
        if cfg["intrusion"]:
            lam = cfg["intrusion"]
            n_intr = sum(1 for _ in range(4) if r.random() < lam / 4)
        for _ in range(n_intr):
            self.insert_intrusion(art_items)
        if r.random() < cfg["header_top"]:
            t = self.intrusion_text()
            u = _Unit("intrusion", t, None)
            self.units.insert(0, u)
            self.debris.append(t)
            art_items[0][:0] = [[[u, t]]] + ([None] if self.blank_style != "never" else [])
            self.art["intrusion"] += 1
        if r.random() < cfg["out_of_order"]:
            self.out_of_order(art_items)

        items: list = []
        ff_at = r.randrange(1, n_art) if r.random() < cfg["formfeed"] else -1
        for a, its in enumerate(art_items):
            if a:
                if a == ff_at:
                    items.append(_FF)
                    self.art["form_feed"] += 1
                elif self.blank_style == "always" or (self.blank_style == "after_first" and r.random() < 0.5):
                    items.append(None)
            items.extend(its)
        while items and items[0] is None:
            items.pop(0)
        while items and items[-1] is None:
            items.pop()

        self.rare_chars(cfg)
        return self.render(items, seed, family, page_layout, eol, trad)

    def insert_intrusion(self, art_items: list[list]) -> None:
        r = self.rng
        for _ in range(6):
            a, blk = r.choice(self.para_blocks)
            its = art_items[a]
            u = blk.unit
            pos = [i for i, it in enumerate(its) if it is not None and len(it) == 1 and it[0][0] is u]
            cands = []
            for k in range(len(pos) - 1):
                i = pos[k]
                s = its[i][0][1].rstrip()
                if s and s[-1] not in SENT_END and not _SENT_END_RE.search(s):
                    cands.append(i)
            if not cands:
                continue
            i = r.choice(cands)
            t = self.intrusion_text()
            iu = _Unit("intrusion", t, None)
            self.units.insert(self.units.index(u) + 1, iu)
            self.debris.append(t)
            ins: list = [[[iu, t]]]
            if self.blank_style != "never":
                if r.random() < 0.5:
                    ins = [None] + ins
                if r.random() < 0.5:
                    ins = ins + [None]
            its[i + 1:i + 1] = ins
            self.art["intrusion"] += 1
            return

    def out_of_order(self, art_items: list[list]) -> None:
        """Move the head of article a+1 into the middle of a paragraph of article a."""
        r = self.rng
        n = len(art_items)
        for _ in range(6):
            a = r.randrange(n - 1)
            its, nxt = art_items[a], art_items[a + 1]
            cands = [blk for aa, blk in self.para_blocks if aa == a and len(blk.lines) >= 4]
            if not cands:
                continue
            u = r.choice(cands).unit
            pos = [i for i, it in enumerate(its) if it is not None and it[0][0] is u]
            if len(pos) < 4:
                continue
            split = pos[r.randint(1, len(pos) - 3)]
            nonblank = [i for i, it in enumerate(nxt) if it is not None]
            if len(nonblank) < 3:
                continue
            k = r.randint(2, min(8, len(nonblank) - 1))
            cut = nonblank[k - 1] + 1
            gap = [None] if self.blank_style != "never" else []
            art_items[a] = its[:split + 1] + gap + nxt[:cut] + gap + its[split + 1:]
            art_items[a + 1] = nxt[cut:]
            while art_items[a + 1] and art_items[a + 1][0] is None:
                art_items[a + 1].pop(0)
            self.art["out_of_order"] += 1
            return

    def rare_chars(self, cfg: dict) -> None:
        r = self.rng
        pieces = self.body_pieces
        if not pieces:
            return
        for key, ch, name in (("zw", "\u200b", "zero_width"), ("shy", "\u00ad", "soft_hyphen")):
            if r.random() < cfg[key]:
                for _ in range(r.randint(1, 3)):
                    p = r.choice(pieces)
                    s = p[1]
                    if len(s) >= 3:
                        i = r.randrange(1, len(s) - 1)
                        if s[i - 1] != " " and s[i] != " ":
                            p[1] = s[:i] + ch + s[i:]
                            self.art[name] += 1

    def render(self, items: list, seed: int, family: str, layout: str, eol: str, trad: bool) -> dict:
        r, cfg = self.rng, self.cfg
        index = {id(u): i for i, u in enumerate(self.units)}
        lines: list[str] = []
        seps: list[str] = []
        line_map: list[list[list[int]]] = []
        lead = cfg["lead_space"]
        for it in items:
            if it is None:
                lines.append("")
                seps.append(eol)
                line_map.append([])
                continue
            if it is _FF:
                lines.append("")
                seps.append("\f")
                line_map.append([])
                continue
            segs = []
            if len(it) == 1:
                u, s = it[0]
                if lead and r.random() < lead:
                    s = " " + s
                    self.art["leading_space"] += 1
                    segs.append([index[id(u)], 1, len(s)])
                else:
                    segs.append([index[id(u)], 0, len(s)])
                text = s
            else:
                parts = []
                off = 0
                for u, s in it:
                    if parts:
                        off += 1
                    parts.append(s)
                    segs.append([index[id(u)], off, off + len(s)])
                    off += len(s)
                text = " ".join(parts)
            lines.append(text)
            seps.append(eol)
            line_map.append(segs)

        units = self.units
        blocks = [{"kind": u.kind, "text": u.text, "article": u.article} for u in units]
        if r.random() < cfg["bom"] and lines:
            lines[0] = "\ufeff" + lines[0]
            for seg in line_map[0]:
                seg[1] += 1
                seg[2] += 1
            self.art["bom"] += 1
        text = "".join([l + s for l, s in zip(lines, seps)])
        if eol != "\n":
            self.art["crlf" if eol == "\r\n" else "cr"] += 1
        unit_texts = [u.text for u in units]
        articles = self.articles
        debris = self.debris
        removed = self.removed
        if trad:
            tr = lambda s: s.translate(_TRAD_QUOTES)  # noqa: E731
            text = tr(text)
            unit_texts = [tr(s) for s in unit_texts]
            for b, t in zip(blocks, unit_texts):
                b["text"] = t
            for ar in articles:
                for k in ("kicker", "title", "subtitle"):
                    if ar[k]:
                        ar[k] = tr(ar[k])
                for au in ar["authors"]:
                    au["name"] = tr(au["name"])
                for b in ar["blocks"]:
                    b["text"] = tr(b["text"])
            debris = [tr(s) for s in debris]
            removed = [tr(s) for s in removed]
            self.art["traditional"] += 1
        if self.squeeze:
            self.art["squeezed_punct"] += 1
        breaks = derive_breaks(line_map, blocks)
        return {
            "id": str(seed),
            "seed": seed,
            "family": family,
            "layout": layout,
            "text": text,
            "breaks": breaks,
            "units": unit_texts,
            "blocks": blocks,
            "articles": articles,
            "debris": debris,
            "artifacts": dict(self.art),
            # extras
            "line_map": line_map,
            "removed": removed,
            "doubled": [i for i, u in enumerate(units) if u.doubled],
            "style": {"blank": self.blank_style, "eol": eol, "squeeze": self.squeeze,
                      "widths": self.widths, "traditional": trad},
        }


# --------------------------------------------------------------------------
# gold helpers
# --------------------------------------------------------------------------


def derive_breaks(line_map: list, blocks: list[dict]) -> list[list]:
    """Break kinds for consecutive non-blank lines, from the line -> unit map.

    ``line_map[i]`` lists ``[unit, start, end]`` segments of physical line i
    (empty for blank lines).  ``join``: same unit, next piece; ``paragraph``:
    the earlier line ends a paragraph and the later one starts the paragraph
    that follows it in the same article with nothing but intrusions between
    them in reading order; ``block`` otherwise.
    """
    n_units = len(blocks)
    next_para = [-1] * n_units
    prev_real = -1
    for i, b in enumerate(blocks):
        if b["kind"] == "intrusion":
            continue
        if prev_real >= 0 and b["kind"] == "paragraph" and blocks[prev_real]["kind"] == "paragraph" \
                and blocks[prev_real].get("article") == b.get("article"):
            next_para[prev_real] = i
        prev_real = i
    total = [0] * n_units
    firsts, lasts = [], []
    for segs in line_map:
        if not segs:
            firsts.append(None)
            lasts.append(None)
            continue
        f = None
        for u, _s, _e in segs:
            piece = (u, total[u])
            total[u] += 1
            if f is None:
                f = piece
        firsts.append(f)
        lasts.append(piece)
    out = []
    prev = -1
    for i, f in enumerate(firsts):
        if f is None:
            continue
        if prev >= 0:
            u, k = lasts[prev]
            v, m = f
            if u == v and m == k + 1:
                kind = "join"
            elif m == 0 and k == total[u] - 1 and next_para[u] == v:
                kind = "paragraph"
            else:
                kind = "block"
            out.append([prev, kind])
        prev = i
    return out


def _clean(s: str) -> str:
    return "".join(s.translate(_DEL_INVISIBLE).split())


def check_gold(gold: dict) -> list[str]:
    """Self-consistency problems of a gold dict ([] when all is well)."""
    probs: list[str] = []
    for k in ("id", "seed", "family", "layout", "text", "breaks", "units", "blocks",
              "articles", "debris", "artifacts"):
        if k not in gold:
            probs.append(f"missing key {k}")
    if probs:
        return probs
    text, units, blocks = gold["text"], gold["units"], gold["blocks"]
    if gold["layout"] not in ("title_before", "title_after", "mixed"):
        probs.append(f"bad layout {gold['layout']}")
    lines = split_lines(text)
    if len(units) != len(blocks):
        probs.append("units and blocks differ in length")
    kinds = {"paragraph", "caption", "subheading", "kicker", "title_line", "subtitle", "byline",
             "label", "intrusion"}
    for i, (u, b) in enumerate(zip(units, blocks)):
        if b["kind"] not in kinds:
            probs.append(f"unit {i}: bad kind {b['kind']}")
        if b["text"] != u:
            probs.append(f"unit {i}: blocks text differs from units")
        if not u or u != u.strip():
            probs.append(f"unit {i}: empty or unstripped {u!r}")
    # breaks cover exactly the consecutive non-blank pairs
    nb = [i for i, l in enumerate(lines) if not is_blank(l)]
    want = [p for p, _ in zip(nb, nb[1:])]
    got = [b[0] for b in gold["breaks"]]
    if got != want:
        probs.append(f"breaks cover lines {got[:5]}... expected {want[:5]}...")
    if any(b[1] not in ("join", "paragraph", "block") for b in gold["breaks"]):
        probs.append("bad break kind")
    # conservation
    n_hyph = gold["artifacts"].get("hyphenation", 0)
    have = Counter(_clean(text))
    need = Counter(_clean("".join(units) + "".join(gold.get("removed", []))))
    extra, missing = have - need, need - have
    if missing or extra != (Counter({"-": n_hyph}) if n_hyph else Counter()):
        probs.append(f"conservation: extra {dict(extra)} missing {dict(missing)}")
    # line map: pieces rebuild the units, breaks follow from it
    lm = gold.get("line_map")
    if lm is not None:
        if len(lm) != len(lines):
            probs.append(f"line_map has {len(lm)} lines, text {len(lines)}")
        else:
            pieces: list[list[str]] = [[] for _ in units]
            for i, (line, segs) in enumerate(zip(lines, lm)):
                if bool(segs) == is_blank(line):
                    probs.append(f"line {i}: blank/segments mismatch")
                covered = "".join(line[s:e] for _, s, e in segs)
                if _clean(covered) != _clean(line):
                    probs.append(f"line {i}: segments do not cover the line")
                for u, s, e in segs:
                    if not 0 <= u < len(units):
                        probs.append(f"line {i}: bad unit {u}")
                        continue
                    pieces[u].append(line[s:e])
            doubled = set(gold.get("doubled", []))
            hyph_left = n_hyph
            for u, ps in enumerate(pieces):
                if not ps:
                    probs.append(f"unit {u} has no line")
                    continue
                target = _clean(units[u])
                got_s = _clean("".join(ps))
                if u in doubled:
                    got_s = got_s[::2]
                if got_s != target:
                    # drop line-end hyphens that the unit text does not have there
                    pos, n_fix, parts = 0, 0, []
                    for k, p in enumerate(ps):
                        pc = _clean(p)
                        if pc.endswith("-") and k < len(ps) - 1 and target[pos + len(pc) - 1:pos + len(pc)] != "-":
                            pc = pc[:-1]
                            n_fix += 1
                        parts.append(pc)
                        pos += len(pc)
                    if "".join(parts) == target and n_fix <= hyph_left:
                        hyph_left -= n_fix
                    else:
                        probs.append(f"unit {u}: pieces {got_s[:40]!r}... != {target[:40]!r}...")
            if derive_breaks(lm, blocks) != gold["breaks"]:
                probs.append("breaks differ from line_map derivation")
    # articles
    unit_set = Counter(units)
    for ai, ar in enumerate(gold["articles"]):
        titles = [u for u, b in zip(units, blocks) if b["kind"] == "title_line" and b.get("article") == ai]
        if ar["title"] != (" ".join(titles) if titles else None):
            probs.append(f"article {ai}: title {ar['title']!r} vs lines {titles!r}")
        for b in ar["blocks"]:
            if b["kind"] not in ("paragraph", "subheading", "caption") or not unit_set[b["text"]]:
                probs.append(f"article {ai}: block not among units")
        for au in ar["authors"]:
            if not au["name"] or not au["role"]:
                probs.append(f"article {ai}: bad author {au}")
    for d in gold["debris"]:
        if d not in unit_set and d not in gold.get("removed", []) and \
                not any(_clean(d)[::2] == _clean(u) for u in units):
            probs.append(f"debris {d!r} not accounted for")
    for i, line in enumerate(lines):
        if any(ch in line for ch in "\r\n\f"):
            probs.append(f"line {i} holds a line terminator")
    return probs


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------


def generate_page(seed: int, corpus: Corpus, family: str | None = None) -> dict:
    """One page and its gold, fully determined by ``seed``, corpus and family.

    Gold keys: id, seed, family, layout, text, breaks, units, blocks (kind,
    text, article), articles, debris, artifacts; extras: line_map (per
    physical line, ``[unit, start, end]`` segments), removed (duplicate
    glyphs taken out of faux-bold text), doubled (units printed doubled),
    style.
    """
    if family is None:
        family = FAMILIES[random.Random(seed).randrange(len(FAMILIES))]
    if family not in FAMILY_CONFIG:
        raise ValueError(f"unknown family {family!r}; known: {', '.join(FAMILIES)}")
    rng = random.Random(f"{family}:{seed}")  # str seeds are hashed with sha512: stable
    return _PageBuilder(rng, corpus, FAMILY_CONFIG[family]).build(seed, family)


def page_seed(seed: int, i: int) -> int:
    """Seed of page ``i`` of a run started with ``seed``."""
    return seed * 10_000_019 + i


def generate_pages(n: int | None, seed: int = 0, corpus: Corpus | None = None,
                   families: list[str] | tuple[str, ...] | None = None) -> Iterator[dict]:
    """``n`` pages (endless if None); families are cycled round-robin."""
    corpus = corpus or load_corpus()
    fams = tuple(families) if families else FAMILIES
    i = 0
    while n is None or i < n:
        g = generate_page(page_seed(seed, i), corpus, fams[i % len(fams)])
        g["id"] = f"{i:05d}"
        yield g
        i += 1


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------

_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?\s*$", re.I)


def parse_size(s: str) -> int:
    m = _SIZE_RE.match(s)
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {s!r} (try 100MB, 1GB)")
    num = float(m.group(1))
    unit = (m.group(2) or "").lower().rstrip("b").rstrip("i")
    mult = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}[unit]
    return int(num * mult)


_WORKER: dict = {}

# Planted bad members (--bad-every): bytes no page decoder should accept.
BAD_MEMBERS = (
    ("binary_input", b"\x00\x01\x02 not a page"),
    ("invalid_bytes", b"\x80\x80\x80\xff\xff\xfe abc " * 20),
)
PAPER = "jnrb"  # paper code of --dated-names
PAGES_PER_DAY = 16


def _worker_init(corpus_path: str | None, seed: int, fams: tuple[str, ...], gold_text: bool,
                 gb_every: int) -> None:
    _WORKER.update(corpus=load_corpus(corpus_path), seed=seed, fams=fams, gold_text=gold_text,
                   gb_every=gb_every)


def _encoding_of(k: int, text: str, gb_every: int) -> str:
    """Every ``gb_every``-th generated page (the 2nd, then every n-th) in
    GB18030, unless it starts with a BOM (a UTF-8 signature on a GB page makes
    no sense)."""
    if gb_every > 0 and k % gb_every == 1 % gb_every and not text.startswith("\ufeff"):
        return "gb18030"
    return "utf-8"


def _work(k: int) -> tuple[str, str, dict]:
    """Generated page k as (text, encoding, gold dict)."""
    w = _WORKER
    g = generate_page(page_seed(w["seed"], k), w["corpus"], w["fams"][k % len(w["fams"])])
    text = g["text"]
    enc = _encoding_of(k, text, w["gb_every"])
    if enc != "utf-8":
        g["encoding"] = enc
    if not w["gold_text"]:
        del g["text"]
    return text, enc, g


def _work_batch(idx: range) -> list[tuple[str, str, dict]]:
    return [_work(k) for k in idx]


def member_name(i: int, dated: bool) -> tuple[str, dict]:
    """Name of member ``i`` (relative path) and its metadata for JSON Lines."""
    if not dated:
        return f"pages/{i:05d}.txt", {}
    day = datetime.date(2000, 1, 1) + datetime.timedelta(days=i // PAGES_PER_DAY)
    page = i % PAGES_PER_DAY + 1
    return (f"{PAPER}/{day:%Y/%m/%d}/page{page}.txt",
            {"date": day.isoformat(), "page": str(page), "paper": PAPER})


def output_paths(out: str, fmt: str | None) -> tuple[str, Path, Path]:
    """(format, pages path, gold path) for ``--out`` and ``--format``.

    ``--out`` ending in ``.zip`` or ``.jsonl`` names the archive itself (gold
    beside it: ``NAME.gold.jsonl``); any other ``--out`` is a directory that
    receives ``pages/`` (or ``pages.zip``, ``pages.jsonl`` with ``--format``)
    and ``gold.jsonl``.
    """
    p = Path(out)
    suffix = p.suffix.lower()
    if suffix in (".zip", ".jsonl"):
        by_suffix = suffix[1:]
        if fmt not in (None, by_suffix):
            raise ValueError(f"--out {out} is a {by_suffix} name but --format is {fmt}")
        return by_suffix, p, p.with_name(p.name[: -len(suffix)] + ".gold.jsonl")
    fmt = fmt or "dir"
    pages = {"dir": p / "pages", "zip": p / "pages.zip", "jsonl": p / "pages.jsonl"}[fmt]
    return fmt, pages, p / "gold.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m huozi.bench.generate", description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--pages", type=int, help="number of pages")
    g.add_argument("--size", type=parse_size, help="stop when page bytes reach this size (100MB, 1GB)")
    ap.add_argument("--out", required=True,
                    help="DIR (pages/ and gold.jsonl inside), NAME.zip or NAME.jsonl (gold in NAME.gold.jsonl)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--format", choices=("dir", "zip", "jsonl"), default=None,
                    help="default: from the --out suffix, else dir")
    ap.add_argument("--families", default=None, help="comma-separated subset of: " + ",".join(FAMILIES))
    ap.add_argument("--corpus", default=None, help="corpus file (default: see load_corpus)")
    ap.add_argument("--jobs", type=int, default=0, help="worker processes (default: CPU count)")
    ap.add_argument("--no-gold-text", action="store_true", help="leave the page text out of gold.jsonl")
    ap.add_argument("--gb18030-every", type=int, default=0, metavar="N",
                    help="write every N-th generated page in GB18030 (dir and zip; default 0: all UTF-8)")
    ap.add_argument("--bad-every", type=int, default=0, metavar="N",
                    help="make every N-th member a planted bad one (binary or undecodable bytes; dir and zip)")
    ap.add_argument("--distinct", type=int, default=0, metavar="N",
                    help="generate N distinct pages, then reuse them under new names (fast large archives; "
                         "gold names the first member of each page: same_as)")
    ap.add_argument("--dated-names", action="store_true",
                    help=f"members named {PAPER}/YYYY/MM/DD/pageN.txt ({PAGES_PER_DAY} pages a day from 2000-01-01)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)

    fams = tuple(f.strip() for f in args.families.split(",")) if args.families else FAMILIES
    for f in fams:
        if f not in FAMILY_CONFIG:
            ap.error(f"unknown family {f!r}; known: {', '.join(FAMILIES)}")
    try:
        fmt, pages_path, gold_path = output_paths(args.out, args.format)
    except ValueError as e:
        ap.error(str(e))
    if fmt == "jsonl" and (args.gb18030_every or args.bad_every):
        ap.error("--gb18030-every and --bad-every need page files (dir or zip): JSON Lines holds text")
    for opt in ("gb18030_every", "bad_every", "distinct"):
        if getattr(args, opt) < 0:
            ap.error(f"--{opt.replace('_', '-')} must be >= 0")
    gold_path.parent.mkdir(parents=True, exist_ok=True)
    corpus = load_corpus(args.corpus)
    jobs = args.jobs or os.cpu_count() or 1
    init = (args.corpus, args.seed, fams, not args.no_gold_text, args.gb18030_every)

    zf = pages_f = None
    if fmt == "dir":
        pages_path.mkdir(parents=True, exist_ok=True)
    elif fmt == "zip":
        zf = zipfile.ZipFile(pages_path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
    else:
        pages_f = open(pages_path, "wb")
    gold_f = open(gold_path, "wb")

    t0 = last_report = time.perf_counter()
    total = count = n_bad = 0
    chunk = 32
    pool = None
    if jobs > 1:
        import multiprocessing as mp

        pool = mp.get_context("fork" if hasattr(os, "fork") else "spawn").Pool(
            jobs, initializer=_worker_init, initargs=init)
    else:
        _worker_init(*init)

    def generated(n: int | None) -> Iterator[tuple[str, str, dict]]:
        """Generated pages 0, 1, ... (n of them, or endless), in order."""
        def chunks():
            k = 0
            while n is None or k < n:
                hi = k + chunk if n is None else min(k + chunk, n)
                yield range(k, hi)
                k = hi
        if pool is None:
            for r in chunks():
                yield from _work_batch(r)
            return
        pending = []  # a bounded number of chunks in flight, in order
        for r in chunks():
            pending.append(pool.apply_async(_work_batch, (r,)))
            if len(pending) >= 4 * jobs:
                yield from pending.pop(0).get()
        for res in pending:
            yield from res.get()

    def dump(d: dict) -> bytes:
        return (json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

    if args.distinct:
        cache = list(generated(args.distinct))
        source: Iterator[tuple[str, str, dict]] | None = None
    else:
        cache = []
        # With --pages the number of generated pages is known (members less the
        # planted bad ones): no chunk is left in flight at the end. Only --size
        # generates ahead of what it will use.
        needed = None
        if args.pages is not None and args.size is None:
            needed = args.pages - (args.pages // args.bad_every if args.bad_every else 0)
        source = generated(needed)
    first_member: dict[int, str] = {}  # --distinct: generated page -> id of its first member

    try:
        i = k_next = 0
        while (args.pages is None or i < args.pages) and (args.size is None or total < args.size):
            name, meta = member_name(i, args.dated_names)
            mid = f"{i:05d}"
            if args.bad_every and i % args.bad_every == args.bad_every - 1:
                kind, data = BAD_MEMBERS[n_bad % len(BAD_MEMBERS)]
                n_bad += 1
                gold = {"id": mid, "name": name, "bad": kind}
            else:
                if source is not None:
                    k = k_next
                    text, enc, gold = next(source)
                    k_next += 1
                else:
                    k = i % args.distinct
                    text, enc, gold = cache[k]
                data = text.encode(enc)
                if k in first_member:
                    gold = {"id": mid, "name": name, "same_as": first_member[k]}
                else:
                    if args.distinct:
                        first_member[k] = mid
                    gold = {**gold, "id": mid, "name": name, **({"date": meta["date"]} if meta else {})}
            if fmt == "dir":
                dest = pages_path / name.split("/", 1)[1] if not args.dated_names else pages_path / name
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(data)
                total += len(data)
            elif zf is not None:
                zf.writestr(name, data)
                total += len(data)
            else:
                row = {"id": mid, "source": name, **meta, "text": text}
                pages_f.write(dump(row))
                total += len(data)  # the page's UTF-8 bytes, not its JSON escaping
            gold_f.write(dump(gold))
            count += 1
            i += 1
            if not args.quiet and time.perf_counter() - last_report > 10:
                last_report = time.perf_counter()
                dt = last_report - t0
                print(f"{count} pages, {total / 1e6:.1f} MB, {count / dt:.0f} pages/s, "
                      f"{total / 1e6 / dt:.2f} MB/s", file=sys.stderr)
        if pool is not None:
            # Let the chunks still in flight finish (at most 4 per worker) and
            # the workers exit. Pool.terminate() on a pool whose workers are
            # sending results hangs now and then (seen here; CPython issues
            # 78178 and 96995): it is kept for the error path only.
            pool.close()
            pool.join()
            pool = None
    finally:
        if pool is not None:
            pool.terminate()
        gold_f.close()
        if zf is not None:
            zf.close()
        if pages_f is not None:
            pages_f.close()
    dt = time.perf_counter() - t0
    if not args.quiet:
        bad = f" ({n_bad} planted bad)" if n_bad else ""
        print(f"wrote {count} pages{bad}, {total / 1e6:.1f} MB of page bytes to {pages_path} (gold: {gold_path}) "
              f"in {dt:.1f}s ({count / dt:.0f} pages/s, {total / 1e6 / dt:.2f} MB/s); corpus: {corpus.source}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
