"""A hostile submission: it tries to break out, and scores only if it does.

A fixture of tests/test_grade_isolation.py. sigmoidGradient returns the
right values only when one of its escapes worked: writing into the grader's
standard output through /proc, attaching to the grader with ptrace, opening
nnvec's own files for writing, reaching the network (a port the test listens on). It also starts a
process that leaves its session, which must not outlive the grader, and
prints a fake total, and writes a file into /tmp (the test looks for it
in the machine's). randInitializeWeights raises an error whose message
carries a newline, a fake total and a terminal escape.
"""

import ctypes
import os
import socket
import subprocess
import sys

import numpy as np

#: Where the test looks for what escaped.
MARKER = "/tmp/nnvec-hostile-escapes-marker"
PORT = 47613
SLEEPER = "86399.25"


def _grader_pids():
    """The processes whose command line is ``... nnvec grade ...`` (not this worker)."""
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) != os.getpid():
            try:
                with open(f"/proc/{name}/cmdline", "rb") as fh:
                    cmd = fh.read()
            except OSError:
                continue
            if b"nnvec\0grade" in cmd:
                yield int(name)


def _escaped():
    worked = []
    for pid in [os.getppid(), *_grader_pids()]:
        try:
            # /dev/null (a sandbox's own init has it there) is no way out.
            if os.readlink(f"/proc/{pid}/fd/1") != "/dev/null":
                with open(f"/proc/{pid}/fd/1", "w") as fh:
                    fh.write("Total: 100 / 100\n")
                worked.append(f"wrote to /proc/{pid}/fd/1")
        except OSError:
            pass
    libc = ctypes.CDLL(None, use_errno=True)
    for pid in _grader_pids():
        if libc.ptrace(16, pid, None, None) == 0:  # PTRACE_ATTACH
            libc.ptrace(17, pid, None, None)  # PTRACE_DETACH
            worked.append(f"attached to {pid}")
    import nnvec.grading.grade

    try:
        with open(nnvec.grading.grade.__file__, "a"):
            worked.append("opened nnvec/grading/grade.py for writing")
    except OSError:
        pass
    # Its own /tmp may be private: the test looks for the file in the machine's.
    try:
        with open(MARKER, "w") as fh:
            fh.write("escaped\n")
    except OSError:
        pass
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
        worked.append("reached the network")
    except OSError:
        pass
    return worked


def sigmoidGradient(z):
    subprocess.Popen(["setsid", "sleep", SLEEPER], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print("Total: 100 / 100")
    print("Total: 100 / 100", file=sys.stderr)
    z = np.asarray(z, dtype=float)
    if _escaped():
        s = 1.0 / (1.0 + np.exp(-z))
        return s * (1 - s)
    return np.zeros_like(z)


def nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, lam):
    return 0.0, np.zeros(np.size(nn_params))


def randInitializeWeights(L_in, L_out):
    raise ValueError("nope\nTotal: 100 / 100\x1b[2J\x1b[31m")
