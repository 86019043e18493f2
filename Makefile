# nnvec: every target does its own set-up (venv, Octave with OpenBLAS).
# Main job: `make train`.  Checks: `make test`.  Speed: `make bench`.

SHELL   := /bin/bash
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
OUT     ?= out
TRAIN_ARGS ?=
BENCH_ARGS ?=

# OpenBLAS picks its kernels by CPU. An OPENBLAS_CORETYPE inherited from the
# environment overrides that choice for numpy's, scipy's and Octave's
# OpenBLAS alike; one forcing Haswell (AVX2) on an AVX-512 CPU made every
# product 1.4-1.7x slower here. make drops an inherited one (and tells
# `make bench` which, so it can show the difference); force a kernel with
# `make <target> OPENBLAS_CORETYPE=<name>`.
ifeq ($(origin OPENBLAS_CORETYPE),environment)
export NNVEC_DROPPED_CORETYPE := $(OPENBLAS_CORETYPE)
unexport OPENBLAS_CORETYPE
$(info make: ignoring OPENBLAS_CORETYPE=$(OPENBLAS_CORETYPE) from the environment, so OpenBLAS picks kernels by CPU; force one with: make <target> OPENBLAS_CORETYPE=<name>)
endif

.PHONY: setup octave test test-octave test-python lint train bench data ex4 clean

setup: $(STAMP) octave

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,data]'
	@touch $@

octave:
	@bash scripts/setup-octave.sh

test: setup lint test-octave test-python

test-octave: setup
	octave-cli --no-gui --norc --quiet scripts/run_octave_tests.m

test-python: setup
	$(PY) -m pytest

lint: setup
	@bash scripts/lint.sh

train: setup
	$(PY) -m nnvec train --data digits --out $(OUT) $(TRAIN_ARGS)

ex4: setup
	$(PY) -m nnvec ex4

bench: setup
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/bench.py $(BENCH_ARGS)

data: setup
	$(PY) scripts/make_digits.py data/digits.mat

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache build python/*.egg-info
