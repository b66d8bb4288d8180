# huozi: the two commands are `make demo` and `make test`. Each does its own
# setup: Debian packages (installed when root, else the apt line is printed),
# a virtual environment in .venv/, the package installed into it.
PYTHON ?= python3
VENV   := .venv
VPY    := $(VENV)/bin/python
CPP_BUILD := build/cpp
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all demo test test-cpp test-python test-sanitize golden fuzz bench bench-cpp bench-deps eval-pdf install sysdeps venv clean

# Sanitizers and fuzzing (see README, "Bad input").
SAN_BUILD  := build/asan
TSAN_BUILD := build/tsan
FUZZ_BUILD := build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 20480
FUZZ_TARGETS := page repair extract decode archive
FUZZ_PACKAGES := clang libclang-rt-14-dev
CMAKE_NINJA = $(VENV)/bin/cmake -G Ninja -DCMAKE_MAKE_PROGRAM=$(abspath $(VENV))/bin/ninja

all: install

sysdeps:
	@bash .ci/setup-system

# The venv with the build tools, made once and reused.
$(VENV)/.tools: pyproject.toml | sysdeps
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q "scikit-build-core>=0.10" "pybind11>=2.12" cmake ninja
	@touch $@

venv: $(VENV)/.tools

# Installs the package (incremental: the CMake build dir under build/ is reused).
install: venv
	$(VPY) -m pip install -q --no-build-isolation ".[test]"

demo: venv
	$(VPY) -m pip install -q --no-build-isolation .
	$(VENV)/bin/huozi demo

test-cpp: venv
	@mkdir -p build
	$(VENV)/bin/cmake -S . -B $(CPP_BUILD) -G Ninja -DCMAKE_MAKE_PROGRAM=$(abspath $(VENV))/bin/ninja \
	    -DHUOZI_BUILD_TESTS=ON -DHUOZI_BUILD_BENCH=ON -DHUOZI_BUILD_PYTHON=OFF > $(CPP_BUILD).configure.log 2>&1 \
	    || (cat $(CPP_BUILD).configure.log; exit 1)
	$(VENV)/bin/cmake --build $(CPP_BUILD) -j $(JOBS)
	cd $(CPP_BUILD) && ../../$(VENV)/bin/ctest --output-on-failure -j $(JOBS)

# The PDF extraction test (tests/python/test_pdfpages.py) prints pages to PDF
# and reads them back with poppler and MuPDF: their Debian packages are
# installed when root; otherwise the apt line is printed and that test skips.
PDF_TEST_PACKAGES := poppler-utils mupdf-tools fonts-wqy-microhei fonts-arphic-gbsn00lp fonts-arphic-gkai00mp

test-python: install
	@bash .ci/setup-system $(PDF_TEST_PACKAGES) || echo "(without them the PDF extraction test is skipped)"
	$(VPY) -m pytest -q tests/python

test: test-cpp test-python

# The golden page corpus: diff every page's output against its reviewed golden
# file (tests/golden); `$(VPY) tests/golden/golden.py --update` accepts a change.
golden: install
	$(VPY) tests/golden/golden.py

# The C++ suite built with AddressSanitizer + UndefinedBehaviorSanitizer (the
# linear-time test is skipped: it runs valgrind), then the threaded tests with
# ThreadSanitizer. Any report fails.
test-sanitize: venv
	@mkdir -p build
	$(CMAKE_NINJA) -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUOZI_SANITIZE=address,undefined \
	    -DHUOZI_BUILD_TESTS=ON -DHUOZI_BUILD_BENCH=OFF -DHUOZI_BUILD_PYTHON=OFF > $(SAN_BUILD).configure.log 2>&1 \
	    || (cat $(SAN_BUILD).configure.log; exit 1)
	$(VENV)/bin/cmake --build $(SAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(SAN_BUILD)/huozi_tests --gtest_filter='-LinearTime.*' --gtest_brief=1
	$(CMAKE_NINJA) -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUOZI_SANITIZE=thread \
	    -DHUOZI_BUILD_TESTS=ON -DHUOZI_BUILD_BENCH=OFF -DHUOZI_BUILD_PYTHON=OFF > $(TSAN_BUILD).configure.log 2>&1 \
	    || (cat $(TSAN_BUILD).configure.log; exit 1)
	$(VENV)/bin/cmake --build $(TSAN_BUILD) -j $(JOBS)
	TSAN_OPTIONS=halt_on_error=1 $(TSAN_BUILD)/huozi_tests --gtest_filter='Threads.*:ParallelFor.*'

# libFuzzer targets (clang; installed when root, else the apt line is printed),
# built with ASan + UBSan; each runs FUZZ_SECONDS. New corpus inputs stay in
# build/fuzz/corpus/; crashers are written to tests/fuzz/regressions/, which
# the normal C++ suite replays (FuzzRegressions.ReplayEveryCrasher, and
# ArchiveHostile.FuzzSeedsAndRegressionsReplay for the archive checks).
# fuzz_archive starts from its own seeds (small archives of every kind,
# tests/fuzz/make_archive_seeds.py) and dictionary.
fuzz: venv
	@bash .ci/setup-system $(FUZZ_PACKAGES)
	@mkdir -p build
	CXX=clang++ CC=clang $(CMAKE_NINJA) -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DHUOZI_SANITIZE=address,undefined -DHUOZI_BUILD_FUZZ=ON -DHUOZI_BUILD_TESTS=OFF -DHUOZI_BUILD_BENCH=OFF \
	    -DHUOZI_BUILD_PYTHON=OFF > $(FUZZ_BUILD).configure.log 2>&1 || (cat $(FUZZ_BUILD).configure.log; exit 1)
	$(VENV)/bin/cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@status=0; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  seeds=tests/fuzz/seeds; dict=tests/fuzz/huozi.dict; \
	  if [ $$t = archive ]; then seeds=tests/fuzz/seeds-archive; dict=tests/fuzz/archive.dict; fi; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) -timeout=20 -rss_limit_mb=4096 \
	    -print_final_stats=1 -dict=$$dict -artifact_prefix=tests/fuzz/regressions/$$t- \
	    $(FUZZ_BUILD)/corpus/$$t $$seeds tests/fuzz/regressions > $(FUZZ_BUILD)/$$t.log 2>&1 \
	    || { status=1; echo "fuzz_$$t FOUND A CRASH: see $(FUZZ_BUILD)/$$t.log and tests/fuzz/regressions/"; }; \
	  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" $(FUZZ_BUILD)/$$t.log | tail -2; \
	done; exit $$status

# Benchmarks (README, *Performance*): builds the Google Benchmark programs
# (only those, not the test suite), installs the package with the `bench`
# extra (the peers and matplotlib), then bench/harness.py runs every stage and
# every peer in one sitting over a generated archive of BENCH_SIZE (written
# once to build/bench-archive/) and writes bench/results/: <date>-<host>.json,
# <date>-<host>.md, latest.md, latest.png, trend.png, history.jsonl.
#   make bench COMPARE=REV      also prints the change against REV's recorded run
#   make bench BENCH_ARGS=...   more harness options (bench/harness.py --help)
# pkuseg, the third word peer, has no wheel for this Python: bench-deps tries
# to build it and goes on without it (it is then reported as unavailable).
BENCH_SIZE ?= 64MB
BENCH_ARGS ?=
bench-cpp: venv
	@mkdir -p build
	$(VENV)/bin/cmake -S . -B $(CPP_BUILD) -G Ninja -DCMAKE_MAKE_PROGRAM=$(abspath $(VENV))/bin/ninja \
	    -DHUOZI_BUILD_TESTS=ON -DHUOZI_BUILD_BENCH=ON -DHUOZI_BUILD_PYTHON=OFF > $(CPP_BUILD).configure.log 2>&1 \
	    || (cat $(CPP_BUILD).configure.log; exit 1)
	$(VENV)/bin/cmake --build $(CPP_BUILD) -j $(JOBS) --target huozi_bench

# wheel and setuptools first: jieba ships as an sdist only, and without build
# isolation its setup.py needs them in the venv (a fresh venv has neither).
bench-deps: venv
	$(VPY) -m pip install -q wheel setuptools
	$(VPY) -m pip install -q --no-build-isolation ".[bench]"
	@$(VPY) -c "import pkuseg" 2>/dev/null || { \
	  $(VPY) -m pip install -q "numpy" "cython<3.1" wheel setuptools >/dev/null 2>&1 && \
	  timeout 300 $(VPY) -m pip install -q --no-build-isolation pkuseg >/dev/null 2>&1 \
	  && echo "pkuseg installed" || echo "pkuseg could not be installed: reported as unavailable"; }

bench: bench-cpp bench-deps
	$(VPY) bench/harness.py --size $(BENCH_SIZE) $(if $(COMPARE),--compare $(COMPARE)) $(BENCH_ARGS)

# Line repair and segmentation on newspaper pages printed to PDF and read back
# by pdftotext (default and -raw) and MuPDF (bench/results/pdf-eval.md): the
# extractors and fonts are installed when root (else the apt line is printed),
# the bench extra (reportlab, the peers) into .venv; pages, PDFs and gold go
# to EVAL_PDF_DIR (made from the corpus in ../shared: never commit them).
EVAL_PDF_PAGES ?= 200
EVAL_PDF_DIR   ?= build/pdf-eval
eval-pdf: bench-deps
	@bash .ci/setup-system $(PDF_TEST_PACKAGES)
	$(VPY) -m huozi.bench.pdfpages --pages $(EVAL_PDF_PAGES) --seed 1 --out $(EVAL_PDF_DIR) --jobs 2
	$(VPY) bench/eval_repair.py --pdf $(EVAL_PDF_DIR)
	$(VPY) bench/eval_segment.py --pdf $(EVAL_PDF_DIR)
	$(VPY) bench/pdf_findings.py $(EVAL_PDF_DIR)

clean:
	rm -rf build $(VENV) *.egg-info
