"""The environment nnvec's processes start in: Octave's (nnvec.bridge.octave_env), and the
machine's OpenBLAS settings, which nnvec leaves alone.

Some machines set OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE because older
OpenBLAS builds compute wrong results or crash on their CPU without them, so
`make test`, `make train` and every Octave process they start keep both as
inherited. The make tests here run make as a user would, with both set.
"""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

import pytest
from conftest import OCTAVE_DIR, ROOT
from nnvec.bridge.octave_env import (
    OCTAVE_ENV,
    octave_env,
    octave_error_message,
    octave_executable,
    start_octave,
)


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


@pytest.mark.slow
@pytest.mark.octave
def test_make_test_python_keeps_the_settings_in_pytest_and_octave():
    want = forced_settings()
    expect = ";".join(f"{k}={v}" for k, v in want.items())
    proc = run_make("test-python",
                    "PYTEST_ARGS=tests/probes/probe_blas_env.py -p no:cacheprovider",
                    extra={**want, "NNVEC_EXPECT_BLAS_SETTINGS": expect})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "2 passed" in proc.stdout, proc.stdout[-3000:]
    assert "ignoring OPENBLAS_CORETYPE" not in proc.stdout + proc.stderr


@pytest.mark.slow
def test_make_train_reports_the_forced_kernels(tmp_path):
    want = forced_settings()
    proc = run_make("train", f"OUT={tmp_path / 'out'}", "TRAIN_ARGS=--maxiter 1", extra=want)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    blas = [line for line in proc.stdout.splitlines() if line.startswith("BLAS:")]
    assert len(blas) == 1, proc.stdout
    assert f"forced by OPENBLAS_CORETYPE={want['OPENBLAS_CORETYPE']}" in blas[0]
    assert f"OPENBLAS_L2_SIZE={want['OPENBLAS_L2_SIZE']}" in blas[0]


def forced_settings() -> dict[str, str]:
    """Settings this machine's CPU runs correctly with.

    The environment's own values when it has them (they are there for a
    reason). Otherwise Haswell kernels (AVX2, which the CPU must have) or
    ARMV8, and a 1 MiB L2: the pair the issue names. Not the oldest x86
    kernels: Prescott with any OPENBLAS_L2_SIZE made numpy's and scipy's
    OpenBLAS spin forever inside the first training call on this machine.
    """
    inherited = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
                 if k in os.environ}
    if "OPENBLAS_CORETYPE" in inherited:
        return {"OPENBLAS_L2_SIZE": "1048576", **inherited}
    machine = platform.machine()
    flags = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    if machine == "x86_64" and " avx2" in flags:
        core = "Haswell"
    elif machine == "aarch64":
        core = "ARMV8"
    else:
        pytest.fail(f"no OPENBLAS_CORETYPE known to be safe on this {machine} CPU")
    return {"OPENBLAS_CORETYPE": core, "OPENBLAS_L2_SIZE": "1048576"}


def run_make(*args: str, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT,
                          env={**os.environ, **extra}, capture_output=True, text=True,
                          timeout=600, check=False)


def test_octave_executable_always_has_no_history():
    assert octave_executable({"OCTAVE_EXECUTABLE": "octave-cli"}) == "octave-cli --no-history"
    assert octave_executable({"OCTAVE_EXECUTABLE": "octave --no-history"}) == \
        "octave --no-history"
    assert octave_executable({"PATH": "/nonexistent"}) is None


@pytest.mark.octave
def test_sessions_run_with_no_history(oc):
    """The tests' session, started as nnvec starts every Octave (start_octave)."""
    pid = oc._engine.repl.child.pid
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        argv = f.read().split(b"\0")
    assert b"--no-history" in argv


def test_octave_error_message_keeps_a_multi_line_message():
    text = ("Octave evaluation error:\nerror: trainNN: bad\n  second line\n"
            "error: called from:\n    trainNN at line 60, column 40\n")
    assert octave_error_message(Exception(text)) == "trainNN: bad second line"
    assert octave_error_message(Exception("Session died, restarting")) == \
        "Session died, restarting"


def test_grading_accepts_an_octave_executable_with_arguments(monkeypatch):
    from nnvec.grading.submission import octave_command

    exe = octave_executable({"PATH": os.environ["PATH"]})
    monkeypatch.setenv("OCTAVE_EXECUTABLE", exe)  # e.g. '/usr/bin/octave-cli --no-history'
    command = octave_command()
    assert command[0].endswith(("octave-cli", "octave"))
    assert command.count("--no-history") == 1
