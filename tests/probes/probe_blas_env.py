"""Run only by tests/test_environment.py, inside `make test-python`: not collected by default.

The outer test sets OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, runs this file
through make, and passes what it set in NNVEC_EXPECT_BLAS_SETTINGS
("NAME=value;NAME=value"). Each test here fails unless both arrive unchanged.
"""

from __future__ import annotations

import os


def expected() -> dict[str, str]:
    text = os.environ["NNVEC_EXPECT_BLAS_SETTINGS"]
    return dict(item.split("=", 1) for item in text.split(";"))


def test_pytest_process_keeps_the_settings():
    want = expected()
    assert {k: os.environ.get(k) for k in want} == want


def test_octave_session_keeps_the_settings(oc):
    want = expected()
    got = {k: oc.feval("getenv", k) for k in want}
    assert got == want
    blas = oc.eval("version('-blas')")
    if "DYNAMIC_ARCH" in blas and "OPENBLAS_CORETYPE" in want:
        # A DYNAMIC_ARCH OpenBLAS names the kernels it runs: the forced ones.
        assert want["OPENBLAS_CORETYPE"].lower() in blas.lower(), blas
