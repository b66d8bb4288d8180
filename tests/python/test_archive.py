"""Archive runs: the same small archive as a directory tree, zip, tar.gz and
JSON Lines (plain and gzip) with mixed UTF-8 and GB18030 members and planted
bad members; metadata from paths; order whatever the thread count; the CLI,
including a run killed with SIGKILL and resumed."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import huozi
from huozi import _core
from huozi.archive import ERROR_SCHEMA, SCHEMA, record_of
from huozi.bench.generate import generate_pages

N_PAGES = 36
BAD = {
    "jnrb/2020/07/25/page9.txt": (b"\x00\x01\x02 binary junk", "binary_input"),
    "jnrb/2020/07/25/page10.txt": (b"\x80\x80\x80\xff\xff\xfe abc " * 5, "invalid_utf8"),
}


def _members() -> list[tuple[str, bytes]]:
    """(member name, bytes) in sorted order: every third page GB18030."""
    out = []
    for i, g in enumerate(generate_pages(N_PAGES, seed=7)):
        text = g["text"]
        day = 24 if i < N_PAGES // 2 else 26
        name = f"jnrb/2020/07/{day}/page{i % 18 + 1}.txt"
        data = text.encode("gb18030") if i % 3 == 1 and not text.startswith("\ufeff") else text.encode("utf-8")
        out.append((name, data))
    for name, (data, _kind) in BAD.items():
        out.append((name, data))
    return sorted(out)


@pytest.fixture(scope="module")
def arc(tmp_path_factory):
    root = tmp_path_factory.mktemp("arc")
    members = _members()
    tree = root / "tree"
    for name, data in members:
        p = tree / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    (tree / "README.md").write_text("not a page")
    with zipfile.ZipFile(root / "pages.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    with tarfile.open(root / "pages.tar.gz", "w:gz") as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            import io

            t.addfile(info, io.BytesIO(data))
    # JSON Lines: the decoded text of each good member, metadata as fields.
    lines = []
    for name, data in members:
        if name in BAD:
            continue
        text, _enc, _n = huozi.decode(data)
        meta = _core.meta_from_path(name)
        lines.append(json.dumps({"text": text, "date": meta["date"], "page": int(meta["page"]),
                                 "paper": meta["paper"], "source": name}, ensure_ascii=False))
    body = ("\n".join(lines) + "\n").encode("utf-8")
    (root / "pages.jsonl").write_bytes(body)
    (root / "pages.jsonl.gz").write_bytes(gzip.compress(body))
    # A zip with a member that climbs out of the archive.
    with zipfile.ZipFile(root / "evil.zip", "w") as z:
        z.writestr("ok/2020-07-24/03.txt", members[0][1])
        z.writestr(zipfile.ZipInfo("../../etc/evil.txt"), members[0][1])
        z.writestr(zipfile.ZipInfo("/abs/evil.txt"), members[0][1])
    return root


def _strip(table, drop=("source",)):
    return table.drop_columns(list(drop))


def test_directory_zip_tar_gz_give_the_same_rows_and_errors(arc):
    tables, errors = {}, {}
    for name in ("tree", "pages.zip", "pages.tar.gz"):
        errs: list = []
        tables[name] = huozi.read_archive(str(arc / name), threads=2, progress=False, errors_out=errs)
        errors[name] = errs
        assert tables[name].schema == SCHEMA
    t = tables["tree"]
    assert t.num_rows > N_PAGES  # several articles a page
    for name in ("pages.zip", "pages.tar.gz"):
        assert _strip(tables[name]).equals(_strip(t)), name
        assert [s.split(":", 1)[1] for s in tables[name]["source"].to_pylist()] == \
            [os.path.relpath(s, arc / "tree") for s in t["source"].to_pylist()]
    # The planted bad members are error rows with their kinds; the rest went through.
    for name, errs in errors.items():
        got = {e["source"].replace(str(arc / "tree") + "/", "").split(":", 1)[-1]: e["kind"] for e in errs}
        assert got == {k: kind for k, (_d, kind) in BAD.items()}, name
        assert all(isinstance(e["offset"], int) for e in errs)
    pages_with_rows = {s for s in t["source"].to_pylist()}
    assert len(pages_with_rows) == N_PAGES
    assert set(t["encoding"].to_pylist()) >= {"utf-8", "gb18030"}


def test_jsonl_plain_and_gzip_match_the_directory(arc):
    t = huozi.read_archive(str(arc / "tree"), progress=False)
    for name in ("pages.jsonl", "pages.jsonl.gz"):
        j = huozi.read_archive(str(arc / name), progress=False)
        assert _strip(j, ("source", "encoding")).equals(_strip(t, ("source", "encoding"))), name
        assert j["source"].to_pylist()[0].startswith("jnrb/2020/07/24/")


def test_metadata_from_paths(arc):
    t = huozi.read_archive(str(arc / "pages.zip"), progress=False)
    row = t.slice(0, 1).to_pylist()[0]
    assert row["paper"] == "jnrb"
    assert row["date"] == "2020-07-24"
    assert row["page"] == "1"
    assert set(t["date"].to_pylist()) == {"2020-07-24", "2020-07-26"}
    assert _core.meta_from_path("2020-07-24/03.txt") == {"date": "2020-07-24", "page": "03", "paper": None}
    assert _core.meta_from_path("20200724_A03.txt") == {"date": "2020-07-24", "page": "A03", "paper": None}
    assert _core.meta_from_path("jnrb/2020/07/24/page3.txt") == {"date": "2020-07-24", "page": "3", "paper": "jnrb"}


def test_unsafe_member_names_are_reported_not_processed(arc):
    errs: list = []
    t = huozi.read_archive(str(arc / "evil.zip"), progress=False, errors_out=errs)
    assert set(t["source"].to_pylist()) == {f"{arc / 'evil.zip'}:ok/2020-07-24/03.txt"}
    assert t["page"].to_pylist()[0] == "03"
    assert sorted(e["kind"] for e in errs) == ["unsafe_path", "unsafe_path"]
    assert any("../../etc/evil.txt" in e["source"] for e in errs)


def test_zip_with_data_before_the_first_member_is_read_with_the_seekable_reader(arc, tmp_path):
    # Zips are read member by member from their local headers (no central
    # directory in memory); one that does not start with a member (a
    # self-extracting archive) is read again through its central directory.
    sfx = tmp_path / "sfx.zip"
    sfx.write_bytes(b"MZ not a zip header " * 50)
    with zipfile.ZipFile(arc / "pages.zip") as src, zipfile.ZipFile(sfx, "a") as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info))
    errs: list = []
    t = huozi.read_archive(str(sfx), progress=False, errors_out=errs)
    base = huozi.read_archive(str(arc / "pages.zip"), progress=False)
    assert _strip(t).equals(_strip(base))
    assert len(errs) == len(BAD)
    assert _core.count_items([str(sfx)]) == _core.count_items([str(arc / "pages.zip")]) == N_PAGES + len(BAD)


def test_same_rows_whatever_the_thread_count(arc):
    base = huozi.read_archive(str(arc / "pages.zip"), threads=1, progress=False)
    for threads in (2, 4):
        assert huozi.read_archive(str(arc / "pages.zip"), threads=threads, progress=False).equals(base)
    # Streaming in small batches with few pages in flight gives the same rows.
    run = _core.ArchiveRun([str(arc / "pages.zip")], threads=3, batch_pages=5, max_in_flight=2)
    n = 0
    while (got := run.next_batch()) is not None:
        n += len(got[0]["source"])
    assert n == base.num_rows
    # The Arrow C Data Interface export equals the rows built from Python objects.
    run = _core.ArchiveRun([str(arc / "pages.zip")], threads=2)
    from huozi.archive import _batch

    slow = pa.Table.from_batches([_batch(got[0]) for got in iter(run.next_batch, None)], schema=SCHEMA)
    assert slow.equals(base)
    batches = list(huozi.iter_archive(str(arc / "pages.zip"), batch_pages=4, threads=2))
    assert len(batches) == (N_PAGES + len(BAD) + 3) // 4
    assert pa.Table.from_batches(batches).equals(base)


def test_errors_replace_counts_instead_of_failing(arc):
    errs: list = []
    t = huozi.read_archive(str(arc / "tree"), progress=False, errors="replace", errors_out=errs)
    assert [e["kind"] for e in errs] == ["binary_input"]  # NUL bytes are never text
    replaced = {s.rsplit("/", 1)[-1]: r for s, r in zip(t["source"].to_pylist(), t["replaced"].to_pylist()) if r}
    assert replaced and set(replaced) == {"page10.txt"}


def test_glob_list_and_record_of(arc):
    a = huozi.read_archive(str(arc / "tree" / "jnrb" / "2020" / "07" / "2[46]" / "*.txt"), progress=False)
    b = huozi.read_archive([str(arc / "pages.jsonl")], progress=False)
    assert a.num_rows == b.num_rows
    rec = record_of(a.slice(0, 1).to_pylist()[0])
    assert set(rec) >= {"source", "date", "index", "kicker", "title", "subtitle", "authors", "blocks", "fields",
                        "start", "end"}
    with pytest.raises(FileNotFoundError):
        huozi.read_archive(str(arc / "missing.zip"), progress=False)
    with pytest.raises(FileNotFoundError):
        huozi.read_archive(str(arc / "nothing-*.zip"), progress=False)
    # The C data interface stream: a RecordBatchReader.
    r = huozi.open_archive(str(arc / "pages.zip"))
    assert hasattr(r, "__arrow_c_stream__")
    assert r.read_all().num_rows == huozi.read_archive(str(arc / "pages.zip"), progress=False).num_rows


def test_real_gb2312_file(tmp_path):
    corpus = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "pku-2001-01" / "pku_test.gb2312.txt"
    if not corpus.exists():
        corpus = Path("/work/shared/corpora/pku-2001-01/pku_test.gb2312.txt")
    if not corpus.exists():
        pytest.skip("the PKU corpus is not in ../shared")
    data = corpus.read_bytes()[:200_000]
    data = data[: data.rfind(b"\n") + 1]
    p = tmp_path / "20010105_04.txt"
    p.write_bytes(data)
    errs: list = []
    t = huozi.read_archive(str(p), progress=False, errors_out=errs)
    assert not errs
    assert set(t["encoding"].to_pylist()) == {"gb18030"}
    assert set(t["date"].to_pylist()) == {"2001-01-05"}
    assert t.num_rows > 0


# ---- the CLI ---------------------------------------------------------------------

def _huozi(*args, **kw):
    return subprocess.run([sys.executable, "-m", "huozi", *args], capture_output=True, text=True, **kw)


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_cli_run_writes_rows_and_errors(arc, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    r = _huozi("run", str(arc / "pages.zip"), "-o", str(out), "--part-pages", "7", "--threads", "2")
    assert r.returncode == 0, r.stderr
    assert "articles" in r.stderr
    assert not (tmp_path / f"out.{fmt}.parts").exists()
    expect = huozi.read_archive(str(arc / "pages.zip"), progress=False)
    if fmt == "parquet":
        assert pq.read_table(out).equals(expect)
        errs = pq.read_table(tmp_path / "out.errors.parquet")
        assert errs.schema == ERROR_SCHEMA
        assert sorted(errs["kind"].to_pylist()) == sorted(k for _d, k in BAD.values())
    else:
        rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert rows == [json.loads(json.dumps(record_of(x), ensure_ascii=False)) for x in expect.to_pylist()]
        errs = [json.loads(x) for x in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
        assert len(errs) == len(BAD)


def test_parquet_parts_are_joined_without_decoding(tmp_path):
    from huozi import _pqjoin

    t = pa.table({"a": pa.array(range(10_000), pa.int64()), "s": [f"文字{i % 97}" for i in range(10_000)],
                  "l": [[{"x": i, "y": None}] * (i % 3) for i in range(10_000)]})
    paths = []
    for k, (lo, hi, rg) in enumerate([(0, 3000, 3000), (3000, 3000, 1), (3000, 7000, 1500), (7000, 10_000, 10_000)]):
        p = tmp_path / f"p{k}.parquet"
        pq.write_table(t.slice(lo, hi - lo), p, row_group_size=rg, compression="zstd")
        paths.append(str(p))
    out = tmp_path / "joined.parquet"
    assert _pqjoin.concat(paths, str(out))
    f = pq.ParquetFile(out)
    assert f.metadata.num_rows == 10_000
    assert pq.read_table(out).equals(t)
    # The empty part is one empty row group.
    assert [f.metadata.row_group(i).num_rows for i in range(f.num_row_groups)] == [3000, 0, 1500, 1500, 1000, 3000]
    assert f.read_row_group(4).equals(t.slice(6000, 1000))
    # A footer decoded and encoded again is the same bytes.
    raw = Path(paths[0]).read_bytes()
    n = int.from_bytes(raw[-8:-4], "little")
    w = _pqjoin._Writer()
    w.struct(_pqjoin.read_footer(paths[0]))
    assert bytes(w.out) == raw[-8 - n:-8]
    # Files with a page index (absolute page offsets inside the data) or other
    # schemas are not joined this way: concat says so and writes nothing.
    pq.write_table(t, tmp_path / "indexed.parquet", write_page_index=True)
    assert not _pqjoin.concat([paths[0], str(tmp_path / "indexed.parquet")], str(tmp_path / "no.parquet"))
    assert not (tmp_path / "no.parquet").exists()
    pq.write_table(t.drop_columns(["l"]), tmp_path / "other.parquet")
    assert not _pqjoin.concat([paths[0], str(tmp_path / "other.parquet")], str(tmp_path / "no.parquet"))
    assert not _pqjoin.concat([], str(tmp_path / "no.parquet"))


def test_cli_run_stats(arc, tmp_path):
    r = _huozi("run", str(arc / "pages.zip"), "-o", str(tmp_path / "o.parquet"), "--quiet", "--stats",
               "--threads", "2")
    assert r.returncode == 0, r.stderr
    assert "workers" in r.stderr and "2 threads" in r.stderr


def test_cli_run_quiet_when_asked_and_bad_output_name(arc, tmp_path):
    r = _huozi("run", str(arc / "pages.zip"), "-o", str(tmp_path / "o.parquet"), "--quiet")
    assert r.returncode == 0 and r.stderr == ""
    r = _huozi("run", str(arc / "pages.zip"), "-o", str(tmp_path / "o.csv"))
    assert r.returncode == 2 and "parquet" in r.stderr


def test_cli_kill_with_sigkill_and_resume_gives_the_same_rows(arc, tmp_path):
    # A bigger input: the generated pages copied many times, so that the run
    # takes long enough to be killed in the middle.
    big = tmp_path / "big"
    members = [(n, d) for n, d in _members()]
    for k in range(20):
        for name, data in members:
            p = big / f"c{k:02d}" / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
    full = tmp_path / "full.parquet"
    r = _huozi("run", str(big), "-o", str(full), "--part-pages", "20", "--threads", "2", "--quiet")
    assert r.returncode == 0, r.stderr

    out = tmp_path / "killed.parquet"
    parts = tmp_path / "killed.parquet.parts"
    proc = subprocess.Popen([sys.executable, "-m", "huozi", "run", str(big), "-o", str(out), "--part-pages", "20",
                             "--threads", "1", "--quiet"])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if parts.exists() and len([p for p in os.listdir(parts) if p.endswith(".errors.parquet")]) >= 3:
            break
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists(), "the run finished before it could be killed"
    done_before = [p for p in os.listdir(parts) if p.endswith(".parquet") and ".errors." not in p]
    assert 0 < len(done_before) < 38

    r = _huozi("run", str(big), "-o", str(out), "--part-pages", "999", "--threads", "2", "--resume")
    assert r.returncode == 0, r.stderr
    assert "resumed after" in r.stderr
    assert not parts.exists()
    a, b = pq.read_table(full), pq.read_table(out)
    assert a.num_rows == b.num_rows
    assert a.equals(b)  # row for row, every column
    assert a["source"].to_pylist() == b["source"].to_pylist()
    assert pq.read_table(tmp_path / "full.errors.parquet").equals(pq.read_table(tmp_path / "killed.errors.parquet"))
    # A second --resume on a finished output does nothing.
    r = _huozi("run", str(big), "-o", str(out), "--resume")
    assert r.returncode == 0 and "complete" in r.stderr


def test_zstd_tar_and_jsonl(arc, tmp_path):
    import shutil

    zstd = shutil.which("zstd")
    if zstd is None:
        pytest.skip("no zstd command to make the inputs")
    with tarfile.open(tmp_path / "pages.tar", "w") as t:
        t.add(arc / "tree" / "jnrb", arcname="jnrb")
    subprocess.run([zstd, "-q", str(tmp_path / "pages.tar"), "-o", str(tmp_path / "pages.tar.zst")], check=True)
    subprocess.run([zstd, "-q", str(arc / "pages.jsonl"), "-o", str(tmp_path / "pages.jsonl.zst")], check=True)
    errs: list = []
    a = huozi.read_archive(str(tmp_path / "pages.tar.zst"), progress=False, errors_out=errs)
    t = huozi.read_archive(str(arc / "tree"), progress=False)
    key = lambda tb: sorted(zip([s.split("jnrb/", 1)[1] for s in tb["source"].to_pylist()], tb["index"].to_pylist(),
                                tb["title"].to_pylist(), tb["encoding"].to_pylist()))
    assert key(a) == key(t)  # tar keeps its own member order
    assert len(errs) == len(BAD)
    j = huozi.read_archive(str(tmp_path / "pages.jsonl.zst"), progress=False)
    assert j.equals(huozi.read_archive(str(arc / "pages.jsonl"), progress=False))


def test_parquet_output_reads_in_pandas_and_polars(arc, tmp_path):
    out = tmp_path / "o.parquet"
    assert _huozi("run", str(arc / "pages.zip"), "-o", str(out), "--quiet").returncode == 0
    n = huozi.read_archive(str(arc / "pages.zip"), progress=False).num_rows
    pd = pytest.importorskip("pandas")
    df = pd.read_parquet(out)
    assert len(df) == n and list(df.columns) == SCHEMA.names
    pl = pytest.importorskip("polars")
    pdf = pl.read_parquet(out)
    assert pdf.height == n
    assert pdf["authors"].dtype == pl.List(pl.Struct({"role": pl.String, "name": pl.String}))


def test_dask_on_a_two_process_local_cluster_equals_the_local_run(arc):
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    import huozi.dask

    paths = [str(arc / "pages.zip"), str(arc / "tree"), str(arc / "pages.jsonl.gz")]
    local_errs: list = []
    local = huozi.read_archive(paths, progress=False, errors_out=local_errs)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster, distributed.Client(cluster) as client:
        ddf = huozi.dask.read_archive(paths, pages_per_partition=7)
        assert ddf.npartitions > 6
        df = client.compute(ddf).result()
        errs = client.compute(huozi.dask.read_errors(paths, pages_per_partition=7)).result()
        assert len(client.scheduler_info()["workers"]) == 2
    got = pa.Table.from_pandas(df.reset_index(drop=True), schema=SCHEMA, preserve_index=False)
    assert got.equals(local)
    assert errs.reset_index(drop=True).to_dict("records") == local_errs


def test_partitions_cover_the_archive_in_order(arc):
    from huozi.archive import PARTITION_SCHEMA, parse_partitions, partitions

    paths = [str(arc / "pages.zip"), str(arc / "pages.jsonl.gz")]
    parts = partitions(paths, pages_per_partition=10)
    assert parts.schema == PARTITION_SCHEMA
    assert parts["pages"].to_pylist() == [10, 10, 10, 8, 10, 10, 10, 6]
    errs: list = []
    local = huozi.read_archive(paths, progress=False, errors_out=errs)
    assert parse_partitions(parts).equals(local)
    assert parse_partitions(parts.to_batches(max_chunksize=3)[1]).equals(parse_partitions(parts.slice(3, 3)))
    assert parse_partitions(parts, output="errors").to_pylist() == errs
    assert parse_partitions({"path": [], "first": [], "pages": []}).num_rows == 0


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray's own DataContext fields
def test_ray_data_map_batches_equals_the_local_run(arc):
    """The README's Ray recipe (skipped when Ray is not installed: pip install huozi[ray])."""
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    from huozi.archive import parse_partitions, partitions

    paths = [str(arc / "pages.zip"), str(arc / "tree"), str(arc / "pages.jsonl.gz")]
    local_errs: list = []
    local = huozi.read_archive(paths, progress=False, errors_out=local_errs)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.execution_options.preserve_order = True  # rows in input order, as the local run
        ds = ray.data.from_arrow(partitions(paths, pages_per_partition=7))
        assert ds.count() > 6
        articles = ds.map_batches(parse_partitions, batch_format="pyarrow", batch_size=1)
        errors = ds.map_batches(parse_partitions, fn_kwargs={"output": "errors"}, batch_format="pyarrow",
                                batch_size=1)
        got = pa.concat_tables(ray.get(articles.to_arrow_refs()))
        errs = pa.concat_tables(ray.get(errors.to_arrow_refs()))
    finally:
        ray.shutdown()
    assert got.cast(SCHEMA).equals(local)
    assert errs.to_pylist() == local_errs


def test_gb_pages_with_a_few_gbk_characters_and_big5_pages_decode_right():
    # GB2312 text with a few GBK characters (镕, 堺) and four-byte GB18030 ones
    # (U+200B, U+00AD) is read as GB18030 without the charset detector, which
    # took ~40 ms on such a page (a third of an archive run's time went there).
    sample = Path(huozi.sample_path()).read_text(encoding="utf-8")
    text = sample[:3000] + "\n朱镕基在堺市。\u200b软\xad连字符\n"
    data = text.encode("gb18030")
    assert huozi.decode(data)[:2] == (text, "gb18030")
    # Big5 text still goes to the detector and comes out as Big5.
    trad = "臺灣的報紙每天出版，記者採訪新聞。政府宣布新的經濟政策，市場反應熱烈。\n" * 8
    assert huozi.decode(trad.encode("big5"))[:2] == (trad, "big5")
    # Many GBK characters (over one pair in a hundred): the detector decides, still GB18030.
    gbk = "镕堺" * 50 + "中文报道。" * 40
    assert huozi.decode(gbk.encode("gb18030"))[:2] == (gbk, "gb18030")


def _row_by_row_pages() -> list[str]:
    # The repair cases read with deinterleave: pdftotext's default mode reads
    # columns row by row; the option puts them back.
    cases = [json.loads(line) for line in
             (Path(__file__).resolve().parents[1] / "data" / "repair" / "cases.jsonl").read_text("utf-8").splitlines()]
    return [c["text"] for c in cases if c.get("options", {}).get("deinterleave")]


def test_repair_options_reach_every_batch_path(tmp_path):
    pages = _row_by_row_pages()
    assert pages
    want = [huozi.parse(t, deinterleave=True).to_dict() for t in pages]
    assert want != [huozi.parse(t).to_dict() for t in pages]  # the option changes these pages
    assert [p.to_dict() for p in huozi.parse_many(pages, deinterleave=True, threads=2)] == want
    texts = [[b["text"] for a in w["articles"] for b in a["blocks"]] for w in want]
    flat = [t for page in texts for t in page]

    def block_texts(table):
        return [b["text"] for blocks in table.column("blocks").to_pylist() for b in blocks]

    assert block_texts(huozi.parse_many(pages, deinterleave=True, output="arrow")) == flat
    z = tmp_path / "pages.zip"
    with zipfile.ZipFile(z, "w") as f:
        for i, p in enumerate(pages):
            f.writestr(f"p{i:03d}.txt", p)
    assert block_texts(huozi.read_archive(str(z), deinterleave=True, progress=False, threads=2)) == flat
    assert block_texts(huozi.read_archive(str(z), progress=False)) != flat
    from huozi.archive import parse_partitions, partitions

    assert block_texts(parse_partitions(partitions(str(z), pages_per_partition=1), deinterleave=True)) == flat
    out = tmp_path / "o.parquet"
    r = _huozi("run", str(z), "-o", str(out), "--deinterleave", "--quiet")
    assert r.returncode == 0, r.stderr
    assert block_texts(pq.read_table(out)) == flat
    # A resumed run must keep the options its parts were made with.
    (tmp_path / "o2.parquet.parts").mkdir()
    (tmp_path / "o2.parquet.parts" / "run.json").write_text(json.dumps({
        "inputs": [os.path.abspath(z)], "errors": "strict", "part_pages": 256, "format": "parquet",
        "limits": {"max_member_bytes": None, "max_compression_ratio": None, "max_total_bytes": None},
        "repair": {"fullwidth_ascii": False, "deinterleave": False}}))
    r = _huozi("run", str(z), "-o", str(tmp_path / "o2.parquet"), "--deinterleave", "--resume", "--quiet")
    assert r.returncode != 0 and "other inputs or options" in r.stderr
    # Page.explain() repeats the options the page was parsed with.
    page = huozi.parse(pages[0], deinterleave=True)
    assert page.explain().decisions == huozi.repair_details(pages[0], deinterleave=True)["decisions"]


def test_page_limits_reach_every_batch_path(tmp_path):
    """An archive run takes the page limits of huozi.parse: a page over one is an
    error row naming the limit (as parse's LimitError names it), the others parse."""
    ok = "市公安局要求，深化\n思想认识。\n"
    long_page = "".join(f"第{i}行文字。\n" for i in range(6))  # 6 lines
    wide_page = "市公安局" * 20 + "。\n"                         # one 243-byte line
    z = tmp_path / "pages.zip"
    with zipfile.ZipFile(z, "w") as f:
        for name, text in (("a.txt", ok), ("b.txt", long_page), ("c.txt", wide_page)):
            f.writestr(name, text)
    with pytest.raises(huozi.LimitError) as lines_err:
        huozi.parse(long_page, max_lines=3)
    with pytest.raises(huozi.LimitError) as bytes_err:
        huozi.parse(wide_page, max_line_bytes=100)

    def check(table, errs):
        assert sorted(set(table.column("source").to_pylist())) == [f"{z}:a.txt"]
        got = {e["source"]: (e["kind"], e["message"], e["offset"]) for e in errs}
        assert got == {f"{z}:b.txt": ("limit_exceeded", lines_err.value.reason, lines_err.value.offset),
                       f"{z}:c.txt": ("limit_exceeded", bytes_err.value.reason, bytes_err.value.offset)}
        assert "max_lines" in got[f"{z}:b.txt"][1] and "max_line_bytes" in got[f"{z}:c.txt"][1]

    errs: list = []
    assert huozi.read_archive(str(z), progress=False, errors_out=errs).num_rows > 0 and errs == []
    errs = []
    check(huozi.read_archive(str(z), progress=False, errors_out=errs, max_lines=3, max_line_bytes=100), errs)
    errs = []
    check(pa.Table.from_batches(list(huozi.iter_archive(str(z), errors_out=errs, max_lines=3, max_line_bytes=100)),
                                schema=SCHEMA), errs)
    from huozi.archive import page_limits, parse_partitions, partitions, read_partition

    limits = page_limits(max_lines=3, max_line_bytes=100)
    assert limits == {"max_lines": 3, "max_line_bytes": 100}
    table, err_table = read_partition(str(z), 0, 3, limits=limits)
    check(table, err_table.to_pylist())
    assert parse_partitions(partitions(str(z), limits=limits), limits=limits).num_rows == table.num_rows
    with pytest.raises(TypeError, match="not a page limit"):
        page_limits(max_member_bytes=1)
    # 0 is no limit, as in huozi.parse; a negative one is refused with parse's error.
    errs = []
    huozi.read_archive(str(z), progress=False, errors_out=errs, max_lines=0, max_line_bytes=0)
    assert errs == []
    errs = []  # (max_page_bytes 0 too: not a limit every page is over)
    assert huozi.read_archive(str(z), progress=False, errors_out=errs, max_page_bytes=0).num_rows > 0
    assert errs == []
    with pytest.raises(huozi.LimitError) as page_err:
        huozi.parse(ok.encode(), max_page_bytes=10)
    errs = []
    huozi.read_archive(str(z), progress=False, errors_out=errs, max_page_bytes=10)
    assert (errs[0]["kind"], errs[0]["message"], errs[0]["offset"]) == (
        "limit_exceeded", page_err.value.reason, page_err.value.offset)
    with pytest.raises(TypeError, match="max_lines must be an int"):  # as parse: a TypeError, not a cast error
        huozi.read_archive(str(z), progress=False, max_lines=3.0)
    with pytest.raises(huozi.InvalidArgumentError, match="max_lines must be >= 0"):
        huozi.read_archive(str(z), progress=False, max_lines=-1)
    out = tmp_path / "o.jsonl"
    r = _huozi("run", str(z), "-o", str(out), "--max-lines", "3", "--max-line-bytes", "100", "--quiet")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in (tmp_path / "o.errors.jsonl").read_text().splitlines()]
    check(pa.table({"source": [json.loads(x)["source"] for x in out.read_text().splitlines()]}), rows)
    # Dask takes the page limits in its limits dict, as read_partition does (local scheduler).
    if _has("dask.dataframe"):
        import huozi.dask as hdask

        df = hdask.read_archive(str(z), pages_per_partition=1, limits=limits).compute(scheduler="sync")
        assert sorted(set(df["source"])) == [f"{z}:a.txt"]
        derrs = hdask.read_errors(str(z), pages_per_partition=1, limits=limits).compute(scheduler="sync")
        check(pa.table({"source": list(df["source"])}), derrs.to_dict("records"))


def _has(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def test_cli_resume_keeps_the_page_limits_its_parts_were_made_with(tmp_path, monkeypatch):
    """--resume goes on only with the page limits the parts were written with:
    the manifest records them (only those given), and a resumed run that
    names the same ones finishes with the rows of an unbroken run."""
    z = tmp_path / "pages.zip"
    with zipfile.ZipFile(z, "w") as f:
        for i in range(5):
            f.writestr(f"p{i}.txt", "".join(f"第{i}篇第{k}行文字。\n" for k in range(2 + i)))
    whole = tmp_path / "whole.jsonl"
    r = _huozi("run", str(z), "-o", str(whole), "--max-lines", "4", "--quiet")
    assert r.returncode == 0, r.stderr
    whole_errs = (tmp_path / "whole.errors.jsonl").read_text().splitlines()
    assert len(whole_errs) == 2 and all("max_lines" in json.loads(e)["message"] for e in whole_errs)
    # A run killed after its first part: a real run whose parts are kept (its
    # clean-up stubbed out), then cut back to its manifest and first part.
    out = tmp_path / "o.jsonl"
    parts = tmp_path / "o.jsonl.parts"
    import shutil

    from huozi import cli

    monkeypatch.setattr(shutil, "rmtree", lambda path: None)
    assert cli.main(["run", str(z), "-o", str(out), "--max-lines", "4", "--part-pages", "1", "--quiet"]) == 0
    monkeypatch.undo()
    manifest = json.loads((parts / "run.json").read_text())
    assert manifest["limits"]["max_lines"] == 4 and "max_line_bytes" not in manifest["limits"]
    for f in parts.iterdir():
        if f.name.startswith("part-") and not f.name.startswith("part-000000."):
            f.unlink()
    out.unlink()
    # Other page limits, or none, than the parts were made with: refused.
    for extra in ([], ["--max-lines", "5"], ["--max-lines", "4", "--max-line-bytes", "1000"]):
        r = _huozi("run", str(z), "-o", str(out), "--part-pages", "1", "--resume", "--quiet", *extra)
        assert r.returncode != 0 and "other inputs or options" in r.stderr, extra
    r = _huozi("run", str(z), "-o", str(out), "--max-lines", "4", "--part-pages", "1", "--resume")
    assert r.returncode == 0, r.stderr
    assert "resumed after 1 pages" in r.stderr
    assert out.read_text().splitlines() == whole.read_text().splitlines()
