"""The child process in which ``nnvec grade`` runs a student's Python file.

Started by ``nnvec.grading.submission.PythonRunner`` as a script (through
``runpy.run_path``, arguments FD FILE), in a session of its own (so the grader
can stop it and anything it started), with standard input, output and error
on /dev/null and an empty temporary folder as the working directory. FD is
its end of a socket pair to the grader. The grader may have started it
inside a sandbox (``nnvec.grading.sandbox``).

The worker imports FILE, says which of the graded functions it found, then
answers calls until told to stop. Each message is a 4-byte big-endian length
and that many bytes of JSON (`send_message` / `receive_message`, shared with
the grader, which reads with a deadline and a size cap: a child that sends a
header and then sleeps, or a huge reply, cannot hang or flood it). The
values are ``encode`` / ``decode`` below, never pickles: nothing the
student's code returns is executed on the grader's side, and a value that is
not numbers (a string, None, an object) arrives as its type's name. Every
reply to a call also lists the arguments the call wrote into (``"changed"``,
their indices): each array argument is copied before the call and compared
after it.

This file imports only the standard library and numpy, not nnvec, so the
student's code starts in a clean interpreter; it may import nnvec itself.
"""

from __future__ import annotations

import importlib.util
import json
import socket
import struct
import sys
import time
import traceback
from pathlib import Path

import numpy as np

#: The graded functions: the course's name first, then its snake_case twin.
FUNCTIONS = {
    "nnCostFunction": ("nnCostFunction", "nn_cost_function"),
    "sigmoidGradient": ("sigmoidGradient", "sigmoid_gradient"),
    "randInitializeWeights": ("randInitializeWeights", "rand_initialize_weights"),
}

#: Largest array sent back (elements); a bigger one is reported by its size.
MAX_ELEMENTS = 1_000_000
_MAX_DEPTH = 4
_MAX_ITEMS = 64


def encode(value: object, depth: int = 0) -> dict:
    """A JSON-ready description of `value`: numbers and arrays, lists of them, or a type name.

    A flat list (or tuple) of plain numbers goes as one ``"numbers"`` entry at any
    length up to MAX_ELEMENTS, like an array: a gradient returned as a list of 89
    numbers is read as a list of 64 is. Other lists are nested at most _MAX_DEPTH
    deep and _MAX_ITEMS long.
    """
    if isinstance(value, (list, tuple)):
        if value and len(value) <= MAX_ELEMENTS and all(
                isinstance(v, (int, float, np.integer, np.floating)) for v in value):
            a = np.asarray(value)
            integer = a.dtype.kind in "iu"
            return {"numbers": a.astype(np.int64 if integer else np.float64).tolist(),
                    "int": integer}
        if depth >= _MAX_DEPTH or len(value) > _MAX_ITEMS:
            return {"type": f"a {type(value).__name__} of {len(value)} items"}
        return {"list": [encode(v, depth + 1) for v in value]}
    if isinstance(value, (str, bytes)) or value is None:
        return {"type": type(value).__name__}
    try:
        a = np.asarray(value)
    except Exception:  # an object numpy cannot read: report its type
        return {"type": type(value).__name__}
    if a.dtype.kind not in "biuf":
        return {"type": f"{type(value).__name__} of dtype {a.dtype}"}
    if a.size > MAX_ELEMENTS:
        return {"type": f"an array of {a.size} elements"}
    integer = a.dtype.kind in "iu"
    data = a.astype(np.int64 if integer else np.float64).ravel().tolist()
    return {"shape": list(a.shape), "int": integer, "data": data}


def decode(obj: dict, scalars: bool = False) -> object:
    """The value `encode` described: ndarray, list, or an ``Unsupported`` type name.

    With ``scalars=True`` a 0-d number comes back as a Python int or float
    (how the arguments reach the student's functions).
    """
    if "list" in obj:
        return [decode(v, scalars) for v in obj["list"]]
    if "numbers" in obj:  # a flat list of numbers: each as encode would send it alone
        dtype = np.int64 if obj["int"] else np.float64
        return [x if scalars else np.array(x, dtype=dtype)
                for x in np.array(obj["numbers"], dtype=dtype).tolist()]
    if "shape" in obj:
        a = np.array(obj["data"], dtype=np.int64 if obj["int"] else np.float64)
        a = a.reshape(obj["shape"])
        if scalars and a.ndim == 0:
            return a.item()
        return a
    return Unsupported(obj.get("type", "?"))


class Unsupported(str):
    """A returned value that is not numbers: its description (``'NoneType'``, ...)."""


class MessageError(Exception):
    """A message could not be read: ``kind`` is 'timeout', 'closed' or 'too big'."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def send_message(sock: socket.socket, message: dict, deadline: float | None = None) -> None:
    """Send `message` as a length header and JSON; by `deadline` (``time.monotonic``) if given."""
    data = json.dumps(message).encode()
    sock.settimeout(None if deadline is None else max(1e-3, deadline - time.monotonic()))
    try:
        sock.sendall(struct.pack(">I", len(data)) + data)
    except TimeoutError:
        raise MessageError("timeout", "the other side stopped reading") from None
    except OSError:
        raise MessageError("closed", "the connection closed") from None


def _receive_exactly(sock: socket.socket, n: int, deadline: float | None) -> bytes:
    chunks, got = [], 0
    while got < n:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise MessageError("timeout", "no complete message before the deadline")
        sock.settimeout(left)
        try:
            chunk = sock.recv(min(n - got, 1 << 20))
        except TimeoutError:
            raise MessageError("timeout", "no complete message before the deadline") from None
        except OSError:
            chunk = b""
        if not chunk:
            raise MessageError("closed", "the connection closed")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def receive_message(sock: socket.socket, deadline: float | None = None,
                    limit: int | None = None) -> dict:
    """The next message; the whole of it (header included) must arrive by `deadline`.

    Raises
    ------
    MessageError
        Past the deadline, when the socket closes, or when the message
        announces more than `limit` bytes (nothing of it is read then).
    """
    (n,) = struct.unpack(">I", _receive_exactly(sock, 4, deadline))
    if limit is not None and n > limit:
        raise MessageError("too big", f"a reply of {n} bytes, over the limit of {limit}")
    try:
        message = json.loads(_receive_exactly(sock, n, deadline))
    except ValueError:
        raise MessageError("closed", "a reply that is not JSON") from None
    if not isinstance(message, dict):
        raise MessageError("closed", "a reply that is not a JSON object")
    return message


def _where(exc: BaseException, path: Path) -> str:
    """``'Type: message (file.py, line N)'`` with the deepest line of the student's file."""
    text = f"{type(exc).__name__}: {exc}".strip().splitlines()
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename).resolve() == path:
            line = frame.lineno
    head = text[0] if text else type(exc).__name__
    return f"{head} ({path.name}, line {line})" if line else head


def _changed(kept: list, args: list) -> list[int]:
    """The indices of the arguments a call wrote into: `args` compared with copies, `kept`.

    NaN equals NaN; a changed shape counts (``X.shape = ...``, ``X.resize``).
    """
    changed = []
    for i, (before, after) in enumerate(zip(kept, args, strict=True)):
        if not isinstance(before, np.ndarray):
            continue  # a Python number: immutable
        try:
            same = np.array_equal(before, after, equal_nan=True)
        except Exception:  # the student left something numpy cannot compare
            same = False
        if not same:
            changed.append(i)
    return changed


def main(fd: int, file: str) -> None:
    """Import `file`, report the functions found, then answer calls over `fd`."""
    conn = socket.socket(fileno=fd)
    path = Path(file).resolve()
    sys.path.insert(0, str(path.parent))
    sys.argv = [str(path)]
    try:
        spec = importlib.util.spec_from_file_location("graded_solution", path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot import {path.name}")
        module = importlib.util.module_from_spec(spec)
        sys.modules["graded_solution"] = module
        spec.loader.exec_module(module)
    except BaseException as exc:  # the student's import-time error, SystemExit included
        send_message(conn, {"error": _where(exc, path)})
        return
    found = {}
    for course_name, names in FUNCTIONS.items():
        for name in names:
            if callable(getattr(module, name, None)):
                found[course_name] = name
                break
    send_message(conn, {"functions": found})
    while True:
        try:
            request = receive_message(conn)
        except MessageError:
            return
        if request.get("stop"):
            return
        fn = getattr(module, found[request["function"]])
        args = [decode(a, scalars=True) for a in request["args"]]
        kept = [np.copy(a) if isinstance(a, np.ndarray) else a for a in args]
        try:
            result = fn(*args)
        except BaseException as exc:  # the student's error (SystemExit too) is the answer
            send_message(conn, {"error": _where(exc, path), "changed": _changed(kept, args)})
            continue
        send_message(conn, {"value": encode(result), "changed": _changed(kept, args)})


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
