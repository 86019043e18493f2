"""Running a student's functions where they cannot hurt the grader: a child process per language.

A submission is a folder of Octave files or one Python file. Its functions
run in a separate process, isolated and under limits (`nnvec.grading.sandbox`: a
bubblewrap sandbox where the machine has one), with no terminal, its output
thrown away or capped, and a temporary folder of its own as the only
writable place. Every wait has a deadline; past it the process and all its
descendants are killed and the batch fails with `RunError`. The grader
computes every expected value in its own process, so the student's code can
neither see nor change nnvec's state, and everything that comes back (values,
error texts, type names) is capped in size and made one printable line.

- `OctaveRunner`: one ``octave-cli --no-history`` process per batch. The
  student's ``.m`` files are copied into the temporary folder (``student/``),
  beside a ``kit/`` folder that holds only what the course hands out
  (`HANDOUTS`, with the private helpers they call): nnvec's own
  ``nnCostFunction``, ``sigmoidGradient`` or ``randInitializeWeights`` are
  never reachable, and the student's folder path never reaches Octave (a path
  with non-ASCII letters or ``:`` would be cut or split by ``addpath``).
  Arguments and results travel as .mat files.
- `PythonRunner`: one Python process (``nnvec/grading/grade_worker.py``) that imports
  the file once and answers calls as length-prefixed JSON over a socket pair;
  a new one is started after a time-out.
"""

from __future__ import annotations

import math
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.io

from ..bridge.octave_env import octave_env
from ..resources import octave_dir
from .grade_worker import (
    FUNCTIONS,
    MessageError,
    Unsupported,
    decode,
    encode,
    receive_message,
    send_message,
)
from .sandbox import Confined, Limits, choose_sandbox, one_line, protect_grader

__all__ = ["HANDOUTS", "MAX_LOG_BYTES", "MAX_REPLY_BYTES", "MAX_SUBMISSION_BYTES", "Call",
           "OctaveRunner", "Outcome", "PythonRunner", "RunError", "Unsupported",
           "octave_command"]

WORKER = Path(__file__).resolve().with_name("grade_worker.py")

#: What the course hands out with the exercise: the only nnvec functions a
#: graded Octave submission can call. None of them answers a graded part.
HANDOUTS = ("sigmoid", "debugInitializeWeights", "computeNumericalGradient",
            "checkNNGradients", "predict", "displayData", "fmincg")
#: Largest total size of the .m files copied from a submission's folder.
MAX_SUBMISSION_BYTES = 20_000_000
#: Largest reply of one call (Python, JSON) or one batch (Octave, out.mat): the
#: largest right answer (the gradient at the course's size, 10285 numbers) is
#: a few hundred KB.
MAX_REPLY_BYTES = 8 * 2**20
#: How much of Octave's error output is read back (its end).
MAX_LOG_BYTES = 64 * 2**10
#: Environment variables the student's process keeps (besides those set here):
#: the BLAS settings are the machine's own, see the Makefile.
_KEPT_ENV = ("PATH", "LANG", "LC_ALL", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
             "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class Call:
    """One call of a student's function: ``[out1, ..., out_nout] = function(*args)``."""

    function: str
    args: tuple
    nout: int = 1


@dataclass(frozen=True)
class Outcome:
    """What one call gave: the returned values, or the error's message (one line)."""

    values: list = field(default_factory=list)
    error: str | None = None
    changed: tuple = ()  # the indices of the arguments it wrote into (Python only)


class RunError(Exception):
    """A batch of calls produced no results: ``kind`` is 'timeout', 'load' or 'died'."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(one_line(message))
        self.kind = kind


def _child_env(workdir: Path) -> dict[str, str]:
    """A clean environment: the grader's secrets and settings do not reach the student."""
    env = {k: os.environ[k] for k in _KEPT_ENV if k in os.environ}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    env.update(HOME=str(workdir), TMPDIR="/tmp", PYTHONDONTWRITEBYTECODE="1")
    return env


def _limits(timeout: float, batches: int) -> Limits:
    """CPU seconds for `batches` batches of `timeout` seconds on every core (a backstop:
    the wall-clock deadline stops a batch first)."""
    return Limits(cpu_seconds=math.ceil(timeout * batches * (os.cpu_count() or 1)) + 10)


def _clean(value: object) -> object:
    """Returned values with every type name made one line."""
    if isinstance(value, Unsupported):
        return Unsupported(one_line(value, 120))
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


class PythonRunner:
    """Calls the functions of one Python file in a child interpreter.

    Parameters
    ----------
    path : Path
        The student's ``.py`` file.
    timeout : float
        Seconds the import of the file may take.
    source : str, optional
        The source to run in place of `path`'s text (a notebook's definitions,
        `nnvec.grading.notebook`, or functions sent by `nnvec.grade_functions`);
        it runs as ``<stem>_source.py``, beside the .py files of `path`'s folder
        when `path` is a file.
    where : callable, optional
        ``where(line)`` names line `line` of `source` in the messages
        (``'exercise4.ipynb, cell 3, line 2'``) in place of ``<stem>_source.py, line N``.
    """

    language = "Python"

    def __init__(self, path: Path, timeout: float = 10.0, *, source: str | None = None,
                 where: Callable[[int], str] | None = None) -> None:
        self.given = Path(path).resolve()
        self.files = [self.given.name]
        self.label = self.given.name  # how messages name the submission
        #: The functions graded, when not all those defined (`nnvec.grade_functions`).
        self.only: frozenset[str] | None = None
        self._where = where
        self.timeout = timeout
        self.pids: list[int] = []
        protect_grader()
        self.sandbox = choose_sandbox(sys.executable)
        self._child: Confined | None = None
        self._conn: socket.socket | None = None
        self._functions: dict[str, str] = {}
        self._load_error: str | None = None
        self._tmp = Path(tempfile.mkdtemp(prefix="nnvec-grade-"))
        try:
            self.path = _copy_python(self.given, self._tmp / "student", source)
        except BaseException:
            shutil.rmtree(self._tmp, ignore_errors=True)
            raise

    def missing(self, function: str) -> str | None:
        """Why `function` cannot be called, or None (starts the child if needed)."""
        try:
            self._ensure_started(self.timeout)
        except RunError as exc:
            return str(exc)
        if function not in self._functions or (self.only is not None
                                               and function not in self.only):
            names = " or ".join(FUNCTIONS[function])
            if self.only is not None:
                return f"no {names} was passed to grade_functions"
            return f"{self.label} defines no function {names}"
        return None

    def _ensure_started(self, timeout: float) -> None:
        if self._load_error is not None:
            raise RunError("load", self._load_error)
        if self._child is not None:
            return
        parent, child = socket.socketpair()
        # run_path, not `python grade_worker.py`: that would put nnvec's own
        # folder first on the student's sys.path (``import train`` would find
        # nnvec's train.py).
        code = ("import runpy, sys; sys.argv = sys.argv[1:]; "
                "runpy.run_path(sys.argv[0], run_name='__main__')")
        try:
            self._child = Confined(
                self.sandbox, [sys.executable, "-c", code, str(WORKER), str(child.fileno()),
                               str(self.path)],
                self._tmp, _limits(self.timeout, 2 * len(FUNCTIONS) + 8),
                env=_child_env(self._tmp), pass_fds=(child.fileno(),))
        except OSError as exc:
            parent.close()
            raise RunError("died", f"Python could not be started: {exc}") from None
        finally:
            child.close()
        self.pids.append(self._child.proc.pid)
        self._conn = parent
        try:
            reply = self._receive(time.monotonic() + timeout, f"importing {self.label}",
                                  timeout)
        except RunError as exc:
            self._stop()
            if exc.kind != "timeout":
                exc = RunError("load", f"{self.label} could not be imported: {exc}")
            self._load_error = str(exc)
            raise exc from None
        if "error" in reply:
            self._stop()
            self._load_error = (f"{self.label} could not be imported: "
                                f"{self._named(reply['error'])}")
            raise RunError("load", self._load_error)
        functions = reply.get("functions")
        self._functions = {k: v for k, v in (functions or {}).items()
                           if k in FUNCTIONS and v in FUNCTIONS[k]}

    def _named(self, message: str) -> str:
        """`message` with the lines of a built source named by `where`."""
        if self._where is None:
            return message
        pattern = rf"\({re.escape(self.path.name)}, line (\d+)\)"
        return re.sub(pattern, lambda m: f"({self._where(int(m[1]))})", message)

    def _receive(self, deadline: float, doing: str, limit: float) -> dict:
        try:
            return receive_message(self._conn, deadline, MAX_REPLY_BYTES)
        except MessageError as exc:
            if exc.kind == "timeout":
                self._stop()
                raise RunError("timeout", f"stopped while {doing}: the time limit of {limit:g} "
                                          "s ran out (an endless loop?)") from None
            if exc.kind == "too big":
                self._stop()
                raise RunError("died", f"stopped while {doing}: {exc}") from None
            try:  # the socket closed: the process is ending, give it a moment
                code = self._child.proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                code = None
            self._stop()
            raise RunError("died", f"the Python process ended while {doing}"
                                     + (f" (exit status {code})" if code is not None else "")
                             ) from None

    def run(self, calls: Sequence[Call], timeout: float) -> list[Outcome]:
        """Each call's outcome; raises `RunError` when the batch exceeds `timeout` seconds."""
        self._ensure_started(timeout)
        deadline = time.monotonic() + timeout
        outcomes = []
        for call in calls:
            try:
                send_message(self._conn, {"function": call.function,
                                          "args": [encode(a) for a in call.args]}, deadline)
            except MessageError:
                self._stop()
                raise RunError("died", "the Python process stopped reading its calls") from None
            reply = self._receive(deadline, f"running {call.function}", timeout)
            changed = reply.get("changed")
            changed = tuple(i for i in changed if type(i) is int and 0 <= i < len(call.args)) \
                if isinstance(changed, list) else ()
            if "error" in reply:
                outcomes.append(Outcome(error=one_line(self._named(str(reply["error"]))),
                                        changed=changed))
                continue
            try:
                value = _clean(decode(reply["value"]))
            except (KeyError, TypeError, ValueError, AttributeError):
                self._stop()
                raise RunError("died", f"the Python process sent a malformed reply to "
                                       f"{call.function}") from None
            # Python returns a tuple for several outputs: its items are the outputs.
            if call.nout > 1 and isinstance(value, list):
                outcomes.append(Outcome(values=list(value), changed=changed))
            else:
                outcomes.append(Outcome(values=[value], changed=changed))
        return outcomes

    def _stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._child is not None:
            self._child.stop()
            self._child = None

    def close(self) -> None:
        """Stop the child (and everything it started) and remove its folder."""
        if self._conn is not None and self._child is not None:
            try:
                send_message(self._conn, {"stop": True}, time.monotonic() + 1)
                self._child.proc.wait(timeout=2)
            except (MessageError, subprocess.TimeoutExpired):
                pass
        self._stop()
        shutil.rmtree(self._tmp, ignore_errors=True)


def octave_command() -> list[str]:
    """Octave's executable (``$OCTAVE_EXECUTABLE``, else octave-cli, else octave) and flags.

    Raises
    ------
    FileNotFoundError
        When no Octave is found.
    """
    chosen = os.environ.get("OCTAVE_EXECUTABLE")
    words = shlex.split(chosen) if chosen else []
    if words:
        # A command with arguments, as oct2py reads the variable; the flags below follow.
        exe = shutil.which(words[0])
        if not exe:
            raise FileNotFoundError(f"OCTAVE_EXECUTABLE is {chosen!r}, which is not an "
                                    "executable program")
        extra = [w for w in words[1:] if w != "--no-history"]
    else:
        exe = shutil.which("octave-cli") or shutil.which("octave")
        extra = []
        if not exe:
            raise FileNotFoundError("grading Octave files needs GNU Octave: octave-cli not "
                                    "found (install it, or set OCTAVE_EXECUTABLE)")
    # --no-history: without it Octave prints an error about a const
    # execution_exception at exit (see the BRIEF); the rest keep the user's
    # startup files and any window system out of the run.
    return [exe, *extra, "--no-gui", "--no-window-system", "--norc", "--quiet", "--no-history"]


# The batch, run by Octave from the temporary folder. The outputs are saved
# as full double matrices, cells of them, or the class name of anything else
# ('complex double' for complex numbers, whose class alone says double);
# an error is saved as its message with the line of the student's file.
_DRIVER = r"""
S = load('in.mat');
here = pwd;
student_dir = fullfile(here, 'student');
addpath(fullfile(here, 'kit'));
addpath(student_dir);
R = struct();
for k = 1:S.ncalls
  args = cell(1, S.(sprintf('nargs_%d', k)));
  for j = 1:numel(args)
    args{j} = S.(sprintf('a_%d_%d', k, j));
  end
  outs = cell(1, S.(sprintf('nout_%d', k)));
  try
    [outs{:}] = feval(S.(sprintf('fn_%d', k)), args{:});
    for i = 1:numel(outs)
      v = outs{i};
      name = sprintf('o_%d_%d', k, i);
      if (isnumeric(v) || islogical(v)) && isreal(v)
        R.(name) = full(double(v));
      elseif isnumeric(v)
        R.(['t' name]) = ['complex ' class(v)];
      elseif iscell(v) && all(cellfun(@(c) (isnumeric(c) || islogical(c)) && isreal(c), v(:)))
        R.(name) = cellfun(@(c) full(double(c)), v, 'UniformOutput', false);
      else
        R.(['t' name]) = class(v);
      end
    end
  catch err
    msg = err.message;
    prefix = [student_dir filesep];
    for s = err.stack(:)'
      if strncmp(s.file, prefix, numel(prefix))
        [~, base, ext] = fileparts(s.file);
        msg = sprintf('%s (%s%s, line %d)', msg, base, ext, s.line);
        break;
      end
    end
    R.(sprintf('e_%d', k)) = msg;
  end
end
R.done = S.ncalls;
save('-v7', 'out.mat', '-struct', 'R');
"""


class OctaveRunner:
    """Calls the functions of a folder of Octave files, one Octave process per batch.

    Parameters
    ----------
    folder : Path
        The student's folder (``nnCostFunction.m``, ...).
    """

    language = "Octave"

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder).resolve()
        self.pids: list[int] = []
        self._command = octave_command()
        protect_grader()
        self.sandbox = choose_sandbox(self._command[0])
        self._tmp = Path(tempfile.mkdtemp(prefix="nnvec-grade-"))
        try:
            self.files = _copy_submission(self.folder, self._tmp / "student")
            _copy_handouts(self._tmp / "kit")
        except BaseException:
            shutil.rmtree(self._tmp, ignore_errors=True)
            raise
        (self._tmp / "nnvec_grade_batch.m").write_text(_DRIVER)

    def missing(self, function: str) -> str | None:
        """Why `function` cannot be called (its file is not in the folder), or None."""
        if not (self.folder / f"{function}.m").is_file():
            return f"no {function}.m in {self.folder}"
        return None

    def run(self, calls: Sequence[Call], timeout: float) -> list[Outcome]:
        """Each call's outcome; raises `RunError` when Octave takes over `timeout` seconds."""
        data: dict[str, object] = {
            "ncalls": float(len(calls))}
        for k, call in enumerate(calls, start=1):
            data[f"fn_{k}"] = call.function
            data[f"nout_{k}"] = float(call.nout)
            data[f"nargs_{k}"] = float(len(call.args))
            for j, a in enumerate(call.args, start=1):
                data[f"a_{k}_{j}"] = _octave_value(a)
        for name in ("in.mat", "out.mat"):
            (self._tmp / name).unlink(missing_ok=True)
        scipy.io.savemat(self._tmp / "in.mat", data)
        self.sandbox.hand_over(self._tmp)
        log = self._tmp / "octave.log"
        with open(log, "wb") as fh:
            try:
                child = Confined(self.sandbox, [*self._command, "nnvec_grade_batch.m"], self._tmp,
                               _limits(timeout, 1), env=octave_env(_child_env(self._tmp)),
                               stderr=fh)
            except OSError as exc:
                raise RunError("died", f"Octave could not be started: {exc}") from None
            self.pids.append(child.proc.pid)
            try:
                child.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                child.stop()
                raise RunError("timeout", f"stopped: the time limit of {timeout:g} s ran out "
                                          "(an endless loop?)") from None
            child.stop()  # anything the student's code left running
        out = self._tmp / "out.mat"
        if not out.is_file():
            last = [s for s in _tail(log, MAX_LOG_BYTES).splitlines() if s.strip()]
            raise RunError("died", "Octave ended before returning results (exit status "
                                     f"{child.proc.returncode}"
                                     f"{': ' + last[-1] if last else ''})")
        if out.stat().st_size > MAX_REPLY_BYTES:
            raise RunError("died", f"Octave's results take {out.stat().st_size} bytes, over the "
                                   f"limit of {MAX_REPLY_BYTES}")
        R = scipy.io.loadmat(out)
        outcomes = []
        for k, call in enumerate(calls, start=1):
            if f"e_{k}" in R:
                outcomes.append(Outcome(error=one_line(_mat_str(R[f"e_{k}"]))))
                continue
            values: list = []
            for i in range(1, call.nout + 1):
                name = f"o_{k}_{i}"
                if name in R:
                    values.append(_from_mat(R[name]))
                else:
                    values.append(Unsupported(one_line(_mat_str(R.get("t" + name, "?")), 120)))
            outcomes.append(Outcome(values=values))
        return outcomes

    def close(self) -> None:
        """Remove the temporary folder (each Octave process ended with its batch)."""
        shutil.rmtree(self._tmp, ignore_errors=True)


def _copy_submission(folder: Path, dest: Path) -> list[str]:
    """Copy the .m files of `folder` (and of its ``private/``) to `dest`; their names.

    Raises
    ------
    ValueError
        When the files are over `MAX_SUBMISSION_BYTES` together.
    """
    files = sorted(folder.glob("*.m")) + sorted((folder / "private").glob("*.m"))
    # A symbolic link is not the student's code (and could reach the grader's files).
    files = [f for f in files if f.is_file() and not f.is_symlink()]
    total = sum(f.stat().st_size for f in files)
    if total > MAX_SUBMISSION_BYTES:
        raise ValueError(f"{folder}: the .m files take {total} bytes together, over the "
                         f"limit of {MAX_SUBMISSION_BYTES}")
    names = []
    for f in files:
        rel = f.relative_to(folder)
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
        names.append(rel.as_posix())
    return names


def _copy_python(file: Path, dest: Path, source: str | None = None) -> Path:
    """Copy `file`, then the other .py files beside it (modules it may import) while the
    total stays under `MAX_SUBMISSION_BYTES`, to `dest`; the copy of `file`.

    With `source`, that text is written as ``<stem>_source.py`` in place of `file`'s
    copy, with the .py files beside `file` only when `file` is a regular file.

    Raises
    ------
    ValueError
        When `file` alone is over the limit, or is a symbolic link.
    """
    if source is not None:
        data = source.encode()
        if len(data) > MAX_SUBMISSION_BYTES:
            raise ValueError(f"the source built from {file.name} takes {len(data)} bytes, "
                             f"over the limit of {MAX_SUBMISSION_BYTES}")
        dest.mkdir()
        target = dest / f"{file.stem}_source.py"
        target.write_bytes(data)
        beside = file.is_file() and not file.is_symlink()
        _copy_beside(file, dest, len(data) if beside else MAX_SUBMISSION_BYTES + 1, target.name)
        return target
    if file.is_symlink() or not file.is_file():
        raise ValueError(f"{file} is not a regular file")
    total = file.stat().st_size
    if total > MAX_SUBMISSION_BYTES:
        raise ValueError(f"{file} takes {total} bytes, over the limit of "
                         f"{MAX_SUBMISSION_BYTES}")
    dest.mkdir()
    shutil.copyfile(file, dest / file.name)
    _copy_beside(file, dest, total, file.name)
    return dest / file.name


def _copy_beside(file: Path, dest: Path, total: int, taken: str) -> None:
    """Copy the .py files of `file`'s folder (but `file` and `taken`) while `total` stays
    under `MAX_SUBMISSION_BYTES`."""
    if total > MAX_SUBMISSION_BYTES:
        return
    for f in sorted(file.parent.glob("*.py")):
        if f.name in (file.name, taken) or f.is_symlink() or not f.is_file():
            continue
        total += f.stat().st_size
        if total > MAX_SUBMISSION_BYTES:
            break
        shutil.copyfile(f, dest / f.name)


def _copy_handouts(dest: Path) -> None:
    """The course's hand-outs from nnvec's octave/, with the private helpers they call."""
    src = octave_dir()
    dest.mkdir()
    for name in HANDOUTS:
        shutil.copyfile(src / f"{name}.m", dest / f"{name}.m")
    shutil.copytree(src / "private", dest / "private")


def _tail(path: Path, n: int) -> str:
    """The last `n` bytes of a file, as text."""
    with open(path, "rb") as fh:
        fh.seek(max(0, path.stat().st_size - n))
        return fh.read().decode(errors="replace")


def _octave_value(a: object) -> object:
    """A call argument as Octave should see it: doubles, vectors as columns."""
    arr = np.asarray(a, dtype=np.float64)
    return arr.reshape(-1, 1) if arr.ndim == 1 else arr


def _mat_str(v: object) -> str:
    if isinstance(v, np.ndarray):
        return "".join(str(s) for s in v.ravel())
    return str(v)


def _from_mat(v: np.ndarray) -> object:
    """A loaded value: a float array, or a list for a cell (taken column by column)."""
    if v.dtype == object:
        return [_from_mat(np.asarray(c)) for c in v.ravel(order="F")]
    return np.asarray(v, dtype=np.float64)
