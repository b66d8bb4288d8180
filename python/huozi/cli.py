"""The ``huozi`` command line: parse, repair, run, demo.

User errors (missing file, undecodable bytes, bad date) print one line to
stderr and exit with status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import huozi

from . import _core

EXIT_USAGE = 2


class UserError(Exception):
    """An error caused by the input or the arguments: one line, exit 2."""


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as f:
            return f.read()
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not a page file") from None
    except OSError as e:
        raise UserError(f"cannot read {path}: {e.strerror}") from None


def _check_date(date: Optional[str]) -> Optional[str]:
    if date is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise UserError(f"bad --date {date!r}: want YYYY-MM-DD")
    return date


def _parse_file(path: str, args: argparse.Namespace) -> huozi.Page:
    data = _read(path)
    date = args.date or (_core.date_from_path(path) if path != "-" else None)
    source = "<stdin>" if path == "-" else path
    try:
        return huozi.parse(data, date=date, source=source, encoding=args.encoding, errors=args.errors,
                           max_page_bytes=args.max_page_bytes, max_line_bytes=args.max_line_bytes,
                           max_lines=args.max_lines,
                           max_fields_per_article=args.max_fields_per_article, deinterleave=args.deinterleave)
    except huozi.Error as e:
        raise UserError(str(e)) from None


def _limit(v: str) -> int:
    try:
        n = int(v)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {v!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be >= 0 (0: no limit)")
    return n


def _ratio(v: str) -> float:
    try:
        x = float(v)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {v!r}") from None
    if not x >= 0 or x == float("inf"):
        raise argparse.ArgumentTypeError("must be a number >= 0 (0: no limit)")
    return x


def _display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cut(s: str, width: int) -> str:
    out, w = "", 0
    for c in s:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > width:
            return out[:-1] + "…" if out else "…"
        out += c
        w += cw
    return out


def _pad(s: str, width: int) -> str:
    s = _cut(s, width)
    return s + " " * (width - _display_width(s))


def render_text(page: huozi.Page, *, sentences: bool = False) -> str:
    """A readable rendering of a page."""
    lines: List[str] = []
    lines.append(f"# {page.source}  date={page.date or '?'}  encoding={page.encoding}  articles={len(page)}")
    for a in page.articles:
        lines.append("")
        lines.append(f"## [{a.index}] {a.title or '(untitled)'}")
        if a.kicker:
            lines.append(f"kicker: {a.kicker}")
        if a.subtitle:
            lines.append(f"subtitle: {a.subtitle}")
        if a.authors:
            lines.append("authors: " + ", ".join(f"{x['name']} ({x['role']})" for x in a.authors))
        for b in a.blocks:
            prefix = {"paragraph": "", "subheading": "### ", "caption": "[caption] "}[b["kind"]]
            if sentences and b.get("sentences"):
                raw = b["text"].encode("utf-8")
                for s, e in b["sentences"]:
                    lines.append(prefix + "  · " + raw[s:e].decode("utf-8"))
            else:
                lines.append(prefix + b["text"])
        if a.fields:
            lines.append("fields: " + "; ".join(f"{f['type']}:{f['text']}={f['value']}" for f in a.fields))
    if page.debris:
        lines.append("")
        lines.append("debris: " + ", ".join(f"{d['text']} ({d['reason']})" for d in page.debris))
    return "\n".join(lines) + "\n"


def _record(article: Dict[str, Any], sentences: bool) -> Dict[str, Any]:
    """An article record to write: the page's own dicts, with new block dicts
    only where the sentences are left out. (Not to_dict(): its deep copy of a
    page with millions of fields doubled the memory a big page takes and
    spent most of the command's time copying.)"""
    if sentences:
        return article
    return {**article, "blocks": [{k: v for k, v in b.items() if k != "sentences"} for b in article["blocks"]]}


def _emit_page(page: huozi.Page, fmt: str, sentences: bool) -> None:
    out = sys.stdout
    if fmt == "jsonl":
        for a in page.articles:
            out.write(json.dumps(_record(a._d, sentences), ensure_ascii=False) + "\n")
    elif fmt == "json":
        d = {**page._d, "articles": [_record(a, sentences) for a in page._d["articles"]]}
        out.write(json.dumps(d, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write(render_text(page, sentences=sentences))


def cmd_parse(args: argparse.Namespace) -> int:
    _check_date(args.date)
    status = 0
    for path in args.files:
        try:
            page = _parse_file(path, args)
        except UserError as e:
            print(f"huozi: error: {e}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        _emit_page(page, args.format, args.sentences)
    return status


def _decode_for_repair(path: str, args: argparse.Namespace) -> str:
    data = _read(path)
    try:
        text, _enc, _n = huozi.decode(data, encoding=args.encoding, errors=args.errors)
    except huozi.Error as e:
        raise UserError(f"{path}: {e}") from None
    return text


def cmd_repair(args: argparse.Namespace) -> int:
    text = _decode_for_repair(args.file, args)
    opts: Dict[str, Any] = dict(fullwidth_ascii=args.fullwidth_ascii, deinterleave=args.deinterleave,
                                max_page_bytes=args.max_page_bytes, max_line_bytes=args.max_line_bytes,
                                max_lines=args.max_lines)
    try:
        if args.explain:
            details = huozi.repair_details(text, **opts)
        else:
            repaired = huozi.repair(text, **opts)
    except huozi.Error as e:
        raise UserError(f"{args.file}: {e}") from None
    if args.explain:
        sys.stdout.write(details["explain"])
        if details["removals"]:
            sys.stdout.write("\nremoved: " + ", ".join(f"{r['text']} ({r['reason']}, byte {r['start']})"
                                                       for r in details["removals"]) + "\n")
    else:
        sys.stdout.write(repaired)
    return 0


def cmd_tokenize(args: argparse.Namespace) -> int:
    """Words of each input line, space-separated, one output line per input line."""
    text = _decode_for_repair(args.file, args)
    try:
        words = huozi.Dictionary.from_file(args.words) if args.words else None
    except huozi.Error as e:
        raise UserError(f"--words {args.words}: {getattr(e, 'reason', e)}") from None
    # Lines as `wc -l` counts them (\n or \r\n), not str.splitlines' wider set.
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = sys.stdout
    for tokens in huozi.tokenize_many(lines, words=words, threads=args.threads):
        out.write(" ".join(tokens) + "\n")
    return 0


def _first_fields(a: huozi.Article, n: int = 3) -> str:
    return "; ".join(f"{f['text']}→{f['value']}" for f in a.fields[:n])


def cmd_demo(args: argparse.Namespace) -> int:
    path = huozi.sample_path()
    with open(path, "rb") as f:
        data = f.read()
    page = huozi.parse(data, source=os.path.basename(path), date=args.date)
    print(f"huozi {huozi.__version__}: the bundled sample page ({os.path.basename(path)}, "
          f"{len(data):,} bytes) as {len(page)} articles\n")
    cols = [("#", 3), ("kicker", 14), ("title", 36), ("authors", 22), ("paras", 5), ("first fields", 44)]
    print("  ".join(_pad(name, w) for name, w in cols))
    print("  ".join("-" * w for _, w in cols))
    for a in page.articles:
        paras = sum(1 for b in a.blocks if b["kind"] != "subheading")
        row = [str(a.index), a.kicker or "", a.title or "(untitled)", " ".join(x["name"] for x in a.authors),
               str(paras), _first_fields(a)]
        print("  ".join(_pad(v, w) for v, (_, w) in zip(row, cols)))
    if page.debris:
        print("\ndebris: " + ", ".join(f"{d['text']} ({d['reason']})" for d in page.debris))
    if page.articles:
        print("\nThe first article as a JSON record (huozi parse --format jsonl):")
        d = page.articles[0].to_dict()
        for b in d["blocks"]:
            b.pop("sentences", None)
        print(json.dumps(d, ensure_ascii=False, indent=1))
    return 0


# ---- huozi run: a whole archive to Parquet or JSON Lines, resumable ----------------
#
# The output is written in parts, each covering --part-pages consecutive input
# pages, into OUT.parts/: part-NNNNNN.errors.EXT, then part-NNNNNN.EXT, each
# written to a .tmp file and renamed (a part exists whole or not at all; its
# article file is renamed last and marks it done). --resume keeps the done
# parts (a contiguous run from part 0), skips their pages in the input and goes
# on. At the end the parts are joined into OUT and OUT.errors.EXT (again
# through .tmp and a rename) and OUT.parts/ is removed.
#
# Parquet parts are written in row groups of about ROW_GROUP_BYTES of rows,
# encoded on a writer thread while the next batches come in, and the join
# copies the parts' row groups as they are under one footer (huozi._pqjoin):
# nothing is decoded or encoded again, and memory does not grow with the
# archive.

def _run_paths(out: str) -> Tuple[str, str, str]:
    """(format, errors output path, parts directory) for an output path."""
    if out.endswith(".parquet"):
        fmt = "parquet"
    elif out.endswith(".jsonl"):
        fmt = "jsonl"
    else:
        raise UserError(f"{out}: the output must end in .parquet or .jsonl")
    stem = out[: -len(fmt) - 1]
    return fmt, f"{stem}.errors.{fmt}", out + ".parts"


def _parquet_options(schema: "object") -> dict:
    """Statistics only for the short columns: min/max of every article text in
    every row group would make the footer grow with the archive. zstd at level
    1: on the generated archives it encodes faster than snappy and the file is
    a third smaller."""
    short = [f.name for f in schema if f.name in ("source", "date", "index", "start", "end", "encoding", "page",  # type: ignore[attr-defined]
                                                  "paper", "replaced", "kind", "offset")]
    return {"write_statistics": short, "compression": "zstd", "compression_level": 1}


# Rows buffered before they are encoded as one Parquet row group: bounds the
# memory of a run whatever the size of the pages (a part of 2000 pages of
# 9 KB is some 30 MB as Arrow columns), and keeps the footer of the joined
# output small (one row group per 16 MB of rows).
ROW_GROUP_BYTES = 16 << 20


class _PartWriter:
    """Writes one part to PATH.tmp, a row group (or lines of JSON) at a time,
    and renames it to PATH when the part is complete."""

    def __init__(self, path: str, fmt: str, schema: "object", records: bool) -> None:
        self.path, self.fmt, self.schema, self.records = path, fmt, schema, records
        self.tmp = path + ".tmp"
        if fmt == "parquet":
            import pyarrow.parquet as pq

            self.out: "object" = pq.ParquetWriter(self.tmp, schema, **_parquet_options(schema))  # type: ignore[arg-type]
        else:
            self.out = open(self.tmp, "w", encoding="utf-8")

    def write(self, batches: list) -> None:
        from . import archive

        if self.fmt == "parquet":
            import pyarrow as pa

            table = pa.Table.from_batches(batches, schema=self.schema)  # type: ignore[arg-type]
            self.out.write_table(table, row_group_size=max(1, table.num_rows))  # type: ignore[attr-defined]
        else:
            for batch in batches:
                for row in batch.to_pylist():
                    if self.records:
                        row = archive.record_of(row)
                    self.out.write(json.dumps(row, ensure_ascii=False) + "\n")  # type: ignore[attr-defined]

    def commit(self) -> None:
        self.out.close()  # type: ignore[attr-defined]
        os.replace(self.tmp, self.path)


def _join_parts(paths: List[str], out: str, fmt: str, schema: "object") -> None:
    tmp = out + ".tmp"
    if fmt == "parquet":
        from . import _pqjoin

        if not _pqjoin.concat(paths, tmp):  # parts not written by this version: read and write the rows
            import pyarrow.parquet as pq

            with pq.ParquetWriter(tmp, schema, **_parquet_options(schema)) as w:  # type: ignore[arg-type]
                for p in paths:
                    f = pq.ParquetFile(p, pre_buffer=False)
                    for i in range(f.num_row_groups):
                        w.write_table(f.read_row_group(i, use_threads=False))
                    f.close()
    else:
        import shutil

        with open(tmp, "wb") as f:
            for p in paths:
                with open(p, "rb") as g:
                    shutil.copyfileobj(g, f)
    os.replace(tmp, out)


def _cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system


def cmd_run(args: argparse.Namespace) -> int:
    import shutil
    from concurrent.futures import Future, ThreadPoolExecutor

    from . import archive

    fmt, err_out, parts = _run_paths(args.output)
    try:
        inputs = archive.expand_inputs(args.inputs)
    except FileNotFoundError as e:
        raise UserError(str(e)) from None
    for p in inputs:
        if not os.path.exists(p):
            raise UserError(f"{p}: no such file or directory")
    if args.part_pages < 1:
        raise UserError("--part-pages must be at least 1")
    # Parts are whole batches of at most 256 pages, so that memory stays bounded.
    part_pages = args.part_pages if args.part_pages <= 256 else -(-args.part_pages // 256) * 256
    limits = {"max_member_bytes": args.max_member_bytes, "max_compression_ratio": args.max_compression_ratio,
              "max_total_bytes": args.max_total_bytes}
    limits.update(archive.page_limits(max_page_bytes=args.max_page_bytes, max_line_bytes=args.max_line_bytes,
                                      max_lines=args.max_lines, max_fields_per_article=args.max_fields_per_article))
    repair = {"fullwidth_ascii": args.fullwidth_ascii, "deinterleave": args.deinterleave}
    manifest = {"inputs": [os.path.abspath(p) for p in inputs], "errors": args.errors,
                "part_pages": part_pages, "format": fmt, "limits": limits, "repair": repair}
    manifest_path = os.path.join(parts, "run.json")
    done = 0
    if args.resume and os.path.isdir(parts) and os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            old = json.load(f)
        if (old.get("inputs") != manifest["inputs"] or old.get("errors") != args.errors or old.get("format") != fmt
                or old.get("limits", limits) != limits
                or old.get("repair", {"fullwidth_ascii": False, "deinterleave": False}) != repair):
            raise UserError(f"{parts}: left by a run with other inputs or options; remove it or drop --resume")
        manifest["part_pages"] = int(old["part_pages"])
        while os.path.exists(os.path.join(parts, f"part-{done:06d}.{fmt}")):
            done += 1
        for name in os.listdir(parts):  # partial files, and parts after a gap
            m = re.fullmatch(r"part-(\d{6})\..*", name)
            if name.endswith(".tmp") or (m and int(m.group(1)) >= done):
                os.remove(os.path.join(parts, name))
    elif args.resume and not os.path.isdir(parts) and os.path.exists(args.output):
        if not args.quiet:
            print(f"huozi: {args.output} is complete; nothing to resume", file=sys.stderr)
        return 0
    else:
        if os.path.isdir(parts):
            shutil.rmtree(parts)
        os.makedirs(parts)
        tmp = manifest_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False)
        os.replace(tmp, manifest_path)
    part_pages = int(manifest["part_pages"])  # type: ignore[call-overload]

    pages = articles = n_errors = 0
    k = done
    batch_pages = min(256, part_pages)  # part_pages is a multiple of it (see below)
    batches: list = []
    part_errors: list = []
    in_part = 0
    buffered = 0  # bytes of the batches not yet handed to the writer
    # One writer thread encodes and writes while the next batches come in
    # (pyarrow releases the GIL while it encodes); jobs run in order, and at
    # most one waits, so at most two row groups' worth of batches are held.
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="huozi-writer")
    pending: Optional[Future] = None
    current: dict = {}  # the part being written, on the writer thread

    def submit(fn: Any, *a: Any) -> None:
        nonlocal pending
        if pending is not None:
            pending.result()
        pending = writer.submit(fn, *a)

    def write_rows(k: int, batches: list) -> None:
        if current.get("k") != k:
            current["k"] = k
            current["w"] = _PartWriter(os.path.join(parts, f"part-{k:06d}.{fmt}"), fmt, archive.SCHEMA, True)
        current["w"].write(batches)

    def commit(k: int, errors: list) -> None:
        if current.get("k") != k:  # a part of error rows only
            write_rows(k, [])
        ew = _PartWriter(os.path.join(parts, f"part-{k:06d}.errors.{fmt}"), fmt, archive.ERROR_SCHEMA, False)
        ew.write(archive.errors_table(errors).to_batches())
        ew.commit()
        current["w"].commit()  # the article file last: it marks the part done

    def flush() -> None:
        nonlocal batches, buffered
        if batches:
            submit(write_rows, k, batches)
        batches, buffered = [], 0

    def finish_part() -> None:
        nonlocal part_errors, in_part, k
        flush()
        submit(commit, k, part_errors)
        part_errors, in_part, k = [], 0, k + 1

    stats: dict = {}
    t0 = time.monotonic()
    import gc

    gc.freeze()  # the objects of the imports (pyarrow, numpy) need no more cyclic GC passes
    try:
        for rb, errs, n in archive._iter_raw(inputs, threads=args.threads, errors=args.errors,
                                             batch_pages=batch_pages, skip=done * part_pages,
                                             progress=not args.quiet, limits=limits, stats_out=stats,
                                             fullwidth_ascii=args.fullwidth_ascii, deinterleave=args.deinterleave):
            batches.append(rb)
            buffered += rb.nbytes
            part_errors.extend(errs)
            in_part += n
            pages += n
            articles += rb.num_rows
            n_errors += len(errs)
            if in_part >= part_pages:
                finish_part()
            elif buffered >= ROW_GROUP_BYTES:
                flush()
        if in_part:
            finish_part()
        if pending is not None:
            pending.result()
    finally:
        writer.shutdown(wait=True)
    names = [os.path.join(parts, f"part-{i:06d}") for i in range(k)]
    _join_parts([f"{b}.{fmt}" for b in names], args.output, fmt, archive.SCHEMA)
    _join_parts([f"{b}.errors.{fmt}" for b in names], err_out, fmt, archive.ERROR_SCHEMA)
    shutil.rmtree(parts)
    if args.stats:
        wall = time.monotonic() - t0
        print(f"huozi: stats: {wall:.2f} s wall, {stats['threads']} threads; "
              f"workers {stats['worker_cpu']:.2f} s CPU, {stats['worker_wait']:.2f} s waiting for pages; "
              f"reader {stats['reader_cpu']:.2f} s CPU, {stats['reader_wait']:.2f} s waiting for room; "
              f"main thread {stats['consumer_wait']:.2f} s waiting for pages; "
              f"process {_cpu_seconds():.2f} s CPU", file=sys.stderr)
    if not args.quiet:
        resumed = f" (resumed after {done * part_pages:,} pages)" if done else ""
        print(f"huozi: {pages:,} pages{resumed}, {articles:,} articles → {args.output}; "
              f"{n_errors:,} errors → {err_out}", file=sys.stderr)
    return 0


def page_limits(sp: argparse.ArgumentParser, fields: bool = False) -> Any:
    """The page limits that guard repair, as options of sp (parse, run and repair), and with fields the limit
    on the fields of one article (parse and run); the group, for more."""
    limit = sp.add_argument_group("limits (a page over one is an error naming it; 0: no limit)")
    limit.add_argument("--max-page-bytes", type=_limit, metavar="N", help=f"bytes of one page (default {huozi.DEFAULT_LIMITS['max_page_bytes']})")
    limit.add_argument("--max-line-bytes", type=_limit, metavar="N", help=f"bytes of one line (default {huozi.DEFAULT_LIMITS['max_line_bytes']})")
    limit.add_argument("--max-lines", type=_limit, metavar="N", help=f"lines of one page (default {huozi.DEFAULT_LIMITS['max_lines']})")
    if fields:
        limit.add_argument("--max-fields-per-article", type=_limit, metavar="N",
                           help=f"fields of one article (default {huozi.DEFAULT_LIMITS['max_fields_per_article']})")
    return limit


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="huozi",
        description="huozi (活字): Chinese newspaper page text to clean, structured articles.",
    )
    p.add_argument("--version", action="version", version=f"huozi {huozi.__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def decoding(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--encoding", help="force the input encoding (default: detect UTF-8/UTF-16/GB18030/Big5)")
        sp.add_argument("--errors", choices=("strict", "replace"), default="strict",
                        help="undecodable bytes: fail (strict, default) or replace with U+FFFD")

    def deinterleaving(sp: argparse.ArgumentParser) -> None:
        # Default "auto": pages that look interleaved get the full test.
        g = sp.add_mutually_exclusive_group()
        g.add_argument("--deinterleave", action="store_const", const=True, default="auto",
                       help="put columns read row by row (pdftotext without -raw) back into their columns first, "
                            "testing every page fully (default: only pages a cheap look finds interleaved)")
        g.add_argument("--no-deinterleave", dest="deinterleave", action="store_const", const=False,
                       help="never put columns read row by row back")

    sp = sub.add_parser("parse", help="parse page files into articles",
                        description="Parse page files into articles (output contract: see README).")
    sp.add_argument("files", nargs="+", metavar="FILE", help="page files; - reads standard input")
    sp.add_argument("--format", choices=("jsonl", "json", "text"), default="jsonl",
                    help="jsonl: one article per line (default); json: one page object per file; text: readable")
    sp.add_argument("--date", help="page date YYYY-MM-DD (default: from the file name, else inferred)")
    sp.add_argument("--sentences", action="store_true", help="include sentence spans (json/jsonl) or list sentences (text)")
    deinterleaving(sp)
    decoding(sp)
    page_limits(sp, fields=True)
    sp.set_defaults(func=cmd_parse)

    sp = sub.add_parser("repair", help="print the repaired text of a page",
                        description="Print the repaired text: one paragraph per line, blocks separated by blank lines.")
    sp.add_argument("file", metavar="FILE", help="a page file; - reads standard input")
    sp.add_argument("--explain", action="store_true", help="print every line with its measurements and the decision on the break after it")
    sp.add_argument("--fullwidth-ascii", action="store_true", help="map full-width ASCII (ＡＢＣ１２３) to ASCII")
    deinterleaving(sp)
    decoding(sp)
    page_limits(sp)
    sp.set_defaults(func=cmd_repair)

    sp = sub.add_parser("tokenize", help="split text into words, one input line per output line",
                        description="Print the words of each line of FILE, separated by spaces: ICU's dictionary "
                                    "word break, or with --words a dictionary segmenter over your word list.")
    sp.add_argument("file", metavar="FILE", help="a text file; - reads standard input")
    sp.add_argument("--words", metavar="PATH", help="word list, one word a line (UTF-8)")
    sp.add_argument("--threads", type=int, default=None, help="worker threads (default: all CPUs)")
    decoding(sp)
    sp.set_defaults(func=cmd_tokenize)

    sp = sub.add_parser("demo", help="parse the bundled sample page and show its articles",
                        description="Run the pipeline on the bundled sample page and print its articles.")
    sp.add_argument("--date", help="page date YYYY-MM-DD (default: inferred from the page)")
    sp.set_defaults(func=cmd_demo)

    sp = sub.add_parser("run", help="parse a whole archive into Parquet or JSON Lines (resumable)",
                        description="Parse an archive (directory, zip, tar[.gz|.zst], JSON Lines, glob) into one "
                                    "row per article, with an errors table beside the output.")
    sp.add_argument("inputs", nargs="+", metavar="ARCHIVE", help="directory, archive, .jsonl[.gz|.zst], page file or glob")
    sp.add_argument("-o", "--output", required=True, help="out.parquet or out.jsonl (errors: out.errors.parquet/.jsonl)")
    sp.add_argument("--threads", type=int, default=None, help="C++ worker threads (default: the machine's cores)")
    sp.add_argument("--errors", choices=("strict", "replace"), default="strict",
                    help="undecodable pages: error rows (strict, default) or bytes replaced by U+FFFD and counted")
    sp.add_argument("--resume", action="store_true", help="go on from the parts a killed run left (OUT.parts/)")
    sp.add_argument("--part-pages", type=int, default=2000, help="input pages per output part (default 2000)")
    sp.add_argument("--fullwidth-ascii", action="store_true", help="map full-width ASCII (ＡＢＣ１２３) to ASCII")
    deinterleaving(sp)
    sp.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    d = huozi.DEFAULT_ARCHIVE_LIMITS
    alim = sp.add_argument_group("archive limits (zip bombs; a member over one is an error row, an archive over "
                                 "one as a whole is not read further; 0: no limit)")
    alim.add_argument("--max-member-bytes", type=_limit, metavar="N",
                      help=f"uncompressed bytes of one member or JSON Lines record (default {d['max_member_bytes']})")
    alim.add_argument("--max-compression-ratio", type=_ratio, metavar="R",
                      help="uncompressed over compressed bytes of a member, and of a whole archive compressed as "
                           f"one stream (tar.gz, 7z, .jsonl.zst, …), checked past 1 MiB (default {d['max_compression_ratio']:g})")
    alim.add_argument("--max-total-bytes", type=_limit, metavar="N",
                      help=f"uncompressed bytes of one archive or compressed JSON Lines file (default {d['max_total_bytes']})")
    page_limits(sp, fields=True)
    sp.add_argument("--stats", action="store_true",
                    help="print where the time went (worker and reader CPU, waits) at the end")
    sp.set_defaults(func=cmd_run)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        if getattr(args, "date", None):
            _check_date(args.date)
        return int(args.func(args))
    except UserError as e:
        print(f"huozi: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except huozi.Error as e:
        print(f"huozi: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        return 130
