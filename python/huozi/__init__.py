"""huozi (活字): Chinese newspaper page text to clean, structured articles.

Quick start::

    >>> import huozi
    >>> page = huozi.parse(open(huozi.sample_path(), "rb").read(), date="2020-07-24")
    >>> [a.title for a in page.articles][:2]
    ['坚持政治建警 全面从严治警', '“禁毒大篷车” 走进千家万户']
    >>> huozi.repair("市公安局要求，深化\\n思想认识。\\n")  # the repaired text, one paragraph a line
    '市公安局要求，深化思想认识。\\n'
    >>> df = page.to_pandas()                  # one row per article  # doctest: +SKIP
    >>> df = huozi.parse_many(texts, output="pandas")  # many pages  # doctest: +SKIP

In a notebook a page shows as HTML (fields highlighted) and ``page.explain()``
shows line repair's decisions; see ``examples/quickstart.ipynb``.

``parse`` accepts ``str`` (already decoded) or ``bytes`` (UTF-8, UTF-16 with
BOM, GB18030/GBK/GB2312 or Big5, detected). All offsets (``start``/``end``)
are byte offsets into the page text after decoding to UTF-8, before repair.
Errors are raised as subclasses of :class:`huozi.Error`.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from importlib import resources
from typing import (TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Literal, Optional, Sequence, Tuple, Union,
                    overload)

from . import _core
from ._core import (
    BinaryInputError,
    DecodeError,
    Dictionary,
    Error,
    InvalidArgumentError,
    LimitError,
)
from ._model import Article, Explanation, Page

if TYPE_CHECKING:  # pragma: no cover
    import datetime

    import pandas
    import polars
    import pyarrow

__version__: str = _core.__version__

__all__ = [
    "DEFAULT_ARCHIVE_LIMITS",
    "DEFAULT_LIMITS",
    "Article",
    "BinaryInputError",
    "DecodeError",
    "Dictionary",
    "Error",
    "Explanation",
    "InvalidArgumentError",
    "LimitError",
    "Page",
    "__version__",
    "decode",
    "errors_table",
    "explain",
    "extract_fields",
    "iter_archive",
    "open_archive",
    "read_archive",
    "parse",
    "parse_many",
    "repair",
    "repair_details",
    "repair_many",
    "sample_path",
    "sample_text",
    "tokenize",
    "tokenize_many",
    "tokenize_spans",
]

TextLike = Union[str, bytes, bytearray, memoryview]

#: The default limits of :func:`parse` (0 would mean no limit).
DEFAULT_LIMITS = dict(_core.DEFAULT_LIMITS)

#: The default limits of archive runs (:func:`read_archive`, ``huozi run``):
#: ``max_member_bytes``, ``max_compression_ratio``, ``max_total_bytes`` (0: no limit).
DEFAULT_ARCHIVE_LIMITS = dict(_core.DEFAULT_ARCHIVE_LIMITS)
Error.__doc__ = """The base of huozi's errors. Attributes: ``code`` (``invalid_utf8``,
``decode_error``, ``unknown_encoding``, ``binary_input``, ``limit_exceeded``,
``invalid_argument``, ``io``), ``offset`` (the byte offset of the problem in
the input), ``reason`` (the message) and ``source`` (the page's label, or
None).

Example:
    >>> try:
    ...     huozi.parse(b"ab\\x00", source="p.txt")
    ... except huozi.Error as e:
    ...     print(type(e).__name__, e.code, e.offset, e.source)
    BinaryInputError binary_input 2 p.txt
"""
DecodeError.__doc__ = """Bytes that fit no supported encoding (``code``: ``invalid_utf8``,
``decode_error``, ``unknown_encoding``); ``offset`` is the first bad byte.
``errors="replace"`` turns bad bytes into U+FFFD instead.

Example:
    >>> try:
    ...     huozi.parse(b"\\xe4\\xb8\\xad\\xff", encoding="utf-8")
    ... except huozi.DecodeError as e:
    ...     print(e.code, e.offset)
    invalid_utf8 3
"""
BinaryInputError.__doc__ = """NUL bytes: the input is a binary file, not page text (a
:class:`DecodeError`; ``offset`` is the first NUL).

Example:
    >>> try:
    ...     huozi.parse(b"\\x00")
    ... except huozi.BinaryInputError as e:
    ...     print(e.offset)
    0
"""
LimitError.__doc__ = """A page over a limit (:data:`DEFAULT_LIMITS`); ``reason`` names it.

Example:
    >>> try:
    ...     huozi.parse("一行太长了" * 10, max_line_bytes=20)
    ... except huozi.LimitError as e:
    ...     print(e.code, e.offset)
    limit_exceeded 0
"""
InvalidArgumentError.__doc__ = """A malformed argument: a ``date`` that is not ``YYYY-MM-DD``,
a negative limit.

Example:
    >>> try:
    ...     huozi.parse("正文。", date="2020-13-01")
    ... except huozi.InvalidArgumentError as e:
    ...     print(e.code)
    invalid_argument
"""


def parse(
    text: TextLike,
    *,
    date: Optional[str] = None,
    source: Optional[str] = None,
    encoding: Optional[str] = None,
    errors: str = "strict",
    sentences: bool = True,
    fields: bool = True,
    fullwidth_ascii: bool = False,
    max_page_bytes: Optional[int] = None,
    max_line_bytes: Optional[int] = None,
    max_lines: Optional[int] = None,
    max_fields_per_article: Optional[int] = None,
    deinterleave: Union[bool, str] = "auto",
) -> Page:
    """Parse one page into articles.

    Args:
        text: the page, as ``str`` or as raw ``bytes`` (encoding detected).
        date: the page date ``YYYY-MM-DD``: the reference for dates without a
            year and for relative words (近日, 昨天). Without it, dates take
            the most common year of the page's full dates.
        source: a label (file name) copied into the page and its articles.
        encoding: force an encoding for bytes (``"gb18030"``, ``"big5"``, …).
        errors: ``"strict"`` (bad bytes raise :class:`DecodeError`) or
            ``"replace"`` (they become U+FFFD; ``page.replaced`` counts them).
        sentences: fill each block's ``sentences`` spans.
        fields: extract fields (dates, money, …).
        fullwidth_ascii: map full-width ASCII (ＡＢＣ１２３) to ASCII.
        deinterleave: put columns read row by row (``pdftotext`` without
            ``-raw``) back into their columns before line repair. ``"auto"``
            (the default): only on pages where a cheap look finds signs of
            it (two lines of columns run together, a space between them),
            which then get the full test; ``True``: every
            page gets the full test (about 40 % more repair time); ``False``:
            never (see README, *Line repair*).
        max_page_bytes, max_line_bytes, max_lines, max_fields_per_article:
            limits (defaults in :data:`DEFAULT_LIMITS`; ``None`` keeps the default,
            ``0`` means no limit). A page over one raises :class:`LimitError`
            naming it; nothing is silently cut.

    Returns:
        A :class:`Page`; ``page.to_dict()`` is the output contract's page
        object, ``page.articles[i].to_dict()`` an article record,
        ``page.to_pandas()`` one row per article, ``page.explain()`` line
        repair's decisions. In a notebook the page displays as HTML.

    Raises:
        DecodeError: bytes that fit no supported encoding (with ``offset``).
        BinaryInputError: NUL bytes: not a text page.
        InvalidArgumentError: a malformed ``date`` or a negative limit.
        LimitError: a page over a limit (page size, line length, lines,
            fields per article); ``reason`` names the limit.

    Dates:
        Field values of type ``date`` are ISO ``YYYY-MM-DD``. ``7月23日``
        takes its year from ``date``; without ``date``, from the most common
        year among the page's full dates (``2020年7月23日``); with neither it
        is ``--07-23``. Relative words (昨天, 近日, 今年) get a value only
        when ``date`` is given. ``huozi parse`` takes the date from a file
        name holding one (``2020-07-24``, ``20200724``).

    Encodings:
        ``str`` is used as it is. ``bytes`` are decoded as UTF-8 (with or
        without BOM), UTF-16 with BOM, GB18030 (so GBK and GB2312) or Big5,
        detected with ICU and confirmed by a clean conversion;
        ``page.encoding`` says which. Force one with ``encoding=``; or
        decode yourself with :func:`decode`.

    Errors:
        Every failure is a :class:`Error` subclass with ``code`` (e.g.
        ``invalid_utf8``, ``limit_exceeded``), ``offset`` (the byte offset of
        the problem in the input) and ``reason``; ``str(e)`` names the
        ``source``. :func:`parse_many` returns failures as rows instead.

    Offsets:
        Every ``start``/``end`` (articles, blocks, fields, debris) is a byte
        offset into the page text *after decoding to UTF-8 and before repair*
        (``page.text``): ``page.text.encode()[f["start"]:f["end"]]`` is the
        field as printed, line breaks included. A field's ``text`` is as it
        reads in the repaired block. Sentence spans are offsets into their
        block's text.

    Example:
        >>> page = huozi.parse(huozi.sample_text(), date="2020-07-24")
        >>> page.articles[0].title
        '坚持政治建警 全面从严治警'
        >>> f = page.articles[0].fields[0]
        >>> f["type"], f["text"], f["value"]
        ('date', '7月23日', '2020-07-23')
        >>> page.text.encode()[f["start"]:f["end"]].decode()
        '7月23日'
        >>> huozi.parse("标题\\n\\n正文。".encode("gb18030")).encoding
        'gb18030'
    """
    is_str = isinstance(text, str)
    data = _core.parse(
        text,
        date=date,
        source=source,
        encoding=encoding,
        errors=errors,
        sentences=sentences,
        fields=fields,
        fullwidth_ascii=fullwidth_ascii,
        max_page_bytes=max_page_bytes,
        max_line_bytes=max_line_bytes,
        max_lines=max_lines,
        max_fields_per_article=max_fields_per_article,
        with_text=not is_str,  # a str is the page text itself: no copy
        deinterleave=deinterleave,
    )
    return Page(data, text=text if is_str else None, fullwidth_ascii=fullwidth_ascii,  # type: ignore[arg-type]
                deinterleave=deinterleave)


Output = Literal["pages", "arrow", "pandas", "polars"]
DateLike = Union[None, str, "datetime.date"]


@overload
def parse_many(texts: Any, *, dates: Any = ..., sources: Optional[Sequence[str]] = ..., threads: Optional[int] = ...,
               raise_errors: bool = ..., max_page_bytes: Optional[int] = ..., max_line_bytes: Optional[int] = ...,
               max_lines: Optional[int] = ..., max_fields_per_article: Optional[int] = ..., fullwidth_ascii: bool = ..., deinterleave: Union[bool, str] = ...,
               output: Literal["pages"] = ...,
               errors_out: Optional[list] = ...) -> List[Union[Page, Dict[str, Any]]]: ...
@overload
def parse_many(texts: Any, *, dates: Any = ..., sources: Optional[Sequence[str]] = ..., threads: Optional[int] = ...,
               raise_errors: bool = ..., max_page_bytes: Optional[int] = ..., max_line_bytes: Optional[int] = ...,
               max_lines: Optional[int] = ..., max_fields_per_article: Optional[int] = ..., fullwidth_ascii: bool = ..., deinterleave: Union[bool, str] = ...,
               output: Literal["arrow"],
               errors_out: Optional[list] = ...) -> "pyarrow.Table": ...
@overload
def parse_many(texts: Any, *, dates: Any = ..., sources: Optional[Sequence[str]] = ..., threads: Optional[int] = ...,
               raise_errors: bool = ..., max_page_bytes: Optional[int] = ..., max_line_bytes: Optional[int] = ...,
               max_lines: Optional[int] = ..., max_fields_per_article: Optional[int] = ..., fullwidth_ascii: bool = ..., deinterleave: Union[bool, str] = ...,
               output: Literal["pandas"],
               errors_out: Optional[list] = ...) -> "pandas.DataFrame": ...
@overload
def parse_many(texts: Any, *, dates: Any = ..., sources: Optional[Sequence[str]] = ..., threads: Optional[int] = ...,
               raise_errors: bool = ..., max_page_bytes: Optional[int] = ..., max_line_bytes: Optional[int] = ...,
               max_lines: Optional[int] = ..., max_fields_per_article: Optional[int] = ..., fullwidth_ascii: bool = ..., deinterleave: Union[bool, str] = ...,
               output: Literal["polars"],
               errors_out: Optional[list] = ...) -> "polars.DataFrame": ...
def parse_many(
    texts: Any,
    *,
    dates: Any = None,
    sources: Optional[Sequence[str]] = None,
    threads: Optional[int] = None,
    raise_errors: bool = False,
    max_page_bytes: Optional[int] = None,
    max_line_bytes: Optional[int] = None,
    max_lines: Optional[int] = None,
    max_fields_per_article: Optional[int] = None,
    fullwidth_ascii: bool = False,
    deinterleave: Union[bool, str] = "auto",
    output: Output = "pages",
    errors_out: Optional[list] = None,
) -> Any:
    """Parse many pages on C++ threads (the GIL is released), in input order.

    Args:
        texts: an iterable of pages (``str`` or ``bytes``, as for
            :func:`parse`) or a ``pandas.Series`` of them.
        dates: one page date per text (``YYYY-MM-DD`` text, ``datetime.date``,
            ``pandas.Timestamp``, ``None``/``NaN``/``NaT`` for unknown; a list
            or a Series), or one date for all.
        sources: one label per text (copied into the ``source`` column).
        threads: C++ threads (default: the machine's cores).
        raise_errors: raise the first failing page's :class:`Error` instead
            of reporting it.
        max_page_bytes, max_line_bytes, max_lines, max_fields_per_article:
            the limits of :func:`parse`.
        fullwidth_ascii, deinterleave: as in :func:`parse`, for every page.
        output: what comes back:

            ``"pages"`` (the default, as in earlier versions): a list with a
            :class:`Page` per text or, for a page that failed, a dict
            ``{"error": {source, kind, message, offset}}`` in its place.

            ``"pandas"``, ``"arrow"``, ``"polars"``: one row per article in
            the archive export's schema (:data:`huozi.archive.SCHEMA`: the
            output contract's columns plus ``encoding``, ``page``, ``paper``,
            ``replaced``), built in C++ and handed over as Arrow. The pandas
            frame's index is the text's label: the Series' index, else its
            position (``df.loc[3]`` are the articles of the fourth text).
            A page with no article gives no row; a page that failed gives
            no row and goes to ``errors_out``.
        errors_out: with a table output, a list that receives one dict per
            failed page (``source``, ``kind``, ``message``, ``offset`` and
            ``input``: its label or position).

    Example:
        >>> pages = huozi.parse_many([huozi.sample_text(), "正文一句。"], threads=2)
        >>> [len(p) for p in pages]
        [9, 1]
        >>> import pandas as pd
        >>> texts = pd.Series([huozi.sample_text(), "正文一句。"], index=["p1", "p2"])
        >>> df = huozi.parse_many(texts, dates="2020-07-24", output="pandas")
        >>> df.loc["p2", "blocks"][0]["text"]
        '正文一句。'
        >>> len(df), df.index.unique().tolist()
        (10, ['p1', 'p2'])
    """
    from . import _frame

    items, labels, index_name = _frame.inputs_and_labels(_many(texts, "parse_many"))
    date_list = _frame.normalize_dates(dates, len(items))
    source_list = list(sources) if sources is not None else None
    limits: Dict[str, Optional[int]] = dict(max_page_bytes=max_page_bytes, max_line_bytes=max_line_bytes,
                                            max_lines=max_lines, max_fields_per_article=max_fields_per_article)
    if output == "pages":
        if errors_out is not None:
            raise ValueError("errors_out is for the table outputs; output='pages' puts error dicts in the list")
        out = _core.parse_many(items, dates=date_list, sources=source_list, threads=threads,
                               raise_errors=raise_errors, max_page_bytes=max_page_bytes,
                               max_line_bytes=max_line_bytes, max_lines=max_lines,
                               max_fields_per_article=max_fields_per_article,
                               fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave)
        return [_page_of(d, t, fullwidth_ascii, deinterleave) if "error" not in d else d for d, t in zip(out, items)]
    if output not in ("arrow", "pandas", "polars"):
        raise ValueError(f"output must be 'pages', 'arrow', 'pandas' or 'polars', not {output!r}")
    _frame.check_texts(items, labels)
    table, row_labels = _frame.parse_many_table(items, dates=date_list, sources=source_list, threads=threads,
                                                raise_errors=raise_errors, errors_out=errors_out, labels=labels,
                                                limits=limits, fullwidth_ascii=fullwidth_ascii,
                                                deinterleave=deinterleave)
    if output == "arrow":
        return table
    if output == "polars":
        from ._model import _require

        return _require("polars", "parse_many(output='polars')").from_arrow(table)
    from ._model import _require

    pd = _require("pandas", "parse_many(output='pandas')")
    return _frame.to_pandas(table, index=pd.Index(row_labels, name=index_name))


def _page_of(d: Dict[str, Any], item: Any, fullwidth_ascii: bool = False, deinterleave: Union[bool, str] = "auto") -> Page:
    """A Page of parse_many: its text is the input str, or the input bytes
    decoded on first use (the same detection as the parse)."""
    if isinstance(item, str):
        return Page(d, text=item, fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave)
    raw = bytes(item)
    return Page(d, text=lambda: _core.decode(raw)[0], fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave)


def explain(text: TextLike, *, fullwidth_ascii: bool = False, deinterleave: Union[bool, str] = "auto") -> Explanation:
    """Line repair's decision on every line break of a text, without parsing
    it into articles (see :class:`Explanation`; ``page.explain()`` does the
    same for a parsed page). ``print()`` it for the view of ``huozi repair
    --explain``; a notebook shows the raw lines beside the repaired units.

    Example:
        >>> ex = huozi.explain("市公安局要求，深化\\n思想认识。\\n")
        >>> print(ex)  # doctest: +NORMALIZE_WHITESPACE
        # line, w = its width and W = its column's width in display columns (punctuation squeezed: no),
        # . = ends a sentence, s = letter-spaced, d = doubled glyphs; then the decision on the break after it
            1  w= 18 W= 18      市公安局要求，深化
                  join       wrap
            2  w=  9 W= 18 .    思想认识。
        <BLANKLINE>
    """
    details = _core.repair_details(text, fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave)
    return Explanation(details, details["text"])


def extract_fields(text: str, *, date: Optional[str] = None, year: Optional[int] = None) -> list:
    """Field extraction alone, on one text (a sentence or a paragraph, already
    repaired): dates, times, money, percentages, quantities, phones, e-mails,
    URLs, ID numbers, organizations and places, as the ``fields`` of an
    article (``type``, ``text``, ``value``, ``start``, ``end`` and ``unit``,
    ``currency``, ``approx`` where they apply). Offsets are byte offsets into
    the text's UTF-8.

    ``date`` (``YYYY-MM-DD``) resolves relative words (近日, 昨天, 今年) and
    dates without a year; without it, dates take ``year`` or else the latest
    year among the text's full dates, and relative words are ``None``.

    Example:
        >>> [(f["type"], f["value"]) for f in huozi.extract_fields("7月23日拨打110报警", date="2020-07-24")]
        [('date', '2020-07-23'), ('phone', '110')]
    """
    return _core.extract_fields(text, date=date, year=year)


def repair(text: TextLike, *, fullwidth_ascii: bool = False, deinterleave: Union[bool, str] = "auto",
           max_page_bytes: Optional[int] = None, max_line_bytes: Optional[int] = None,
           max_lines: Optional[int] = None) -> str:
    """Line repair alone: one repaired unit (paragraph, heading line, byline)
    per line, a blank line between blocks. ``deinterleave`` as in
    :func:`parse`. ``max_page_bytes``, ``max_line_bytes``, ``max_lines``: the limits of
    :func:`parse` that guard repair (``None``: the default, ``0``: no limit); a
    page over one raises :class:`huozi.LimitError` naming it.

    Example:
        >>> huozi.repair("市公安局要求，深化\\n思想认识。\\n")
        '市公安局要求，深化思想认识。\\n'
    """
    return _core.repair(text, fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave,
                        max_page_bytes=max_page_bytes, max_line_bytes=max_line_bytes, max_lines=max_lines)


def _many(texts: Any, call: str) -> Any:
    """texts, which a batch call takes as a sequence of pages: one page given
    by mistake (a str or bytes, itself a sequence) is an error, not a list of
    one-character pages."""
    if isinstance(texts, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"{call} takes a sequence of pages (a list, tuple, pandas Series...), not one "
                        f"{type(texts).__name__}: pass [text]")
    return texts


def repair_many(texts: Sequence[TextLike], *, threads: Optional[int] = None, fullwidth_ascii: bool = False,
                deinterleave: Union[bool, str] = "auto", max_page_bytes: Optional[int] = None,
                max_line_bytes: Optional[int] = None, max_lines: Optional[int] = None) -> List[str]:
    """:func:`repair` over many pages on a pool of C++ threads (the GIL
    released while they run; ``threads=None``: one per core), results in
    input order, each exactly what :func:`repair` returns for that page. A
    page that cannot be read, or is over a limit, raises as :func:`repair`
    would (the pages go in chunks of 32: those before its chunk were
    repaired, none is returned).

    Example:
        >>> huozi.repair_many(["市公安局要求，深化\\n思想认识。\\n", "第二页\\n"], threads=2)
        ['市公安局要求，深化思想认识。\\n', '第二页\\n']
    """
    return _core.repair_many(list(_many(texts, "repair_many")), threads=threads, fullwidth_ascii=fullwidth_ascii,
                             deinterleave=deinterleave, max_page_bytes=max_page_bytes,
                             max_line_bytes=max_line_bytes, max_lines=max_lines)


def repair_details(text: TextLike, *, fullwidth_ascii: bool = False, deinterleave: Union[bool, str] = "auto",
                   max_page_bytes: Optional[int] = None, max_line_bytes: Optional[int] = None,
                   max_lines: Optional[int] = None) -> dict:
    """Line repair with its reasons: ``units`` (text, start, end, shape,
    break_before), ``decisions`` (one per break between two non-blank lines:
    line, next_line, kind, reason, width, column_width), ``removals`` (what
    repair dropped, e.g. doubled glyphs), ``squeezed_punctuation`` and
    ``blank_line_spacing`` (page styles: punctuation measured half width; a
    blank line after nearly every line, taken as line spacing),
    ``rows_read`` (repair found columns read row by row and put them back,
    as from ``pdftotext``'s default mode: some decision is
    ``interleaved_column``; segmentation then reads heads as printed over
    their text) and ``explain`` (the text that ``huozi repair --explain`` prints). Line
    numbers count from 0. Limits as in :func:`repair`.
    :func:`explain` wraps the same as an object that notebooks display.

    Example:
        >>> d = huozi.repair_details("市公安局要求，深化\\n思想认识。\\n")
        >>> [(x["line"], x["next_line"], x["kind"], x["reason"]) for x in d["decisions"]]
        [(0, 1, 'join', 'wrap')]
        >>> d["units"][0]["text"], d["units"][0]["first_line"], d["units"][0]["last_line"]
        ('市公安局要求，深化思想认识。', 0, 1)
    """
    return _core.repair_details(text, fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave,
                                max_page_bytes=max_page_bytes, max_line_bytes=max_line_bytes, max_lines=max_lines)


def decode(data: bytes, *, encoding: Optional[str] = None, errors: str = "strict") -> tuple:
    """Decode page bytes as :func:`parse` does: returns ``(text, encoding,
    replaced)``, ``replaced`` counting the bytes made U+FFFD with
    ``errors="replace"``.

    Example:
        >>> huozi.decode("新闻".encode("gb18030"))
        ('新闻', 'gb18030', 0)
        >>> huozi.decode(b"\\xe6\\x96\\xb0\\xff", errors="replace")
        ('新\\ufffd', 'utf-8', 1)
    """
    return _core.decode(data, encoding=encoding, errors=errors)


def sample_path() -> str:
    """Path of the bundled sample page (a real police special page, 2020).

    Example:
        >>> huozi.sample_path().endswith("jining-police-page.txt")
        True
    """
    return str(resources.files("huozi") / "data" / "jining-police-page.txt")


def sample_text() -> str:
    """Text of the bundled sample page.

    Example:
        >>> huozi.sample_text()[:10]
        ' 7月23日，市公安'
    """
    return (resources.files("huozi") / "data" / "jining-police-page.txt").read_text(encoding="utf-8")


# ---- words ------------------------------------------------------------------

Words = Union[None, str, "os.PathLike[str]", Dictionary, Iterable[str]]

# Dictionaries built from word-list files, by (real path, size, mtime): a
# repeated call with the same path reuses the trie; an edited file is read
# again. A few entries are plenty (a user rarely has more than one list).
_DICT_CACHE: "OrderedDict[Tuple[str, int, int], Dictionary]" = OrderedDict()
_DICT_CACHE_SIZE = 4
_DICT_LOCK = threading.Lock()
# The path as given -> (its dictionary, when the file was last checked).
# Resolving and stat-ing a path costs some 20 us, more than tokenizing a
# sentence, so a path used again within a second is not looked at again.
_PATH_SEEN: "dict[str, Tuple[Dictionary, float]]" = {}
_PATH_RECHECK_S = 1.0


def _dictionary_from_path(path: Union[str, "os.PathLike[str]"]) -> Dictionary:
    given = os.fspath(path)
    now = time.monotonic()
    seen = _PATH_SEEN.get(given)
    if seen is not None and now - seen[1] < _PATH_RECHECK_S:
        return seen[0]
    real = os.path.realpath(given)
    st = os.stat(real)  # FileNotFoundError etc. as usual
    key = (real, st.st_size, st.st_mtime_ns)
    with _DICT_LOCK:
        d = _DICT_CACHE.get(key)
        if d is not None:
            _DICT_CACHE.move_to_end(key)
    if d is None:
        d = Dictionary.from_file(real)  # built without the lock (and without the GIL)
        with _DICT_LOCK:
            _DICT_CACHE[key] = d
            while len(_DICT_CACHE) > _DICT_CACHE_SIZE:
                _DICT_CACHE.popitem(last=False)
    with _DICT_LOCK:
        if len(_PATH_SEEN) > 64:
            _PATH_SEEN.clear()
        _PATH_SEEN[given] = (d, now)
    return d


def _dictionary(words: Words) -> Optional[Dictionary]:
    if words is None or isinstance(words, Dictionary):
        return words
    if isinstance(words, str) or isinstance(words, os.PathLike):
        return _dictionary_from_path(words)
    if isinstance(words, bytes):
        raise TypeError("words: pass a path as str or os.PathLike, not bytes")
    return Dictionary(words)


def tokenize(text: Union[str, bytes], *, words: Words = None) -> List[str]:
    """Split Chinese text into words.

    Without ``words`` it uses ICU's dictionary word break; with ``words`` (a
    path to a word list, one word a line; an iterable of words; or a
    :class:`Dictionary`) a fast dictionary segmenter: the segmentation with
    the fewest words among those the word list allows. Both modes keep
    newspaper conventions (the PKU standard): a number stays with its unit
    (``2001年``, ``12月``, ``55.6％``, ``3.5万``), digit runs, Latin words and
    ``——`` stay whole, each other punctuation mark is a token, white space
    is none.

    A path is read once and cached (by path, size and modification time;
    the file is looked at again at most once a second, so an edited list
    takes effect a second later); an iterable is compiled on every call, so
    build a :class:`Dictionary` once when calling repeatedly. The GIL is
    released while tokenizing.

    Args:
        text: ``str``, or UTF-8 ``bytes``.
        words: ``None`` (ICU), a path, an iterable of words or a Dictionary.

    Returns:
        The tokens, in order; joined they give the text without its white
        space.

    Raises:
        OSError: a word-list path that cannot be read (FileNotFoundError, …).
        DecodeError: bytes that are not UTF-8, or a word list that is not.
        TypeError: ``text`` neither str nor bytes; a word that is not str.

    Example:
        >>> huozi.tokenize("2001年12月31日，GDP增长8.5％——新世纪")
        ['2001年', '12月', '31日', '，', 'GDP', '增长', '8.5％', '——', '新', '世纪']
        >>> huozi.tokenize("北京大学生活", words=["北京", "北京大学", "大学", "生活"])
        ['北京大学', '生活']
    """
    return _core.tokenize(text, _dictionary(words))


def tokenize_spans(text: Union[str, bytes], *, words: Words = None) -> List[Tuple[int, int]]:
    """Like :func:`tokenize`, but the tokens as ``(start, end)`` byte offsets
    into the text's UTF-8 encoding (as every offset in huozi is).

    Example:
        >>> huozi.tokenize_spans("新年 2001年")
        [(0, 6), (7, 14)]
    """
    return _core.tokenize_spans(text, _dictionary(words))


def tokenize_many(
    texts: Iterable[Union[str, bytes]], *, words: Words = None, threads: Optional[int] = None
) -> List[List[str]]:
    """Tokenize many texts on C++ threads (GIL released), in input order.

    The word list is compiled once for the whole batch. ``threads``
    defaults to the number of CPUs.

    Example:
        >>> huozi.tokenize_many(["新年贺词", "2001年"], threads=2)
        [['新年', '贺词'], ['2001年']]
    """
    return _core.tokenize_many(list(_many(texts, "tokenize_many")), _dictionary(words), threads)
# ---- archives (huozi.archive; pyarrow is imported on first use) --------------------

def read_archive(path: Any, *, threads: Optional[int] = None, progress: bool = True, errors: str = "strict",
                 errors_out: Optional[list] = None, suffixes: Optional[Sequence[str]] = None,
                 max_member_bytes: Optional[int] = None, max_compression_ratio: Optional[float] = None,
                 max_total_bytes: Optional[int] = None, fullwidth_ascii: bool = False,
                 deinterleave: Union[bool, str] = "auto", max_page_bytes: Optional[int] = None,
                 max_line_bytes: Optional[int] = None, max_lines: Optional[int] = None,
                 max_fields_per_article: Optional[int] = None) -> "pyarrow.Table":
    """Parse a whole archive (directory, zip, tar, JSON Lines, glob or list)
    into a :class:`pyarrow.Table`, one row per article (``huozi.archive.SCHEMA``).
    Failed inputs go to ``errors_out`` (source, kind, message, offset). The
    ``max_*`` limits (default :data:`DEFAULT_ARCHIVE_LIMITS`) stop zip bombs.
    ``progress`` shows a live bar in a notebook, a one-line bar on a terminal's
    stderr, nothing otherwise. ``fullwidth_ascii``, ``deinterleave`` and the
    page limits (``max_page_bytes``, ``max_line_bytes``, ``max_lines``,
    ``max_fields_per_article``; a page over one is an error row): as in
    :func:`parse`, for every page. See :func:`huozi.archive.read_archive`.

    Example:
        >>> errs: list = []
        >>> t = huozi.read_archive(huozi.sample_path(), errors_out=errs, progress=False)
        >>> t.num_rows, errs
        (9, [])
    """
    from . import archive

    return archive.read_archive(path, threads=threads, progress=progress, errors=errors, errors_out=errors_out,
                                suffixes=suffixes, max_member_bytes=max_member_bytes,
                                max_compression_ratio=max_compression_ratio, max_total_bytes=max_total_bytes,
                                fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave,
                                max_page_bytes=max_page_bytes, max_line_bytes=max_line_bytes, max_lines=max_lines,
                                max_fields_per_article=max_fields_per_article)


def iter_archive(path: Any, *, threads: Optional[int] = None, progress: bool = False, errors: str = "strict",
                 errors_out: Optional[list] = None, batch_pages: int = 256,
                 suffixes: Optional[Sequence[str]] = None, max_member_bytes: Optional[int] = None,
                 max_compression_ratio: Optional[float] = None,
                 max_total_bytes: Optional[int] = None, fullwidth_ascii: bool = False,
                 deinterleave: Union[bool, str] = "auto", max_page_bytes: Optional[int] = None,
                 max_line_bytes: Optional[int] = None, max_lines: Optional[int] = None,
                 max_fields_per_article: Optional[int] = None) -> "Iterator[pyarrow.RecordBatch]":
    """Parse an archive as a stream of :class:`pyarrow.RecordBatch` in input
    order, with bounded memory. See :func:`huozi.archive.iter_archive`.

    Example:
        >>> [b.num_rows for b in huozi.iter_archive(huozi.sample_path())]
        [9]
    """
    from . import archive

    return archive.iter_archive(path, threads=threads, progress=progress, errors=errors, errors_out=errors_out,
                                batch_pages=batch_pages, suffixes=suffixes, max_member_bytes=max_member_bytes,
                                max_compression_ratio=max_compression_ratio, max_total_bytes=max_total_bytes,
                                fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave,
                                max_page_bytes=max_page_bytes, max_line_bytes=max_line_bytes, max_lines=max_lines,
                                max_fields_per_article=max_fields_per_article)


def open_archive(path: Any, **kwargs: Any) -> "pyarrow.RecordBatchReader":
    """:func:`iter_archive` as a :class:`pyarrow.RecordBatchReader`
    (``__arrow_c_stream__``: polars, DuckDB and others read it).

    Example:
        >>> huozi.open_archive(huozi.sample_path()).read_all().num_rows
        9
    """
    from . import archive

    return archive.open_archive(path, **kwargs)


def errors_table(rows: Sequence[dict]) -> "pyarrow.Table":
    """Error rows from ``errors_out`` as a :class:`pyarrow.Table`
    (``huozi.archive.ERROR_SCHEMA``).

    Example:
        >>> rows = [{"source": "a.txt", "kind": "binary_input", "message": "NUL byte", "offset": 0}]
        >>> huozi.errors_table(rows).column_names
        ['source', 'kind', 'message', 'offset']
    """
    from . import archive

    return archive.errors_table(rows)
