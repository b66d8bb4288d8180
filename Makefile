# huozi: the two commands are `make demo` and `make test`. Each does its own
# setup: Debian packages (installed when root, else the apt line is printed),
# a virtual environment in .venv/, the package installed into it.
PYTHON ?= python3
VENV   := .venv
VPY    := $(VENV)/bin/python
CPP_BUILD := build/cpp
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all demo test test-cpp test-python bench install sysdeps venv clean

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

test-python: install
	$(VPY) -m pytest -q tests/python

test: test-cpp test-python

bench: venv
	@echo "make bench: the benchmark suite arrives with issue 7 (benchmarks on large archives);"
	@echo "until then: cmake -S . -B build/bench -DHUOZI_BUILD_BENCH=ON && cmake --build build/bench && build/bench/huozi_bench"

clean:
	rm -rf build $(VENV) *.egg-info
