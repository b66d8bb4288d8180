"""Writes the seeds of the archive fuzz target (tests/fuzz/seeds-archive/):
small archives of every kind huozi reads, some of them hostile. Run from the
repository root: python3 tests/fuzz/make_archive_seeds.py (needs the zstd
command for the .zst seeds). The output is deterministic."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "seeds-archive"
PAGE = "坚持政治建警 全面从严治警\n市公安局要求，各级公安机关要深化思想认识。\n通讯员 侯宪锋\n".encode()
GB = "本报讯 市公安局召开会议。\n".encode("gb18030")
T = (2020, 7, 24, 0, 0, 0)


class _Stream(io.RawIOBase):
    """A non-seekable sink: zipfile then writes data descriptors."""

    def __init__(self) -> None:
        self.buf = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # type: ignore[override]
        self.buf += b
        return len(b)


def zip_bytes(members, method=zipfile.ZIP_DEFLATED, stream=False) -> bytes:
    sink: io.IOBase = _Stream() if stream else io.BytesIO()
    with zipfile.ZipFile(sink, "w", method) as z:  # type: ignore[arg-type]
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, T), data, compress_type=method)
    return bytes(sink.buf) if stream else sink.getvalue()  # type: ignore[union-attr]


def tar_bytes(members, fmt=tarfile.USTAR_FORMAT) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=fmt) as t:
        for m in members:
            if isinstance(m, tarfile.TarInfo):
                t.addfile(m)
                continue
            name, data = m
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1595548800
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()


def special(name, kind, link="") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.mtime = kind, link, 1595548800
    if kind == tarfile.CHRTYPE:
        info.devmajor, info.devminor = 1, 3
    return info


def zstd(data: bytes) -> bytes:
    """zstd of a file, so that the frame holds the size and a small window
    (from a pipe the window is 8 MiB, which the decoder then allocates)."""
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "in"
        src.write_bytes(data)
        return subprocess.run(["zstd", "-q", "-c", "-19", str(src)], capture_output=True, check=True).stdout


def main() -> None:
    OUT.mkdir(exist_ok=True)
    pages = [("jnrb/2020/07/24/page1.txt", PAGE), ("2020-07-24/A03.txt", GB), ("notes.md", b"not a page")]
    tar = tar_bytes(pages + [special("jnrb/", tarfile.DIRTYPE), special("link.txt", tarfile.SYMTYPE, "/etc/passwd"),
                             special("hard.txt", tarfile.LNKTYPE, "jnrb/2020/07/24/page1.txt"),
                             special("fifo.txt", tarfile.FIFOTYPE), special("null.txt", tarfile.CHRTYPE),
                             ("../up.txt", PAGE), ("/abs.txt", PAGE)])
    records = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        {"text": PAGE.decode(), "date": "2020-07-24", "page": 3, "paper": "jnrb"},
        {"source": "x/20200101_B02.txt", "text": "正文。\\n", "extra": {"a": [1, "}"]}},
        {"text": 5}, {"text": "本报讯", "date": "2020-07deco", "page": ""},
    ]).encode() + b'{"text": "\\ud83d\\ude00 \\u5e02 \\ud800"}\nnot json\n\n{"text": "tail"}'
    seeds = {
        "deflate.zip": zip_bytes(pages),
        "stored.zip": zip_bytes(pages, zipfile.ZIP_STORED),
        "descriptor.zip": zip_bytes(pages, stream=True),
        "unsafe.zip": zip_bytes([("ok.txt", PAGE), ("../../etc/evil.txt", PAGE), ("/abs/evil.txt", PAGE),
                                 ("C:\\evil.txt", PAGE)]),
        "empty.zip": zip_bytes([]),
        "bomb.zip": zip_bytes([("a.txt", PAGE), ("bomb.txt", b" " * (2 << 20)), ("c.txt", PAGE)]),
        "special.tar": tar,
        "pax.tar": tar_bytes([("p/" + "长" * 80 + ".txt", PAGE)], tarfile.PAX_FORMAT),
        "special.tar.gz": gzip.compress(tar, mtime=0),
        "bomb.tar.gz": gzip.compress(tar_bytes([("a.txt", PAGE), ("z.bin", b"\0" * (2 << 20)), ("c.txt", PAGE)]),
                                     mtime=0),
        "records.jsonl": records,
        "records.jsonl.gz": gzip.compress(records, mtime=0),
        "empty.tar": tar_bytes([]),
    }
    whole = gzip.compress(tar_bytes([(f"p{i}.txt", PAGE + bytes([65 + i]) * 40) for i in range(6)]), mtime=0)
    seeds["truncated.tar.gz"] = whole[: len(whole) * 2 // 3]
    z = bytearray(zip_bytes(pages))
    cd = z.find(b"PK\x01\x02")
    z[cd + 3] = 9
    seeds["badcd.zip"] = bytes(z)
    if shutil.which("zstd"):
        seeds["special.tar.zst"] = zstd(tar)
        seeds["records.jsonl.zst"] = zstd(records)
        seeds["truncated.jsonl.zst"] = zstd(records * 4)[:-20]
    for name, data in seeds.items():
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
