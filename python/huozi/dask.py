"""huozi on Dask: an archive as a ``dask.dataframe.DataFrame``, one row per
article, partitioned by input file and, inside a file, by ranges of pages
(archive members, JSON Lines records, files of a directory tree). Each
partition runs the C++ core in its worker; the result equals the local
:func:`huozi.read_archive` row for row.

    >>> import huozi.dask
    >>> ddf = huozi.dask.read_archive(["2019.zip", "2020.zip"], pages_per_partition=5000)
    >>> ddf.compute()

Needs ``dask[dataframe]`` (and ``distributed`` for a cluster): ``pip install huozi[dask]``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

import pyarrow as pa

from . import _core
from .archive import ERROR_SCHEMA, SCHEMA, Inputs, _next, errors_table, expand_inputs

__all__ = ["read_archive", "read_errors", "partitions"]

Part = Tuple[str, int, int, str, Optional[Tuple[str, ...]], int, Optional[Dict[str, Any]]]


def partitions(paths: Inputs, *, pages_per_partition: int = 2000, errors: str = "strict",
               suffixes: Optional[Sequence[str]] = None, threads: int = 1,
               limits: Optional[Dict[str, Any]] = None) -> List[Part]:
    """The partitions: ``(path, first page, pages, errors, suffixes, threads,
    limits)`` in input order. Counting the pages of an archive reads its
    headers only. ``limits``: the archive limits (keys of
    :data:`huozi.DEFAULT_ARCHIVE_LIMITS`)."""
    if pages_per_partition < 1:
        raise ValueError("pages_per_partition must be at least 1")
    sfx = tuple(suffixes) if suffixes is not None else None
    out: List[Part] = []
    for p in expand_inputs(paths):
        n = _core.count_items([p], list(sfx) if sfx is not None else None, limits)
        for first in range(0, max(n, 1), pages_per_partition):
            out.append((p, first, min(pages_per_partition, n - first), errors, sfx, threads, limits))
    return out


def _run_part(part: Part) -> Tuple[pa.Table, pa.Table]:
    path, first, n, errors, sfx, threads, limits = part
    if n <= 0:
        return SCHEMA.empty_table(), ERROR_SCHEMA.empty_table()
    run = _core.ArchiveRun([path], threads=threads, errors=errors, batch_pages=min(n, 1000), skip=first, limit=n,
                           suffixes=list(sfx) if sfx is not None else None, limits=limits)
    batches, errs = [], []
    try:
        while (got := _next(run)) is not None:
            batches.append(got[0])
            errs.extend(got[1])
    finally:
        run.close()
    return pa.Table.from_batches(batches, schema=SCHEMA), errors_table(errs)


def _to_pandas(t: pa.Table) -> Any:
    import pandas as pd

    return t.to_pandas(types_mapper=pd.ArrowDtype)


def _articles(part: Part) -> Any:
    return _to_pandas(_run_part(part)[0])


def _errors(part: Part) -> Any:
    return _to_pandas(_run_part(part)[1])


def read_archive(paths: Inputs, *, pages_per_partition: int = 2000, threads: int = 1, errors: str = "strict",
                 suffixes: Optional[Sequence[str]] = None, limits: Optional[Dict[str, Any]] = None) -> Any:
    """A lazy ``dask.dataframe.DataFrame`` of articles (columns of
    :data:`huozi.archive.SCHEMA`, as ``pandas.ArrowDtype``). ``threads`` are the
    C++ threads inside each partition's task (1 suits one Dask worker thread per
    core). ``dataframe.compute()`` equals ``huozi.read_archive(paths).to_pandas(
    types_mapper=pd.ArrowDtype)`` up to the index (each partition counts from 0)."""
    import dask.dataframe as dd

    parts = partitions(paths, pages_per_partition=pages_per_partition, errors=errors, suffixes=suffixes,
                       threads=threads, limits=limits)
    return dd.from_map(_articles, parts, meta=_to_pandas(SCHEMA.empty_table()), enforce_metadata=False)


def read_errors(paths: Inputs, *, pages_per_partition: int = 2000, errors: str = "strict",
                suffixes: Optional[Sequence[str]] = None, limits: Optional[Dict[str, Any]] = None) -> Any:
    """The error rows of the same run as a ``dask.dataframe.DataFrame``
    (:data:`huozi.archive.ERROR_SCHEMA`)."""
    import dask.dataframe as dd

    parts = partitions(paths, pages_per_partition=pages_per_partition, errors=errors, suffixes=suffixes,
                       limits=limits)
    return dd.from_map(_errors, parts, meta=_to_pandas(ERROR_SCHEMA.empty_table()), enforce_metadata=False)
