"""Archive-scale runs: whole archives of page files to Arrow tables.

    >>> table = huozi.read_archive("jnrb-2020.zip")            # one row per article
    >>> for batch in huozi.iter_archive("pages/", threads=2):   # bounded memory
    ...     ...

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

_GLOB_CHARS = set("*?[")


def expand_inputs(path: Inputs) -> List[str]:
    """The list of input paths: a path, a glob (sorted matches; ``**``
    recurses) or a list of either. Raises FileNotFoundError for a path
    that does not exist or a glob that matches nothing."""
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


class _Progress:
    """A one-line progress bar on stderr (pages, MB/s, ETA) when it is a TTY."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.t0 = time.monotonic()
        self.last = 0.0

    def update(self, run: Any, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        pages, done, total = run.progress()
        dt = max(now - self.t0, 1e-6)
        rate = done / dt
        line = f"huozi: {pages:,} pages  {done / 1e6:,.1f} MB  {rate / 1e6:,.1f} MB/s"
        if total and done <= total:
            eta = (total - done) / rate if rate > 0 else 0
            line += f"  {100 * done / total:5.1f}%  ETA {int(eta) // 60:d}:{int(eta) % 60:02d}"
        sys.stderr.write("\r" + line + "\x1b[K")
        sys.stderr.flush()

    def close(self, run: Any) -> None:
        if self.enabled:
            self.update(run, force=True)
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
) -> Iterator[Tuple[pa.RecordBatch, List[Dict[str, Any]], int]]:
    """(record batch, error rows, pages in the batch) per C++ batch; each
    batch covers ``batch_pages`` consecutive inputs (the last fewer)."""
    if errors not in ("strict", "replace"):
        raise ValueError("errors must be 'strict' or 'replace'")
    run = _core.ArchiveRun(expand_inputs(path), threads=threads, errors=errors, batch_pages=batch_pages,
                           skip=skip, suffixes=list(suffixes) if suffixes is not None else None, limits=limits)
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
) -> Iterator[pa.RecordBatch]:
    """Parse an archive, yielding one :class:`pyarrow.RecordBatch` (schema
    :data:`SCHEMA`, one row per article) for every ``batch_pages`` pages, in
    input order. Memory stays bounded whatever the archive's size.

    Args:
        path: a directory, archive, JSON Lines file, page file, glob, or a list of them.
        threads: C++ worker threads (default: the machine's cores).
        progress: a progress bar on stderr when it is a terminal.
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
    """
    limits = {"max_member_bytes": max_member_bytes, "max_compression_ratio": max_compression_ratio,
              "max_total_bytes": max_total_bytes}
    for rb, errs, _pages in _iter_raw(path, threads=threads, errors=errors, batch_pages=batch_pages,
                                      suffixes=suffixes, progress=progress, limits=limits):
        if errors_out is not None:
            errors_out.extend(errs)
        yield rb


def open_archive(path: Inputs, **kwargs: Any) -> pa.RecordBatchReader:
    """:func:`iter_archive` as a :class:`pyarrow.RecordBatchReader` (it
    exports ``__arrow_c_stream__``, so polars, DuckDB and others take it)."""
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
) -> pa.Table:
    """Parse a whole archive into one :class:`pyarrow.Table` (one row per
    article, :data:`SCHEMA`). Inputs that fail are left out of the table and
    appended to ``errors_out`` when given (see :func:`iter_archive`);
    :func:`errors_table` makes a table of them.

    Example:
        >>> errs = []
        >>> t = huozi.read_archive("pages.zip", errors_out=errs)
        >>> t.to_pandas()  # or polars.from_arrow(t)
    """
    batches = list(iter_archive(path, threads=threads, progress=progress, errors=errors, errors_out=errors_out,
                                suffixes=suffixes, max_member_bytes=max_member_bytes,
                                max_compression_ratio=max_compression_ratio, max_total_bytes=max_total_bytes))
    return pa.Table.from_batches(batches, schema=SCHEMA)


def errors_table(rows: Sequence[Dict[str, Any]]) -> pa.Table:
    """Error rows (from ``errors_out``) as a table with :data:`ERROR_SCHEMA`."""
    return pa.Table.from_pylist(list(rows), schema=ERROR_SCHEMA)


def record_of(row: Dict[str, Any]) -> Dict[str, Any]:
    """A table row (``table.to_pylist()[i]``) back as the output contract's
    article record: field values as numbers where they are, unset field keys
    dropped; page metadata kept."""
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
