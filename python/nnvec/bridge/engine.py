"""Training with Octave's ``trainNN.m`` from Python (``nnvec train --engine octave``)."""

from __future__ import annotations

import contextlib
import importlib.util
import signal
import threading
from collections.abc import Callable, Sequence

import numpy as np

from ..resources import octave_dir
from .octave_env import OctaveNotFoundError, octave_error_message, start_octave

__all__ = ["OctaveEngineError", "note_sigint", "train_octave"]


class OctaveEngineError(ValueError):
    """Octave is missing, or refused the run: its own message, in one line."""


def train_octave(X: np.ndarray, y: np.ndarray, sizes: Sequence[int], initial_params: np.ndarray,
                 lambda_: float, options: dict[str, object],
                 progress: Callable[[int, float], None] | None = None):
    """trainNN.m through oct2py from the Python start vector `initial_params`.

    `options` are trainNN's own fields (``MaxIter``, ``Method``,
    ``activation``, ``output``, ``LearningRate``, ``Momentum``). Returns
    (params, cost history, Octave's ``version('-blas')``, and ``(status,
    message, iterations, final cost)`` from trainNN's ``info``); `progress`
    is called with each iteration's cost once Octave is done.

    Octave's own error message (not oct2py's stack frames) becomes an
    OctaveEngineError. Ctrl-C: octave_kernel answers it by interrupting Octave
    and returning normally, so the handler below notes it and the call ends
    in KeyboardInterrupt once Octave is back at its prompt; ``finally`` then
    stops the Octave process.
    """
    if importlib.util.find_spec("oct2py") is None:
        raise OctaveEngineError("--engine octave needs oct2py (pip install 'nnvec[octave]')")
    try:
        folder = octave_dir()
    except OSError as exc:
        raise OctaveEngineError(f"--engine octave: {exc}") from None
    opts = {**options, "InitialParams": np.asarray(initial_params, dtype=np.float64).reshape(-1, 1)}

    interrupted: list[int] = []
    oc = None
    try:
        with note_sigint(interrupted):
            oc = start_octave()
            oc.addpath(str(folder))
            params, history, info = oc.trainNN(
                X, y.reshape(-1, 1).astype(np.float64),
                np.asarray(sizes, dtype=np.float64).reshape(1, -1), float(lambda_), opts,
                nout=3)
            blas = str(oc.feval("version", "-blas"))
    except OctaveNotFoundError as exc:
        raise OctaveEngineError(f"--engine octave: {exc}") from None
    except Exception as exc:  # Oct2PyError: Octave's own message, no traceback
        if interrupted:
            raise KeyboardInterrupt from None
        raise OctaveEngineError(f"Octave: {octave_error_message(exc)}") from None
    finally:
        if oc is not None:
            oc.exit()
    if interrupted:
        raise KeyboardInterrupt
    history = np.asarray(history, dtype=np.float64).reshape(-1)
    if progress is not None:
        for i, J in enumerate(history, start=1):
            progress(i, float(J))
    status = (int(info["status"]), str(info["message"]), int(info["nit"]), float(info["fun"]))
    return np.asarray(params, dtype=np.float64).reshape(-1), history, blas, status


@contextlib.contextmanager
def note_sigint(noted: list[int]):
    """Record SIGINT in `noted` (and raise KeyboardInterrupt as usual) while inside.

    Code that swallows KeyboardInterrupt (octave_kernel does, after stopping
    Octave) cannot hide the interrupt from the caller, who checks `noted`.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        noted.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
