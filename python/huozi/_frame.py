"""Pages as tables: one row per article in the archive export's schema
(:data:`huozi.archive.SCHEMA`), as Arrow, pandas or polars."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import pyarrow as pa

from . import _core
from ._model import Page, _require
from .archive import ERROR_SCHEMA, SCHEMA, _import

if TYPE_CHECKING:  # pragma: no cover
    import pandas


def _value_text(v: Any) -> Optional[str]:
    """A field value as the archive's ``value`` column holds it (the C++
    export's text of a number: an integer without ``.0``)."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 9e15:
            return str(int(v))
        return repr(v)
    return str(v)


def _field_row(f: Dict[str, Any]) -> Dict[str, Any]:
    v = f.get("value")
    number = float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None
    return {"type": f["type"], "text": f["text"], "value": _value_text(v), "number": number, "start": f["start"],
            "end": f["end"], "unit": f.get("unit"), "currency": f.get("currency"), "approx": bool(f.get("approx"))}


def page_rows(page: Page) -> List[Dict[str, Any]]:
    """The rows of one page (one per article) as dicts of :data:`SCHEMA`."""
    rows = []
    for a in page.articles:
        d = a._d
        rows.append({
            "source": d["source"], "date": d["date"], "index": d["index"], "kicker": d["kicker"],
            "title": d["title"], "subtitle": d["subtitle"],
            "authors": [{"role": x["role"], "name": x["name"]} for x in d["authors"]],
            "blocks": [{"kind": b["kind"], "text": b["text"], "start": b["start"], "end": b["end"]}
                       for b in d["blocks"]],
            "fields": [_field_row(f) for f in d["fields"]],
            "start": d["start"], "end": d["end"], "encoding": page.encoding, "page": None, "paper": None,
            "replaced": page.replaced,
        })
    return rows


def pages_table(pages: Iterable[Page]) -> pa.Table:
    """Pages as one table, one row per article (:data:`SCHEMA`)."""
    rows: List[Dict[str, Any]] = []
    for p in pages:
        rows.extend(page_rows(p))
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def to_pandas(table: pa.Table, *, arrow_dtypes: bool = False, index: Any = None) -> "pandas.DataFrame":
    pd = _require("pandas", "a pandas DataFrame")
    df = table.to_pandas(types_mapper=pd.ArrowDtype) if arrow_dtypes else table.to_pandas()
    if index is not None:
        df.index = index
    return df


def _date_text(d: Any) -> Optional[str]:
    """A page date as ``YYYY-MM-DD`` text: str, date, datetime, pandas
    Timestamp; None, NaN and NaT are None."""
    if d is None:
        return None
    if isinstance(d, str):
        return d
    try:
        if d != d:  # NaN, pandas NaT, numpy NaT
            return None
    except (TypeError, ValueError):  # pragma: no cover - an array-like
        pass
    if isinstance(d, (datetime.date, datetime.datetime)) or hasattr(d, "isoformat"):
        return str(d.isoformat())[:10]
    raise TypeError(f"dates: expected 'YYYY-MM-DD' text, a date or None, got {type(d).__name__}")


def normalize_dates(dates: Any, n: int) -> Optional[List[Optional[str]]]:
    if dates is None:
        return None
    if isinstance(dates, (str, datetime.date)):
        one = _date_text(dates)
        return [one] * n
    out = [_date_text(d) for d in _as_list(dates)]
    return out


def _as_list(x: Any) -> List[Any]:
    if hasattr(x, "tolist") and not isinstance(x, (str, bytes)):
        return list(x.tolist())
    return list(x)


def inputs_and_labels(texts: Any) -> Tuple[List[Any], Optional[List[Any]], Optional[str]]:
    """The texts as a list, with the labels of a pandas Series (its index)
    and the index name; a plain iterable has no labels (positions are used)."""
    if hasattr(texts, "index") and hasattr(texts, "tolist") and hasattr(texts, "dtype"):  # a pandas Series
        return list(texts.tolist()), list(texts.index), texts.index.name
    return list(texts), None, None


def check_texts(items: Sequence[Any], labels: Optional[Sequence[Any]]) -> None:
    for i, t in enumerate(items):
        if not isinstance(t, (str, bytes, bytearray, memoryview)):
            where = f"label {labels[i]!r}" if labels is not None else f"position {i}"
            raise TypeError(f"parse_many: the text at {where} is {type(t).__name__}, not str or bytes "
                            "(drop missing texts first, e.g. series.dropna())")


def parse_many_table(items: List[Any], *, dates: Optional[List[Optional[str]]], sources: Optional[List[str]],
                     threads: Optional[int], raise_errors: bool, errors_out: Optional[list],
                     labels: Optional[List[Any]], limits: Dict[str, Optional[int]], fullwidth_ascii: bool = False,
                     deinterleave: Union[bool, str] = "auto") -> Tuple[pa.Table, List[Any]]:
    """(table, the label of each row) for parse_many's table outputs."""
    arts, errs, counts = _core.parse_many_arrow(items, dates=dates, sources=sources, threads=threads,
                                                raise_errors=raise_errors, max_page_bytes=limits["max_page_bytes"],
                                                max_line_bytes=limits["max_line_bytes"],
                                                max_lines=limits["max_lines"],
                                                max_fields_per_article=limits["max_fields_per_article"],
                                                fullwidth_ascii=fullwidth_ascii, deinterleave=deinterleave)
    table = pa.Table.from_batches([_import(arts, SCHEMA)], schema=SCHEMA)
    err_rows = _import(errs, ERROR_SCHEMA).to_pylist()
    keys = labels if labels is not None else list(range(len(items)))
    row_labels: List[Any] = []
    k = 0
    for i, c in enumerate(counts):
        if c < 0:
            if errors_out is not None:
                e = dict(err_rows[k])
                e["input"] = keys[i]
                errors_out.append(e)
            k += 1
        else:
            row_labels.extend([keys[i]] * c)
    return table, row_labels
