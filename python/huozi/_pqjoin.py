"""Joins Parquet files with the same schema into one without decoding them:
the row groups' bytes are copied as they are and one footer lists them all,
with their byte offsets moved to where they now are.

``huozi run`` writes its output in parts (the unit of ``--resume``) and joins
them at the end; reading every part back and encoding it again cost as much as
writing it the first time, and the writer's footer for thousands of row groups
held about 100 MB. Here the join is a file copy plus a footer built from the
parts' footers (Thrift compact protocol, the part of it Parquet uses).

Only files as :mod:`pyarrow.parquet` writes them without page indexes are
joined this way (a page index holds absolute page offsets inside the data);
:func:`concat` returns False for anything else, and the caller falls back to
decoding.
"""

from __future__ import annotations

import os
import struct
from typing import Any, BinaryIO, List, Optional, Tuple

MAGIC = b"PAR1"

# Thrift compact protocol type codes.
_TRUE, _FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE, _BINARY, _LIST, _SET, _MAP, _STRUCT = range(1, 13)

# A decoded struct: [(field id, type code, value)]; a list: (element type, [values]).
Struct = List[Tuple[int, int, Any]]


class _Reader:
    __slots__ = ("b", "i")

    def __init__(self, b: bytes) -> None:
        self.b, self.i = b, 0

    def byte(self) -> int:
        v = self.b[self.i]
        self.i += 1
        return v

    def varint(self) -> int:
        shift = out = 0
        while True:
            c = self.byte()
            out |= (c & 0x7F) << shift
            if c < 0x80:
                return out
            shift += 7

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def value(self, t: int) -> Any:
        if t == _TRUE:
            return True
        if t == _FALSE:
            return False
        if t == _BYTE:
            return struct.unpack("b", bytes([self.byte()]))[0]
        if t in (_I16, _I32, _I64):
            return self.zigzag()
        if t == _DOUBLE:
            v = struct.unpack_from("<d", self.b, self.i)[0]
            self.i += 8
            return v
        if t == _BINARY:
            n = self.varint()
            v = self.b[self.i:self.i + n]
            self.i += n
            return v
        if t in (_LIST, _SET):
            h = self.byte()
            n, et = h >> 4, h & 0x0F
            if n == 15:
                n = self.varint()
            return (et, [self.elem(et) for _ in range(n)])
        if t == _MAP:
            n = self.varint()
            if n == 0:
                return (0, 0, [])
            kv = self.byte()
            kt, vt = kv >> 4, kv & 0x0F
            return (kt, vt, [(self.elem(kt), self.elem(vt)) for _ in range(n)])
        if t == _STRUCT:
            return self.struct()
        raise ValueError(f"unknown Thrift compact type {t}")

    def elem(self, t: int) -> Any:
        if t in (_TRUE, _FALSE):  # booleans inside containers are one byte each
            return self.byte() == _TRUE
        return self.value(t)

    def struct(self) -> Struct:
        out: Struct = []
        last = 0
        while True:
            h = self.byte()
            if h == 0:
                return out
            t, delta = h & 0x0F, h >> 4
            fid = last + delta if delta else self.zigzag()
            out.append((fid, t, self.value(t)))
            last = fid


class _Writer:
    __slots__ = ("out",)

    def __init__(self) -> None:
        self.out = bytearray()

    def varint(self, n: int) -> None:
        while n >= 0x80:
            self.out.append((n & 0x7F) | 0x80)
            n >>= 7
        self.out.append(n)

    def zigzag(self, n: int) -> None:
        self.varint((n << 1) ^ (n >> 63))

    def value(self, t: int, v: Any) -> None:
        if t in (_TRUE, _FALSE):
            return  # in the field header
        if t == _BYTE:
            self.out += struct.pack("b", v)
        elif t in (_I16, _I32, _I64):
            self.zigzag(v)
        elif t == _DOUBLE:
            self.out += struct.pack("<d", v)
        elif t == _BINARY:
            self.varint(len(v))
            self.out += v
        elif t in (_LIST, _SET):
            et, items = v
            if len(items) < 15:
                self.out.append((len(items) << 4) | et)
            else:
                self.out.append(0xF0 | et)
                self.varint(len(items))
            for x in items:
                self.elem(et, x)
        elif t == _MAP:
            kt, vt, items = v
            self.varint(len(items))
            if items:
                self.out.append((kt << 4) | vt)
                for k, x in items:
                    self.elem(kt, k)
                    self.elem(vt, x)
        elif t == _STRUCT:
            self.struct(v)
        else:
            raise ValueError(f"unknown Thrift compact type {t}")

    def elem(self, t: int, v: Any) -> None:
        if t in (_TRUE, _FALSE):
            self.out.append(_TRUE if v else _FALSE)
        else:
            self.value(t, v)

    def struct(self, fields: Struct) -> None:
        last = 0
        for fid, t, v in fields:
            if t in (_TRUE, _FALSE):
                t = _TRUE if v else _FALSE
            if 0 < fid - last <= 15:
                self.out.append(((fid - last) << 4) | t)
            else:
                self.out.append(t)
                self.zigzag(fid)
            self.value(t, v)
            last = fid
        self.out.append(0)


def _get(s: Struct, fid: int) -> Any:
    for f, _t, v in s:
        if f == fid:
            return v
    return None


def _shifted(s: Struct, fids: Tuple[int, ...], delta: int) -> Struct:
    return [(f, t, v + delta if f in fids else v) for f, t, v in s]


# Fields that hold absolute file offsets (parquet.thrift).
_RG_FILE_OFFSET = 5           # RowGroup.file_offset
_RG_ORDINAL = 7               # RowGroup.ordinal
_CC_FILE_OFFSET = 2           # ColumnChunk.file_offset
_CC_META = 3                  # ColumnChunk.meta_data
_CC_PAGE_INDEX = (4, 5, 6, 7)  # offset/column index offsets and lengths
_CC_ENCRYPTED = (8, 9)
_CMD_OFFSETS = (9, 10, 11, 14)  # data, index, dictionary page and bloom filter offsets


class NotJoinable(Exception):
    pass


def _footer(f: BinaryIO) -> Tuple[Struct, int]:
    """(FileMetaData, where the footer starts) of an open Parquet file."""
    f.seek(0, os.SEEK_END)
    size = f.tell()
    if size < 12:
        raise NotJoinable("too short for Parquet")
    f.seek(0)
    head = f.read(4)
    f.seek(size - 8)
    tail = f.read(8)
    if head != MAGIC or tail[4:] != MAGIC:
        raise NotJoinable("not a plain Parquet file (encrypted footers are not joined)")
    n = struct.unpack("<I", tail[:4])[0]
    start = size - 8 - n
    if start < 4:
        raise NotJoinable("bad footer length")
    f.seek(start)
    return _Reader(f.read(n)).struct(), start


def _row_group(rg: Struct, delta: int, ordinal: int) -> Struct:
    out: Struct = []
    for fid, t, v in rg:
        if fid == 1:  # columns
            et, chunks = v
            moved = []
            for cc in chunks:
                if any(_get(cc, k) is not None for k in _CC_PAGE_INDEX + _CC_ENCRYPTED):
                    raise NotJoinable("page index or encryption")
                if _get(cc, 1) is not None:
                    raise NotJoinable("column chunk in another file")
                cc = _shifted(cc, (_CC_FILE_OFFSET,), delta)
                cc = [(f, tt, _shifted(x, _CMD_OFFSETS, delta) if f == _CC_META else x) for f, tt, x in cc]
                moved.append(cc)
            out.append((fid, t, (et, moved)))
        elif fid == _RG_FILE_OFFSET:
            out.append((fid, t, v + delta))
        elif fid == _RG_ORDINAL:
            out.append((fid, t, ordinal))
        else:
            out.append((fid, t, v))
    return out


def _copy(src: BinaryIO, dst: BinaryIO, start: int, n: int) -> None:
    src.seek(start)
    try:  # the kernel copies without passing the bytes through Python
        dst.flush()
        off_in, off_out = start, dst.tell()
        left = n
        while left:
            k = os.copy_file_range(src.fileno(), dst.fileno(), left, off_in, off_out)
            if k <= 0:
                raise OSError("copy_file_range made no progress")
            off_in += k
            off_out += k
            left -= k
        dst.seek(off_out)
        return
    except (AttributeError, OSError):
        src.seek(start)
        dst.seek(0, os.SEEK_END)
    left = n
    while left:
        buf = src.read(min(left, 1 << 22))
        if not buf:
            raise OSError("short read")
        dst.write(buf)
        left -= len(buf)


def concat(paths: List[str], out: str) -> bool:
    """Writes ``out`` as the row groups of ``paths`` one after the other.
    False (and ``out`` not written) when a file is not one this joins: the
    caller then reads and writes the rows instead."""
    if not paths:
        return False
    try:
        w = _Writer()  # the row groups, serialized one by one (never all held as objects)
        first: Struct = []
        n_groups = n_rows = 0
        with open(out, "wb") as o:
            o.write(MAGIC)
            for k, p in enumerate(paths):
                with open(p, "rb") as f:
                    meta, start = _footer(f)
                    if k == 0:
                        first = [(fid, t, v) for fid, t, v in meta if fid != 4]
                        if any(fid >= 8 for fid, _t, _v in first):  # encryption algorithm, signing key
                            raise NotJoinable("encrypted")
                    elif _get(meta, 2) != _get(first, 2):
                        raise NotJoinable("the parts' schemas differ")
                    delta = o.tell() - 4
                    for rg in _get(meta, 4)[1]:
                        w.struct(_row_group(rg, delta, n_groups))
                        n_groups += 1
                        n_rows += _get(rg, 3)
                    del meta
                    _copy(f, o, 4, start - 4)
            footer = _Writer()
            footer.out.append((1 << 4) | _I32)  # 1: version
            footer.zigzag(_get(first, 1))
            footer.out.append((1 << 4) | _LIST)  # 2: schema
            footer.value(_LIST, _get(first, 2))
            footer.out.append((1 << 4) | _I64)  # 3: num_rows
            footer.zigzag(n_rows)
            footer.out.append((1 << 4) | _LIST)  # 4: row_groups
            if n_groups < 15:
                footer.out.append((n_groups << 4) | _STRUCT)
            else:
                footer.out.append(0xF0 | _STRUCT)
                footer.varint(n_groups)
            footer.out += w.out
            rest = _Writer()  # 5…7: key-value metadata, created_by, column orders, as in the first part
            rest.struct([(4, _I32, 0)] + [(fid, t, v) for fid, t, v in first if fid > 4])
            footer.out += rest.out[2:]  # without the placeholder field 4 (its header and a zero)
            o.write(footer.out)
            o.write(struct.pack("<I", len(footer.out)))
            o.write(MAGIC)
        return True
    except (NotJoinable, ValueError, IndexError, TypeError, struct.error):
        try:
            os.remove(out)
        except OSError:
            pass
        return False


def read_footer(path: str) -> Optional[Struct]:
    """The FileMetaData of a Parquet file as decoded Thrift (for tests)."""
    with open(path, "rb") as f:
        return _footer(f)[0]
