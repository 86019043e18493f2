"""A hostile submission: its sigmoidGradient sends half a reply and sleeps.

A fixture of tests/test_grade_isolation.py. It finds the worker's socket to
the grader and writes a length header announcing a reply that never comes;
nnCostFunction announces a reply of 2 GB. The grader must give up on each
at its deadline or its size cap, and go on.
"""

import os
import socket
import stat
import struct
import time

import numpy as np


def _grader_socket():
    for fd in map(int, os.listdir("/proc/self/fd")):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                return socket.socket(fileno=os.dup(fd))
        except OSError:
            continue
    raise RuntimeError("no socket")


def sigmoidGradient(z):
    _grader_socket().sendall(struct.pack(">I", 100) + b'{"val')
    time.sleep(3600)


def nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, lam):
    _grader_socket().sendall(struct.pack(">I", 2**31))
    time.sleep(3600)


def randInitializeWeights(L_in, L_out):
    # Eight arrays of a million numbers: about 160 MB of JSON, over the cap.
    return tuple(np.full(10**6, 0.123456789012345) for _ in range(8))
