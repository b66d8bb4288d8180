"""The benchmark harness behind `make bench`: every contender in one process,
one sitting, interleaved, on the same generated pages.

    .venv/bin/python bench/harness.py                    # what `make bench` runs
    .venv/bin/python bench/harness.py --compare HEAD~3   # ... then the change against that commit's run
    .venv/bin/python bench/harness.py --compare abc123 --no-run   # only compare the last recorded run
    .venv/bin/python bench/harness.py --quick --out-dir /tmp/b    # seconds: a smoke test of the whole report

What it measures (medians of --repetitions >= 5 interleaved repetitions;
ratios are taken pair by pair within a repetition, then the median):

1. The C++ stages (build/cpp/huozi_bench, Google Benchmark, JSON output,
   random interleaving of repetitions) over the generated archive's pages in
   memory: memchr newline scan and UTF-8 decode loop (the hardware-limit
   side), repair, segmentation, extraction, full pipeline, tokenization; each
   as MB/s and as a fraction of the UTF-8 decode loop.
2. End-to-end archive runs in a subprocess each: `huozi run DIR -o
   out.parquet` and `huozi.read_archive(DIR)` at 1 and 2 threads: MB/s,
   pages/s, and peak RSS of the child (os.wait4's rusage).
3. Line repair from Python on the same pages: huozi.repair, huozi.parse (the
   full pipeline, one thread), the pure-Python baseline
   (bench/baseline_repair.py) and opencc-pyo3's reflow_cjk_paragraphs.
4. Field extraction against JioNLP on the labeled set, on the types JioNLP
   covers (bench/fields_vs_jionlp.py): F1 and speed.
5. Word tokenization against jieba, rjieba and pkuseg on the PKU test set
   (bench/tokenize_vs_peers.py): F1 and speed.

Writes into --out-dir (bench/results): ``<date>-<host>.json`` (everything),
``<date>-<host>.md`` and ``latest.md`` (the tables with each bar and PASS or
MISS), ``latest.png`` (the run) and ``trend.png`` (each stage across the
recorded commits), and appends the run's figures with commit, date and
machine to ``history.jsonl``. A peer that is not installed is reported as
unavailable, never as a pass.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import huozi  # noqa: E402

import baseline_repair  # noqa: E402

SCHEMA_VERSION = 1
DEFAULT_SIZE = "64MB"

# The Google Benchmark programs (names are stable, see bench/bench_pages.hpp),
# in the order of the tables, with what each measures.
CPP_STAGES: List[Tuple[str, str]] = [
    ("BM_MemchrNewlines", "memchr newline scan"),
    ("BM_Utf8Decode", "UTF-8 decode loop"),
    ("BM_Repair", "line repair"),
    ("BM_Segment", "segmentation (on repaired pages)"),
    ("BM_RepairSegment", "repair + segmentation"),
    ("BM_Extract", "field extraction (over repaired units)"),
    ("BM_Pipeline", "full pipeline (decode, repair, segmentation, extraction)"),
    ("BM_TokenizeUnits", "tokenization, ICU mode (over repaired units)"),
]
CPP_PKU = [("BM_TokenizeIcu", "tokenization, ICU mode (PKU test text)"),
           ("BM_TokenizeDict", "tokenization, dictionary mode (PKU test text)")]
DECODE = "BM_Utf8Decode"

# The bars of the benchmarks issue: (key, text, threshold).
BARS: List[Tuple[str, str, float]] = [
    ("repair_vs_baseline", "huozi.repair >= 20x the pure-Python repair baseline", 20.0),
    ("pipeline_vs_baseline", "full pipeline (huozi.parse, one thread, no tokenization) >= 8x the pure-Python "
     "repair baseline", 8.0),
    ("pipeline_vs_decode", "full pipeline (C++ BM_Pipeline) >= 15 % of the UTF-8 decode loop", 0.15),
    ("archive_vs_cpp", "Python-level archive run (`huozi run`, 1 thread) within 20 % of the C++ pipeline "
     "throughput on the same pages", 0.80),
    ("fields_vs_jionlp", "field extraction >= 100x JioNLP (the six types it covers)", 100.0),
    ("tokenize_vs_rjieba", "huozi.tokenize >= rjieba speed", 1.0),
]


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


# --------------------------------------------------------------------------
# the machine and the commit
# --------------------------------------------------------------------------


def _run_text(cmd: Sequence[str], cwd: Optional[Path] = None) -> str:
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def git_info() -> Dict[str, Any]:
    sha = _run_text(["git", "rev-parse", "HEAD"], ROOT)
    dirty = bool(_run_text(["git", "status", "--porcelain", "--untracked-files=no"], ROOT))
    subject = _run_text(["git", "log", "-1", "--format=%s"], ROOT)
    return {"commit": sha or None, "dirty": dirty, "subject": subject}


def compiler_of(build_dir: Path) -> str:
    cache = build_dir / "CMakeCache.txt"
    cxx = "c++"
    if cache.is_file():
        m = re.search(r"^CMAKE_CXX_COMPILER:\w+=(.+)$", cache.read_text(errors="replace"), re.M)
        if m:
            cxx = m.group(1).strip()
    first = _run_text([cxx, "--version"]).splitlines()
    return first[0] if first else cxx


def machine_info(build_dir: Path) -> Dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    os_name = platform.platform()
    try:
        m = re.search(r'^PRETTY_NAME="?([^"\n]*)', Path("/etc/os-release").read_text(), re.M)
        if m:
            os_name = f"{m.group(1)} (Linux {platform.release()})"
    except OSError:
        pass
    mem = None
    try:
        m = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        mem = round(int(m.group(1)) / 1024 / 1024, 1) if m else None
    except OSError:
        pass
    return {
        "host": socket.gethostname(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem,
        "os": os_name,
        "arch": platform.machine(),
        "compiler": compiler_of(build_dir),
        "python": platform.python_version(),
        "huozi": huozi.__version__,
    }


# --------------------------------------------------------------------------
# the archive
# --------------------------------------------------------------------------


def ensure_archive(cache: Path, size: Optional[str], pages: Optional[int], seed: int) -> Path:
    """A generated archive (directory of .txt pages + gold.jsonl) under
    ``cache``, written once per (size or pages, seed, corpus) and reused."""
    from huozi.bench import generate

    corpus = generate._default_corpus_path()
    tag = f"{size or f'{pages}p'}-seed{seed}-{'pku' if corpus else 'sample'}"
    out = cache / tag
    done = out / "complete.json"
    if done.is_file():
        return out
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "huozi.bench.generate", "--out", str(out), "--seed", str(seed), "--quiet",
           "--no-gold-text"]  # the gold without a second copy of the text (the pages are beside it)
    cmd += ["--size", size] if size else ["--pages", str(pages)]
    log(f"generating the archive: {' '.join(cmd[1:])}")
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    done.write_text(json.dumps({"size": size, "pages": pages, "seed": seed, "corpus": str(corpus),
                                "seconds": round(time.perf_counter() - t0, 1)}) + "\n")
    return out


def load_pages(archive: Path) -> List[Tuple[str, bytes]]:
    """(relative name, bytes) of every page, in the order the C++ programs read them."""
    root = archive / "pages"
    files = sorted(str(p) for p in root.rglob("*.txt"))
    return [(os.path.relpath(f, root), Path(f).read_bytes()) for f in files]


# --------------------------------------------------------------------------
# 1. the C++ stages
# --------------------------------------------------------------------------


def run_cpp(binary: Path, archive: Path, repetitions: int, min_time: float, pku: Optional[Path],
            expect_bytes: int, out_json: Path) -> Dict[str, Any]:
    if not binary.is_file():
        return {"error": f"{binary} not built (make bench builds it)"}
    names = [n for n, _ in CPP_STAGES] + ([n for n, _ in CPP_PKU] if pku else [])
    env = dict(os.environ, HUOZI_BENCH_PAGES=str(archive / "pages"), HUOZI_BENCH_MAX_MB="100000")
    if pku:
        env["HUOZI_PKU_DIR"] = str(pku)
    cmd = [str(binary), f"--benchmark_filter=^({'|'.join(names)})$",
           f"--benchmark_repetitions={repetitions}", "--benchmark_enable_random_interleaving=true",
           f"--benchmark_min_time={min_time}", "--benchmark_format=json", f"--benchmark_out={out_json}",
           "--benchmark_out_format=json"]
    log(f"C++ stages: {binary.name}, {repetitions} repetitions, random interleaving")
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if p.returncode != 0 or not out_json.is_file():
        return {"error": f"{binary.name} exited {p.returncode}: {p.stderr.strip()[-500:]}"}
    data = json.loads(out_json.read_text())
    per: Dict[str, Dict[int, float]] = {}
    counters: Dict[str, Dict[str, float]] = {}
    for b in data.get("benchmarks", []):
        if b.get("run_type") != "iteration" or b.get("error_occurred"):
            continue
        name = b["run_name"] if "run_name" in b else b["name"]
        bps = b.get("bytes_per_second")
        if bps is None:
            continue
        per.setdefault(name, {})[int(b.get("repetition_index", 0))] = bps / 1e6
        counters[name] = {k: b[k] for k in ("pages", "bytes_per_pass") if k in b}
    stages: Dict[str, Any] = {}
    dec = per.get(DECODE, {})
    for name, label in CPP_STAGES + CPP_PKU:
        if name not in per:
            continue
        reps = per[name]
        row: Dict[str, Any] = {"label": label, "mb_s": median(list(reps.values())),
                               "runs_mb_s": [reps[k] for k in sorted(reps)], **counters.get(name, {})}
        pairs = [reps[k] / dec[k] for k in reps if k in dec]
        if pairs and name not in ("BM_MemchrNewlines",) and not name.startswith("BM_TokenizeIcu") \
                and not name.startswith("BM_TokenizeDict"):
            row["frac_decode"] = median(pairs)
        stages[name] = row
    ctx = data.get("context", {})
    same = all(int(stages[n].get("bytes_per_pass", expect_bytes)) == expect_bytes
               for n in ("BM_Utf8Decode", "BM_Repair", "BM_Pipeline") if n in stages)
    return {"stages": stages, "repetitions": repetitions, "min_time": min_time, "same_pages": same,
            "context": {k: ctx.get(k) for k in ("host_name", "num_cpus", "mhz_per_cpu", "cpu_scaling_enabled",
                                                  "library_build_type", "load_avg")}}


# --------------------------------------------------------------------------
# 2. archive runs in subprocesses
# --------------------------------------------------------------------------

_READ_ARCHIVE = (
    "import sys, time, json\n"
    "import huozi\n"
    "t0 = time.perf_counter()\n"
    "errs = []\n"
    "t = huozi.read_archive(sys.argv[1], threads=int(sys.argv[2]), progress=False, errors_out=errs)\n"
    "print(json.dumps({'seconds': time.perf_counter() - t0, 'rows': t.num_rows, 'errors': len(errs)}))\n"
)


def _child(cmd: Sequence[str]) -> Tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user + system, all threads), peak RSS in MB
    and stdout of one child process (os.wait4: this child's rusage alone)."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        assert p.stderr is not None
        err = p.stderr.read()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {err.decode(errors='replace')[-500:]}")
        out.seek(0)
        return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, out.read().decode()


def run_archive(archive: Path, threads: Sequence[int], repetitions: int, nbytes: int, npages: int,
                tmp: Path) -> Dict[str, Any]:
    pages_dir = str(archive / "pages")
    out = tmp / "run.parquet"
    contenders: List[Tuple[str, Callable[[], Tuple[float, float, float, str]]]] = []
    for t in threads:
        contenders.append((f"huozi run, {t} thread{'s' if t > 1 else ''}", lambda t=t: _child(
            [sys.executable, "-m", "huozi", "run", pages_dir, "-o", str(out), "--threads", str(t), "--quiet"])))
        contenders.append((f"read_archive, {t} thread{'s' if t > 1 else ''}", lambda t=t: _child(
            [sys.executable, "-c", _READ_ARCHIVE, pages_dir, str(t)])))
    keys = []
    for t in threads:
        keys += [f"run_t{t}", f"read_archive_t{t}"]
    rows: Dict[str, Dict[str, Any]] = {k: {"label": n, "threads": int(k.rsplit("t", 1)[1]), "wall": [], "cpu": [],
                                           "rss_mb": [], "in_call": []} for k, (n, _) in zip(keys, contenders)}
    log(f"archive runs: {len(contenders)} contenders x {repetitions} repetitions, {nbytes / 1e6:.1f} MB")
    for rep in range(repetitions):
        order = list(zip(keys, contenders))
        if rep % 2:
            order.reverse()  # alternate the order, so no contender always runs first
        for k, (_, fn) in order:
            wall, cpu, rss, stdout = fn()
            rows[k]["wall"].append(wall)
            rows[k]["cpu"].append(cpu)
            rows[k]["rss_mb"].append(rss)
            if stdout.strip().startswith("{"):
                info = json.loads(stdout.strip().splitlines()[-1])
                rows[k]["in_call"].append(info["seconds"])
                rows[k]["rows"] = info["rows"]
    if out.exists():
        out.unlink()
    for r in rows.values():
        w, c = median(r["wall"]), median(r["cpu"])
        r.update({"seconds": w, "mb_s": nbytes / w / 1e6, "pages_s": npages / w, "peak_rss_mb": max(r["rss_mb"]),
                  "cpu_seconds": c, "mb_per_cpu_s": nbytes / c / 1e6})
        if r["in_call"]:
            c = median(r["in_call"])
            r.update({"in_call_seconds": c, "in_call_mb_s": nbytes / c / 1e6})
        else:
            del r["in_call"]
    return {"contenders": rows, "bytes": nbytes, "pages": npages, "repetitions": repetitions}


# --------------------------------------------------------------------------
# 3. repair from Python
# --------------------------------------------------------------------------


def run_repair(texts: List[str], repetitions: int) -> Dict[str, Any]:
    contenders: Dict[str, Tuple[str, Callable[[str], Any]]] = {
        "huozi_repair": ("huozi.repair", huozi.repair),
        "huozi_parse": ("huozi.parse (full pipeline, no tokenization)", huozi.parse),
        "baseline": ("pure-Python baseline (bench/baseline_repair.py)", baseline_repair.repair_text),
    }
    unavailable: Dict[str, str] = {}
    try:
        from opencc_pyo3.opencc_pyo3 import reflow_cjk_paragraphs

        contenders["opencc"] = ("opencc-pyo3 reflow_cjk_paragraphs",
                                lambda t: reflow_cjk_paragraphs(t, False, True))
    except ImportError as e:
        unavailable["opencc"] = f"opencc-pyo3 not installed ({e.name})"
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    for _, fn in contenders.values():  # warm up (first calls load tables)
        fn(texts[0])
    times: Dict[str, List[float]] = {k: [] for k in contenders}
    log(f"repair from Python: {len(contenders)} contenders x {repetitions} repetitions, {nbytes / 1e6:.1f} MB")
    for rep in range(repetitions):
        order = list(contenders.items())
        if rep % 2:
            order.reverse()
        for k, (_, fn) in order:
            t0 = time.process_time()  # CPU time: all contenders run on this one thread
            for t in texts:
                fn(t)
            times[k].append(time.process_time() - t0)
    rows = {}
    for k, (label, _) in contenders.items():
        s = median(times[k])
        rows[k] = {"label": label, "runs_s": times[k], "seconds": s, "mb_s": nbytes / s / 1e6,
                   "pages_s": len(texts) / s}
    ratios = {}
    for k in contenders:
        if k != "baseline":
            ratios[f"{k}_vs_baseline"] = median([b / h for b, h in zip(times["baseline"], times[k])])
    return {"contenders": rows, "unavailable": unavailable, "ratios": ratios, "bytes": nbytes,
            "pages": len(texts), "repetitions": repetitions}


# --------------------------------------------------------------------------
# 4. fields against JioNLP
# --------------------------------------------------------------------------


def run_fields(repetitions: int, limit: Optional[int], min_seconds: float) -> Dict[str, Any]:
    import fields_vs_jionlp as fj

    logging.disable(logging.ERROR)  # JioNLP logs a traceback for each time it cannot parse
    try:
        import jionlp as jio
    except ImportError as e:
        return {"error": f"jionlp not installed ({e.name})"}
    finally:
        logging.disable(logging.NOTSET)
    logging.disable(logging.ERROR)
    try:
        cases = fj.load_cases(limit=limit)
        extract = fj.jio_extractors(jio)
        fj.huozi_fields(cases[0])
        fj.jio_fields(extract, cases[0])
        h_tally = fj.tally(cases, [fj.huozi_fields(c) for c in cases], "huozi")
        j_tally = fj.tally(cases, [fj.jio_fields(extract, c) for c in cases], "jionlp")
        log(f"fields: huozi vs JioNLP, {len(cases)} labeled sentences x {repetitions} repetitions")
        t = fj.timed_runs(cases, extract, repetitions, min_seconds)
    finally:
        logging.disable(logging.NOTSET)
    chars = sum(len(c["text"]) for c in cases)
    runs, ratios = t["runs"], t["ratios"]

    def all_f1(tl: Dict[str, List[int]]) -> float:
        tot = [sum(tl[f][i] for f in fj.TYPES) for i in range(3)]
        return fj.prf(*tot)[2]

    per_type = {}
    for fam in fj.TYPES:
        per_type[fam] = {"gold": h_tally[fam][2], "huozi_f1": fj.prf(*h_tally[fam])[2],
                         "jionlp_f1": fj.prf(*j_tally[fam])[2], "jionlp_s": median(runs[fam]),
                         "ratio": median(ratios[fam])}
    j_total = [sum(runs[f][k] for f in fj.TYPES) for k in range(repetitions)]
    return {
        "sentences": len(cases), "chars": chars, "repetitions": repetitions,
        "jionlp_version": getattr(jio, "__version__", "?"),
        "huozi_s": median(runs["huozi"]), "huozi_parse_s": median(runs["parse"]), "jionlp_s": median(j_total),
        "huozi_chars_s": chars / median(runs["huozi"]), "jionlp_chars_s": chars / median(j_total),
        "ratio": median(ratios["total"]), "ratio_parse": median(ratios["parse"]),
        "huozi_f1": all_f1(h_tally), "jionlp_f1": all_f1(j_tally), "types": per_type,
    }


# --------------------------------------------------------------------------
# 5. tokenization against jieba, rjieba, pkuseg
# --------------------------------------------------------------------------


def run_tokenize(repetitions: int, limit: Optional[int]) -> Dict[str, Any]:
    import tokenize_vs_peers as tp

    d = tp.pku_dir()
    if not (d / "pku_test.utf8").is_file():
        return {"error": f"PKU corpus not found in {d}"}
    inputs, gold, words = tp.load_corpus(d)
    if limit:
        inputs, gold = inputs[:limit], gold[:limit]
    keep = ("huozi_icu", "huozi_dict", "jieba", "rjieba", "pkuseg")
    chosen = [s for s in tp.systems(words) if s[1] in keep]
    log(f"tokenization: {len(chosen)} systems x {repetitions} rounds, {len(inputs)} PKU lines")
    rows = tp.measure_interleaved(chosen, inputs, gold, repetitions)
    out: Dict[str, Any] = {"lines": len(inputs), "bytes": sum(len(x.encode("utf-8")) for x in inputs),
                           "repetitions": repetitions, "systems": {}}
    for r in rows:
        out["systems"][r.pop("key")] = r
    sysd = out["systems"]
    if "runs" in sysd.get("rjieba", {}):
        for key, name in (("huozi_icu", "huozi_vs_rjieba"), ("huozi_dict", "huozi_dict_vs_rjieba")):
            if "runs" in sysd.get(key, {}):
                out[name] = median([r / h for h, r in zip(sysd[key]["runs"], sysd["rjieba"]["runs"])])
    return out


# --------------------------------------------------------------------------
# bars, figures, tables
# --------------------------------------------------------------------------


def bars(res: Dict[str, Any]) -> List[Dict[str, Any]]:
    cpp = res.get("cpp", {}).get("stages", {})
    rep = res.get("repair", {})
    arch = res.get("archive", {}).get("contenders", {})
    values: Dict[str, Tuple[Optional[float], str]] = {}
    r = rep.get("ratios", {})
    values["repair_vs_baseline"] = (r.get("huozi_repair_vs_baseline"), "pair by pair, same process, CPU time")
    values["pipeline_vs_baseline"] = (r.get("huozi_parse_vs_baseline"), "pair by pair, same process, CPU time")
    values["pipeline_vs_decode"] = (cpp.get("BM_Pipeline", {}).get("frac_decode"),
                                    "pair by pair (Google Benchmark repetitions, CPU time)")
    a = arch.get("run_t1", {}).get("mb_per_cpu_s")
    c = cpp.get("BM_Pipeline", {}).get("mb_s")
    values["archive_vs_cpp"] = (a / c if a and c else None,
                                "MB per CPU-second of the whole `huozi run` child against BM_Pipeline's MB/s "
                                "(CPU time); medians of two phases of the run, not pair by pair")
    values["fields_vs_jionlp"] = (res.get("fields", {}).get("ratio"), "pair by pair, CPU time")
    dict_ratio = res.get("tokenize", {}).get("huozi_dict_vs_rjieba")
    values["tokenize_vs_rjieba"] = (res.get("tokenize", {}).get("huozi_vs_rjieba"),
                                    "pair by pair, same process, CPU time; huozi's default (ICU) mode"
                                    + (f"; with the PKU word list (dictionary mode): {dict_ratio:.2f}x"
                                       if dict_ratio else ""))
    out = []
    for key, text, thr in BARS:
        v, how = values[key]
        status = "n/a" if v is None else ("PASS" if v >= thr else "MISS")
        out.append({"key": key, "bar": text, "threshold": thr, "value": v, "status": status, "how": how})
    return out


def figures(res: Dict[str, Any]) -> Dict[str, float]:
    """The run's figures as a flat dict (what history.jsonl keeps)."""
    f: Dict[str, float] = {}
    for name, row in res.get("cpp", {}).get("stages", {}).items():
        f[f"cpp.{name}.mb_s"] = row["mb_s"]
        if "frac_decode" in row:
            f[f"cpp.{name}.frac_decode"] = row["frac_decode"]
    for k, row in res.get("archive", {}).get("contenders", {}).items():
        f[f"archive.{k}.mb_s"] = row["mb_s"]
        f[f"archive.{k}.mb_per_cpu_s"] = row["mb_per_cpu_s"]
        f[f"archive.{k}.pages_s"] = row["pages_s"]
        f[f"archive.{k}.peak_rss_mb"] = row["peak_rss_mb"]
    for k, row in res.get("repair", {}).get("contenders", {}).items():
        f[f"repair.{k}.mb_s"] = row["mb_s"]
    for k, v in res.get("repair", {}).get("ratios", {}).items():
        f[f"repair.{k}"] = v
    fl = res.get("fields", {})
    for k in ("ratio", "huozi_f1", "jionlp_f1", "huozi_chars_s", "jionlp_chars_s"):
        if k in fl:
            f[f"fields.{k}"] = fl[k]
    tk = res.get("tokenize", {})
    for k, row in tk.get("systems", {}).items():
        for m in ("mb_per_s", "f1"):
            if m in row:
                f[f"tokenize.{k}.{m}"] = row[m]
    for k in ("huozi_vs_rjieba", "huozi_dict_vs_rjieba"):
        if k in tk:
            f[f"tokenize.{k}"] = tk[k]
    return {k: float(v) for k, v in f.items() if v is not None}


def _fmt(v: Optional[float], digits: int = 1) -> str:
    if v is None or v != v:
        return "–"
    return f"{v:,.{digits}f}"


def markdown(res: Dict[str, Any]) -> str:
    m = res["machine"]
    g = res["git"]
    L: List[str] = []
    L.append(f"# huozi benchmarks: {res['date']} on {m['host']}")
    L.append("")
    quick = " **(quick mode: tiny inputs, figures meaningless)**" if res.get("quick") else ""
    L.append(f"Commit `{(g['commit'] or '?')[:10]}`{' (with uncommitted changes)' if g['dirty'] else ''}; "
             f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['os']}, {m['compiler']}, "
             f"Python {m['python']}.{quick}")
    la0, la1 = res["load_avg_start"], res["load_avg_end"]
    L.append(f"Load average at start {la0[0]:.1f} / {la0[1]:.1f} / {la0[2]:.1f}, at end "
             f"{la1[0]:.1f} / {la1[1]:.1f} / {la1[2]:.1f} (1/5/15 min; on {m['cores']} cores a load above "
             f"{m['cores']} means other work shared the machine, so absolute figures are low and the pair-by-pair "
             f"ratios are what counts). Wall time of the harness: {res['seconds']:.0f} s.")
    a = res["archive_info"]
    L.append(f"Archive: {a['pages']:,} generated pages, {a['bytes'] / 1e6:.1f} MB of UTF-8 page text "
             f"(`python -m huozi.bench.generate {a['args']}`, corpus: {a['corpus']}). Medians of "
             f"{res['repetitions']} interleaved repetitions; ratios pair by pair within a repetition.")
    L.append("")
    L.append("## Bars")
    L.append("")
    L.append("| bar | measured | status | how |")
    L.append("| --- | ---: | --- | --- |")
    for b in res["bars"]:
        v = b["value"]
        meas = "–" if v is None else (f"{v * 100:.1f} %" if b["threshold"] < 1 else f"{v:,.2f}x")
        L.append(f"| {b['bar']} | {meas} | **{b['status']}** | {b['how']} |")
    L.append("")

    cpp = res.get("cpp", {"error": "not run (--skip)"})
    L.append("## C++ stages (Google Benchmark, one thread, pages in memory)")
    L.append("")
    if "error" in cpp:
        L.append(f"Unavailable: {cpp['error']}")
    else:
        L.append("| stage | benchmark | MB/s | share of the UTF-8 decode loop |")
        L.append("| --- | --- | ---: | ---: |")
        for name, row in cpp.get("stages", {}).items():
            frac = row.get("frac_decode")
            L.append(f"| {row['label']} | `{name}` | {_fmt(row['mb_s'])} | "
                     f"{'' if frac is None else f'{frac * 100:.1f} %'} |")
        if not cpp.get("same_pages", True):
            L.append("")
            L.append("**Warning:** the benchmark program read a different number of bytes than the archive holds.")
        L.append("")
        L.append("Extraction and tokenization run over the repaired units (their MB/s are of unit text); the PKU "
                 "rows over the SIGHAN 2005 PKU test text. Segmentation alone runs on pages repaired outside the "
                 "timed loop.")
    L.append("")

    ar = res.get("archive", {"error": "not run (--skip)"})
    L.append("## Archive runs (a child process each, the whole archive)")
    L.append("")
    if "error" in ar:
        L.append(f"Unavailable: {ar['error']}")
    else:
        L.append("| contender | threads | wall s | MB/s | pages/s | CPU s | MB per CPU-s | peak RSS MB | "
                 "MB/s inside the call |")
        L.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for k, row in ar.get("contenders", {}).items():
            L.append(f"| {row['label']} | {row['threads']} | {row['seconds']:.2f} | {_fmt(row['mb_s'])} | "
                     f"{_fmt(row['pages_s'], 0)} | {row['cpu_seconds']:.2f} | {_fmt(row['mb_per_cpu_s'])} | "
                     f"{_fmt(row['peak_rss_mb'], 0)} | {_fmt(row.get('in_call_mb_s'))} |")
        L.append("")
        L.append("Wall and CPU time are the child's whole life (interpreter start, imports, reading, parsing, "
                 "writing Parquet for `huozi run`; CPU time is user + system of all its threads, from os.wait4); "
                 "the last column is `read_archive` timed (wall) inside the child. On a shared machine wall time "
                 "depends on the other work; CPU time much less.")
    L.append("")

    rp = res.get("repair")
    if rp is None:
        L.append("## Line repair from Python")
        L.append("")
        L.append("Unavailable: not run (--skip)")
    else:
        L.append(f"## Line repair from Python ({rp['pages']:,} pages, {rp['bytes'] / 1e6:.1f} MB, one call per page)")
        L.append("")
        L.append("CPU time of this process (every contender runs on its one thread).")
        L.append("")
        L.append("| contender | MB/s | pages/s | vs the baseline |")
        L.append("| --- | ---: | ---: | ---: |")
        for k, row in rp["contenders"].items():
            ratio = rp["ratios"].get(f"{k}_vs_baseline")
            L.append(f"| {row['label']} | {_fmt(row['mb_s'])} | {_fmt(row['pages_s'], 0)} | "
                     f"{'1.00x' if k == 'baseline' else _fmt(ratio, 2) + 'x'} |")
        for k, why in rp.get("unavailable", {}).items():
            L.append(f"| {k} | unavailable: {why} | | |")
    L.append("")

    fl = res.get("fields", {"error": "not run (--skip)"})
    L.append("## Field extraction vs JioNLP (labeled set, the six types JioNLP covers)")
    L.append("")
    if "error" in fl:
        L.append(f"Unavailable: {fl['error']}")
    else:
        L.append(f"{fl['sentences']} sentences, {fl['chars']:,} characters; CPU time per pass, JioNLP "
                 f"{fl['jionlp_version']}.")
        L.append("")
        L.append("| type | gold | huozi F1 | JioNLP F1 | JioNLP s/pass | huozi speed-up |")
        L.append("| --- | ---: | ---: | ---: | ---: | ---: |")
        for fam, row in fl["types"].items():
            L.append(f"| {fam} | {row['gold']} | {row['huozi_f1']:.3f} | {row['jionlp_f1']:.3f} | "
                     f"{row['jionlp_s']:.4f} | {_fmt(row['ratio'])}x |")
        L.append(f"| **all six** | | **{fl['huozi_f1']:.3f}** | **{fl['jionlp_f1']:.3f}** | {fl['jionlp_s']:.4f} | "
                 f"**{_fmt(fl['ratio'])}x** |")
        L.append("")
        L.append(f"huozi: `huozi.extract_fields` per sentence, {fl['huozi_s']:.4f} s/pass "
                 f"({_fmt(fl['huozi_chars_s'], 0)} chars/s) for every type at once, so each per-type ratio "
                 f"compares one JioNLP extractor with all of huozi; `huozi.parse` per sentence (the whole "
                 f"pipeline): {_fmt(fl['ratio_parse'])}x.")
    L.append("")

    tk = res.get("tokenize", {"error": "not run (--skip)"})
    L.append("## Word tokenization vs jieba, rjieba, pkuseg (PKU test set, one call per line)")
    L.append("")
    if "error" in tk:
        L.append(f"Unavailable: {tk['error']}")
    else:
        L.append(f"{tk['lines']:,} lines, {tk['bytes'] / 1e6:.2f} MB; F1 against the PKU gold (bakeoff scoring); "
                 "MB/s from CPU time, median of the interleaved rounds.")
        L.append("")
        L.append("| system | F1 | MB/s | load s |")
        L.append("| --- | ---: | ---: | ---: |")
        for k, row in tk.get("systems", {}).items():
            if "error" in row:
                L.append(f"| {row['system']} | – | – | unavailable: {row['error']} |")
            else:
                L.append(f"| {row['system']} | {row['f1']:.4f} | {row['mb_per_s']:.2f} | {row['load_s']:.2f} |")
    L.append("")
    L.append("Reproduce: `make bench` (see README, *Performance*).")
    return "\n".join(L) + "\n"


def plot_run(res: Dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(13, 8.5))
    ax = axes[0][0]
    st = res.get("cpp", {}).get("stages", {})
    names = [n for n in st if n != "BM_MemchrNewlines" and not n.startswith(("BM_TokenizeIcu", "BM_TokenizeDict"))]
    vals = [st[n]["mb_s"] for n in names]
    colors = ["#999999" if n == DECODE else "#3366aa" for n in names]
    ax.barh([n.replace("BM_", "") for n in names], vals, color=colors)
    ax.invert_yaxis()
    for i, n in enumerate(names):
        fr = st[n].get("frac_decode")
        ax.text(vals[i], i, f" {vals[i]:,.0f}" + (f" ({fr * 100:.0f} %)" if fr and n != DECODE else ""),
                va="center", fontsize=8)
    ax.set_xlabel("MB/s, CPU time (share of the UTF-8 decode loop)")
    ax.set_title("C++ stages, one thread")
    ax.set_xlim(0, max(vals or [1]) * 1.35)

    ax = axes[0][1]
    rp = res.get("repair", {}).get("contenders", {})
    labels = {"huozi_repair": "huozi.repair", "huozi_parse": "huozi.parse\n(pipeline)",
              "baseline": "Python baseline", "opencc": "opencc-pyo3\nreflow"}
    ks = list(rp)
    ax.bar([labels.get(k, k) for k in ks], [rp[k]["mb_s"] for k in ks],
           color=["#3366aa" if k.startswith("huozi") else "#cc7733" for k in ks])
    for i, k in enumerate(ks):
        ax.text(i, rp[k]["mb_s"], f"{rp[k]['mb_s']:.1f}", ha="center", va="bottom", fontsize=8)
    ax.set_ylabel("MB/s (CPU time)")
    ax.set_title("Line repair from Python, one call per page")

    ax = axes[1][0]
    ar = res.get("archive", {}).get("contenders", {})
    ks = list(ar)
    w = 0.38
    xs = list(range(len(ks)))
    ax.bar([x - w / 2 for x in xs], [ar[k]["mb_s"] for k in ks], w, color="#3366aa", label="MB/s (wall)")
    ax.bar([x + w / 2 for x in xs], [ar[k]["mb_per_cpu_s"] for k in ks], w, color="#88aadd",
           label="MB per CPU-second")
    ax.set_xticks(xs, [ar[k]["label"].replace(", ", "\n") for k in ks], fontsize=8)
    for i, k in enumerate(ks):
        top_i = max(ar[k]["mb_s"], ar[k]["mb_per_cpu_s"])
        ax.text(i, top_i, f"{ar[k]['mb_s']:.1f} / {ar[k]['mb_per_cpu_s']:.1f}\n{ar[k]['peak_rss_mb']:.0f} MB RSS",
                ha="center", va="bottom", fontsize=7)
    cppp = st.get("BM_Pipeline", {}).get("mb_s")
    if cppp:
        ax.axhline(cppp, color="#999999", ls="--", lw=1)
        ax.text(len(ks) - 0.5, cppp, "C++ pipeline, 1 thread", ha="right", va="bottom", fontsize=7, color="#555555")
    top = max([max(ar[k]["mb_s"], ar[k]["mb_per_cpu_s"]) for k in ks] + [cppp or 0, 1])
    ax.set_ylim(0, top * 1.35)
    ax.set_ylabel("MB of page text")
    ax.legend(fontsize=7, loc="upper left")
    ax.set_title("Archive runs (a child process each) and peak RSS")

    ax = axes[1][1]
    tk = res.get("tokenize", {}).get("systems", {})
    ks = [k for k in tk if "mb_per_s" in tk[k]]
    short = {"huozi_icu": "huozi\nICU mode", "huozi_dict": "huozi\ndictionary", "jieba": "jieba",
             "rjieba": "rjieba", "pkuseg": "pkuseg"}
    ax.bar([short.get(k, k) for k in ks], [tk[k]["mb_per_s"] for k in ks],
           color=["#3366aa" if k.startswith("huozi") else "#cc7733" for k in ks])
    for i, k in enumerate(ks):
        ax.text(i, tk[k]["mb_per_s"], f"{tk[k]['mb_per_s']:.2f}\nF1 {tk[k]['f1']:.3f}", ha="center",
                va="bottom", fontsize=7)
    ax.set_ylim(0, max([tk[k]["mb_per_s"] for k in ks] + [1]) * 1.3)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_ylabel("MB/s (CPU time)")
    ax.set_title("Word tokenization, PKU test set, one call per line")

    m = res["machine"]
    fig.suptitle(f"huozi {res['date']}, commit {(res['git']['commit'] or '?')[:8]}, {m['cpu']} x{m['cores']}, "
                 f"load {res['load_avg_start'][0]:.1f}" + (" (QUICK)" if res.get("quick") else ""), fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


# (figure, title, bar drawn as a dashed line or None)
TREND_METRICS: List[Tuple[str, str, Optional[float]]] = [
    ("cpp.BM_Utf8Decode.mb_s", "UTF-8 decode loop (C++) MB/s", None),
    ("cpp.BM_Repair.mb_s", "repair (C++) MB/s", None),
    ("cpp.BM_Segment.mb_s", "segmentation (C++) MB/s", None),
    ("cpp.BM_Extract.mb_s", "extraction (C++) MB/s", None),
    ("cpp.BM_Pipeline.mb_s", "full pipeline (C++) MB/s", None),
    ("cpp.BM_TokenizeUnits.mb_s", "tokenization (C++) MB/s", None),
    ("cpp.BM_Pipeline.frac_decode", "pipeline / decode loop", 0.15),
    ("repair.huozi_repair_vs_baseline", "huozi.repair / Python baseline", 20.0),
    ("repair.huozi_parse_vs_baseline", "huozi.parse / Python baseline", 8.0),
    ("archive.run_t1.mb_s", "huozi run, 1 thread, MB/s (wall)", None),
    ("archive.run_t2.mb_s", "huozi run, 2 threads, MB/s (wall)", None),
    ("archive.run_t1.mb_per_cpu_s", "huozi run, 1 thread, MB per CPU-s", None),
    ("archive.run_t2.peak_rss_mb", "huozi run, 2 threads, peak RSS MB", None),
    ("fields.ratio", "extraction / JioNLP", 100.0),
    ("tokenize.huozi_vs_rjieba", "huozi.tokenize / rjieba", 1.0),
    ("tokenize.huozi_icu.f1", "huozi.tokenize F1 (PKU)", None),
]


def plot_trend(history: List[Dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = [h for h in history if not h.get("quick")] or history
    cols = 4
    rows = -(-len(TREND_METRICS) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 2.8 * rows), squeeze=False)
    labels = [f"{(h.get('commit') or '?')[:7]}{'+' if h.get('dirty') else ''}\n{h['date'][5:10]}" for h in runs]
    for i, (key, title, bar) in enumerate(TREND_METRICS):
        ax = axes[i // cols][i % cols]
        pts = [(x, h["figures"][key]) for x, h in enumerate(runs) if key in h.get("figures", {})]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", color="#3366aa")
        if bar is not None:
            ax.axhline(bar, color="#cc3333", ls="--", lw=1)
        ax.set_title(title, fontsize=9)
        ax.set_xticks(range(len(runs)), labels, fontsize=6)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
    for j in range(len(TREND_METRICS), rows * cols):
        axes[j // cols][j % cols].axis("off")
    fig.suptitle(f"huozi benchmarks across recorded runs ({len(runs)}; machines vary: see history.jsonl)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


# --------------------------------------------------------------------------
# history
# --------------------------------------------------------------------------


def read_history(path: Path) -> List[Dict[str, Any]]:
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(json.loads(line))
    return out


def history_entry(res: Dict[str, Any]) -> Dict[str, Any]:
    return {"schema": SCHEMA_VERSION, "commit": res["git"]["commit"], "dirty": res["git"]["dirty"],
            "subject": res["git"]["subject"], "date": res["started"], "quick": bool(res.get("quick")),
            "machine": res["machine"], "load_avg": res["load_avg_start"], "archive_mb": res["archive_info"]["bytes"] / 1e6,
            "bars": {b["key"]: b["status"] for b in res["bars"]}, "figures": res["figures"]}


def find_recorded(history: List[Dict[str, Any]], rev: str) -> Optional[Dict[str, Any]]:
    sha = _run_text(["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], ROOT)
    for h in reversed(history):
        c = h.get("commit") or ""
        if (sha and c == sha) or (not sha and c.startswith(rev)):
            return h
    return None


def compare(now: Dict[str, Any], then: Dict[str, Any]) -> str:
    a, b = then["figures"], now["figures"]
    L = [f"Change from {(then.get('commit') or '?')[:10]} ({then['date']}, {then['machine']['cpu']}, load "
         f"{then.get('load_avg', [0])[0]:.1f}) to {(now.get('commit') or '?')[:10]} ({now['date']}, load "
         f"{now.get('load_avg', [0])[0]:.1f}):", "",
         "| figure | then | now | change |", "| --- | ---: | ---: | ---: |"]
    for k in sorted(set(a) | set(b)):
        x, y = a.get(k), b.get(k)
        if x is None or y is None:
            L.append(f"| {k} | {_fmt(x, 3)} | {_fmt(y, 3)} | |")
        else:
            ch = (y / x - 1) * 100 if x else float("nan")
            L.append(f"| {k} | {_fmt(x, 3)} | {_fmt(y, 3)} | {ch:+.1f} % |")
    if then["machine"].get("cpu") != now["machine"].get("cpu"):
        L.append("")
        L.append("(different machines: the change says little)")
    return "\n".join(L) + "\n"


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default=None, help=f"archive size (default {DEFAULT_SIZE}; --quick: 40 pages)")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--repetitions", type=int, default=None, help="repetitions, at least 5 (--quick: 2)")
    ap.add_argument("--threads", default="1,2", help="thread counts of the archive runs")
    ap.add_argument("--python-mb", type=float, default=16.0,
                    help="MB of the archive's pages (its first pages) for the repair contenders from Python")
    ap.add_argument("--out-dir", default=str(ROOT / "bench" / "results"))
    ap.add_argument("--cache", default=str(ROOT / "build" / "bench-archive"), help="where generated archives stay")
    ap.add_argument("--bench-bin", default=str(ROOT / "build" / "cpp" / "huozi_bench"))
    ap.add_argument("--min-time", type=float, default=None, help="Google Benchmark min time per repetition, s")
    ap.add_argument("--quick", action="store_true", help="tiny inputs, 2 repetitions: checks the report, not speed")
    ap.add_argument("--skip", default="", help="comma list of sections to leave out: cpp,archive,repair,fields,tokenize")
    ap.add_argument("--compare", metavar="REV", help="print the change against the run recorded for commit REV")
    ap.add_argument("--no-run", action="store_true", help="with --compare: compare the last recorded run, run nothing")
    args = ap.parse_args(argv)

    out_dir = Path(args.out_dir)
    history_path = out_dir / "history.jsonl"
    if args.no_run:
        if not args.compare:
            ap.error("--no-run needs --compare REV")
        hist = read_history(history_path)
        # an earlier run of REV than the last one, when there is one
        then = find_recorded(hist[:-1], args.compare) or find_recorded(hist, args.compare)
        if not hist or then is None:
            print(f"no recorded run for {args.compare} in {history_path}", file=sys.stderr)
            return 1
        print(compare(hist[-1], then))
        return 0

    reps = args.repetitions or (2 if args.quick else 5)
    if reps < 5 and not args.quick:
        ap.error("--repetitions must be at least 5 (medians of >= 5 repetitions)")
    size = args.size or (None if args.quick else DEFAULT_SIZE)
    pages_n = 40 if (args.quick and not args.size) else None
    threads = [int(t) for t in args.threads.split(",") if t.strip()]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    min_time = args.min_time if args.min_time is not None else (0.01 if args.quick else 0.5)
    out_dir.mkdir(parents=True, exist_ok=True)

    t_start = time.perf_counter()
    started = dt.datetime.now().astimezone()
    load0 = list(os.getloadavg())
    res: Dict[str, Any] = {"schema": SCHEMA_VERSION, "started": started.isoformat(timespec="seconds"),
                           "date": started.date().isoformat(), "quick": args.quick, "repetitions": reps,
                           "git": git_info(), "machine": machine_info(Path(args.bench_bin).parent),
                           "load_avg_start": load0}

    archive = ensure_archive(Path(args.cache), size, pages_n, args.seed)
    pages = load_pages(archive)
    nbytes = sum(len(b) for _, b in pages)
    from huozi.bench import generate

    corpus = generate._default_corpus_path()
    res["archive_info"] = {"path": str(archive), "pages": len(pages), "bytes": nbytes,
                           "args": f"{'--size ' + size if size else f'--pages {pages_n}'} --seed {args.seed}",
                           "corpus": "PKU 2001-01 (../shared)" if corpus else "the bundled sample page"}

    with tempfile.TemporaryDirectory(prefix="huozi-bench-") as tmpd:
        tmp = Path(tmpd)
        if "cpp" not in skip:
            pku = Path(os.environ.get("HUOZI_PKU_DIR") or ROOT.parent / "shared" / "corpora" / "pku-2001-01")
            res["cpp"] = run_cpp(Path(args.bench_bin), archive, reps, min_time,
                                 pku if (pku / "pku_test.utf8").is_file() else None, nbytes, tmp / "gbench.json")
        if "archive" not in skip:
            res["archive"] = run_archive(archive, threads, reps, nbytes, len(pages), tmp)
    if "repair" not in skip:
        budget = int(args.python_mb * 1e6) if not args.quick else nbytes
        texts, acc = [], 0
        for _, b in pages:
            if acc >= budget:
                break
            texts.append(b.decode("utf-8"))
            acc += len(b)
        res["repair"] = run_repair(texts, reps)
    if "fields" not in skip:
        res["fields"] = run_fields(reps, 20 if args.quick else None, 0.01 if args.quick else 0.2)
    if "tokenize" not in skip:
        res["tokenize"] = run_tokenize(reps, 40 if args.quick else None)

    res["load_avg_end"] = list(os.getloadavg())
    res["seconds"] = time.perf_counter() - t_start
    res["bars"] = bars(res)
    res["figures"] = figures(res)

    stamp = f"{res['date']}-{re.sub(r'[^A-Za-z0-9_.-]', '_', res['machine']['host'])}"
    (out_dir / f"{stamp}.json").write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md = markdown(res)
    (out_dir / f"{stamp}.md").write_text(md, encoding="utf-8")
    (out_dir / "latest.md").write_text(md, encoding="utf-8")
    hist = read_history(history_path)
    then = find_recorded(hist, args.compare) if args.compare else None
    entry = history_entry(res)
    with open(history_path, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    hist.append(entry)
    try:
        plot_run(res, out_dir / "latest.png")
        plot_trend(hist, out_dir / "trend.png")
    except ImportError as e:
        log(f"no plots: {e} (matplotlib is in the bench extra)")
    print(md)
    if args.compare:
        if then is None:
            print(f"no recorded run for {args.compare} in {history_path}")
        else:
            print(compare(entry, then))
    log(f"done in {res['seconds']:.0f} s: {out_dir / (stamp + '.json')}, {out_dir / 'latest.md'}, "
        f"{out_dir / 'latest.png'}, {out_dir / 'trend.png'}, {history_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
