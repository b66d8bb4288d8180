"""Page and Article: attribute access over the output-contract dicts, their
HTML views for notebooks, the line-repair explanation and conversions to
Arrow, pandas and polars."""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Optional, Union

from . import _html

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import polars
    import pyarrow

# Keys of the output contract (README, "Output contract"). Records carry extra
# keys (headings, credits, sentences) beyond these.
PAGE_KEYS = ("source", "date", "encoding", "articles", "debris")
ARTICLE_KEYS = (
    "source", "date", "index", "kicker", "title", "subtitle",
    "authors", "blocks", "fields", "start", "end",
)


def _require(module: str, what: str, extra: str = "notebook") -> Any:
    """Imports an optional dependency, or raises ImportError saying how to get it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(f"{what} needs {module}, which is not installed: pip install {module} "
                          f"(or pip install 'huozi[{extra}]')") from e


class Article:
    """One article: ``kicker``, ``title``, ``subtitle``, ``authors``,
    ``blocks``, ``fields``, ``start``, ``end`` as attributes.

    In a notebook an article displays as HTML (fields highlighted, their
    normalized values on hover); ``to_dict()`` is its output-contract record.

    Example:
        >>> a = huozi.parse(huozi.sample_text()).articles[0]
        >>> a.title, [x["name"] for x in a.authors]
        ('坚持政治建警 全面从严治警', ['侯宪锋', '张巍'])
        >>> a.paragraphs[0][:5]
        '7月23日'
    """

    __slots__ = ("_d",)

    def __init__(self, data: Dict[str, Any]) -> None:
        self._d = data

    source: str = property(lambda self: self._d["source"])  # type: ignore[assignment]
    date: Optional[str] = property(lambda self: self._d["date"])  # type: ignore[assignment]
    index: int = property(lambda self: self._d["index"])  # type: ignore[assignment]
    kicker: Optional[str] = property(lambda self: self._d["kicker"])  # type: ignore[assignment]
    title: Optional[str] = property(lambda self: self._d["title"])  # type: ignore[assignment]
    subtitle: Optional[str] = property(lambda self: self._d["subtitle"])  # type: ignore[assignment]
    authors: List[Dict[str, str]] = property(lambda self: self._d["authors"])  # type: ignore[assignment]
    blocks: List[Dict[str, Any]] = property(lambda self: self._d["blocks"])  # type: ignore[assignment]
    fields: List[Dict[str, Any]] = property(lambda self: self._d["fields"])  # type: ignore[assignment]
    start: int = property(lambda self: self._d["start"])  # type: ignore[assignment]
    end: int = property(lambda self: self._d["end"])  # type: ignore[assignment]

    @property
    def paragraphs(self) -> List[str]:
        """Texts of the blocks of kind ``paragraph``."""
        return [b["text"] for b in self._d["blocks"] if b["kind"] == "paragraph"]

    @property
    def text(self) -> str:
        """The article body: its blocks' texts, one per line."""
        return "\n".join(b["text"] for b in self._d["blocks"])

    def to_dict(self, *, extras: bool = True) -> Dict[str, Any]:
        """The article record of the output contract (a deep copy). With
        ``extras=False`` only the contract's keys.

        Example:
            >>> sorted(huozi.parse(huozi.sample_text()).articles[0].to_dict(extras=False))[:4]
            ['authors', 'blocks', 'date', 'end']
        """
        d = copy.deepcopy(self._d)
        if not extras:
            d = {k: d[k] for k in ARTICLE_KEYS}
            for b in d["blocks"]:
                b.pop("sentences", None)
        return d

    def to_json(self, **kwargs: Any) -> str:
        """The record as JSON (keyword arguments go to :func:`json.dumps`).

        Example:
            >>> huozi.parse("标题\\n\\n正文一句。").articles[0].to_json()[:12]
            '{"source": "'
        """
        return json.dumps(self._d, ensure_ascii=False, **kwargs)

    def to_html(self, *, max_blocks: int = 8) -> str:
        """The article as self-contained HTML (what a notebook shows): kicker,
        title, subtitle, authors and blocks, each field highlighted in its
        type's colour with its normalized value in the ``title`` attribute
        (shown on hover). Blocks after ``max_blocks`` fold into ``<details>``.

        Example:
            >>> html = huozi.parse(huozi.sample_text()).articles[0].to_html()
            >>> 'title="date: 2020-07-23"' in html
            True
        """
        return _html.article_html(self._d, max_blocks=max_blocks)

    def _repr_html_(self) -> str:
        return f'<div style="{_html._FONT} max-width: 52em;">{self.to_html()}</div>'

    def __repr__(self) -> str:
        names = " ".join(a["name"] for a in self.authors)
        return f"<Article {self.index}: {self.title or '(untitled)'!s} [{names}] {len(self.blocks)} blocks>"


class Explanation:
    """Line repair's decisions on a page: every raw line, the decision on the
    break after it (``join``, ``paragraph`` or ``block``, with a reason code)
    and the repaired units. ``str()`` is what ``huozi repair --explain``
    prints; in a notebook it displays as a table of the raw lines beside the
    repaired units.

    Attributes:
        lines: the physical lines of the page text (as repair splits them).
        decisions: one dict per break between two non-blank lines: ``line``,
            ``next_line`` (from 0), ``kind``, ``reason``, ``width``,
            ``column_width``, ``ends_sentence``, ``blanks_after``.
        units: the repaired units: ``text``, ``start``, ``end``, ``shape``,
            ``break_before``, ``first_line``, ``last_line``, ``column_width``.
        removals: what repair dropped (a doubled glyph, a line-end hyphen).

    Example:
        >>> ex = huozi.explain("市公安局要求，深化\\n思想认识。\\n")
        >>> [(d["kind"], d["reason"]) for d in ex.decisions]
        [('join', 'wrap')]
        >>> ex.units[0]["text"]
        '市公安局要求，深化思想认识。'
    """

    __slots__ = ("details", "text")

    def __init__(self, details: Dict[str, Any], text: str) -> None:
        self.details = details
        self.text = text

    @property
    def lines(self) -> List[str]:
        return _html.split_lines(self.text)

    @property
    def decisions(self) -> List[Dict[str, Any]]:
        return list(self.details["decisions"])

    @property
    def units(self) -> List[Dict[str, Any]]:
        return list(self.details["units"])

    @property
    def removals(self) -> List[Dict[str, Any]]:
        return list(self.details["removals"])

    def to_html(self, *, max_lines: int = 300) -> str:
        """The side-by-side view as self-contained HTML; lines past
        ``max_lines`` fold into ``<details>``.

        Example:
            >>> 'huozi-decision-join' in huozi.explain("市公安局要求，深化\\n思想认识。\\n").to_html()
            True
        """
        return _html.explain_html(self.details, self.text, max_lines=max_lines)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        out = str(self.details["explain"])
        if self.details["removals"]:
            out += "\nremoved: " + ", ".join(f"{r['text']} ({r['reason']}, byte {r['start']})"
                                             for r in self.details["removals"]) + "\n"
        return out

    def __repr__(self) -> str:
        kinds: Dict[str, int] = {}
        for d in self.details["decisions"]:
            kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
        return (f"<Explanation: {len(self.lines)} lines, {len(self.details['units'])} units, "
                + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ">")


TextSource = Union[None, str, Callable[[], str]]


class Page:
    """A parsed page: ``articles`` (list of :class:`Article`), ``debris``,
    ``source``, ``date``, ``encoding``, and ``text`` (the decoded page that
    every ``start``/``end`` offset points into).

    A page is a sequence of its articles (``len(page)``, ``page[0]``,
    ``for a in page``). In a notebook it displays as HTML: the articles in
    reading order with their fields highlighted. ``page.explain()`` shows
    line repair's decision on every line break; ``to_arrow()``,
    ``to_pandas()`` and ``to_polars()`` give one row per article.

    Example:
        >>> page = huozi.parse(huozi.sample_text(), date="2020-07-24")
        >>> len(page), page[0].title
        (9, '坚持政治建警 全面从严治警')
        >>> page.to_pandas()[["index", "title"]].head(2)  # doctest: +SKIP
    """

    __slots__ = ("_d", "_articles", "_text", "_replaced", "_fullwidth_ascii", "_deinterleave")

    def __init__(self, data: Dict[str, Any], *, text: TextSource = None, fullwidth_ascii: bool = False,
                 deinterleave: Union[bool, str] = "auto") -> None:
        data = dict(data)
        kept = data.pop("text", None)
        self._replaced = int(data.pop("replaced", 0) or 0)
        self._d = data
        self._articles = [Article(a) for a in data["articles"]]
        self._text: TextSource = kept if text is None else text
        self._fullwidth_ascii = fullwidth_ascii
        self._deinterleave = deinterleave  # the repair options it was parsed with: explain() repeats them

    source: str = property(lambda self: self._d["source"])  # type: ignore[assignment]
    date: Optional[str] = property(lambda self: self._d["date"])  # type: ignore[assignment]
    encoding: str = property(lambda self: self._d["encoding"])  # type: ignore[assignment]
    debris: List[Dict[str, Any]] = property(lambda self: self._d["debris"])  # type: ignore[assignment]

    @property
    def articles(self) -> List[Article]:
        return self._articles

    @property
    def replaced(self) -> int:
        """Input bytes replaced by U+FFFD while decoding (``errors="replace"``), else 0."""
        return self._replaced

    @property
    def text(self) -> str:
        """The decoded page text (UTF-8 offsets ``start``/``end`` point into
        its ``.encode("utf-8")``), before any repair.

        Raises:
            ValueError: a Page built by hand from a dict without its text.
        """
        t = self._text
        if callable(t):
            t = self._text = t()
        if t is None:
            raise ValueError("this Page was built from a dict without its text: parse it with huozi.parse() "
                             "or pass Page(data, text=...)")
        return t

    def explain(self) -> Explanation:
        """Line repair's decision on every line break of this page (see
        :class:`Explanation`): ``str()`` of it reads like ``huozi repair
        --explain``, and a notebook shows the raw lines beside the repaired
        units with each decision marked.

        Example:
            >>> ex = huozi.parse(huozi.sample_text()).explain()
            >>> ex.decisions[0]["kind"], ex.decisions[0]["reason"]
            ('join', 'wrap_short_unfinished')
        """
        from . import _core

        text = self.text
        return Explanation(_core.repair_details(text, fullwidth_ascii=self._fullwidth_ascii,
                                                deinterleave=self._deinterleave), text)

    def to_dict(self, *, extras: bool = True) -> Dict[str, Any]:
        """The page object of the output contract (a deep copy).

        Example:
            >>> list(huozi.parse(huozi.sample_text()).to_dict(extras=False))
            ['source', 'date', 'encoding', 'articles', 'debris']
        """
        d = copy.deepcopy(self._d)
        if not extras:
            d = {k: d[k] for k in PAGE_KEYS}
            d["articles"] = [a.to_dict(extras=False) for a in self._articles]
        return d

    def to_json(self, **kwargs: Any) -> str:
        """The page object as JSON (keyword arguments go to :func:`json.dumps`).

        Example:
            >>> huozi.parse("正文一句。", source="p.txt").to_json()[:20]
            '{"source": "p.txt", '
        """
        return json.dumps(self._d, ensure_ascii=False, **kwargs)

    def to_html(self, *, max_articles: int = 20, max_blocks: int = 8) -> str:
        """The page as self-contained HTML (what a notebook shows): a header,
        the legend of field colours, then every article (see
        :meth:`Article.to_html`); articles after ``max_articles`` and blocks
        after ``max_blocks`` fold into ``<details>``; debris at the end.
        Inline styles only, no script, every text HTML-escaped.

        Example:
            >>> html = huozi.parse(huozi.sample_text()).to_html(max_articles=3)
            >>> html.count('class="huozi-article"'), "6 more articles" in html
            (9, True)
        """
        return _html.page_html(self._d, max_articles=max_articles, max_blocks=max_blocks)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_arrow(self) -> "pyarrow.Table":
        """One row per article as a :class:`pyarrow.Table` with the archive
        export's schema (:data:`huozi.archive.SCHEMA`: the contract's columns
        plus ``encoding``, ``page``, ``paper``, ``replaced``).

        Example:
            >>> t = huozi.parse(huozi.sample_text()).to_arrow()
            >>> t.num_rows, t.column_names[:5]
            (9, ['source', 'date', 'index', 'kicker', 'title'])
        """
        from . import _frame

        return _frame.pages_table([self])

    def to_pandas(self, *, arrow_dtypes: bool = False) -> "pandas.DataFrame":
        """One row per article as a :class:`pandas.DataFrame` (columns of
        :meth:`to_arrow`; ``authors``, ``blocks`` and ``fields`` hold lists of
        dicts). ``arrow_dtypes=True`` keeps Arrow types (``pandas.ArrowDtype``),
        as :mod:`huozi.dask` does.

        Raises:
            ImportError: pandas is not installed.

        Example:
            >>> df = huozi.parse(huozi.sample_text()).to_pandas()
            >>> df.loc[0, "title"]
            '坚持政治建警 全面从严治警'
        """
        from . import _frame

        return _frame.to_pandas(self.to_arrow(), arrow_dtypes=arrow_dtypes)

    def to_polars(self) -> "polars.DataFrame":
        """One row per article as a :class:`polars.DataFrame` (columns of
        :meth:`to_arrow`).

        Raises:
            ImportError: polars is not installed.

        Example:
            >>> huozi.parse(huozi.sample_text()).to_polars().height
            9
        """
        pl = _require("polars", "Page.to_polars()")
        return pl.from_arrow(self.to_arrow())

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles)

    def __getitem__(self, i: int) -> Article:
        return self._articles[i]

    def __repr__(self) -> str:
        return f"<Page {self.source!r} {self.date or ''} {len(self._articles)} articles, {len(self.debris)} debris>"
