# nnvec: every target does its own set-up (venv, Octave with OpenBLAS).
# Main job: `make train`.  Checks: `make test`.  Speed: `make bench`.
# Grade a solution of the exercise: `make grade SOLUTION=folder-or-file.py`.

SHELL   := /bin/bash
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
OUT     ?= out
TRAIN_ARGS ?=
BENCH_ARGS ?=
PYTEST_ARGS ?=
PYTEST_WORKERS ?= 2
SOLUTION ?= octave
GRADE_ARGS ?=

# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE pass through untouched: some
# machines set them because older OpenBLAS builds (Octave's among them)
# compute wrong results or crash on their CPU without them. Only `make bench`
# measures the alternative, in child processes of its own.

.PHONY: setup octave fashion-mnist notebook-kernels notebooks-clean test test-octave test-python lint train mutants bench data ex4 grade clean

setup: $(STAMP) octave fashion-mnist notebook-kernels

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,data]'
	@touch $@

octave:
	@bash scripts/setup-octave.sh

fashion-mnist:
	@bash scripts/setup-fashion-mnist.sh

# What notebooks/ needs: gnuplot-nox and a font for Octave's plots, the
# python3 and octave kernel specs and octave_kernel's settings in the venv.
notebook-kernels: $(STAMP)
	@bash scripts/setup-notebooks.sh $(PY)

# Strip the notebooks' outputs before committing (tests/test_notebooks.py checks).
notebooks-clean: $(STAMP)
	$(PY) scripts/strip_notebooks.py

test: setup lint test-octave test-python

test-octave: setup
	octave-cli --no-gui --norc --quiet --no-history scripts/run_octave_tests.m

# Two workers, each with its own Octave session (pytest-xdist); tests that must
# not overlap share an xdist_group (tests/conftest.py). PYTEST_WORKERS=0 runs
# in one process. The 25 slowest tests are listed at the end.
test-python: setup
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup --durations=25 $(PYTEST_ARGS)

lint: setup
	@bash scripts/lint.sh

train: setup
	$(PY) -m nnvec train --data mnist5k --out $(OUT) $(TRAIN_ARGS)

ex4: setup
	$(PY) -m nnvec ex4

# nnvec grade exits 0 at 100 / 100, 1 below, 2 when nothing could be graded
# (make itself reports any non-zero status as 2).
grade: setup
	$(PY) -m nnvec grade "$(SOLUTION)" $(GRADE_ARGS)

mutants: setup
	$(PY) scripts/mutants.py

bench: setup
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/bench.py $(BENCH_ARGS)

data: setup
	$(PY) scripts/make_digits.py data/digits.mat
	$(PY) scripts/make_mnist5k.py data/mnist5k.mat

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache build dist python/*.egg-info
