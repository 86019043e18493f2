"""Memory checks made before a network or a data set is allocated.

A network too large for the machine (``--hidden 100000000``, layer sizes
``[3, 1e12, 2]``, a stray label 1e9 taken as the number of classes) must end
in one clear error naming the size and the limit, never in a ``MemoryError``
traceback or the kernel's out-of-memory kill. The limit is the environment
variable ``NNVEC_MEMORY_LIMIT`` (bytes) when set, else half of the machine's
memory (``MemTotal`` in /proc/meminfo, or the physical pages the OS reports).

Octave twins: ``checkMemory.m``, ``checkNetworkMemory.m``, ``memoryLimit.m``
(octave/private), which read the same variable and print the same text.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

__all__ = ["ENV_VAR", "check_memory", "check_network_memory", "memory_limit", "network_bytes"]

#: Environment variable that sets the limit, in bytes (e.g. ``8e9``).
ENV_VAR = "NNVEC_MEMORY_LIMIT"

_UNITS = ("bytes", "kB", "MB", "GB", "TB", "PB", "EB")


def memory_limit() -> tuple[float, str]:
    """The limit in bytes and where it comes from (for the error message).

    ``NNVEC_MEMORY_LIMIT`` when set (a number of bytes > 0, else ValueError),
    else half of the machine's memory; ``inf`` when neither is known.
    """
    text = os.environ.get(ENV_VAR, "").strip()
    if text:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not value > 0:
            raise ValueError(f"{ENV_VAR} must be a number of bytes > 0, got '{text}'")
        return value, ENV_VAR
    total = _mem_total()
    if total is None:
        return float("inf"), "no limit: the machine's memory is unknown"
    return total / 2, f"half of the machine's memory; set {ENV_VAR} in bytes to change it"


def _mem_total() -> float | None:
    """Bytes of physical memory: /proc/meminfo's MemTotal (as Octave reads it), else sysconf."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return float(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return float(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, OSError, ValueError):
        return None


def format_bytes(n: float) -> str:
    """``1.6e+13`` -> ``'16 TB'``: three significant digits, powers of 1000 (Octave: the same)."""
    k = 0
    while k < len(_UNITS) - 1 and n >= 1000:
        n /= 1000
        k += 1
    return f"{n:.3g} {_UNITS[k]}"


def check_memory(need: float, what: str, fname: str) -> None:
    """ValueError when `need` bytes exceed the limit: "fname: what needs X, more than Y (...)"."""
    limit, source = memory_limit()
    if need > limit:
        raise ValueError(
            f"{fname}: {what} needs {format_bytes(need)} of memory, more than the limit of "
            f"{format_bytes(limit)} ({source})"
        )


def network_bytes(layer_sizes: Sequence[int], m: int) -> float:
    """An estimate of the bytes a cost evaluation (and training) allocates.

    ``8 * (3 N + 3 m (s2 + ... + sL))``: the weights three times (parameters,
    gradient, an optimizer's step), and per example three float64 buffers per
    unit after the input layer (activations, errors, derivatives or the
    one-hot labels). Octave twin: ``checkNetworkMemory.m``, the same formula.
    """
    sizes = [float(s) for s in layer_sizes]
    N = sum(sizes[i + 1] * (sizes[i] + 1) for i in range(len(sizes) - 1))
    return 8.0 * (3 * N + 3 * float(m) * sum(sizes[1:]))


def check_network_memory(layer_sizes: Sequence[int], m: int, fname: str) -> None:
    """`check_memory` for the network `layer_sizes` on `m` examples (validated sizes)."""
    sizes = "[" + " ".join(f"{float(s):g}" for s in layer_sizes) + "]"
    check_memory(network_bytes(layer_sizes, m), f"the network {sizes} on m = {m} examples",
                 fname)
