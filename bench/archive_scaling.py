"""Thread scaling and peak memory of archive runs: runs ``huozi run ARCHIVE
-o OUT.parquet --quiet --stats`` (or ``huozi.iter_archive`` over the archive,
``--api iter``) at each thread count, interleaved, ``--repeat`` times, and
prints the median wall time, MB/s of page text, peak RSS, CPU and the ratio
of the first thread count's median to the others'.

    .venv/bin/python bench/make_archive.py --size 1GB --out /tmp/big1g.zip
    .venv/bin/python bench/archive_scaling.py /tmp/big1g.zip --threads 1,2 --repeat 3
    .venv/bin/python bench/archive_scaling.py /tmp/big1g.zip --threads 1,2 --repeat 3 --pin

``--pin`` runs each thread count on that many cores (``sched_setaffinity``:
1 thread on core 0, 2 threads on cores 0-1), so that the reading, Arrow and
Parquet threads share the same cores as the workers: without it, a one-thread
run still reads, decompresses and writes Parquet on the second core, and the
1→2 ratio measures the workers only against everything else. Wall times on a
machine shared with other jobs are noisy: the load average is printed beside
every run, and the workers' CPU time (from ``--stats``) gives MB/s per core
that does not depend on the load.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))


def page_text_bytes(path: str) -> Optional[int]:
    """Bytes of page text in the archive (uncompressed member sizes), when known."""
    if path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            return sum(i.file_size for i in z.infolist() if i.filename.lower().endswith(".txt"))
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(d, f)) for d, _s, fs in os.walk(path) for f in fs
                   if f.lower().endswith(".txt"))
    return None


ITER = """
import sys, huozi
n = 0
for rb in huozi.iter_archive(sys.argv[1], threads=int(sys.argv[2])):
    n += rb.num_rows
print(f"rows {n}", file=sys.stderr)
"""


def run_once(archive: str, threads: int, api: str, pin: bool, out: str) -> Dict[str, float]:
    bindir = os.path.dirname(sys.executable)
    if api == "run":
        cmd = [os.path.join(bindir, "huozi"), "run", archive, "-o", out, "--threads", str(threads), "--quiet",
               "--stats"]
    else:
        cmd = [sys.executable, "-c", ITER, archive, str(threads)]
    cores = sorted(os.sched_getaffinity(0))
    preexec = (lambda: os.sched_setaffinity(0, cores[:threads])) if pin else None
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, preexec_fn=preexec)
    _pid, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read() if p.stderr else ""
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({status}):\n{err}")
    r = {"wall": wall, "rss_mb": ru.ru_maxrss / 1024, "cpu": ru.ru_utime + ru.ru_stime, "load": load,
         "load_after": os.getloadavg()[0]}
    m = re.search(r"workers ([\d.]+) s CPU", err)
    if m:
        r["worker_cpu"] = float(m.group(1))
    for f in (out, out.replace(".parquet", ".errors.parquet")):
        if os.path.exists(f):
            os.remove(f)
    return r


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("archive")
    ap.add_argument("--threads", default="1,2", help="thread counts, comma-separated (default 1,2)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each thread count (median reported)")
    ap.add_argument("--api", choices=("run", "iter"), default="run",
                    help="run: huozi run to Parquet (default); iter: huozi.iter_archive, no output")
    ap.add_argument("--pin", action="store_true", help="run N threads on N cores (sched_setaffinity)")
    ap.add_argument("--out-dir", default=tempfile.gettempdir(), help="where the outputs go (deleted after each run)")
    args = ap.parse_args(argv)

    counts = [int(x) for x in args.threads.split(",")]
    if args.pin and max(counts) > len(os.sched_getaffinity(0)):
        raise SystemExit("--pin: more threads than cores")
    text = page_text_bytes(args.archive)
    size = text or os.path.getsize(args.archive)
    what = "page text" if text else "input"
    print(f"{args.archive}: {size / 1e6:,.0f} MB of {what}; {os.cpu_count()} CPUs; api={args.api}"
          f"{'; pinned' if args.pin else ''}; load average before: {os.getloadavg()[0]:.2f}")
    out = os.path.join(args.out_dir, f"huozi-scaling-{os.getpid()}.parquet")
    results: Dict[int, List[Dict[str, float]]] = {t: [] for t in counts}
    for k in range(args.repeat):
        order = counts if k % 2 == 0 else counts[::-1]  # interleaved, alternating order
        for t in order:
            r = run_once(args.archive, t, args.api, args.pin, out)
            results[t].append(r)
            extra = f", workers {r['worker_cpu']:.1f} s CPU" if "worker_cpu" in r else ""
            print(f"  round {k + 1}, {t} thread(s): {r['wall']:.1f} s, {size / 1e6 / r['wall']:.1f} MB/s, "
                  f"peak RSS {r['rss_mb']:.0f} MB, CPU {r['cpu']:.1f} s{extra}, "
                  f"load {r['load']:.2f} → {r['load_after']:.2f}", flush=True)
    print()
    print("| threads | median wall | MB/s | peak RSS (max) | CPU s (median) | worker MB/s per core | load average |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    med = {}
    for t in counts:
        rs = results[t]
        med[t] = statistics.median(r["wall"] for r in rs)
        wc = [r["worker_cpu"] for r in rs if "worker_cpu" in r]
        per_core = f"{size / 1e6 / statistics.median(wc):.1f}" if wc else "–"
        loads = [r["load"] for r in rs]
        print(f"| {t} | {med[t]:.1f} s | {size / 1e6 / med[t]:.1f} | {max(r['rss_mb'] for r in rs):.0f} MB | "
              f"{statistics.median(r['cpu'] for r in rs):.1f} | {per_core} | {min(loads):.1f}–{max(loads):.1f} |")
    base = counts[0]
    for t in counts[1:]:
        print(f"\nspeed-up {base} → {t} threads (median wall): {med[base] / med[t]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
