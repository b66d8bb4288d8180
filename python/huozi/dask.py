"""huozi on Dask: an archive as a ``dask.dataframe.DataFrame``, one row per
article, partitioned by input file and, inside a file, by ranges of pages
(archive members, JSON Lines records, files of a directory tree). Each
partition runs the C++ core in its worker; the result equals the local
:func:`huozi.read_archive` row for row.

    >>> import huozi.dask
    >>> ddf = huozi.dask.read_archive(["2019.zip", "2020.zip"], pages_per_partition=5000)  # doctest: +SKIP
    >>> len(huozi.dask.read_archive(huozi.sample_path()).compute())
    9

Needs ``dask[dataframe]`` (and ``distributed`` for a cluster): ``pip install huozi[dask]``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import pyarrow as pa

from . import archive
from .archive import ERROR_SCHEMA, SCHEMA, Inputs

__all__ = ["read_archive", "read_errors", "partitions"]

Part = Tuple[str, int, int, str, Optional[Tuple[str, ...]], int, Optional[Dict[str, Any]], Dict[str, bool]]


def partitions(paths: Inputs, *, pages_per_partition: int = 2000, errors: str = "strict",
               suffixes: Optional[Sequence[str]] = None, threads: int = 1,
               limits: Optional[Dict[str, Any]] = None, fullwidth_ascii: bool = False,
               deinterleave: Union[bool, str] = "auto") -> List[Part]:
    """The partitions: ``(path, first page, pages, errors, suffixes, threads,
    limits, repair options)`` in input order (:func:`huozi.archive.partitions`).
    Counting the pages of an archive reads its headers only. ``limits``: the
    archive limits (keys of :data:`huozi.DEFAULT_ARCHIVE_LIMITS`) and any page
    limits (keys of :data:`huozi.archive.PAGE_LIMIT_KEYS`: ``max_page_bytes``,
    ``max_line_bytes``, ``max_lines``, ``max_fields_per_article``);
    ``fullwidth_ascii``, ``deinterleave``: the repair options of :func:`huozi.parse`.

    Example:
        >>> [p[1:3] for p in partitions(huozi.sample_path())]
        [(0, 1)]
    """
    if pages_per_partition < 1:
        raise ValueError("pages_per_partition must be at least 1")
    sfx = tuple(suffixes) if suffixes is not None else None
    t = archive.partitions(paths, pages_per_partition=pages_per_partition, suffixes=suffixes, limits=limits)
    repair = {"fullwidth_ascii": fullwidth_ascii, "deinterleave": deinterleave}
    return [(p, f, n, errors, sfx, threads, limits, repair)
            for p, f, n in zip(*(t[c].to_pylist() for c in ("path", "first", "pages")))]


def _run_part(part: Part) -> Tuple[pa.Table, pa.Table]:
    path, first, n, errors, sfx, threads, limits, repair = part
    return archive.read_partition(path, first, n, threads=threads, errors=errors, suffixes=sfx, limits=limits,
                                  **repair)


def _to_pandas(t: pa.Table) -> Any:
    import pandas as pd

    return t.to_pandas(types_mapper=pd.ArrowDtype)


def _articles(part: Part) -> Any:
    return _to_pandas(_run_part(part)[0])


def _errors(part: Part) -> Any:
    return _to_pandas(_run_part(part)[1])


def read_archive(paths: Inputs, *, pages_per_partition: int = 2000, threads: int = 1, errors: str = "strict",
                 suffixes: Optional[Sequence[str]] = None, limits: Optional[Dict[str, Any]] = None,
                 fullwidth_ascii: bool = False, deinterleave: Union[bool, str] = "auto") -> Any:
    """A lazy ``dask.dataframe.DataFrame`` of articles (columns of
    :data:`huozi.archive.SCHEMA`, as ``pandas.ArrowDtype``). ``threads`` are the
    C++ threads inside each partition's task (1 suits one Dask worker thread per
    core). ``dataframe.compute()`` equals ``huozi.read_archive(paths).to_pandas(
    types_mapper=pd.ArrowDtype)`` up to the index (each partition counts from 0).
    ``fullwidth_ascii``, ``deinterleave``: the repair options of :func:`huozi.parse`.

    Example:
        >>> import dask
        >>> ddf = read_archive(huozi.sample_path(), pages_per_partition=100)
        >>> with dask.config.set(scheduler="synchronous"):  # or a distributed.Client
        ...     df = ddf.compute()
        >>> len(df), df["title"].iloc[0]
        (9, '坚持政治建警 全面从严治警')
    """
    import dask.dataframe as dd

    parts = partitions(paths, pages_per_partition=pages_per_partition, errors=errors, suffixes=suffixes,
                       threads=threads, limits=limits, fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave)
    return dd.from_map(_articles, parts, meta=_to_pandas(SCHEMA.empty_table()), enforce_metadata=False)


def read_errors(paths: Inputs, *, pages_per_partition: int = 2000, errors: str = "strict",
                suffixes: Optional[Sequence[str]] = None, limits: Optional[Dict[str, Any]] = None) -> Any:
    """The error rows of the same run as a ``dask.dataframe.DataFrame``
    (:data:`huozi.archive.ERROR_SCHEMA`).

    Example:
        >>> len(read_errors(huozi.sample_path()).compute())
        0
    """
    import dask.dataframe as dd

    parts = partitions(paths, pages_per_partition=pages_per_partition, errors=errors, suffixes=suffixes,
                       limits=limits)
    return dd.from_map(_errors, parts, meta=_to_pandas(ERROR_SCHEMA.empty_table()), enforce_metadata=False)
