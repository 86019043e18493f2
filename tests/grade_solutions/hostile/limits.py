"""A submission that tries to take more than its limits: it scores only if it cannot.

A fixture of tests/test_grade_isolation.py. sigmoidGradient returns the
right values only when allocating 4 GB, writing a 100 MB file and starting
300 processes all failed.
"""

import subprocess

import numpy as np


def _took_too_much():
    took = []
    try:
        big = np.ones(2**29)  # 4 GiB of float64
        took.append(f"allocated {big.nbytes} bytes")
    except MemoryError:
        pass
    try:
        with open("big.bin", "wb") as fh:
            for _ in range(100):
                fh.write(b"\0" * 2**20)
        took.append("wrote 100 MB")
    except OSError:
        pass
    procs = []
    try:
        for _ in range(300):
            procs.append(subprocess.Popen(["sleep", "30"]))
        took.append("started 300 processes")
    except OSError:
        pass
    for p in procs:
        p.kill()
        p.wait()
    return took


def sigmoidGradient(z):
    z = np.asarray(z, dtype=float)
    if _took_too_much():
        return np.zeros_like(z)
    s = 1.0 / (1.0 + np.exp(-z))
    return s * (1 - s)
