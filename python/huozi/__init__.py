"""huozi (活字): Chinese newspaper page text to clean, structured articles.

Quick start::

    >>> import huozi
    >>> page = huozi.parse(open("page.txt", "rb").read(), date="2020-07-24")
    >>> [a.title for a in page.articles]
    >>> huozi.repair(text)            # the repaired text, one paragraph a line

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
from typing import TYPE_CHECKING, Any, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from . import _core
from ._core import (
    BinaryInputError,
    DecodeError,
    Dictionary,
    Error,
    InvalidArgumentError,
    LimitError,
)
from ._model import Article, Page

__version__: str = _core.__version__

__all__ = [
    "DEFAULT_ARCHIVE_LIMITS",
    "DEFAULT_LIMITS",
    "Article",
    "BinaryInputError",
    "DecodeError",
    "Dictionary",
    "Error",
    "InvalidArgumentError",
    "LimitError",
    "Page",
    "__version__",
    "decode",
    "errors_table",
    "extract_fields",
    "iter_archive",
    "open_archive",
    "read_archive",
    "parse",
    "parse_many",
    "repair",
    "repair_details",
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
    max_fields_per_article: Optional[int] = None,
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
            ``"replace"`` (they become U+FFFD).
        sentences: fill each block's ``sentences`` spans.
        fields: extract fields (dates, money, …).
        fullwidth_ascii: map full-width ASCII (ＡＢＣ１２３) to ASCII.
        max_page_bytes, max_line_bytes, max_fields_per_article: limits
            (defaults in :data:`DEFAULT_LIMITS`; ``None`` keeps the default,
            ``0`` means no limit). A page over one raises :class:`LimitError`
            naming it; nothing is silently cut.

    Returns:
        A :class:`Page`; ``page.to_dict()`` is the output contract's page
        object, ``page.articles[i].to_dict()`` an article record.

    Raises:
        DecodeError: bytes that fit no supported encoding (with ``offset``).
        BinaryInputError: NUL bytes: not a text page.
        InvalidArgumentError: a malformed ``date`` or a negative limit.
        LimitError: a page over a limit (page size, line length, fields
            per article); ``reason`` names the limit.

    Example:
        >>> page = huozi.parse(huozi.sample_text(), date="2020-07-24")
        >>> page.articles[0].title
        '坚持政治建警 全面从严治警'
    """
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
        max_fields_per_article=max_fields_per_article,
    )
    return Page(data)


def parse_many(
    texts: Iterable[TextLike],
    *,
    dates: Optional[Sequence[Optional[str]]] = None,
    sources: Optional[Sequence[str]] = None,
    threads: Optional[int] = None,
    raise_errors: bool = False,
    max_page_bytes: Optional[int] = None,
    max_line_bytes: Optional[int] = None,
    max_fields_per_article: Optional[int] = None,
) -> list:
    """Parse many pages on C++ threads (the GIL is released).

    Returns a list in input order: a :class:`Page` per page, or, when a page
    fails and ``raise_errors`` is false, a dict ``{"error": {source, kind,
    message, offset}}`` in its place. The limits are those of :func:`parse`.
    """
    items = list(texts)
    out = _core.parse_many(
        items,
        dates=list(dates) if dates is not None else None,
        sources=list(sources) if sources is not None else None,
        threads=threads,
        raise_errors=raise_errors,
        max_page_bytes=max_page_bytes,
        max_line_bytes=max_line_bytes,
        max_fields_per_article=max_fields_per_article,
    )
    return [Page(d) if "error" not in d else d for d in out]


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


def repair(text: TextLike, *, fullwidth_ascii: bool = False) -> str:
    """Line repair alone: one repaired unit (paragraph, heading line, byline)
    per line, a blank line between blocks.

    Example:
        >>> huozi.repair("市公安局要求，深化\\n思想认识。\\n")
        '市公安局要求，深化思想认识。\\n'
    """
    return _core.repair(text, fullwidth_ascii=fullwidth_ascii)


def repair_details(text: TextLike, *, fullwidth_ascii: bool = False) -> dict:
    """Line repair with its reasons: ``units`` (text, start, end, shape,
    break_before), ``decisions`` (one per break between two non-blank lines:
    line, next_line, kind, reason, width, column_width), ``removals`` (what
    repair dropped, e.g. doubled glyphs) and ``explain`` (the text that
    ``huozi repair --explain`` prints). Line numbers count from 0."""
    return _core.repair_details(text, fullwidth_ascii=fullwidth_ascii)


def decode(data: bytes, *, encoding: Optional[str] = None, errors: str = "strict") -> tuple:
    """Decode page bytes: returns ``(text, encoding, replaced_count)``."""
    return _core.decode(data, encoding=encoding, errors=errors)


def sample_path() -> str:
    """Path of the bundled sample page (a real police special page, 2020)."""
    return str(resources.files("huozi") / "data" / "jining-police-page.txt")


def sample_text() -> str:
    """Text of the bundled sample page."""
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
    return _core.tokenize_many(list(texts), _dictionary(words), threads)
# ---- archives (huozi.archive; pyarrow is imported on first use) --------------------

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow


def read_archive(path: Any, *, threads: Optional[int] = None, progress: bool = True, errors: str = "strict",
                 errors_out: Optional[list] = None, suffixes: Optional[Sequence[str]] = None,
                 max_member_bytes: Optional[int] = None, max_compression_ratio: Optional[float] = None,
                 max_total_bytes: Optional[int] = None) -> "pyarrow.Table":
    """Parse a whole archive (directory, zip, tar, JSON Lines, glob or list)
    into a :class:`pyarrow.Table`, one row per article (``huozi.archive.SCHEMA``).
    Failed inputs go to ``errors_out`` (source, kind, message, offset). The
    ``max_*`` limits (default :data:`DEFAULT_ARCHIVE_LIMITS`) stop zip bombs.
    See :func:`huozi.archive.read_archive`."""
    from . import archive

    return archive.read_archive(path, threads=threads, progress=progress, errors=errors, errors_out=errors_out,
                                suffixes=suffixes, max_member_bytes=max_member_bytes,
                                max_compression_ratio=max_compression_ratio, max_total_bytes=max_total_bytes)


def iter_archive(path: Any, *, threads: Optional[int] = None, progress: bool = False, errors: str = "strict",
                 errors_out: Optional[list] = None, batch_pages: int = 256,
                 suffixes: Optional[Sequence[str]] = None, max_member_bytes: Optional[int] = None,
                 max_compression_ratio: Optional[float] = None,
                 max_total_bytes: Optional[int] = None) -> "Iterator[pyarrow.RecordBatch]":
    """Parse an archive as a stream of :class:`pyarrow.RecordBatch` in input
    order, with bounded memory. See :func:`huozi.archive.iter_archive`."""
    from . import archive

    return archive.iter_archive(path, threads=threads, progress=progress, errors=errors, errors_out=errors_out,
                                batch_pages=batch_pages, suffixes=suffixes, max_member_bytes=max_member_bytes,
                                max_compression_ratio=max_compression_ratio, max_total_bytes=max_total_bytes)


def open_archive(path: Any, **kwargs: Any) -> "pyarrow.RecordBatchReader":
    """:func:`iter_archive` as a :class:`pyarrow.RecordBatchReader`
    (``__arrow_c_stream__``)."""
    from . import archive

    return archive.open_archive(path, **kwargs)


def errors_table(rows: Sequence[dict]) -> "pyarrow.Table":
    """Error rows from ``errors_out`` as a :class:`pyarrow.Table`."""
    from . import archive

    return archive.errors_table(rows)
