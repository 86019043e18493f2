"""A class's submissions graded in one command: ``nnvec grade sub1/ sub2/ ... --csv grades.csv``.

Every submission is untrusted code, so each one is graded by a process of
its own, ``python -m nnvec grade PATH --json FILE`` (`grader_command`), in a
session of its own, at most `jobs` at once (`DEFAULT_JOBS`, two: one per core
of a small machine). That process runs the student's code isolated as for a
single ``nnvec grade`` (`nnvec.grading.sandbox`) and writes its result as JSON
(`write_result`), aside then renamed; the batch reads it back
(`read_result`) and believes only what checks out.

A submission costs only its own row, whatever it does:

- **Deadline.** Each grading process has a wall-clock limit, `child_deadline`
  (``START_SECONDS + timeout * MAX_BATCHES``: every batch of calls the grader
  can make, each under ``--timeout``), or ``--deadline``. Past it, its whole
  session gets SIGTERM, then SIGKILL after `KILL_GRACE` seconds; the row says
  "timed out".
- **Every descendant ends.** The batch is a child subreaper
  (`nnvec.grading.sandbox.protect_grader`): a process that left its session (``setsid``)
  is re-parented to the batch when its parents end, and killed. Each grading
  process gets a private ``TMPDIR`` inside the batch's own temporary folder,
  removed after it, so no ``nnvec-grade-*`` folder outlives it even when it was
  killed.
- **Output.** The grading process's stdout and stderr go to pipes of which
  only the last `OUTPUT_CAP` bytes are kept; none of it reaches the batch's
  own output. The reason a submission was not graded is the process's
  ``nnvec: error:`` line, made one line (`clean_text`).
- **Interruption.** SIGINT, SIGTERM or SIGHUP stop every grading process and
  what it started, remove the temporary folders and raise `Interrupted`; the
  command line then exits with 128 + the signal's number and writes no CSV.

Exit status of ``nnvec grade`` for several PATHs (or with ``--csv``), the
codes of a single ``nnvec grade``: 0 when every submission was graded and
scored 100 / 100, 1 (`nnvec.grading.results.EXIT_BELOW_100`) when every one was graded
and some scored below 100, 2 (`EXIT_NOT_GRADED`) when any could not be
graded (a bad path, a grader that failed, a deadline passed). One bad
submission never stops the batch.

The CSV (`write_csv`, aside then renamed) has a header (`csv_header`: the
part columns come from `nnvec.grading.cases.PARTS`) and one row per submission in the
order given: path, language, the points of each part, total, status
(`STATUSES`), and the first failure's message and hint. Text cells are one
line without control characters; a cell that would start with ``=``, ``+``,
``-`` or ``@`` gets a leading ``'`` so that no spreadsheet runs it as a
formula.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..io.files import write_aside
from .cases import PARTS
from .grade import DEFAULT_TIMEOUT
from .results import EXIT_BELOW_100, GradeResult
from .sandbox import children, one_line, protect_grader

__all__ = ["DEFAULT_JOBS", "EXIT_NOT_GRADED", "GRADED", "KILL_GRACE", "MAX_BATCHES",
           "NOT_GRADED", "OUTPUT_CAP", "START_SECONDS", "STATUSES", "TIMED_OUT", "ClassResult",
           "Graded", "Interrupted", "Row", "child_deadline", "clean_text", "csv_header",
           "grade_class", "grader_command", "on_signals", "read_result", "result_record",
           "write_csv", "write_result"]

#: Grading processes run at once by default (one per core of a 2-core machine).
DEFAULT_JOBS = 2
#: Exit status when some submission could not be graded (as for one PATH).
EXIT_NOT_GRADED = 2
#: Bytes kept of each grading process's stdout and of its stderr (the last ones).
OUTPUT_CAP = 64 * 1024
#: Batches of calls one grading can make, each within --timeout: the import of a
#: .py file, the two runs that detect its convention, each part and its re-runs in
#: the other conventions for a hint (three at most, `nnvec.grading.grade`'s probes),
#: and the randInitializeWeights check.
MAX_BATCHES = 4 + 4 * len(PARTS)
#: Seconds a grading process gets beyond its batches (Python's start, the sandbox's
#: probes, the reference values).
START_SECONDS = 30.0
#: Seconds between SIGTERM and SIGKILL for a grading process stopped early.
KILL_GRACE = 2.0
#: Seconds between two searches for orphans re-parented to the batch (and when a
#: grading ends).
REAP_EVERY = 2.0
#: Row statuses.
GRADED, NOT_GRADED, TIMED_OUT = "graded", "not graded", "timed out"
STATUSES = (GRADED, NOT_GRADED, TIMED_OUT)
#: The result file's format, written as its ``"format"``.
RESULT_FORMAT = 1
#: Largest result file read back.
MAX_RESULT_BYTES = 1_000_000
#: The signals that interrupt a batch.
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])")


def clean_text(text: object, limit: int = 400) -> str:
    """`text` as one printable line: escape sequences dropped, control characters as spaces.

    Parameters
    ----------
    text : object
        Anything; its ``str``.
    limit : int
        Longest result; longer texts end in ``...``.

    Returns
    -------
    str
        One line, at most `limit` characters.

    See Also
    --------
    nnvec.grading.sandbox.one_line : the same, for the texts of a single report.

    Examples
    --------
    >>> clean_text("bad\\x1b[31m red\\nTotal: 100 / 100")
    'bad red Total: 100 / 100'
    """
    return one_line(_ANSI.sub("", str(text)), limit)


def child_deadline(timeout: float) -> float:
    """Seconds one grading process may take: ``START_SECONDS + timeout * MAX_BATCHES``.

    >>> child_deadline(10.0)
    270.0
    """
    return START_SECONDS + timeout * MAX_BATCHES


# --- the result file -----------------------------------------------------------

def result_record(result: GradeResult, path: str | Path, language: str,
                  convention: str) -> dict:
    """A `GradeResult` as the JSON object `write_result` writes.

    Returns
    -------
    dict
        ``format``, ``path``, ``language``, ``convention``, ``parts`` (each
        ``number``, ``title``, ``points``, ``earned``, ``message``,
        ``hint``), ``init`` (``passed``, ``message``) and ``total``.
    """
    return {
        "format": RESULT_FORMAT, "path": str(path), "language": language,
        "convention": convention,
        "parts": [{"number": r.part.number, "title": r.part.title, "points": r.part.points,
                   "earned": r.earned, "message": r.message, "hint": r.hint}
                  for r in result.parts],
        "init": {"passed": result.init_passed, "message": result.init_message},
        "total": result.total,
    }


def write_result(path: str | Path, record: dict) -> Path:
    """Write `record` (`result_record`) as JSON to `path`, aside then renamed."""
    data = json.dumps(record, ensure_ascii=False, indent=1).encode()
    return write_aside(path, lambda f: f.write(data), fname="nnvec grade --json")


@dataclass(frozen=True)
class Graded:
    """What a result file says, checked: language, each part's points and texts."""

    language: str
    earned: tuple[int, ...]
    messages: tuple[str, ...]
    hints: tuple[str, ...]
    init_passed: bool
    init_message: str

    @property
    def total(self) -> int:
        return sum(self.earned)


def read_result(path: str | Path) -> Graded:
    """Read back a result file, believing only what checks out.

    Raises
    ------
    ValueError
        When the file is missing, too big, not JSON, or its parts, points or
        total disagree with `nnvec.grading.cases.PARTS`.
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_RESULT_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"no result file ({exc.strerror or exc})") from None
    if len(data) > MAX_RESULT_BYTES:
        raise ValueError(f"the result file is over {MAX_RESULT_BYTES} bytes")
    try:
        rec = json.loads(data)
        parts = rec["parts"]
        if rec["format"] != RESULT_FORMAT or len(parts) != len(PARTS):
            raise ValueError
        earned = []
        for part, p in zip(PARTS, parts, strict=True):
            e = p["earned"]
            if (p["number"] != part.number or type(e) is not int
                    or not 0 <= e <= part.points):
                raise ValueError
            earned.append(e)
        if rec["total"] != sum(earned) or rec["language"] not in ("Octave", "Python"):
            raise ValueError
        return Graded(rec["language"], tuple(earned),
                      tuple(str(p["message"]) for p in parts),
                      tuple(str(p["hint"]) for p in parts),
                      rec["init"]["passed"] is True, str(rec["init"]["message"]))
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        raise ValueError("the result file does not hold a valid result") from None


# --- rows ----------------------------------------------------------------------

@dataclass
class Row:
    """One submission of the batch: how its grading went.

    ``points`` holds each part's points (in the order of `nnvec.grading.cases.PARTS`)
    and ``total`` their sum when ``status`` is `GRADED`; otherwise both are
    None and ``reason`` says why. ``stdout`` and ``stderr`` are the last
    `OUTPUT_CAP` bytes of the grading process's output; ``started`` and
    ``ended`` its ``time.monotonic()`` times.
    """

    path: str
    status: str = NOT_GRADED
    language: str = ""
    points: tuple[int, ...] | None = None
    message: str = ""
    hint: str = ""
    reason: str = ""
    exit_code: int | None = None
    stdout: bytes = b""
    stderr: bytes = b""
    started: float = 0.0
    ended: float = 0.0

    @property
    def total(self) -> int | None:
        return None if self.points is None else sum(self.points)

    def summary(self) -> str:
        """The row's line on stdout: ``PATH: 75 / 100 (failed: parts 2, 5)`` or why not."""
        where = clean_text(self.path, 1000)
        if self.points is None:
            return f"{where}: not graded: {self.reason}"
        failed = [str(p.number) for p, e in zip(PARTS, self.points, strict=True)
                  if e < p.points]
        s = "s" * (len(failed) > 1)
        return (f"{where}: {self.total} / 100"
                + (f" (failed: part{s} {', '.join(failed)})" if failed else ""))

    def cells(self) -> list[object]:
        """The row's CSV cells, in the order of `csv_header`."""
        points = list(self.points) if self.points is not None else [""] * len(PARTS)
        total = "" if self.total is None else self.total
        message = self.message if self.points is not None else self.reason
        return [_cell(self.path, 4096), self.language, *points, total, self.status,
                _cell(message, 1000), _cell(self.hint, 1000)]


def csv_header() -> list[str]:
    """The CSV's columns; one per part of `nnvec.grading.cases.PARTS`, named from it."""
    return ["path", "language", *(f"Part {p.number}: {p.title} ({p.points})" for p in PARTS),
            "total", "status", "message", "hint"]


def _cell(text: str, limit: int) -> str:
    """A text cell: one clean line, and never a spreadsheet formula."""
    s = clean_text(text, limit)
    return "'" + s if s[:1] in ("=", "+", "-", "@") else s


@dataclass
class ClassResult:
    """The rows of a batch, in the order the paths were given."""

    rows: list[Row] = field(default_factory=list)

    @property
    def graded(self) -> int:
        return sum(r.status == GRADED for r in self.rows)

    @property
    def exit_status(self) -> int:
        """0: all graded and at 100 / 100; 1: all graded, some below; 2: some not graded."""
        if self.graded < len(self.rows):
            return EXIT_NOT_GRADED
        return 0 if all(r.total == 100 for r in self.rows) else EXIT_BELOW_100


def write_csv(path: str | Path, result: ClassResult) -> Path:
    """Write the batch's CSV to `path` (its folder is created), aside then renamed."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(csv_header())
    w.writerows(r.cells() for r in result.rows)
    data = buf.getvalue().encode()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_aside(path, lambda f: f.write(data), fname="nnvec grade --csv")


# --- interruption ---------------------------------------------------------------

class Interrupted(KeyboardInterrupt):
    """The batch got SIGINT, SIGTERM or SIGHUP (``signum``); its processes are stopped."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def on_signals() -> Iterator[None]:
    """Inside, the first of `SIGNALS` raises `Interrupted`; the ones after it are ignored.

    Does nothing outside the main thread (where Python cannot set handlers).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired: list[int] = []

    def handler(signum: int, frame: object) -> None:
        if not fired:
            fired.append(signum)
            raise Interrupted(signum)

    previous = {s: signal.signal(s, handler) for s in SIGNALS}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


@contextlib.contextmanager
def _signals_ignored() -> Iterator[None]:
    """`SIGNALS` ignored inside (in the main thread): for the clean-up after an interruption."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in SIGNALS}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


# --- running the grading processes ----------------------------------------------

def grader_command(convention: str | None,
                   timeout: float) -> Callable[[str, Path], list[str]]:
    """The command that grades one path and writes its result file: ``nnvec grade --json``
    (with ``--convention`` when `convention` is given, else each detects its own)."""
    forced = ["--convention", convention] if convention is not None else []

    def command(path: str, result_file: Path) -> list[str]:
        return [sys.executable, "-m", "nnvec", "grade", *forced,
                "--timeout", repr(float(timeout)), "--json", str(result_file), "--", path]
    return command


class _Tail:
    """The last `cap` bytes written to a pipe."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.data = bytearray()

    def add(self, chunk: bytes) -> None:
        self.data += chunk
        if len(self.data) > self.cap:
            del self.data[: len(self.data) - self.cap]


@dataclass
class _Job:
    index: int
    row: Row
    proc: subprocess.Popen
    folder: Path
    result_file: Path
    deadline: float
    out: _Tail = field(default_factory=lambda: _Tail(OUTPUT_CAP))
    err: _Tail = field(default_factory=lambda: _Tail(OUTPUT_CAP))
    term_at: float | None = None
    killed: bool = False


class _Batch:
    """The running grading processes, their pipes, and the clean-up of what they leave."""

    def __init__(self, command: Callable[[str, Path], Sequence[str]], deadline: float,
                 root: Path) -> None:
        self.command = command
        self.deadline = deadline
        self.root = root
        self.results = root / "results"
        self.results.mkdir(mode=0o700)
        self.running: dict[int, _Job] = {}
        self.selector = selectors.DefaultSelector()
        self.others = frozenset(children())  # this process's children before the batch
        self.reaped = time.monotonic()
        self.env = _child_env()

    def start(self, index: int, row: Row) -> None:
        folder = self.root / f"run-{index}"
        folder.mkdir()
        # Searchable by others: a sandbox that runs the student as 'nobody' makes
        # its folder in here. Nothing in it can be listed.
        folder.chmod(0o711)
        result_file = self.results / f"{index}.json"
        row.started = time.monotonic()
        try:
            proc = subprocess.Popen(
                list(self.command(row.path, result_file)), stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                env=dict(self.env, TMPDIR=str(folder)))
        except OSError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            row.reason = clean_text(f"the grading process could not be started: "
                                    f"{exc.strerror or exc}")
            row.ended = time.monotonic()
            raise
        job = _Job(index, row, proc, folder, result_file, row.started + self.deadline)
        self.running[index] = job
        for pipe, tail in ((proc.stdout, job.out), (proc.stderr, job.err)):
            os.set_blocking(pipe.fileno(), False)
            self.selector.register(pipe, selectors.EVENT_READ, tail)

    def wait(self, seconds: float) -> list[_Job]:
        """Read what the processes wrote for up to `seconds`; the jobs that ended, finished."""
        if self.running:
            for key, _ in self.selector.select(seconds):
                self._read(key.fileobj, key.data)
        else:
            time.sleep(seconds)
        now = time.monotonic()
        ended = []
        for job in list(self.running.values()):
            if job.proc.poll() is not None:
                ended.append(job)
            elif job.term_at is None and now >= job.deadline:
                job.term_at = now
                _signal_group(job.proc, signal.SIGTERM)
            elif job.term_at is not None and not job.killed and now >= job.term_at + KILL_GRACE:
                job.killed = True
                _signal_group(job.proc, signal.SIGKILL)
        for job in ended:
            self._finish(job)
        if ended or now >= self.reaped + REAP_EVERY:
            self.reap()
        return ended

    def next_event(self) -> float:
        """Seconds until the next deadline or kill is due (at most 0.5)."""
        now, due = time.monotonic(), [0.5]
        for job in self.running.values():
            if job.term_at is None:
                due.append(job.deadline - now)
            elif not job.killed:
                due.append(job.term_at + KILL_GRACE - now)
            else:  # SIGKILL sent: look again soon, without spinning
                due.append(0.05)
        return max(0.0, min(due))

    def _read(self, pipe, tail: _Tail, rounds: int = 1) -> None:
        for _ in range(rounds):
            try:
                chunk = os.read(pipe.fileno(), 65536)
            except BlockingIOError:
                return
            except OSError:
                chunk = b""
            if not chunk:
                self.selector.unregister(pipe)
                pipe.close()
                return
            tail.add(chunk)

    def _finish(self, job: _Job) -> None:
        """The process ended: what is left in its pipes, its group, its folder; its row."""
        for pipe, tail in ((job.proc.stdout, job.out), (job.proc.stderr, job.err)):
            if not pipe.closed:
                self._read(pipe, tail, rounds=64)  # what is in the pipe now, not a flood
            if not pipe.closed:
                self.selector.unregister(pipe)
                pipe.close()
        _signal_group(job.proc, signal.SIGKILL)  # anything left in its process group
        out, err = bytes(job.out.data), bytes(job.err.data)
        del self.running[job.index]
        shutil.rmtree(job.folder, ignore_errors=True)
        _fill_row(job.row, job.proc.returncode, out, err, job.result_file,
                  self.deadline if job.term_at is not None else None)
        job.result_file.unlink(missing_ok=True)
        job.row.ended = time.monotonic()

    def reap(self, patience: float = 0.0) -> None:
        """Kill and reap the processes re-parented here (descendants that left their session).

        Each round adopts the orphans of the last round's kills; with
        `patience`, keep at it for up to that many seconds until none is left.
        """
        end = time.monotonic() + patience
        self.reaped = time.monotonic()
        while True:
            mine = {job.proc.pid for job in self.running.values()}
            adopted = [pid for pid in children() if pid not in self.others and pid not in mine]
            for pid in adopted:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01 if adopted else 0)
            for pid in adopted:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, os.WNOHANG)
            if not adopted or time.monotonic() >= end:
                return

    def stop_all(self) -> None:
        """Stop every running process (SIGTERM, then SIGKILL) and what they left behind."""
        for job in self.running.values():
            _signal_group(job.proc, signal.SIGTERM)
        end = time.monotonic() + KILL_GRACE
        while any(j.proc.poll() is None for j in self.running.values()) and \
                time.monotonic() < end:
            time.sleep(0.05)
        for job in list(self.running.values()):
            _signal_group(job.proc, signal.SIGKILL)
            job.proc.wait()
            for pipe in (job.proc.stdout, job.proc.stderr):
                if not pipe.closed:
                    self.selector.unregister(pipe)
                    pipe.close()
            shutil.rmtree(job.folder, ignore_errors=True)
        self.running.clear()
        self.reap(patience=5.0)

    def close(self) -> None:
        self.selector.close()


def _signal_group(proc: subprocess.Popen, sig: int) -> None:
    """`sig` to the process's whole group (it leads its session), then to it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)
    if proc.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)


def _child_env() -> dict[str, str]:
    """The grading process's environment: this nnvec first on its path, one BLAS thread.

    Two gradings at once on two cores: more BLAS threads would only compete.
    """
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(
        [here, *(p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p)])
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(name, "1")
    return env


def _fill_row(row: Row, code: int, out: bytes, err: bytes, result_file: Path,
              timed_out: float | None) -> None:
    """The row of a process that ended with `code`, from its result file and stderr."""
    row.exit_code, row.stdout, row.stderr = code, out, err
    if timed_out is not None:
        row.status = TIMED_OUT
        row.reason = (f"timed out: stopped after {timed_out:g} s, the limit for one "
                      "submission (--deadline)")
        return
    if code in (0, EXIT_BELOW_100):
        try:
            g = read_result(result_file)
        except ValueError as exc:
            row.reason = f"the grading process ended with exit status {code} but {exc}"
            return
        if (g.total == 100) != (code == 0):
            row.reason = (f"the grading process's exit status {code} disagrees with its "
                          f"result ({g.total} / 100)")
            return
        row.status, row.language, row.points = GRADED, g.language, g.earned
        failed = [i for i, (p, e) in enumerate(zip(PARTS, g.earned, strict=True))
                  if e < p.points]
        if failed:
            i = failed[0]
            row.message = clean_text(f"Part {PARTS[i].number}: {g.messages[i]}", 1000)
            row.hint = clean_text(g.hints[i], 1000)
        elif not g.init_passed:
            row.message = clean_text(f"randInitializeWeights: {g.init_message}", 1000)
        return
    row.reason = _reason(code, err)


def _reason(code: int, err: bytes) -> str:
    """Why a grading process that ended with `code` graded nothing, in one line."""
    lines = [s for s in err.decode(errors="replace").splitlines() if s.strip()]
    mark = "nnvec: error: "  # the grader's one line; on a line of its own but for a flood
    for line in reversed(lines):
        if mark in line:
            return clean_text(line[line.rindex(mark) + len(mark):], 300)
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        text = f"the grading process was killed by {name}"
    else:
        text = f"the grading process ended with exit status {code}"
    return clean_text(text + (f": {lines[-1]}" if lines else ""), 300)


def _language(path: str) -> str:
    p = Path(path)
    if p.is_dir():
        return "Octave"
    return "Python" if p.suffix in (".py", ".ipynb") and p.is_file() else ""


def grade_class(
    paths: Sequence[str | Path],
    convention: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int = DEFAULT_JOBS,
    deadline: float | None = None,
    echo: Callable[[str], None] | None = None,
    command: Callable[[str, Path], Sequence[str]] | None = None,
) -> ClassResult:
    """Grade several submissions, each in a process of its own, `jobs` at a time.

    Parameters
    ----------
    paths : sequence of str or Path
        The submissions (Octave folders or .py files), graded in this order;
        the rows follow it.
    convention : {'course', 'python-port'} or None
        Passed to every grading (``--convention``); None (default): each
        grading detects the convention of its .py file or notebook.
    timeout : float
        Seconds each part may take (``--timeout``).
    jobs : int
        Grading processes at once, >= 1.
    deadline : float, optional
        Seconds one grading process may take in all; default
        ``child_deadline(timeout)``.
    echo : callable, optional
        Called with each row's `Row.summary` line as the row is done.
    command : callable, optional
        ``command(path, result_file)``: the argv that grades `path` and writes
        `result_file` (`write_result`); default `grader_command`.

    Returns
    -------
    ClassResult
        One `Row` per path, in order; ``exit_status`` 0, 1 or 2.

    Raises
    ------
    ValueError
        For `jobs` < 1 or a `deadline` that is not a positive number.
    Interrupted
        On SIGINT, SIGTERM or SIGHUP (in the main thread), after stopping
        every grading process and removing the temporary folders.

    Notes
    -----
    This process becomes a child subreaper and non-dumpable
    (`nnvec.grading.sandbox.protect_grader`), as a single grading does.
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer, got {jobs!r}")
    limit = child_deadline(timeout) if deadline is None else deadline
    if not (isinstance(limit, int | float) and 0 < limit < float("inf")):
        raise ValueError(f"deadline must be a positive number of seconds, got {limit!r}")
    say = echo or (lambda line: None)
    result = ClassResult([Row(str(p)) for p in paths])
    protect_grader()
    root = Path(tempfile.mkdtemp(prefix="nnvec-class-"))
    root.chmod(0o711)
    batch = None
    try:
        with on_signals():
            batch = _Batch(command or grader_command(convention, timeout), limit, root)
            todo = list(enumerate(result.rows))
            todo.reverse()
            while todo or batch.running:
                while todo and len(batch.running) < jobs:
                    index, row = todo.pop()
                    try:
                        batch.start(index, row)
                    except OSError:
                        row.language = _language(row.path)
                        say(row.summary())
                for job in batch.wait(batch.next_event()):
                    if not job.row.language:
                        job.row.language = _language(job.row.path)
                    say(job.row.summary())
    finally:
        with _signals_ignored():  # a second signal must not cut the clean-up short
            if batch is not None:
                batch.stop_all()
                batch.close()
            shutil.rmtree(root, ignore_errors=True)
    return result
