"""nnvec.bridge.octave_env: the environment nnvec's Octave processes start in."""

from __future__ import annotations

import os

import pytest
from conftest import OCTAVE_DIR
from nnvec.bridge.octave_env import OCTAVE_ENV, octave_env, start_octave


def _getenv(session, name: str) -> str:
    session.eval(f"nnvec_env_value = getenv('{name}');", nout=0)
    return str(session.pull("nnvec_env_value"))


def test_octave_env_adds_the_allocator_settings_and_keeps_the_rest():
    base = {"PATH": "/bin", "MALLOC_TRIM_THRESHOLD_": "0"}
    env = octave_env(base)
    assert env["PATH"] == "/bin"
    assert env["MALLOC_TRIM_THRESHOLD_"] == "0"  # the user's value wins
    assert env["MALLOC_MMAP_THRESHOLD_"] == OCTAVE_ENV["MALLOC_MMAP_THRESHOLD_"]
    assert base == {"PATH": "/bin", "MALLOC_TRIM_THRESHOLD_": "0"}  # not modified


def test_thresholds_are_above_the_course_and_mnist_activations():
    # A hidden layer at the MNIST size (60000 x 100 doubles, 48 MB) must come
    # from the heap, not from its own mmap: it is what each evaluation re-allocates.
    assert int(OCTAVE_ENV["MALLOC_MMAP_THRESHOLD_"]) > 60000 * 100 * 8
    assert int(OCTAVE_ENV["MALLOC_TRIM_THRESHOLD_"]) >= int(OCTAVE_ENV["MALLOC_MMAP_THRESHOLD_"])


@pytest.mark.octave
def test_the_test_session_runs_with_the_octave_env(oc):
    for name, value in OCTAVE_ENV.items():
        assert _getenv(oc, name) == value


@pytest.mark.octave
def test_start_octave_keeps_a_user_value_and_restores_os_environ(monkeypatch):
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "12345")
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    before = dict(os.environ)
    session = start_octave()
    try:
        assert dict(os.environ) == before
        assert _getenv(session, "MALLOC_TRIM_THRESHOLD_") == "12345"
        assert _getenv(session, "MALLOC_MMAP_THRESHOLD_") == OCTAVE_ENV["MALLOC_MMAP_THRESHOLD_"]
        session.addpath(str(OCTAVE_DIR))
        assert float(session.sigmoid(0.0)) == 0.5  # a working session
    finally:
        session.exit()
