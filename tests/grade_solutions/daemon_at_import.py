"""A submission that starts a process in a session of its own, meant to outlive the grader.

A fixture of tests/test_grade_class.py: the process sleeps for ten minutes with
this file's path (in the grader's temporary folder) on its command line, so the
test can look for it; none may be left when the batch ends. Only sigmoidGradient
is defined (5 points).
"""

import subprocess
import sys

import numpy as np

subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", __file__],
                 start_new_session=True, stdin=subprocess.DEVNULL,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def sigmoidGradient(z):
    s = 1.0 / (1.0 + np.exp(-z))
    return s * (1 - s)
