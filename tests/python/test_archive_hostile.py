"""Hostile archives, built on the fly: zip bombs (member size, compression
ratio, total size), member names that climb out, links and special files in
tar, truncated gzip and zstd (tar and JSON Lines), a damaged zip central
directory, empty archives and files that are not what their name says. Each
is an error row (source, kind, message, offset) and the good members still
come out; nothing is ever written to disk."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import zipfile
import zlib
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")

import huozi

PAGE = ("坚持政治建警 全面从严治警\n市公安局要求，各级公安机关要深化思想认识，切实把全面从严治警各项要求落到实处。\n"
        "通讯员 侯宪锋\n").encode()
ZSTD = shutil.which("zstd")
needs_zstd = pytest.mark.skipif(ZSTD is None, reason="no zstd command to make the inputs")


def run(path, **kw):
    """(member names of the pages that came out, error rows with the archive prefix cut)."""
    errs: list = []
    t = huozi.read_archive(str(path), progress=False, errors_out=errs, **kw)
    pages = []
    for s in t["source"].to_pylist():
        name = s.split(":", 1)[1] if ":" in s else s
        if name not in pages:
            pages.append(name)
    for e in errs:
        assert set(e) == {"source", "kind", "message", "offset"}
        assert isinstance(e["offset"], int) and e["offset"] >= 0 and e["message"]
        e["source"] = e["source"].replace(str(path) + ":", "").replace(str(path), "<archive>")
    return pages, errs


def varied(i: int, n: int = 4000) -> bytes:
    """A page that compresses little (so that a cut lands past the first read-ahead)."""
    import random

    rnd = random.Random(i)
    words = "公安 机关 要求 深化 认识 落实 群众 安全 服务 发展 建设 推进 改革 创新 治理 民生".split()
    return ("".join(rnd.choice(words) + ("。\n" if rnd.random() < 0.05 else "") for _ in range(n // 6)) + "\n").encode()


def write_tar(path: Path, members, mode="w") -> None:
    with tarfile.open(path, mode) as t:
        for m in members:
            if isinstance(m, tarfile.TarInfo):
                t.addfile(m)
                continue
            name, data = m
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))


def zstd_file(src: Path, dst: Path) -> None:
    subprocess.run([ZSTD, "-q", "-f", str(src), "-o", str(dst)], check=True)


def zip_with_bomb(path: Path, bomb_bytes: int, fill: bytes = b"\n") -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", PAGE)
        with z.open("bomb.txt", "w", force_zip64=True) as f:
            chunk = fill * (1 << 20)
            for _ in range(bomb_bytes >> 20):
                f.write(chunk)
        z.writestr("c.txt", PAGE)


# ---- zip bombs -------------------------------------------------------------------------


def test_default_archive_limits_are_documented():
    assert huozi.DEFAULT_ARCHIVE_LIMITS == {"max_member_bytes": 64 << 20, "max_compression_ratio": 100.0,
                                            "max_total_bytes": 32 << 30}
    from huozi.archive import DEFAULT_ARCHIVE_LIMITS

    assert DEFAULT_ARCHIVE_LIMITS == huozi.DEFAULT_ARCHIVE_LIMITS


def test_zip_bomb_member_is_cut_by_the_ratio_and_the_rest_is_read(tmp_path):
    p = tmp_path / "bomb.zip"
    zip_with_bomb(p, 64 << 20)  # 64 MiB of newlines in ~64 KB
    assert p.stat().st_size < 200_000
    pages, errs = run(p)
    assert pages == ["a.txt", "c.txt"]
    assert len(errs) == 1
    e = errs[0]
    assert (e["source"], e["kind"]) == ("bomb.txt", "limit_exceeded")
    assert "max_compression_ratio (100)" in e["message"]
    assert (1 << 20) < e["offset"] < (2 << 20)  # stopped just past the 1 MiB floor


def test_zip_member_over_max_member_bytes(tmp_path):
    p = tmp_path / "big.zip"
    zip_with_bomb(p, 3 << 20)
    pages, errs = run(p, max_member_bytes=1 << 20, max_compression_ratio=0)
    assert pages == ["a.txt", "c.txt"]
    assert [(e["source"], e["kind"], e["offset"]) for e in errs] == [("bomb.txt", "limit_exceeded", 1 << 20)]
    assert "max_member_bytes (1048576 bytes)" in errs[0]["message"]
    # Without archive limits the member is read and reaches the page limits
    # (archive runs use the defaults): 3 Mi blank lines are over max_lines.
    pages, errs = run(p, max_member_bytes=0, max_compression_ratio=0, max_total_bytes=0)
    assert pages == ["a.txt", "c.txt"]
    assert [(e["source"], e["kind"], e["offset"]) for e in errs] == [("bomb.txt", "limit_exceeded", 1_000_000)]
    assert "max_lines" in errs[0]["message"]


def test_zip_total_limit_stops_the_archive(tmp_path):
    p = tmp_path / "total.zip"
    zip_with_bomb(p, 6 << 20)
    pages, errs = run(p, max_total_bytes=4 << 20, max_compression_ratio=0)
    assert pages == ["a.txt"]
    assert [(e["source"], e["kind"]) for e in errs] == [("<archive>", "limit_exceeded")]
    assert "max_total_bytes (4194304 bytes) in member 'bomb.txt'" in errs[0]["message"]
    assert errs[0]["offset"] > 0  # where in the compressed file reading stopped


def test_tar_gz_bomb_stops_the_archive_and_can_be_allowed(tmp_path):
    p = tmp_path / "bomb.tar.gz"
    write_tar(p, [("a.txt", PAGE), ("zeros.bin", b"\0" * (24 << 20)), ("c.txt", PAGE)], "w:gz")
    pages, errs = run(p)  # skipping zeros.bin means inflating it: the whole-stream ratio stops that
    assert pages == ["a.txt"]
    assert [(e["source"], e["kind"]) for e in errs] == [("<archive>", "limit_exceeded")]
    assert "max_compression_ratio (100) times its compressed size in member 'zeros.bin'" in errs[0]["message"]
    pages, errs = run(p, max_compression_ratio=0)  # inside max_total_bytes: inflated through, the rest read
    assert pages == ["a.txt", "c.txt"] and errs == []
    pages, errs = run(p, max_compression_ratio=0, max_total_bytes=8 << 20)
    assert pages == ["a.txt"] and "max_total_bytes (8388608 bytes)" in errs[0]["message"]


def test_jsonl_record_over_max_member_bytes_and_compressed_bomb(tmp_path):
    rec = (json.dumps({"text": PAGE.decode()}, ensure_ascii=False) + "\n").encode()
    body = rec + b'{"text": "' + b"a" * (2 << 20) + b'"}\n' + rec
    (tmp_path / "j.jsonl").write_bytes(body)
    pages, errs = run(tmp_path / "j.jsonl", max_member_bytes=1 << 20)
    assert pages == ["1", "3"]
    assert [(e["source"], e["kind"], e["offset"]) for e in errs] == [("2", "limit_exceeded", len(rec))]
    (tmp_path / "j.jsonl.gz").write_bytes(gzip.compress(body))
    pages, errs = run(tmp_path / "j.jsonl.gz")  # 2 MiB of 'a' inflate from ~2 KB: the ratio stops the file
    assert pages == ["1"]
    assert [(e["source"], e["kind"]) for e in errs] == [("<archive>", "limit_exceeded")]
    assert "max_compression_ratio" in errs[0]["message"]


def test_limit_arguments_are_checked(tmp_path):
    p = tmp_path / "x.zip"
    zip_with_bomb(p, 1 << 20)
    with pytest.raises(ValueError):
        huozi.read_archive(str(p), progress=False, max_member_bytes=-1)
    with pytest.raises(ValueError):
        huozi.read_archive(str(p), progress=False, max_compression_ratio=-2.0)


# ---- names, links, special files --------------------------------------------------------


def test_unsafe_names_and_links_in_tar_are_reported_never_written(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    p = tmp_path / "links.tar"

    def special(name, kind, link=""):
        info = tarfile.TarInfo(name)
        info.type, info.linkname = kind, link
        return info

    write_tar(p, [("01.txt", PAGE), ("../evil.txt", PAGE), ("/tmp/huozi-abs-evil.txt", PAGE),
                  special("link.txt", tarfile.SYMTYPE, "/etc/passwd"), special("hard.txt", tarfile.LNKTYPE, "01.txt"),
                  special("fifo.txt", tarfile.FIFOTYPE), special("null.txt", tarfile.CHRTYPE),
                  special("disk.txt", tarfile.BLKTYPE), special("dir.txt", tarfile.DIRTYPE),
                  special("dev/null", tarfile.CHRTYPE), ("02.txt", PAGE)])
    before = sorted(os.listdir(tmp_path))
    pages, errs = run(p)
    assert pages == ["01.txt", "02.txt"]
    got = [(e["source"], e["kind"], e["message"]) for e in errs]
    assert got == [
        ("../evil.txt", "unsafe_path", "member name is absolute or contains '..': not processed"),
        ("/tmp/huozi-abs-evil.txt", "unsafe_path", "member name is absolute or contains '..': not processed"),
        ("link.txt", "not_a_file", "symbolic link to '/etc/passwd': not followed"),
        ("hard.txt", "not_a_file", "hard link to '01.txt': not followed"),
        ("fifo.txt", "not_a_file", "a FIFO: not read"),
        ("null.txt", "not_a_file", "a character device: not read"),
        ("disk.txt", "not_a_file", "a block device: not read"),
    ]  # a directory and a device not named like a page are not pages: ignored, like README.md
    assert sorted(os.listdir(tmp_path)) == before and os.listdir(work) == []
    assert not Path("/tmp/huozi-abs-evil.txt").exists()


# ---- damage -----------------------------------------------------------------------------


@pytest.mark.parametrize("compression", ["gz", pytest.param("zst", marks=needs_zstd)])
def test_truncated_tar_keeps_the_members_before_the_cut(tmp_path, compression):
    # zstd hands out nothing before a whole block (128 KiB) decodes: enough
    # members that half the file holds several blocks.
    members = [(f"p{i:03d}.txt", varied(i)) for i in range(120)]
    whole = tmp_path / f"whole.tar.{compression}"
    if compression == "gz":
        write_tar(whole, members, "w:gz")
    else:
        write_tar(tmp_path / "whole.tar", members)
        zstd_file(tmp_path / "whole.tar", whole)
    data = whole.read_bytes()
    cut = tmp_path / f"cut.tar.{compression}"
    cut.write_bytes(data[: len(data) // 2])
    pages, errs = run(cut)
    assert 10 <= len(pages) < 120 and pages == [m for m, _ in members[: len(pages)]]
    assert errs[-1]["source"] == "<archive>" and errs[-1]["kind"] == "archive"
    assert "reading stopped" in errs[-1]["message"]
    assert 0 < errs[-1]["offset"] <= len(data) // 2  # in the compressed file
    assert all(e["kind"] == "archive" for e in errs) and len(errs) <= 2  # the member cut in two, then the stop


@pytest.mark.parametrize("compression", ["gz", pytest.param("zst", marks=needs_zstd)])
def test_truncated_jsonl_keeps_the_records_before_the_cut(tmp_path, compression):
    body = "".join(json.dumps({"text": varied(i).decode(), "source": f"r{i:03d}.txt"}, ensure_ascii=False) + "\n"
                   for i in range(120)).encode()
    if compression == "gz":
        data = gzip.compress(body)
    else:
        (tmp_path / "all.jsonl").write_bytes(body)
        zstd_file(tmp_path / "all.jsonl", tmp_path / "all.jsonl.zst")
        data = (tmp_path / "all.jsonl.zst").read_bytes()
    cut = tmp_path / f"cut.jsonl.{compression}"
    cut.write_bytes(data[: len(data) // 2])
    pages, errs = run(cut)
    assert 5 <= len(pages) < 120 and pages == [f"r{i:03d}.txt" for i in range(len(pages))]
    assert [(e["source"], e["kind"]) for e in errs] == [("<archive>", "archive")]
    assert "reading stopped" in errs[0]["message"]
    assert errs[0]["offset"] >= len(pages) * 4000  # in the decompressed text, like the record offsets


def test_damaged_zip_central_directory_reads_the_local_headers(tmp_path):
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as z:
        for n in ("a.txt", "b.txt", "c.txt"):
            z.writestr(n, PAGE)
    data = bytearray(good.read_bytes())
    cd = data.find(b"PK\x01\x02")
    data[cd + 3] = 9
    bad = tmp_path / "badcd.zip"
    bad.write_bytes(bytes(data))
    # A .zip is read from its local headers by libarchive's streaming
    # reader: the central directory is never read, its damage goes unnoticed.
    pages, errs = run(bad)
    assert pages == ["a.txt", "b.txt", "c.txt"] and errs == []
    # Read through its central directory (the seekable reader: here a zip not
    # named .zip), the damage is one row, then the members from the local headers.
    other = tmp_path / "badcd.7z"
    other.write_bytes(bytes(data))
    pages, errs = run(other)
    assert pages == ["a.txt", "b.txt", "c.txt"]
    assert [(e["source"], e["kind"]) for e in errs] == [("<archive>", "archive")]
    assert "damaged zip central directory" in errs[0]["message"] and errs[0]["offset"] > 0
    # A self-extracting zip (a stub before the first member): the streaming
    # reader cannot start on it, the seekable reader reads it; with its central
    # directory damaged too, nothing can be read: one row.
    sfx = tmp_path / "sfx.zip"
    sfx.write_bytes(b"MZ" + b"\0" * 4094 + good.read_bytes())
    assert run(sfx) == (["a.txt", "b.txt", "c.txt"], [])
    sfx.write_bytes(b"MZ" + b"\0" * 4094 + bytes(data))
    pages, errs = run(sfx)
    assert pages == [] and [(e["source"], e["kind"]) for e in errs] == [("<archive>", "archive")]
    assert "damaged zip archive" in errs[0]["message"]
    # A central directory that points past the end of the file: the same.
    data = bytearray(good.read_bytes())
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, eocd + 16, len(data) + 1000)
    bad.write_bytes(bytes(data))
    pages, errs = run(bad)
    assert pages == ["a.txt", "b.txt", "c.txt"]


def test_damaged_zip_member_is_a_row_and_the_next_members_are_read(tmp_path):
    p = tmp_path / "d.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        for n in ("a.txt", "b.txt", "c.txt"):
            z.writestr(n, PAGE)
    data = bytearray(p.read_bytes())
    second = data.find(b"PK\x03\x04", 4)
    name_len, extra_len = struct.unpack_from("<HH", data, second + 26)
    body = second + 30 + name_len + extra_len
    for k in range(body + 2, body + 40):
        data[k] ^= 0x5A
    p.write_bytes(bytes(data))
    pages, errs = run(p)
    assert pages == ["a.txt", "c.txt"]
    assert [(e["source"], e["kind"]) for e in errs] == [("b.txt", "archive")]
    assert "cannot read member" in errs[0]["message"]


# ---- empty and mislabeled ---------------------------------------------------------------


def test_empty_archives_are_empty_results_not_errors(tmp_path):
    with zipfile.ZipFile(tmp_path / "e.zip", "w"):
        pass
    write_tar(tmp_path / "e.tar", [])
    write_tar(tmp_path / "e.tar.gz", [], "w:gz")
    (tmp_path / "zero.zip").write_bytes(b"")
    (tmp_path / "e.jsonl").write_bytes(b"")
    (tmp_path / "e.jsonl.gz").write_bytes(gzip.compress(b""))
    with zipfile.ZipFile(tmp_path / "nopages.zip", "w") as z:
        z.writestr("readme.md", "no pages here")
    for name in ("e.zip", "e.tar", "e.tar.gz", "zero.zip", "e.jsonl", "e.jsonl.gz", "nopages.zip"):
        errs: list = []
        t = huozi.read_archive(str(tmp_path / name), progress=False, errors_out=errs)
        assert t.num_rows == 0 and t.schema == huozi.archive.SCHEMA and errs == [], name


def test_files_that_are_not_what_their_name_says(tmp_path):
    cases = {
        "page.zip": PAGE,
        "page.tar.gz": PAGE,
        "random.tar.zst": bytes(range(256)) * 8,
        "gzip-of-text.tar.gz": gzip.compress(PAGE),
        "text.jsonl.gz": (json.dumps({"text": "a"}) + "\n").encode() * 50,
        "junk.jsonl.zst": bytes(range(256)) * 8,
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        pages, errs = run(tmp_path / name)
        assert pages == [], name
        assert [(e["source"], e["kind"]) for e in errs] == [("<archive>", "archive")], (name, errs)
    _, errs = run(tmp_path / "text.jsonl.gz")
    assert errs[0]["message"] == "not gzip data (the name ends in .gz): not read"
    # A tar named .zip is still a readable archive: libarchive goes by the bytes.
    write_tar(tmp_path / "tar-named.zip", [("01.txt", PAGE)])
    assert run(tmp_path / "tar-named.zip") == (["01.txt"], [])


# ---- the command line ------------------------------------------------------------------


def test_cli_archive_limits_and_resume_checks_them(tmp_path, capsys):
    p = tmp_path / "big.zip"
    zip_with_bomb(p, 3 << 20)
    out = tmp_path / "o.jsonl"
    r = subprocess.run([sys.executable, "-m", "huozi", "run", str(p), "-o", str(out), "--quiet",
                        "--max-member-bytes", "1048576", "--max-compression-ratio", "0"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    errs = [json.loads(x) for x in (tmp_path / "o.errors.jsonl").read_text().splitlines()]
    assert [(e["source"].rsplit(":", 1)[1], e["kind"], e["offset"]) for e in errs] == \
        [("bomb.txt", "limit_exceeded", 1 << 20)]
    r = subprocess.run([sys.executable, "-m", "huozi", "run", str(p), "-o", str(out), "--max-compression-ratio", "x"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "not a number" in r.stderr
    # --resume with other limits than the parts were written with is refused.
    from huozi import cli

    parts = tmp_path / "o.jsonl.parts"
    parts.mkdir()
    (parts / "run.json").write_text(json.dumps({"inputs": [str(p)], "errors": "strict", "part_pages": 2000,
                                                "format": "jsonl", "limits": {"max_member_bytes": 5,
                                                                              "max_compression_ratio": None,
                                                                              "max_total_bytes": None}}))
    assert cli.main(["run", str(p), "-o", str(out), "--resume", "--quiet"]) == 2
    assert "other inputs or options" in capsys.readouterr().err
