"""``nnvec grade PATH`` (one solution, `run_grade`) and ``nnvec grade PATH PATH ...``
(a class, `run_grade_class`)."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import TextIO

from ..grading.grade import grade
from ..grading.grade_class import (
    DEFAULT_JOBS,
    Interrupted,
    child_deadline,
    grade_class,
    on_signals,
    result_record,
    write_csv,
    write_result,
)
from ..io.files import check_out_dir
from .errors import UsageError

__all__ = ["run_grade", "run_grade_class"]


def run_grade(args: argparse.Namespace, stdout: TextIO | None = None) -> int:
    """``nnvec grade`` with parsed arguments: the report on stdout, 0 at 100 / 100, else 1.

    Several paths, or ``--csv``: `run_grade_class`.
    """
    if len(args.path) > 1 or args.csv is not None:
        return run_grade_class(args, stdout)
    for name in ("jobs", "deadline"):
        if getattr(args, name) is not None:
            raise UsageError(f"--{name} is for grading a class (several PATHs, or --csv)")

    if args.json is not None:
        json_path = Path(args.json)
        check_out_dir(json_path.parent, (json_path.name,), what="--json")
    out = stdout or sys.stdout
    path = args.path[0]
    result = grade(path, args.convention, args.timeout,
                   echo=lambda line: print(line, file=out, flush=True))
    if args.json is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        language = "Octave" if Path(path).is_dir() else "Python"
        write_result(json_path, result_record(result, path, language, result.convention))
    return result.exit_status


def run_grade_class(args: argparse.Namespace, stdout: TextIO | None = None) -> int:
    """``nnvec grade PATH PATH ... [--csv FILE]``: a line per submission; 0, 1 or 2.

    Interrupted (SIGINT, SIGTERM, SIGHUP): one line on stderr, no CSV, exit
    status 128 + the signal's number.
    """

    if args.json is not None:
        raise UsageError("--json is for one PATH without --csv; a class's results go to --csv")
    if args.csv is not None:
        csv_path = Path(args.csv)
        check_out_dir(csv_path.parent, (csv_path.name,), what="--csv")
    out = stdout or sys.stdout
    jobs = DEFAULT_JOBS if args.jobs is None else args.jobs
    deadline = child_deadline(args.timeout) if args.deadline is None else args.deadline
    n = len(args.path)
    print(f"Grading {n} submission{'s' * (n != 1)}, {min(jobs, n)} at a time, each within "
          f"{deadline:g} s", file=out, flush=True)
    try:
        with on_signals():
            result = grade_class(args.path, args.convention, args.timeout, jobs, deadline,
                                 echo=lambda line: print(line, file=out, flush=True))
            if args.csv is not None:
                write_csv(csv_path, result)
    except Interrupted as exc:
        out.flush()
        sys.stderr.write(f"nnvec: interrupted ({signal.Signals(exc.signum).name}): the "
                         "gradings were stopped, no CSV written\n")
        return 128 + exc.signum
    at_100 = sum(r.total == 100 for r in result.rows)
    print(f"Graded {result.graded} of {n} ({at_100} at 100 / 100, {n - result.graded} not "
          f"graded)" + (f"; wrote {csv_path}" if args.csv is not None else ""), file=out)
    return result.exit_status
