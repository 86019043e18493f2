"""A submission whose import never ends.

A fixture of tests/test_grade_class.py: with a short --timeout its import is
stopped and it scores 0; with a --deadline shorter than that, the whole grading
is stopped and its row says "timed out".
"""

while True:
    pass
