"""Archive-scale runs: whole archives of page files to Arrow tables.

    >>> table = huozi.read_archive("jnrb-2020.zip")            # one row per article  # doctest: +SKIP
    >>> for batch in huozi.iter_archive("pages/", threads=2):   # bounded memory  # doctest: +SKIP
    ...     ...
    >>> huozi.read_archive(huozi.sample_path(), progress=False).num_rows  # a single page file is an archive too
    9

Inputs: a directory tree of page files (``*.txt``), an archive (``.zip``,
``.tar``, ``.tar.gz``, ``.tar.zst``, … read with libarchive), JSON Lines
(``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``; a ``text`` field and optional
``date``, ``page``, ``paper``, ``source``), a single page file, a glob
(``"2020/**/*.txt"``) or a list of any of these. The C++ runner reads,
decodes and parses on a pool of threads with the GIL released, holds a
bounded number of pages in flight and gives results in input order, the same
whatever the thread count.
"""

from __future__ import annotations

import glob
import os
import sys
import time
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import pyarrow as pa

from . import _core

PathLike = Union[str, "os.PathLike[str]"]
Inputs = Union[PathLike, Sequence[PathLike]]

AUTHOR = pa.struct([("role", pa.string()), ("name", pa.string())])
BLOCK = pa.struct([("kind", pa.string()), ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
FIELD = pa.struct([
    ("type", pa.string()),
    ("text", pa.string()),
    ("value", pa.string()),     # the normalized value as text: ISO date, digits, "1500000"
    ("number", pa.float64()),   # the value as a number when it is one (money, percent, quantity)
    ("start", pa.int64()),
    ("end", pa.int64()),
    ("unit", pa.string()),
    ("currency", pa.string()),
    ("approx", pa.bool_()),
])

#: One row per article: the output contract's article record plus page metadata.
SCHEMA = pa.schema([
    ("source", pa.string()),
    ("date", pa.string()),
    ("index", pa.int32()),
    ("kicker", pa.string()),
    ("title", pa.string()),
    ("subtitle", pa.string()),
    ("authors", pa.list_(AUTHOR)),
    ("blocks", pa.list_(BLOCK)),
    ("fields", pa.list_(FIELD)),
    ("start", pa.int64()),
    ("end", pa.int64()),
    ("encoding", pa.string()),  # the page's detected encoding: utf-8, utf-8-sig, gb18030, big5, utf-16le, …
    ("page", pa.string()),      # page label from the path or record ("3", "A03")
    ("paper", pa.string()),     # paper code from the path or record ("jnrb")
    ("replaced", pa.int64()),   # bytes replaced by U+FFFD (errors="replace"), else 0
])

#: One row per input that could not be processed.
ERROR_SCHEMA = pa.schema([
    ("source", pa.string()),
    ("kind", pa.string()),      # invalid_utf8, decode_error, binary_input, limit_exceeded, unsafe_path, not_a_file, json, archive, io, …
    ("message", pa.string()),
    ("offset", pa.int64()),     # byte offset of the problem in the input
])

#: The default archive limits (zip bombs; 0 means no limit): ``max_member_bytes``
#: (uncompressed bytes of one member or JSON Lines record line),
#: ``max_compression_ratio`` (uncompressed over compressed bytes of each member,
#: and of a whole archive compressed as one stream: tar.gz, tar.zst, 7z,
#: compressed JSON Lines; checked past 1 MiB) and ``max_total_bytes`` (uncompressed bytes of
#: one archive or compressed JSON Lines file).
DEFAULT_ARCHIVE_LIMITS: Dict[str, Any] = dict(_core.DEFAULT_ARCHIVE_LIMITS)

#: The page limits an archive run also takes in its ``limits`` (those of
#: :func:`huozi.parse`; defaults in :data:`huozi.DEFAULT_LIMITS`).
PAGE_LIMIT_KEYS = ("max_page_bytes", "max_line_bytes", "max_lines", "max_fields_per_article")


def page_limits(**given: Optional[int]) -> Dict[str, int]:
    """The page limits given (not None), for an archive run's ``limits``
    dict beside the archive limits; leaving the defaults out keeps the
    dict, and a resumed run's manifest, as before page limits existed.

    Example:
        >>> page_limits(max_lines=5000, max_line_bytes=None)
        {'max_lines': 5000}
    """
    unknown = set(given) - set(PAGE_LIMIT_KEYS)
    if unknown:
        raise TypeError(f"not a page limit: {', '.join(sorted(unknown))}")
    return {k: v for k, v in given.items() if v is not None}


_GLOB_CHARS = set("*?[")


def expand_inputs(path: Inputs) -> List[str]:
    """The list of input paths: a path, a glob (sorted matches; ``**``
    recurses) or a list of either. Raises FileNotFoundError for a path
    that does not exist or a glob that matches nothing.

    Example:
        >>> import os
        >>> data = os.path.dirname(huozi.sample_path())
        >>> [os.path.basename(p) for p in expand_inputs(os.path.join(data, "*.txt"))]
        ['jining-police-page.txt']
    """
    items = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    out: List[str] = []
    for p in items:
        s = os.fspath(p)
        if not os.path.exists(s) and _GLOB_CHARS & set(s):
            matches = sorted(glob.glob(s, recursive=True))
            if not matches:
                raise FileNotFoundError(f"no file matches {s!r}")
            out.extend(matches)
        elif not os.path.exists(s):
            raise FileNotFoundError(f"{s}: no such file or directory")
        else:
            out.append(s)
    return out


def _notebook_shell() -> Any:
    """The IPython kernel's shell when running inside Jupyter (or another
    frontend that shows rich output), else None. IPython is not imported
    here: a kernel has always imported it already."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return None
    try:
        shell = ipython.get_ipython()
    except Exception:  # pragma: no cover - a broken IPython
        return None
    return shell if shell is not None and getattr(shell, "kernel", None) is not None else None


def _eta(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600:d}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:d}:{s % 60:02d}"


class _Progress:
    """Progress of an archive run (pages, MB, MB/s, % and ETA when the size
    is known): a one-line bar on stderr when it is a terminal, a live HTML
    bar (an ``IPython.display`` handle updated in place; no widgets, no
    JavaScript) in a Jupyter notebook, nothing otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.mode = ""
        if enabled:
            if _notebook_shell() is not None:
                self.mode = "notebook"
            elif sys.stderr is not None and sys.stderr.isatty():
                self.mode = "tty"
        self.enabled = bool(self.mode)
        self.t0 = time.monotonic()
        self.last = 0.0
        self.handle: Any = None

    def _state(self, run: Any) -> Tuple[int, int, int, float]:
        pages, done, total = run.progress()
        dt = max(time.monotonic() - self.t0, 1e-6)
        return pages, done, total, dt

    def _line(self, pages: int, done: int, total: int, dt: float, final: bool) -> str:
        rate = done / dt
        line = f"huozi: {pages:,} pages  {done / 1e6:,.1f} MB  {rate / 1e6:,.1f} MB/s"
        if final:
            line += f"  done in {dt:,.1f} s" if dt >= 10 else f"  done in {dt:.2f} s"
        elif total and done <= total:
            eta = (total - done) / rate if rate > 0 else 0
            line += f"  {100 * done / total:5.1f}%  ETA {_eta(eta)}"
        return line

    def _html(self, pages: int, done: int, total: int, dt: float, final: bool) -> str:
        import html

        if final:
            bar = '<progress value="1" max="1" style="width: 16em;"></progress>'
        elif total and done <= total:
            bar = f'<progress value="{done}" max="{total}" style="width: 16em;"></progress>'
        else:  # size unknown (a directory tree is counted as it is walked)
            bar = '<progress style="width: 16em;"></progress>'
        text = html.escape(self._line(pages, done, total, dt, final))
        return (f'<div class="huozi-progress" style="font-family: monospace, monospace; font-size: 90%;">{bar} '
                f"{text}</div>")

    def update(self, run: Any, force: bool = False, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        state = self._state(run)
        if self.mode == "tty":
            sys.stderr.write("\r" + self._line(*state, final=final) + "\x1b[K")
            sys.stderr.flush()
            return
        bundle = {"text/plain": self._line(*state, final=final), "text/html": self._html(*state, final=final)}
        try:
            from IPython.display import display

            if self.handle is None:
                self.handle = display(bundle, raw=True, display_id=True)
            else:
                self.handle.update(bundle, raw=True)
        except Exception:  # pragma: no cover - never let the bar break a run
            self.enabled = False

    def close(self, run: Any) -> None:
        if not self.enabled:
            return
        self.update(run, force=True, final=True)
        if self.mode == "tty":
            sys.stderr.write("\n")
            sys.stderr.flush()


class _CArray:
    """Holds the (schema, array) capsules the C++ core exported (Arrow C Data Interface)."""

    __slots__ = ("capsules",)

    def __init__(self, capsules: Tuple[Any, Any]) -> None:
        self.capsules = capsules

    def __arrow_c_array__(self, requested_schema: Any = None) -> Tuple[Any, Any]:
        return self.capsules


def _import(capsules: Tuple[Any, Any], schema: pa.Schema) -> pa.RecordBatch:
    rb = pa.record_batch(_CArray(capsules))
    if rb.schema != schema:  # pragma: no cover - a mismatch between C++ and SCHEMA is a bug
        raise AssertionError(f"C++ exported {rb.schema}, expected {schema}")
    return rb


def _batch(cols: Dict[str, list]) -> pa.RecordBatch:
    """A record batch from the column lists of ``ArchiveRun.next_batch()`` (the
    slower path through Python objects; kept for tests and debugging)."""
    return pa.RecordBatch.from_arrays([pa.array(cols[f.name], type=f.type) for f in SCHEMA], schema=SCHEMA)


def _next(run: Any) -> Optional[Tuple[pa.RecordBatch, List[Dict[str, Any]], int]]:
    got = run.next_arrow()
    if got is None:
        return None
    arts, errs, pages, _bytes = got
    return _import(arts, SCHEMA), _import(errs, ERROR_SCHEMA).to_pylist(), pages


def _iter_raw(
    path: Inputs,
    *,
    threads: Optional[int] = None,
    errors: str = "strict",
    batch_pages: int = 256,
    skip: int = 0,
    suffixes: Optional[Sequence[str]] = None,
    progress: bool = False,
    limits: Optional[Dict[str, Any]] = None,
    stats_out: Optional[Dict[str, Any]] = None,
    fullwidth_ascii: bool = False,
    deinterleave: Union[bool, str] = "auto",
) -> Iterator[Tuple[pa.RecordBatch, List[Dict[str, Any]], int]]:
    """(record batch, error rows, pages in the batch) per C++ batch; each
    batch covers ``batch_pages`` consecutive inputs (the last fewer).
    ``stats_out`` receives the runner's ``stats()`` and ``threads`` at the end."""
    if errors not in ("strict", "replace"):
        raise ValueError("errors must be 'strict' or 'replace'")
    run = _core.ArchiveRun(expand_inputs(path), threads=threads, errors=errors, batch_pages=batch_pages,
                           skip=skip, suffixes=list(suffixes) if suffixes is not None else None, limits=limits,
                           fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave)
    bar = _Progress(progress)
    try:
        while True:
            got = _next(run)
            if got is None:
                break
            bar.update(run)
            yield got
    finally:
        bar.close(run)
        if stats_out is not None:
            stats_out.update(run.stats(), threads=run.threads)
        run.close()


def iter_archive(
    path: Inputs,
    *,
    threads: Optional[int] = None,
    progress: bool = False,
    errors: str = "strict",
    errors_out: Optional[list] = None,
    batch_pages: int = 256,
    suffixes: Optional[Sequence[str]] = None,
    max_member_bytes: Optional[int] = None,
    max_compression_ratio: Optional[float] = None,
    max_total_bytes: Optional[int] = None,
    fullwidth_ascii: bool = False,
    deinterleave: Union[bool, str] = "auto",
    max_page_bytes: Optional[int] = None,
    max_line_bytes: Optional[int] = None,
    max_lines: Optional[int] = None,
    max_fields_per_article: Optional[int] = None,
) -> Iterator[pa.RecordBatch]:
    """Parse an archive, yielding one :class:`pyarrow.RecordBatch` (schema
    :data:`SCHEMA`, one row per article) for every ``batch_pages`` pages, in
    input order. Memory stays bounded whatever the archive's size.

    Args:
        path: a directory, archive, JSON Lines file, page file, glob, or a list of them.
        threads: C++ worker threads (default: the machine's cores).
        progress: show progress: a live bar in a Jupyter notebook, a
            one-line bar on stderr when it is a terminal, nothing otherwise.
        errors: ``"strict"``: pages with bytes that do not decode become error
            rows; ``"replace"``: those bytes become U+FFFD and are counted in
            the ``replaced`` column.
        errors_out: a list that receives one dict per failed input
            (``source``, ``kind``, ``message``, ``offset``; :data:`ERROR_SCHEMA`).
        batch_pages: pages per batch.
        suffixes: file and member names taken from directories and archives
            (default ``[".txt"]``; ``[]`` takes every file).
        max_member_bytes, max_compression_ratio, max_total_bytes: the archive
            limits (``None``: :data:`DEFAULT_ARCHIVE_LIMITS`; ``0``: no limit).
            A member over one is an error row (``limit_exceeded``, naming the
            limit); an archive over one as a whole is not read further.
        max_page_bytes, max_line_bytes, max_lines, max_fields_per_article:
            the page limits of :func:`huozi.parse`, for every page (``None``:
            :data:`huozi.DEFAULT_LIMITS`; ``0``: no limit). A page over one is
            an error row (``limit_exceeded``, naming the limit). An archive
            member or JSON Lines record is read only up to ``max_member_bytes``
            (64 MiB by default): to take bigger pages there, raise both (a page
            file of a directory tree is read whole).
        fullwidth_ascii, deinterleave: the repair options of
            :func:`huozi.parse`, for every page (``deinterleave`` for text
            from ``pdftotext`` without ``-raw``, which reads columns row by row).

    Example:
        >>> errs: list = []
        >>> for batch in iter_archive(huozi.sample_path(), threads=1, errors_out=errs):
        ...     print(batch.num_rows, batch.schema.names[:3])
        9 ['source', 'date', 'index']
    """
    limits = {"max_member_bytes": max_member_bytes, "max_compression_ratio": max_compression_ratio,
              "max_total_bytes": max_total_bytes}
    limits.update(page_limits(max_page_bytes=max_page_bytes, max_line_bytes=max_line_bytes, max_lines=max_lines,
                              max_fields_per_article=max_fields_per_article))
    for rb, errs, _pages in _iter_raw(path, threads=threads, errors=errors, batch_pages=batch_pages,
                                      suffixes=suffixes, progress=progress, limits=limits,
                                      fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave):
        if errors_out is not None:
            errors_out.extend(errs)
        yield rb


def open_archive(path: Inputs, **kwargs: Any) -> pa.RecordBatchReader:
    """:func:`iter_archive` as a :class:`pyarrow.RecordBatchReader` (it
    exports ``__arrow_c_stream__``, so polars, DuckDB and others take it).

    Example:
        >>> reader = open_archive(huozi.sample_path())
        >>> reader.schema == SCHEMA, reader.read_all().num_rows
        (True, 9)
    """
    return pa.RecordBatchReader.from_batches(SCHEMA, iter_archive(path, **kwargs))


def read_archive(
    path: Inputs,
    *,
    threads: Optional[int] = None,
    progress: bool = True,
    errors: str = "strict",
    errors_out: Optional[list] = None,
    suffixes: Optional[Sequence[str]] = None,
    max_member_bytes: Optional[int] = None,
    max_compression_ratio: Optional[float] = None,
    max_total_bytes: Optional[int] = None,
    fullwidth_ascii: bool = False,
    deinterleave: Union[bool, str] = "auto",
    max_page_bytes: Optional[int] = None,
    max_line_bytes: Optional[int] = None,
    max_lines: Optional[int] = None,
    max_fields_per_article: Optional[int] = None,
) -> pa.Table:
    """Parse a whole archive into one :class:`pyarrow.Table` (one row per
    article, :data:`SCHEMA`). Inputs that fail are left out of the table and
    appended to ``errors_out`` when given (see :func:`iter_archive`, which
    also explains the options); :func:`errors_table` makes a table of them.

    Example:
        >>> errs: list = []
        >>> t = huozi.read_archive(huozi.sample_path(), errors_out=errs, progress=False)
        >>> t.num_rows, errs
        (9, [])
        >>> df = t.to_pandas()  # or polars.from_arrow(t)
    """
    batches = list(iter_archive(path, threads=threads, progress=progress, errors=errors, errors_out=errors_out,
                                suffixes=suffixes, max_member_bytes=max_member_bytes,
                                max_compression_ratio=max_compression_ratio, max_total_bytes=max_total_bytes,
                                fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave,
                                max_page_bytes=max_page_bytes, max_line_bytes=max_line_bytes, max_lines=max_lines,
                                max_fields_per_article=max_fields_per_article))
    return pa.Table.from_batches(batches, schema=SCHEMA)


def errors_table(rows: Sequence[Dict[str, Any]]) -> pa.Table:
    """Error rows (from ``errors_out``) as a table with :data:`ERROR_SCHEMA`.

    Example:
        >>> errors_table([{"source": "a.txt", "kind": "io", "message": "unreadable", "offset": 0}]).num_rows
        1
    """
    return pa.Table.from_pylist(list(rows), schema=ERROR_SCHEMA)


def record_of(row: Dict[str, Any]) -> Dict[str, Any]:
    """A table row (``table.to_pylist()[i]``) back as the output contract's
    article record: field values as numbers where they are, unset field keys
    dropped; page metadata kept.

    Example:
        >>> row = read_archive(huozi.sample_path(), progress=False).to_pylist()[0]
        >>> row["fields"][0]["number"], record_of(row)["fields"][0]
        (None, {'type': 'date', 'text': '7月23日', 'value': '2020-07-23', 'start': 1, 'end': 10})
    """
    out = dict(row)
    fields = []
    for f in row["fields"] or []:
        g = {k: f[k] for k in ("type", "text", "value", "start", "end")}
        if f.get("number") is not None:
            x = f["number"]
            g["value"] = int(x) if float(x).is_integer() and abs(x) < 9e15 else x
        if f.get("unit") is not None:
            g["unit"] = f["unit"]
        if f.get("currency") is not None:
            g["currency"] = f["currency"]
        if f.get("approx"):
            g["approx"] = True
        fields.append(g)
    out["fields"] = fields
    return out


# ---- partitions: the unit of work for Dask, Ray, Spark ---------------------------

#: One row per partition (:func:`partitions`): an input file and a range of its pages.
PARTITION_SCHEMA = pa.schema([("path", pa.string()), ("first", pa.int64()), ("pages", pa.int64())])


def partitions(paths: Inputs, *, pages_per_partition: int = 2000,
               suffixes: Optional[Sequence[str]] = None, limits: Optional[Dict[str, Any]] = None) -> pa.Table:
    """The archive cut into partitions of at most ``pages_per_partition``
    pages: a table (:data:`PARTITION_SCHEMA`) of ``path, first, pages`` in
    input order, for :func:`read_partition` or :func:`parse_partitions` on
    the workers of a cluster. Counting the pages of an archive reads its
    headers only. ``limits``: the archive limits (keys of
    :data:`DEFAULT_ARCHIVE_LIMITS`; pass the same to :func:`read_partition`).

    Example:
        >>> partitions(huozi.sample_path()).to_pydict()["pages"]
        [1]
    """
    if pages_per_partition < 1:
        raise ValueError("pages_per_partition must be at least 1")
    sfx = list(suffixes) if suffixes is not None else None
    rows: List[Tuple[str, int, int]] = []
    for p in expand_inputs(paths):
        n = _core.count_items([p], sfx, limits)
        for first in range(0, max(n, 1), pages_per_partition):
            rows.append((p, first, min(pages_per_partition, n - first)))
    return pa.table([pa.array([r[i] for r in rows], type=f.type) for i, f in enumerate(PARTITION_SCHEMA)],
                    schema=PARTITION_SCHEMA)


def read_partition(path: str, first: int, pages: int, *, threads: int = 1, errors: str = "strict",
                   suffixes: Optional[Sequence[str]] = None, limits: Optional[Dict[str, Any]] = None,
                   fullwidth_ascii: bool = False, deinterleave: Union[bool, str] = "auto") -> Tuple[pa.Table, pa.Table]:
    """(articles, errors) of ``pages`` pages of one input starting at page
    ``first`` (0-based, in the input's order): tables with :data:`SCHEMA` and
    :data:`ERROR_SCHEMA`. Archive members before ``first`` are skipped
    without decompressing them where the format allows (zip members with
    their sizes in the local header, uncompressed tar). ``limits``: the
    archive limits (keys of :data:`DEFAULT_ARCHIVE_LIMITS`) and any page
    limits (keys of :data:`PAGE_LIMIT_KEYS`); ``fullwidth_ascii``,
    ``deinterleave``: the repair options of :func:`huozi.parse`.

    Example:
        >>> articles, errors = read_partition(huozi.sample_path(), 0, 1)
        >>> articles.num_rows, errors.num_rows
        (9, 0)
    """
    if pages <= 0:
        return SCHEMA.empty_table(), ERROR_SCHEMA.empty_table()
    if errors not in ("strict", "replace"):
        raise ValueError("errors must be 'strict' or 'replace'")
    run = _core.ArchiveRun([os.fspath(path)], threads=threads, errors=errors, batch_pages=min(pages, 1000),
                           skip=first, limit=pages, suffixes=list(suffixes) if suffixes is not None else None,
                           limits=limits, fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave)
    batches: List[pa.RecordBatch] = []
    errs: List[Dict[str, Any]] = []
    try:
        while (got := _next(run)) is not None:
            batches.append(got[0])
            errs.extend(got[1])
    finally:
        run.close()
    return pa.Table.from_batches(batches, schema=SCHEMA), errors_table(errs)


def parse_partitions(parts: Any, *, output: str = "articles", threads: int = 1, errors: str = "strict",
                     suffixes: Optional[Sequence[str]] = None, limits: Optional[Dict[str, Any]] = None,
                     fullwidth_ascii: bool = False, deinterleave: Union[bool, str] = "auto") -> pa.Table:
    """The articles (``output="articles"``, :data:`SCHEMA`) or the error rows
    (``output="errors"``, :data:`ERROR_SCHEMA`) of the partitions in ``parts``
    (a ``pyarrow`` table or record batch with the columns of
    :data:`PARTITION_SCHEMA`, or a dict of lists), in order. Made for Ray
    Data's ``map_batches(..., batch_format="pyarrow")`` and Spark's
    ``mapInArrow``::

        ds = ray.data.from_arrow(huozi.archive.partitions(paths))
        articles = ds.map_batches(huozi.archive.parse_partitions, batch_format="pyarrow", batch_size=1)

    Example:
        >>> parse_partitions(partitions(huozi.sample_path())).num_rows
        9
    """
    if output not in ("articles", "errors"):
        raise ValueError("output must be 'articles' or 'errors'")
    cols = parts if isinstance(parts, dict) else parts.to_pydict()
    k = 0 if output == "articles" else 1
    tables = [read_partition(p, int(f), int(n), threads=threads, errors=errors, suffixes=suffixes, limits=limits,
                             fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave)[k]
              for p, f, n in zip(cols["path"], cols["first"], cols["pages"])]
    schema = SCHEMA if k == 0 else ERROR_SCHEMA
    return pa.concat_tables(tables) if tables else schema.empty_table()
