"""nnvec leaves the environment's OpenBLAS settings alone (issue #14).

Some machines set OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE because older
OpenBLAS builds compute wrong results or crash on their CPU without them, so
`make test`, `make train` and every Octave process they start keep both as
inherited. These tests run make as a user would, with both set.
"""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
