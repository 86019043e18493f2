"""Running a student's functions where they cannot hurt the grader: a child process per language.

A submission is a folder of Octave files or one Python file. Its functions
run in a separate process, started in a session of its own with no
terminal, its output thrown away, and an empty temporary folder as the
working directory. Each batch of calls has a time limit; past it the whole
session is killed (the process and whatever it started) and the batch fails
with `RunError`. The grader computes every expected value in its own
process, so the student's code can neither see nor change nnvec's state.

- `OctaveRunner`: one ``octave-cli --no-history`` process per batch. The
  student's ``.m`` files are copied into the temporary folder (``student/``),
  beside a ``kit/`` folder that holds only what the course hands out
  (`HANDOUTS`, with the private helpers they call): nnvec's own
  ``nnCostFunction``, ``sigmoidGradient`` or ``randInitializeWeights`` are
  never reachable, and the student's folder path never reaches Octave (a path
  with non-ASCII letters or ``:`` would be cut or split by ``addpath``).
  Arguments and results travel as .mat files.
- `PythonRunner`: one Python process (``nnvec/grade_worker.py``) that imports
  the file once and answers calls as JSON over a socket pair; a new one is
  started after a time-out.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing import Pipe
from pathlib import Path

import numpy as np
import scipy.io

from .grade_worker import FUNCTIONS, Unsupported, decode, encode
from .octave_env import octave_env
from .resources import octave_dir

__all__ = ["HANDOUTS", "MAX_SUBMISSION_BYTES", "Call", "OctaveRunner", "Outcome",
           "PythonRunner", "RunError", "Unsupported", "octave_command"]

WORKER = Path(__file__).resolve().with_name("grade_worker.py")

#: What the course hands out with the exercise: the only nnvec functions a
#: graded Octave submission can call. None of them answers a graded part.
HANDOUTS = ("sigmoid", "debugInitializeWeights", "computeNumericalGradient",
            "checkNNGradients", "predict", "displayData", "fmincg")
#: Largest total size of the .m files copied from a submission's folder.
MAX_SUBMISSION_BYTES = 20_000_000


@dataclass(frozen=True)
class Call:
    """One call of a student's function: ``[out1, ..., out_nout] = function(*args)``."""

    function: str
    args: tuple
    nout: int = 1


@dataclass(frozen=True)
class Outcome:
    """What one call gave: the returned values, or the error's message."""

    values: list = field(default_factory=list)
    error: str | None = None
    changed: tuple = ()  # the indices of the arguments it wrote into (Python only)


class RunError(Exception):
    """A batch of calls produced no results: ``kind`` is 'timeout', 'load' or 'died'."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _kill_session(proc: subprocess.Popen) -> None:
    """SIGKILL to the process's whole session (it leads it), then reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        proc.kill()
    proc.wait()


class PythonRunner:
    """Calls the functions of one Python file in a child interpreter.

    Parameters
    ----------
    path : Path
        The student's ``.py`` file.
    timeout : float
        Seconds the import of the file may take.
    """

    language = "Python"

    def __init__(self, path: Path, timeout: float = 10.0) -> None:
        self.path = Path(path).resolve()
        self.timeout = timeout
        self.pids: list[int] = []
        self._proc: subprocess.Popen | None = None
        self._conn = None
        self._functions: dict[str, str] = {}
        self._load_error: str | None = None
        self._tmp = tempfile.mkdtemp(prefix="nnvec-grade-")

    def missing(self, function: str) -> str | None:
        """Why `function` cannot be called, or None (starts the child if needed)."""
        try:
            self._ensure_started(self.timeout)
        except RunError as exc:
            return str(exc)
        if function not in self._functions:
            names = " or ".join(FUNCTIONS[function])
            return f"{self.path.name} defines no function {names}"
        return None

    def _ensure_started(self, timeout: float) -> None:
        if self._load_error is not None:
            raise RunError("load", self._load_error)
        if self._proc is not None:
            return
        parent, child = Pipe(duplex=True)
        # run_path, not `python grade_worker.py`: that would put nnvec's own
        # folder first on the student's sys.path (``import train`` would find
        # nnvec's train.py).
        code = ("import runpy, sys; sys.argv = sys.argv[1:]; "
                "runpy.run_path(sys.argv[0], run_name='__main__')")
        self._proc = subprocess.Popen(
            [sys.executable, "-c", code, str(WORKER), str(child.fileno()), str(self.path)],
            pass_fds=(child.fileno(),), start_new_session=True, cwd=self._tmp,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        child.close()
        self.pids.append(self._proc.pid)
        self._conn = parent
        try:
            reply = self._receive(time.monotonic() + timeout, f"importing {self.path.name}",
                                  timeout)
        except RunError as exc:
            self._stop()
            if exc.kind != "timeout":
                exc = RunError("load", f"{self.path.name} could not be imported: {exc}")
            self._load_error = str(exc)
            raise exc from None
        if "error" in reply:
            self._stop()
            self._load_error = f"{self.path.name} could not be imported: {reply['error']}"
            raise RunError("load", self._load_error)
        self._functions = dict(reply["functions"])

    def _receive(self, deadline: float, doing: str, limit: float) -> dict:
        if not self._conn.poll(max(0.0, deadline - time.monotonic())):
            self._stop()
            raise RunError("timeout", f"stopped while {doing}: the time limit of {limit:g} s "
                                      "ran out (an endless loop?)")
        try:
            return json.loads(self._conn.recv_bytes())
        except (EOFError, OSError, ValueError):
            try:  # the socket closed: the process is ending, give it a moment
                code = self._proc.wait(timeout=1)
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
                self._conn.send_bytes(json.dumps(
                    {"function": call.function, "args": [encode(a) for a in call.args]}).encode())
            except OSError:
                self._stop()
                raise RunError("died", "the Python process ended") from None
            reply = self._receive(deadline, f"running {call.function}", timeout)
            changed = tuple(reply.get("changed", ()))
            if "error" in reply:
                outcomes.append(Outcome(error=reply["error"], changed=changed))
            else:
                value = decode(reply["value"])
                # Python returns a tuple for several outputs: its items are the outputs.
                if call.nout > 1 and isinstance(value, list):
                    outcomes.append(Outcome(values=list(value), changed=changed))
                else:
                    outcomes.append(Outcome(values=[value], changed=changed))
        return outcomes

    def _stop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.close()
            self._conn = None
        if self._proc is not None:
            _kill_session(self._proc)
            self._proc = None

    def close(self) -> None:
        """Stop the child (and anything it started) and remove its folder."""
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.send_bytes(json.dumps({"stop": True}).encode())
            if self._proc is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._proc.wait(timeout=2)
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
# as full double matrices, cells of them, or the class name of anything else;
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
        log = self._tmp / "octave.log"
        with open(log, "wb") as fh:
            try:
                proc = subprocess.Popen(
                    [*self._command, "nnvec_grade_batch.m"], cwd=self._tmp, env=octave_env(),
                    start_new_session=True, stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL, stderr=fh)
            except OSError as exc:
                raise RunError("died", f"Octave could not be started: {exc}") from None
            self.pids.append(proc.pid)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_session(proc)
                raise RunError("timeout", f"stopped: the time limit of {timeout:g} s ran out "
                                          "(an endless loop?)") from None
            _kill_session(proc)  # anything the student's code left running
        out = self._tmp / "out.mat"
        if not out.is_file():
            last = [s for s in log.read_text(errors="replace").splitlines() if s.strip()]
            raise RunError("died", "Octave ended before returning results (exit status "
                                     f"{proc.returncode}{': ' + last[-1] if last else ''})")
        R = scipy.io.loadmat(out)
        outcomes = []
        for k, call in enumerate(calls, start=1):
            if f"e_{k}" in R:
                outcomes.append(Outcome(error=_mat_str(R[f"e_{k}"])))
                continue
            values: list = []
            for i in range(1, call.nout + 1):
                name = f"o_{k}_{i}"
                if name in R:
                    values.append(_from_mat(R[name]))
                else:
                    values.append(Unsupported(_mat_str(R.get("t" + name, "?"))))
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
    files = [f for f in files if f.is_file()]
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


def _copy_handouts(dest: Path) -> None:
    """The course's hand-outs from nnvec's octave/, with the private helpers they call."""
    src = octave_dir()
    dest.mkdir()
    for name in HANDOUTS:
        shutil.copyfile(src / f"{name}.m", dest / f"{name}.m")
    shutil.copytree(src / "private", dest / "private")


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
