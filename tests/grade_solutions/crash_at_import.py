"""A submission that raises at import, its message dressed as the grader's last line.

A fixture of tests/test_grade_class.py: graded 0 / 100 in its own row; the
newline, the escape sequence and the fake total reach neither the batch's
summary line nor its CSV as more than one plain line.
"""

raise RuntimeError("broken \x1b[31mred\x1b[0m\nTotal: 100 / 100\n=HYPERLINK(\"x\")")
