"""A submission that starts a process in a session of its own, then never finishes its import.

A fixture of tests/test_grade_class.py: the grading is stopped at its deadline
(SIGTERM, SIGKILL); the process that left the session (it sleeps for ten
minutes, this file's path on its command line) must not survive it, whichever
isolation ran.
"""

import subprocess
import sys

subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", __file__],
                 start_new_session=True, stdin=subprocess.DEVNULL,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
while True:
    pass
