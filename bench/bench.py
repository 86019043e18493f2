"""`make bench`: how fast is the cost+gradient, how close to the matrix-multiply limit.

Run from the repository root::

    .venv/bin/python bench/bench.py             # everything (several minutes)
    .venv/bin/python bench/bench.py --quick     # short run: smaller repeats, no MNIST size
    .venv/bin/python bench/bench.py --only cost --only octave

Sections (``--only NAME``, repeatable): ``info``, ``cost`` (Python, the
readable reference and the peers, against the GEMM bound), ``octave``
(timed inside Octave), ``loop``, ``memory``, ``oct2py``, ``threads``, ``train``.
Every time is the median of repeated calls after a warm-up call. Data for the
cost timings are synthetic (uniform random pixels, random labels): the time of
a cost+gradient does not depend on the values. Results are printed, not saved.

The bound. One evaluation of a three-layer network does five matrix products
(forward 1 and 2, the two weight gradients, the backward product); their
floating-point work is ``4 m n h + 6 m h K`` flops. Each product is timed alone
at its exact shapes with BLAS writing into a preallocated output, in both
layouts (examples along rows and along columns), and the bound is the sum of
the faster of the two: what BLAS alone needs for this evaluation. "x bound" is
an implementation's time over that sum (1.00 would be all-GEMM, nothing else);
"x peak" is its time over ``flops / rate`` of a square 2000 (1000 with
--quick) GEMM at the same thread count, the machine's best case.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib.util
import itertools
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController, threadpool_info, threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "python"))

import nnvec  # noqa: E402
from nnvec.bridge.octave_env import OCTAVE_ENV, octave_env, start_octave  # noqa: E402
from nnvec.core.params import reshape_params  # noqa: E402
from nnvec.core.reference import cost_and_gradient as reference_cost  # noqa: E402
from nnvec.core.validate import check_params  # noqa: E402
from nnvec.optim.train import _numpy_blas  # noqa: E402

SECTIONS = ("info", "cost", "octave", "loop", "memory", "oct2py", "threads", "train")
LAMBDA = 1.0
NNCOST = "nnvec NNCost (workspace, examples in cols)"
#: The row of NNCost(workers=k) at k threads: what nnvec.train runs on large problems.
WORKERS = "nnvec NNCost, {k} workers (train, large m)"
JAX = "JAX jit(value_and_grad) float64"
PEERS = ("PyTorch float64 autograd", "sklearn MLP _loss_grad_lbfgs", JAX)
#: The float32 rows: nnvec's (one call, and the workers train runs on large
#: problems) against PyTorch's and JAX's defaults, with a float32 GEMM bound.
NNCOST32 = "nnvec NNCost float32"
WORKERS32 = "nnvec NNCost float32, {k} workers"
TORCH32 = "PyTorch float32 autograd"
JAX32 = "JAX jit(value_and_grad) float32"
PEERS32 = (TORCH32, JAX32)
#: What the sections measured, for the closing summary against the issue's targets.
RESULTS: dict[tuple, float] = {}


class Size:
    """A benchmark case: a three-layer network ``[n, h, K]`` on ``m`` examples."""

    def __init__(self, name: str, n: int, h: int, K: int, m: int, reps: int) -> None:
        self.name, self.n, self.h, self.K, self.m, self.reps = name, n, h, K, m, reps
        self.sizes = [n, h, K]
        self.flops = 4 * m * n * h + 6 * m * h * K

    def label(self) -> str:
        return f"{self.name} {self.n}-{self.h}-{self.K} m={self.m}"

    def data(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rng = np.random.default_rng(0)
        X = rng.random((self.m, self.n))
        y = 1 + np.arange(self.m) % self.K
        p = 0.1 * rng.standard_normal(self.h * (self.n + 1) + self.K * (self.h + 1))
        return X, y.astype(float), p


def sizes_for(quick: bool) -> list[Size]:
    out = [Size("tiny", 3, 5, 3, 5, 300 if quick else 2000),
           Size("course", 400, 25, 10, 5000, 15 if quick else 41)]
    if not quick:
        out.append(Size("mnist", 784, 100, 10, 60000, 5))
    return out


# ---------------------------------------------------------------------------
# Timing and printing


def median_time(f: Callable[[], object], reps: int) -> float:
    """Median wall time of ``f()`` over `reps` calls, after one warm-up call."""
    f()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def fmt_time(t: float | None) -> str:
    if t is None:
        return "-"
    if t >= 1.0:
        return f"{t:8.2f} s "
    if t >= 1e-3:
        return f"{t * 1e3:8.2f} ms"
    return f"{t * 1e6:8.1f} us"


def fmt_ratio(r: float | None) -> str:
    return "-" if r is None else f"{r:6.2f}x"


class Table:
    """Rows printed as they are measured, so a long run shows progress."""

    def __init__(self, title: str, columns: list[tuple[str, int]]) -> None:
        self.columns = columns
        print(f"\n== {title}")
        print("  ".join(f"{name:<{w}}" for name, w in columns))
        print("  ".join("-" * w for _, w in columns))

    def row(self, *cells: object) -> None:
        print("  ".join(f"{c!s:<{w}}" for c, (_, w) in zip(cells, self.columns, strict=True)),
              flush=True)


def note(text: str) -> None:
    print(f"  note: {text}", flush=True)


# ---------------------------------------------------------------------------
# info


def blas_pools() -> list[dict]:
    return [p for p in threadpool_info() if p.get("user_api") == "blas"]


def section_info(args: argparse.Namespace) -> None:
    print("== info")
    print(f"  python {platform.python_version()}, numpy {np.__version__}, "
          f"machine {platform.machine()}, {os.cpu_count()} CPUs")
    import scipy

    print(f"  scipy {scipy.__version__}")
    for pool in threadpool_info():
        print(f"  pool: {pool.get('internal_api')} {pool.get('version')} "
              f"kernel/arch={pool.get('architecture', '-')} threads={pool.get('num_threads')} "
              f"({Path(pool.get('filepath', '')).name})")
    blas_settings_info()
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if var in os.environ:
            print(f"  {var}={os.environ[var]}")
    octave = shutil.which("octave-cli")
    if octave:
        out = run_octave("disp(version()); disp(version('-blas'))", {}, timeout=120)
        lines = [s for s in out.splitlines() if s.strip()]
        print(f"  octave {lines[0] if lines else '?'}; BLAS: {lines[1] if len(lines) > 1 else '?'}")
    else:
        print("  octave-cli not found")
    print("  Times below are medians of repeated calls; the machine may be shared, so compare "
          "ratios measured in the same run rather than absolute times.")


BLAS_SETTINGS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def blas_settings_info() -> None:
    """The environment's OpenBLAS settings, and the kernels and rates without them.

    Some machines set OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE because older
    OpenBLAS builds (Debian's 0.3.21, Octave's here, among them) compute wrong
    results or crash on their CPU without them, so nnvec keeps both as
    inherited in every run: tests, CI, training, and every other row of this
    bench. Only here, when either is set, two child processes per BLAS compare
    the settings as inherited with both unset together, the unforced
    alternative, which may be faster but is not what nnvec runs.
    """
    present = {k: os.environ[k] for k in BLAS_SETTINGS if k in os.environ}
    if not present:
        print("  OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE: not set (OpenBLAS picks kernels by CPU)")
        return
    shown = " ".join(f"{k}={v}" for k, v in present.items())
    print(f"  {shown} from the environment: kept everywhere but in the comparison below")
    unset = {k: v for k, v in os.environ.items() if k not in BLAS_SETTINGS}
    for label, env in (("as inherited (what nnvec runs)", dict(os.environ)),
                       ("both unset (unforced alternative)", unset)):
        res = subprocess.run([sys.executable, __file__, "--gemm-rate"], env=env,
                             capture_output=True, text=True, timeout=600, check=False)
        numpy_line = res.stdout.strip() if res.returncode == 0 else "failed: " + res.stderr[-200:]
        print(f"    {label:34s} numpy: {numpy_line}")
        if shutil.which("octave-cli"):
            print(f"    {'':34s} Octave: {octave_gemm_line(env)}")


def octave_gemm_line(env: dict[str, str]) -> str:
    """Octave's BLAS (version('-blas') names the kernels) and its square GEMM rate, 1 thread."""
    code = ("disp(version('-blas')); A = rand(2000); B = rand(2000); C = A * B; t = tic; "
            "for k = 1:5, C = A * B; end; fprintf('%.1f\\n', 2 * 2000^3 * 5 / toc(t) / 1e9);")
    try:
        out = run_octave(code, {"OPENBLAS_NUM_THREADS": "1"}, timeout=300, base=env)
    except (RuntimeError, subprocess.TimeoutExpired) as err:
        return f"failed: {err}"
    lines = [s for s in out.splitlines() if s.strip()]
    kernels = re.search(r"OpenBLAS [0-9.]+.*?(\w+) MAX_THREADS", lines[0]) if lines else None
    name = f"OpenBLAS, {kernels.group(1)} kernels" if kernels else (lines[0] if lines else "?")
    rate = lines[-1] if len(lines) > 1 else "?"
    return f"{name}: square 2000 GEMM {rate} GF/s (1 thr)"


def gemm_rate_line() -> str:
    """One line: numpy's BLAS kernels and its square 2000 GEMM rate at 1 and 2 threads."""
    arch = ", ".join(sorted({str(p.get("architecture"))
                             for p in _numpy_blas(ThreadpoolController())}))
    rates = []
    for threads in (1, 2):
        with threadpool_limits(limits=threads):
            rates.append(square_gemm_rate(2000, 5) / 1e9)
    return f"{arch} kernels: square 2000 GEMM {rates[0]:.1f} GF/s (1 thr), {rates[1]:.1f} (2 thr)"


# ---------------------------------------------------------------------------
# Python cost+gradient, the bound and the peers


def gemm_products(s: Size, dtype: type = np.float64
                  ) -> list[tuple[str, Callable[[], object], Callable[[], object]]]:
    """The five products of one evaluation at size `s`: (name, rows layout, columns layout)."""
    rng = np.random.default_rng(1)
    m, n, h, K = s.m, s.n, s.h, s.K
    X = rng.random((m, n)).astype(dtype)
    T1 = np.asfortranarray(rng.standard_normal((h, n + 1)), dtype=dtype)[:, 1:]
    T2 = np.asfortranarray(rng.standard_normal((K, h + 1)), dtype=dtype)[:, 1:]
    A2 = rng.random((m, h)).astype(dtype)
    A2t = np.ascontiguousarray(A2.T)
    D2 = rng.standard_normal((m, h)).astype(dtype)
    D2t = np.ascontiguousarray(D2.T)
    D3 = rng.standard_normal((m, K)).astype(dtype)
    D3t = np.ascontiguousarray(D3.T)
    out_mh, out_hm = np.empty((m, h), dtype), np.empty((h, m), dtype)
    out_mK, out_Km = np.empty((m, K), dtype), np.empty((K, m), dtype)
    out_Kh, out_hn = np.empty((K, h), dtype), np.empty((h, n), dtype)
    return [
        ("forward 1", lambda: np.matmul(X, T1.T, out=out_mh),
         lambda: np.matmul(T1, X.T, out=out_hm)),
        ("forward 2", lambda: np.matmul(A2, T2.T, out=out_mK),
         lambda: np.matmul(T2, A2t, out=out_Km)),
        ("gradient 2", lambda: np.matmul(D3.T, A2, out=out_Kh),
         lambda: np.matmul(D3t, A2t.T, out=out_Kh)),
        ("backward", lambda: np.matmul(D3, T2, out=out_mh),
         lambda: np.matmul(T2.T, D3t, out=out_hm)),
        ("gradient 1", lambda: np.matmul(D2.T, X, out=out_hn),
         lambda: np.matmul(D2t, X, out=out_hn)),
    ]


def square_gemm_rate(n: int, reps: int) -> float:
    """flop/s of an n x n float64 GEMM into a preallocated output."""
    rng = np.random.default_rng(2)
    A, B, C = rng.random((n, n)), rng.random((n, n)), np.empty((n, n))
    return 2 * n**3 / median_time(lambda: np.matmul(A, B, out=C), reps)


def set_threads(threads: int):
    """Limit every BLAS/OpenMP pool (numpy's, scipy's, torch's) to `threads`."""
    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:
        pass
    return threadpool_limits(limits=threads)


def torch_cost(s: Size, X: np.ndarray, y: np.ndarray, p: np.ndarray,
               dtype: type = np.float64):
    """PyTorch CPU autograd (float64, or `dtype`) of the same loss, ``(J, grad)`` like nnvec."""
    import torch
    import torch.nn.functional as F  # noqa: N812

    Xt = torch.from_numpy(X.astype(dtype))
    Yt = torch.from_numpy(nnvec.core.cost.one_hot(y.astype(np.intp), s.K, dtype=dtype))
    T1, T2 = (torch.from_numpy(np.ascontiguousarray(T, dtype=dtype)).requires_grad_()
              for T in reshape_params(p, s.sizes))
    m = X.shape[0]

    def f():
        T1.grad = None
        T2.grad = None
        a2 = torch.sigmoid(torch.addmm(T1[:, 0], Xt, T1[:, 1:].T))
        z = torch.addmm(T2[:, 0], a2, T2[:, 1:].T)
        J = F.binary_cross_entropy_with_logits(z, Yt, reduction="sum") / m
        J = J + LAMBDA / (2 * m) * ((T1[:, 1:] ** 2).sum() + (T2[:, 1:] ** 2).sum())
        J.backward()
        grad = np.concatenate([T1.grad.numpy().ravel(order="F"), T2.grad.numpy().ravel(order="F")])
        return J.item(), grad

    return f


def sklearn_cost(s: Size, X: np.ndarray, y: np.ndarray):
    """scikit-learn's ``MLPClassifier._loss_grad_lbfgs`` at the same architecture and loss.

    One-hot targets make the output layer K logistic units with binary log
    loss summed over units and averaged over examples: the course's cost.
    sklearn adds ``0.5 * alpha * sum(W**2) / m``, so ``alpha = lambda`` is the
    course's ``lambda / (2m) sum(Theta**2)`` exactly (not ``lambda / m``).
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    Y = nnvec.core.cost.one_hot(y.astype(np.intp), s.K)
    mlp = MLPClassifier(hidden_layer_sizes=(s.h,), activation="logistic", solver="lbfgs",
                        alpha=LAMBDA, max_iter=1, random_state=0)
    k = min(X.shape[0], 500)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp.fit(X[:k], Y[:k])  # sets up coefs_, the packing tables, out_activation_
    layer_units = [s.n, s.h, s.K]
    activations = [X, None, None]
    deltas = [None, None]
    coef_grads = [np.empty((a, b)) for a, b in itertools.pairwise(layer_units)]
    intercept_grads = [np.empty(b) for b in layer_units[1:]]
    from sklearn.neural_network._multilayer_perceptron import _pack

    packed = _pack(mlp.coefs_, mlp.intercepts_)
    return lambda: mlp._loss_grad_lbfgs(packed, X, Y, None, activations, deltas, coef_grads,
                                        intercept_grads)


def jax_cost(s: Size, X: np.ndarray, y: np.ndarray, p: np.ndarray, dtype: type = np.float64):
    import jax

    jax.config.update("jax_enable_x64", dtype == np.float64)
    import jax.numpy as jnp

    Xj = jnp.asarray(X.astype(dtype))
    Yj = jnp.asarray(nnvec.core.cost.one_hot(y.astype(np.intp), s.K, dtype=dtype))
    m = X.shape[0]
    T1, T2 = (jnp.asarray(T.astype(dtype)) for T in reshape_params(p, s.sizes))

    def loss(Ts):
        T1, T2 = Ts
        a2 = jax.nn.sigmoid(Xj @ T1[:, 1:].T + T1[:, 0])
        z = a2 @ T2[:, 1:].T + T2[:, 0]
        J = jnp.sum(jax.nn.softplus(z) - Yj * z) / m
        return J + LAMBDA / (2 * m) * (jnp.sum(T1[:, 1:] ** 2) + jnp.sum(T2[:, 1:] ** 2))

    vg = jax.jit(jax.value_and_grad(loss))  # XLA's own thread pool: see jax_time

    def f():
        J, (g1, g2) = vg((T1, T2))
        J.block_until_ready()
        return float(J), np.concatenate([np.asarray(g1).ravel(order="F"),
                                         np.asarray(g2).ravel(order="F")])

    return f


def jax_time(s: Size, threads: int, quick: bool, dtype: str = "float64") -> float | str:
    """JAX's time at size `s`, measured in a child process confined to `threads` CPUs.

    XLA's CPU runtime has a thread pool of its own that neither threadpoolctl
    nor ``XLA_FLAGS=--xla_cpu_multi_thread_eigen=false`` limits: in this
    process it used 1.7-1.9 cores of 2 in the "1 thread" rows (measured with
    process_time over wall time), and its threads, spinning after a call,
    slowed the rows timed after it. A child pinned with sched_setaffinity
    gives it the same cores as the rest and keeps it out of their timings.
    Returns the median time, or why there is none.
    """
    if importlib.util.find_spec("jax") is None:
        return "not installed (pip install jax jaxlib)"
    if not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < threads:
        return f"not timed: cannot pin it to {threads} CPU(s) here"
    cmd = [sys.executable, __file__, "--jax-time", s.name, str(threads), "--jax-dtype", dtype]
    res = subprocess.run(cmd + (["--quick"] if quick else []), capture_output=True, text=True,
                         timeout=1800, check=False)
    if res.returncode != 0:
        lines = res.stderr.strip().splitlines() or ["no output"]
        return f"failed: {lines[-1]}"[:60]
    return float(res.stdout.split()[-1])


def jax_child(name: str, threads: int, quick: bool, dtype: str = "float64") -> None:
    """The child of `jax_time`: pin to `threads` CPUs, then time JAX like the other rows."""
    cpus = sorted(os.sched_getaffinity(0))[:threads]
    os.sched_setaffinity(0, cpus)
    s = next(s for s in sizes_for(quick) if s.name == name)
    X, y, p = s.data()
    f = jax_cost(s, X, y, p, np.dtype(dtype).type)
    print(round_robin({JAX: f}, s.reps)[JAX])


def section_cost(args: argparse.Namespace) -> None:
    tab = Table("cost+gradient, Python and peers (synthetic data; median of repeats, "
                "rows of one library timed round-robin)",
                [("size", 28), ("thr", 3), ("implementation", 44), ("time", 11),
                 ("x bound", 8), ("x peak", 8)])
    peak_n = 1000 if args.quick else 2000
    for threads in (1, 2):
        with set_threads(threads):
            rate = square_gemm_rate(peak_n, 3 if args.quick else 5)
            for s in sizes_for(args.quick):
                rate = max(rate, run_cost_size(s, threads, rate, tab, args, peak_n))
            print(f"  [{threads} thread(s)] square {peak_n} GEMM peak: {rate / 1e9:.1f} GF/s "
                  "(best of the measurements; 'x peak' of rows above uses the best so far)",
                  flush=True)


def round_robin(fs: dict[str, Callable[[], object]], reps: int) -> dict[str, float]:
    """Median time of each function over `reps` turns, the functions taking turns.

    Interleaving spreads the load of a shared machine evenly over all rows,
    so their ratios stay meaningful even when absolute times drift. In each
    turn a function is called twice and the second call is timed: an
    optimizer calls the cost back to back on the same data, so the timed
    call finds its data in cache as in training, not evicted by the other
    rows' arrays.
    """
    times: dict[str, list[float]] = {k: [] for k in fs}
    for _ in range(reps):
        for k, f in fs.items():
            f()
            t0 = time.perf_counter()
            f()
            times[k].append(time.perf_counter() - t0)
    return {k: float(np.median(v)) for k, v in times.items()}


def run_cost_size(s: Size, threads: int, rate: float, tab: Table, args, peak_n: int) -> float:
    """Time every implementation at size `s`; returns the square-GEMM rate measured again."""
    X, y, p = s.data()
    cost = nnvec.NNCost(s.sizes, X, y, LAMBDA)
    cost32, p32 = nnvec.NNCost(s.sizes, X, y, LAMBDA, dtype="float32"), p.astype(np.float32)
    Y_rows = np.ascontiguousarray(cost.Y, dtype=np.float64)  # one-hot as numbers, C-order
    fs: dict[str, Callable[[], object]] = {
        "nnvec NNCost (workspace, examples in cols)": lambda: cost(p),
        NNCOST32: lambda: cost32(p32),
        "nnvec nn_cost (one-shot, validates X)": lambda: nnvec.nn_cost(p, s.sizes, X, y, LAMBDA),
        # The readable twin of costAndGradient.m, as an NNCost call would run it.
        "nnvec reference.py (readable, examples in rows)":
            lambda: reference_cost(reshape_params(check_params(p, s.sizes, "bench"), s.sizes),
                                   cost.X, Y_rows, LAMBDA),
    }
    if threads > 1:
        # Blocks of examples in parallel threads, every BLAS pool at one thread during the call.
        fs[WORKERS.format(k=threads)] = functools.partial(cost.with_workers(threads), p)
        fs[WORKERS32.format(k=threads)] = functools.partial(cost32.with_workers(threads), p32)
    missing = {}
    peers = [("PyTorch float64 autograd", lambda: torch_cost(s, X, y, p), "torch"),
             (TORCH32, lambda: torch_cost(s, X, y, p, np.float32), "torch"),
             ("sklearn MLP _loss_grad_lbfgs", lambda: sklearn_cost(s, X, y), "scikit-learn")]
    for name, make, pkg in peers:
        try:
            fs[name] = make()
            fs[name]()  # fail here, not in the middle of the timing, if the peer's API changed
        except ImportError:
            missing[name] = f"not installed (pip install {pkg})"
        except Exception as e:  # a peer's API change must not stop the benchmark
            fs.pop(name, None)
            missing[name] = f"failed: {type(e).__name__}: {e}"[:60]
    products = gemm_products(s) if s.name != "tiny" else []
    for name, rows, cols in products:
        fs[f"gemm {name} rows"] = rows
        fs[f"gemm {name} cols"] = cols
    for name, rows, cols in (gemm_products(s, np.float32) if products else []):
        fs[f"gemm32 {name} rows"] = rows
        fs[f"gemm32 {name} cols"] = cols
    torch_products = torch_gemm_products(s) if s.name != "tiny" else []
    for name, f in torch_products:
        fs[f"torch gemm {name}"] = f
    # Round-robin within each library: interleaving numpy with PyTorch would
    # time each one against the other's thread pool still spinning. For the
    # same reason the workers row (every BLAS pool at one thread, as in
    # nnvec.train) is not interleaved with calls of a two-thread BLAS, whose
    # idle threads keep spinning for a while after each call.
    groups: dict[str, dict[str, Callable[[], object]]] = {}
    for name, f in fs.items():
        lib = ("torch" if "torch" in name.lower() else "jax" if "JAX" in name
               else "workers" if "workers" in name else "numpy")
        groups.setdefault(lib, {})[name] = f
    t = {}
    for lib, group in groups.items():
        if lib == "workers":
            # As nnvec.train runs it: every pool held at one thread for the whole
            # run. Holding them only inside each call (NNCost does when they are
            # not) restores the 2-thread pool after it, and the OpenBLAS thread
            # that wakes spins against the next call's workers: 4.6-4.8 ms
            # against 2.7-3.2 ms at the course size, measured. The pause lets
            # the threads of the 2-thread calls just timed stop spinning and
            # park (OpenBLAS: about 2^28 cycles), as they have long done when
            # a training run is under way.
            with threadpool_limits(limits=1):
                time.sleep(0.5)
                t.update(round_robin(group, s.reps))
        else:
            t.update(round_robin(group, s.reps))
    for row, dtype in ((JAX, "float64"), (JAX32, "float32")):
        tj = jax_time(s, threads, args.quick, dtype)
        if isinstance(tj, float):
            t[row] = tj
        else:
            missing[row] = tj

    bound = None
    if products:
        for name, _, _ in products:
            tab.row(s.label(), threads, f"  GEMM {name}: rows / cols",
                    f"{fmt_time(t[f'gemm {name} rows']).strip()}/"
                    f"{fmt_time(t[f'gemm {name} cols']).strip()}", "", "")
        bound = sum(min(t[f"gemm {name} rows"], t[f"gemm {name} cols"])
                    for name, _, _ in products)
        rate = max(rate, square_gemm_rate(peak_n, 3))
        tab.row(s.label(), threads, "GEMM bound, numpy's BLAS (faster layouts)", fmt_time(bound),
                "1.00x", fmt_ratio(bound / (s.flops / rate)))
        if torch_products:
            tb = sum(t[f"torch gemm {name}"] for name, _ in torch_products)
            tab.row(s.label(), threads, "  same products in PyTorch's BLAS (rows)", fmt_time(tb),
                    fmt_ratio(tb / bound), fmt_ratio(tb / (s.flops / rate)))
        bound32 = sum(min(t[f"gemm32 {name} rows"], t[f"gemm32 {name} cols"])
                      for name, _, _ in products)
        tab.row(s.label(), threads, "GEMM bound float32 (faster layouts)", fmt_time(bound32),
                fmt_ratio(bound32 / bound), "")
        RESULTS[("bound32", s.name, threads)] = bound32
    floor = s.flops / rate
    for name in [*fs, *(row for row in (JAX, JAX32) if row in t)]:
        if name.startswith(("gemm ", "gemm32 ", "torch gemm ")):
            continue
        # float32 rows: "x bound" against the float32 bound (the float64 rate's peak kept)
        own = bound32 if bound and "float32" in name else bound
        tab.row(s.label(), threads, name, fmt_time(t[name]),
                fmt_ratio(t[name] / own) if bound else "-",
                fmt_ratio(t[name] / floor) if bound else "-")
        RESULTS[("cost", s.name, threads, name)] = t[name]
        if bound:
            RESULTS[("bound", s.name, threads)] = bound
            RESULTS[("floor", s.name, threads)] = floor
    for name, why in missing.items():
        tab.row(s.label(), threads, name, why, "", "")
    gc.collect()
    return rate


def torch_gemm_products(s: Size) -> list[tuple[str, Callable[[], object]]]:
    """The five products as PyTorch runs them in `torch_cost` (its BLAS may differ)."""
    try:
        import torch
    except ImportError:
        return []
    g = torch.Generator().manual_seed(1)
    m, n, h, K = s.m, s.n, s.h, s.K

    def r(*shape):
        return torch.rand(*shape, generator=g, dtype=torch.float64)

    X, T1, T2, A2, D2, D3 = r(m, n), r(h, n), r(K, h), r(m, h), r(m, h), r(m, K)
    return [("forward 1", lambda: X @ T1.T), ("forward 2", lambda: A2 @ T2.T),
            ("gradient 2", lambda: D3.T @ A2), ("backward", lambda: D3 @ T2),
            ("gradient 1", lambda: D2.T @ X)]


# ---------------------------------------------------------------------------
# Octave, timed inside Octave


def run_octave(code: str, env: dict[str, str], timeout: float, glibc_malloc: bool = False,
               base: dict[str, str] | None = None) -> str:
    """Run `code` in octave-cli with `env` added, as nnvec runs Octave (octave_env).

    glibc_malloc=True runs it with glibc's default malloc thresholds instead
    (the variables of nnvec.bridge.octave_env removed), to show what they change.
    `base` replaces ``os.environ`` as the environment to start from.
    """
    # benchOctave.m times the private costAndGradient and oneHot too: Octave
    # finds a private function from outside its parent folder only when the
    # working folder is private/ itself.
    full = (f"addpath('{ROOT / 'octave'}'); addpath('{ROOT / 'bench'}'); "
            f"cd('{ROOT / 'octave' / 'private'}'); {code}")
    start = dict(os.environ if base is None else base)
    if glibc_malloc:
        start = {k: v for k, v in start.items() if k not in OCTAVE_ENV}
    else:
        start = octave_env(start)
    res = subprocess.run(["octave-cli", "--no-gui", "--norc", "--quiet", "--no-history",
                          "--eval", full],
                         capture_output=True, text=True, timeout=timeout,
                         env={**start, **env}, check=False)
    if res.returncode != 0:
        err = [s for s in res.stderr.splitlines() if "ignoring const execution_exception" not in s]
        raise RuntimeError("octave-cli failed: " + " | ".join(err[-3:]))
    return res.stdout


def octave_times(threads: int, cases: list[tuple[Size, int, int]],
                 glibc_malloc: bool = False) -> dict[str, float]:
    """Run bench/benchOctave.m in one Octave process with `threads` BLAS threads."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "times.txt"
        calls = " ".join(
            f"benchOctave('{out}', '{s.name}', [{s.n} {s.h} {s.K}], {s.m}, {reps}, {loop_reps});"
            for s, reps, loop_reps in cases)
        env = {"OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads)}
        run_octave(f"maxNumCompThreads({threads}); {calls}", env, timeout=3600,
                   glibc_malloc=glibc_malloc)
        times = {}
        for line in out.read_text().splitlines():
            key, value = line.split()
            times[key] = float(value)
        return times


def section_octave(args: argparse.Namespace) -> dict[int, dict[str, float]]:
    if not shutil.which("octave-cli"):
        print("\n== Octave: octave-cli not found (make setup installs it); section skipped")
        return {}
    tab = Table("cost+gradient, Octave (timed inside Octave with tic/toc; synthetic data)",
                [("size", 28), ("thr", 3), ("implementation", 44), ("time", 11), ("x bound", 8)])
    sizes = sizes_for(args.quick)
    results = {}
    for threads in (1, 2):
        cases = [(s, min(s.reps, 300), 0) for s in sizes]
        try:
            t = octave_times(threads, cases)
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            note(f"Octave run failed: {e}")
            continue
        results[threads] = t
        for s in sizes:
            bound = None
            if s.name != "tiny":
                bound = sum(min(v for key, v in t.items()
                                if key.startswith(f"{s.name}/gemm_{k}_"))
                            for k in ("fwd1", "fwd2", "grad2", "back", "grad1"))
                tab.row(s.label(), threads, "Octave GEMM bound (sum of faster layouts)",
                        fmt_time(bound), "1.00x")
                floor = bound + t[f"{s.name}/elementwise"]
                tab.row(s.label(), threads, "  + its sigmoid/exp/log1p passes (a floor)",
                        fmt_time(floor), fmt_ratio(floor / bound))
                RESULTS[("octave floor", s.name, threads)] = floor / bound
            # nnCost over costAndGradient: the validation's cost, which at the tiny
            # size should not exceed the evaluation it guards (ratio <= 2).
            RESULTS[("octave validation", s.name, threads)] = (
                t[f"{s.name}/nnCost"] / t[f"{s.name}/costAndGradient"])
            for key, name in (("costAndGradient", "costAndGradient (validated inputs)"),
                              ("nnCost", "nnCost (validates X, y every call)")):
                v = t[f"{s.name}/{key}"]
                tab.row(s.label(), threads, name, fmt_time(v),
                        fmt_ratio(v / bound) if bound else "-")
                if bound:
                    RESULTS[("octave", s.name, threads, key)] = v / bound
            if s.name == "course":
                # The same call in a process with glibc's default malloc thresholds.
                try:
                    v = octave_times(threads, [(s, min(s.reps, 300), 0)],
                                     glibc_malloc=True)["course/costAndGradient"]
                except (RuntimeError, subprocess.TimeoutExpired) as e:
                    note(f"Octave run failed: {e}")
                    continue
                tab.row(s.label(), threads, "costAndGradient, glibc malloc defaults",
                        fmt_time(v), fmt_ratio(v / bound))
    note("Octave runs as nnvec starts it (nnvec.bridge.octave_env: malloc keeps freed memory, "
         "so each evaluation reuses the pages of the last); the 'glibc malloc defaults' row "
         "is the same call without those settings.")
    return results


# ---------------------------------------------------------------------------
# Loop versus vectorized


def section_loop(args: argparse.Namespace) -> None:
    tab = Table("per-example loop vs vectorized, course size, 1 thread",
                [("language", 8), ("loop", 11), ("vectorized", 11), ("speedup", 9)])
    s = sizes_for(True)[1]
    X, y, p = s.data()
    try:
        from nnvec.core.loop import nn_cost_function_loop
    except ImportError:
        tab.row("Python", "not available (nnvec.core.loop missing)", "", "")
        nn_cost_function_loop = None
    with set_threads(1):
        if nn_cost_function_loop is not None:
            t_loop = median_time(lambda: nn_cost_function_loop(p, s.n, s.h, s.K, X, y, LAMBDA),
                                 1 if args.quick else 3)
            cost = nnvec.NNCost(s.sizes, X, y, LAMBDA)
            t_vec = median_time(lambda: cost(p), s.reps)
            tab.row("Python", fmt_time(t_loop), fmt_time(t_vec), f"{t_loop / t_vec:.0f}x")
    if not shutil.which("octave-cli"):
        tab.row("Octave", "octave-cli not found", "", "")
        return
    if not (ROOT / "octave" / "nnCostFunctionLoop.m").exists():
        tab.row("Octave", "not available (nnCostFunctionLoop.m missing)", "", "")
        return
    try:
        t = octave_times(1, [(s, s.reps, 1 if args.quick else 3)])
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        tab.row("Octave", f"failed: {e}"[:60], "", "")
        return
    t_loop, t_vec = t["course/loop"], t["course/nnCost"]
    tab.row("Octave", fmt_time(t_loop), fmt_time(t_vec), f"{t_loop / t_vec:.0f}x")
    note("vectorized = NNCost call (Python) and nnCost (Octave), both validating their "
         "parameters; loop = nn_cost_function_loop / nnCostFunctionLoop.m")


# ---------------------------------------------------------------------------
# Memory


def traced_peak(f: Callable[[], object]) -> int:
    """Peak bytes allocated (tracemalloc) by ``f()`` above what was allocated before."""
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        f()
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


def section_memory(args: argparse.Namespace) -> None:
    s = Size("mnist", 784, 100, 10, 12000 if args.quick else 60000, 1)
    X, y, p = s.data()
    act = (s.h + s.K) * s.m * 8
    mb = 1 / 2**20
    tab = Table(f"peak extra memory of one evaluation (tracemalloc), {s.label()}",
                [("what", 52), ("peak MB", 9), ("x activations", 14)])
    print(f"  activations (hidden + output, {s.h}+{s.K} units x m): {act * mb:.1f} MB; "
          f"X itself: {X.nbytes * mb:.1f} MB")
    with set_threads(1):
        cost = nnvec.NNCost(s.sizes, X, y, LAMBDA)
        cost(p)
        Y_rows = np.ascontiguousarray(cost.Y, dtype=np.float64)
        rows = [
            ("NNCost call (training: workspace already allocated)", lambda: cost(p)),
            ("NNCost construction (allocates the workspace)",
             lambda: nnvec.NNCost(s.sizes, X, y, LAMBDA)),
            ("nn_cost one-shot (validation + workspace + evaluation)",
             lambda: nnvec.nn_cost(p, s.sizes, X, y, LAMBDA)),
            ("reference.py (readable twin, new arrays)",
             lambda: reference_cost(reshape_params(p, s.sizes), cost.X, Y_rows, LAMBDA)),
        ]
        for name, f in rows:
            peak = traced_peak(f)
            tab.row(name, f"{peak * mb:.1f}", f"{peak / act:.2f}x")
            RESULTS[("memory", name)] = peak / act
    note("nn_cost validates X (a finiteness check) and takes X as given: no copy of X when it is "
         "a C-ordered float64 array; the construction row includes the one-hot labels.")


# ---------------------------------------------------------------------------
# oct2py


def section_oct2py(args: argparse.Namespace) -> None:
    if importlib.util.find_spec("oct2py") is None:  # not imported: its import starts Octave
        print("\n== oct2py: not installed (pip install oct2py); section skipped")
        return
    tab = Table("oct2py round trip of nnCost vs the same call timed inside Octave",
                [("size", 28), ("round trip", 11), ("inside", 11), ("overhead", 11)])
    oc = start_octave()
    try:
        oc.addpath(str(ROOT / "octave"))
        for s in sizes_for(True)[:2]:
            X, y, p = s.data()
            pc, yc = p.reshape(-1, 1), y.reshape(-1, 1)
            sizes = np.array(s.sizes, dtype=float)
            reps = 5 if args.quick else 15
            t_rt = median_time(lambda pc=pc, sizes=sizes, X=X, yc=yc: oc.feval(
                "nnCost", pc, sizes, X, yc, LAMBDA, nout=2), reps)
            oc.push("p", pc)
            oc.push("sz", sizes)
            oc.push("X", X)
            oc.push("y", yc)
            oc.eval(f"t = zeros({reps}, 1); for r = 1:{reps}; t0 = tic; "
                    f"[J, g] = nnCost(p, sz, X, y, {LAMBDA}); t(r) = toc(t0); end; "
                    "tmed = median(t);", nout=0)
            inner = oc.pull("tmed")
            inner = float(np.asarray(inner).ravel()[0])
            tab.row(s.label(), fmt_time(t_rt), fmt_time(inner), fmt_time(t_rt - inner))
    finally:
        oc.exit()
    note("oct2py moves arrays through files on every call: above a few ms of Octave work per "
         "call the bridge is noise, below it dominates (keep data in Octave with push/eval).")


# ---------------------------------------------------------------------------
# Threads pitfall: numpy's and scipy's OpenBLAS pools


def section_threads(args: argparse.Namespace) -> None:
    from scipy.optimize import minimize

    try:
        from nnvec.io.data import load_dataset

        d = load_dataset("digits")
        X, y, what = d.X, d.y, "bundled digits"
    except Exception as e:  # data loader not there: synthetic data of the same size
        rng = np.random.default_rng(0)
        X, y = rng.random((1347, 64)), 1.0 + np.arange(1347) % 10
        what = f"synthetic 1347x64 (digits not available: {type(e).__name__})"
    sizes = [X.shape[1], 25, 10]
    cost = nnvec.NNCost(sizes, X, y, LAMBDA)
    p0 = 0.12 * (2 * np.random.default_rng(0).random(cost.size) - 1)
    tab = Table(f"L-BFGS-B, 50 iterations, {what}, {'-'.join(map(str, sizes))}: thread pools",
                [("numpy pool / scipy pool", 26), ("time", 11)])
    ctl = ThreadpoolController()
    numpy_libs = [lib["filepath"] for lib in ctl.info() if "numpy" in lib["filepath"]]
    other_libs = [lib["filepath"] for lib in ctl.info() if "numpy" not in lib["filepath"]]

    def run():
        minimize(cost, p0, jac=True, method="L-BFGS-B", options={"maxiter": 50})

    for n_np, n_other in ((2, 2), (1, 1), (2, 1), (1, 2)):
        limiters = [ctl.select(filepath=numpy_libs).limit(limits=n_np)]
        if other_libs:
            limiters.append(ctl.select(filepath=other_libs).limit(limits=n_other))
        try:
            t = median_time(run, 3 if args.quick else 5)
        finally:
            for lim in limiters:
                lim.restore_original_limits()
        tab.row(f"{n_np} / {n_other}", fmt_time(t))
    note("nnvec.train applies its own rule (every pool at 1 thread for small problems); "
         "this table is the raw effect it avoids.")
    minimize_calls(X, y, sizes, p0, args)


def minimize_calls(X, y, sizes, p0, args) -> None:
    """The calls the docs show, pools as inherited: minimize(nn_cost), minimize in NNCost's
    with-block, and nnvec.train, all L-BFGS-B for 50 iterations from the same start."""
    from scipy.optimize import minimize

    opts = {"maxiter": 50}

    def one_shot():
        return minimize(nnvec.nn_cost, p0, jac=True, args=(sizes, X, y, LAMBDA),
                        method="L-BFGS-B", options=opts).x

    def with_block():
        with nnvec.NNCost(sizes, X, y, LAMBDA) as f:
            return minimize(f, p0, jac=True, method="L-BFGS-B", options=opts).x

    def plain_nncost():
        return minimize(nnvec.NNCost(sizes, X, y, LAMBDA), p0, jac=True, method="L-BFGS-B",
                        options=opts).x

    def train():
        return nnvec.train(X, y, sizes, lambda_=LAMBDA, maxiter=50, method="L-BFGS-B",
                           initial_params=p0).x

    fs = {"minimize(nn_cost, args=...)": one_shot,
          "minimize(NNCost(...)) (no with)": plain_nncost,
          "with NNCost(...) as f: minimize(f)": with_block,
          "nnvec.train(method='L-BFGS-B')": train}
    same = np.array_equal(with_block(), train())
    tab = Table("L-BFGS-B, 50 iterations, the documented calls (pools as inherited)",
                [("call", 40), ("time", 11), ("x train", 8)])
    t = round_robin(fs, 3 if args.quick else 7)
    base = t["nnvec.train(method='L-BFGS-B')"]
    for name, v in t.items():
        tab.row(name, fmt_time(v), fmt_ratio(v / base))
    RESULTS[("minimize", "with")] = t["with NNCost(...) as f: minimize(f)"] / base
    RESULTS[("minimize", "nn_cost")] = t["minimize(nn_cost, args=...)"] / base
    note("the with-block and nnvec.train end at the same x, bit for bit" if same else
         "the with-block and nnvec.train end at different x")
    note("the two calls without the block run at the inherited thread counts, whose GEMMs may "
         "round their last bits differently")


# ---------------------------------------------------------------------------
# Training to a target accuracy


def section_train(args: argparse.Namespace) -> None:
    target = 0.95
    try:
        from nnvec.io.data import load_dataset
        from nnvec.optim.train import init_params, train
    except ImportError as e:
        print(f"\n== training: not available ({e}); section skipped")
        return
    d = load_dataset("digits")
    if d.X_test is None:
        print("\n== training: digits has no held-out part; section skipped")
        return
    sizes = [d.X.shape[1], 25, 10]
    lam = 1.0
    p0 = init_params(sizes, rng=0)
    tab = Table(f"time to {target:.0%} held-out accuracy, bundled digits "
                f"({d.X.shape[0]} train / {d.X_test.shape[0]} held out), "
                f"{'-'.join(map(str, sizes))}, lambda {lam:g}, same start",
                [("trainer", 40), ("iters", 6), ("time", 11), ("accuracy", 9)])
    reps = 3 if args.quick else 7
    max_iter = 400

    def accuracy(x: np.ndarray) -> float:
        return float(np.mean(nnvec.nn_predict(x, sizes, d.X_test) == d.y_test))

    iters = {}
    for method in ("fmincg", "CG", "L-BFGS-B"):
        xs: list[np.ndarray] = []
        train(d.X, d.y, sizes, lambda_=lam, maxiter=max_iter, method=method, initial_params=p0,
              callback=lambda xk, xs=xs: xs.append(np.array(xk)))
        k = next((i + 1 for i, x in enumerate(xs) if accuracy(x) >= target), None)
        if k is None:
            tab.row(f"Python {method}", f">{len(xs)}", "not reached", f"{accuracy(xs[-1]):.3f}")
            continue
        iters[method] = k

        def run(k=k, method=method):
            return train(d.X, d.y, sizes, lambda_=lam, maxiter=k, method=method,
                         initial_params=p0)

        t = median_time(run, reps)
        tab.row(f"Python {method} (nnvec.train)", k, fmt_time(t), f"{accuracy(run().x):.3f}")
        RESULTS[("train", f"Python {method}")] = t

    if "fmincg" in iters:
        train_octave(d, sizes, lam, p0, iters["fmincg"], tab, reps)
    else:
        tab.row("Octave trainNN (fmincg)", "-", "skipped", "")
    train_sklearn(d, sizes, lam, target, tab, reps)
    note("Python times include NNCost set-up and nnvec.train's thread rule; iterations = the "
         "first iterate reaching the target. Octave runs trainNN from the same start for the "
         "iterations Python's fmincg (its twin) needed, timed inside Octave.")


def train_octave(d, sizes, lam, p0, k, tab, reps) -> None:
    name = "Octave trainNN (fmincg, 1 BLAS thread)"
    if not shutil.which("octave-cli") or not (ROOT / "octave" / "trainNN.m").exists():
        tab.row(name, "-", "not available", "")
        return
    from scipy.io import savemat

    with tempfile.TemporaryDirectory() as tmp:
        mat = Path(tmp) / "digits.mat"
        savemat(mat, {"X": d.X, "y": d.y.reshape(-1, 1), "Xt": d.X_test,
                      "yt": d.y_test.reshape(-1, 1), "p0": p0.reshape(-1, 1),
                      "sizes": np.array(sizes, dtype=float)})
        code = f"load('{mat}'); benchOctaveTrain(X, y, Xt, yt, sizes, {lam}, p0, {k}, {reps});"
        try:
            out = run_octave(code, {"OPENBLAS_NUM_THREADS": "1"}, timeout=1800)
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            tab.row(name, "-", f"failed: {e}"[:60], "")
            return
    vals = dict(line.split() for line in out.splitlines() if line.startswith("bench_"))
    tab.row(name, k, fmt_time(float(vals["bench_time"])), f"{float(vals['bench_accuracy']):.3f}")
    RESULTS[("train", "Octave trainNN")] = float(vals["bench_time"])


def train_sklearn(d, sizes, lam, target, tab, reps) -> None:
    try:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier
    except ImportError:
        tab.row("sklearn MLPClassifier", "-", "not installed", "")
        return
    Y = nnvec.core.cost.one_hot(d.y.astype(np.intp), sizes[-1])

    def fit(k: int):
        mlp = MLPClassifier(hidden_layer_sizes=(sizes[1],), activation="logistic",
                            solver="lbfgs", alpha=lam, max_iter=k, random_state=0, tol=0.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            mlp.fit(d.X, Y)
        return mlp

    def acc(mlp) -> float:
        return float(np.mean(1 + np.argmax(mlp.predict_proba(d.X_test), axis=1) == d.y_test))

    with set_threads(1):
        lo, k = 0, None
        for hi in (10, 20, 40, 80, 160, 320, 640):
            if acc(fit(hi)) >= target:
                k = hi
                break
            lo = hi
        if k is None:
            tab.row("sklearn MLPClassifier (lbfgs)", f">{lo}", "not reached", "")
            return
        while k - lo > 1:  # bisect for the first iteration count that reaches the target
            mid = (lo + k) // 2
            lo, k = (lo, mid) if acc(fit(mid)) >= target else (mid, k)
        t = median_time(lambda: fit(k), reps)
        tab.row("sklearn MLPClassifier (lbfgs, 1 thread)", k, fmt_time(t), f"{acc(fit(k)):.3f}")
        RESULTS[("train", "sklearn")] = t
    note("sklearn: one-hot targets (K logistic outputs, the course's loss), logistic hidden "
         "units, alpha = lambda (its 0.5 alpha ||W||^2 / m is the course's term); its own "
         "initialization; iterations bisected for the first count that reaches the target.")


# ---------------------------------------------------------------------------
# Summary against the targets of the performance issue


def summary() -> None:
    """One line per target whose measurements this run made: the value and met / not met."""
    lines = []

    def check(text: str, value: float | None, limit: float | None, ok: bool | None = None,
              unit: str = "x") -> None:
        if value is None:
            return
        verdict = ok if ok is not None else value <= limit
        shown = f"{value:.2f}{unit}" if unit == "x" else fmt_time(value).strip()
        lim = f" (target <= {limit:.2f}x)" if limit is not None else ""
        lines.append(f"  {'met    ' if verdict else 'NOT met'}  {text}: {shown}{lim}")

    for size in ("course", "mnist"):
        for threads, limit in ((1, 1.25), (2, 1.5)):
            # The configuration nnvec.train runs at this thread count on a large problem.
            name = NNCOST if threads == 1 else WORKERS.format(k=threads)
            what = "NNCost" if threads == 1 else f"NNCost workers={threads}"
            t = RESULTS.get(("cost", size, threads, name))
            if t is None:
                continue
            check(f"Python {what} {size}, {threads} thread(s), x GEMM bound", t /
                  RESULTS[("bound", size, threads)], limit)
            check(f"Python {what} {size}, {threads} thread(s), x peak floor",
                  t / RESULTS[("floor", size, threads)], 2.5 if size == "course" else 1.6)
            for peer in PEERS:
                tp = RESULTS.get(("cost", size, threads, peer))
                if tp is not None:
                    check(f"  faster than {peer} ({size}, {threads} thr): time ratio nnvec/peer",
                          t / tp, 1.0, ok=t < tp)
    for threads in (1, 2):
        t, sk = (RESULTS.get(("cost", "tiny", threads, k))
                 for k in (NNCOST, "sklearn MLP _loss_grad_lbfgs"))
        if t is not None and sk is not None:
            check(f"Python NNCost tiny, {threads} thread(s), x sklearn _loss_grad_lbfgs", t / sk,
                  1.0)
    for size, limit in (("course", 1.0), ("mnist", 0.8)):
        for threads in (1, 2):
            name = NNCOST32 if threads == 1 else WORKERS32.format(k=threads)
            t = RESULTS.get(("cost", size, threads, name))
            if t is None:
                continue
            check(f"Python {name} {size}, {threads} thr, x float32 GEMM bound",
                  t / RESULTS[("bound32", size, threads)], 1.25 if threads == 1 else 1.5)
            # the targets: PyTorch and JAX at the course size, PyTorch at MNIST's
            for peer in PEERS32 if size == "course" else (TORCH32,):
                tp = RESULTS.get(("cost", size, threads, peer))
                if tp is not None:
                    check(f"  vs {peer} ({size}, {threads} thr): time ratio nnvec/peer",
                          t / tp, limit, ok=t < tp if limit == 1.0 else None)
    check("minimize(NNCost) in its with-block vs nnvec.train, L-BFGS-B 50 it: time ratio",
          RESULTS.get(("minimize", "with")), 1.5)
    check("minimize(nn_cost) one-shot, pools as inherited (the docs now show the with-block) "
          "vs nnvec.train: time ratio",
          RESULTS.get(("minimize", "nn_cost")), 1.5)
    for threads in (1, 2):
        check(f"Octave nnCost tiny, {threads} thread(s), x costAndGradient (validated + evaluated)",
              RESULTS.get(("octave validation", "tiny", threads)), 2.0)
        check(f"Octave costAndGradient course, {threads} thread(s), x Octave GEMM bound",
              RESULTS.get(("octave", "course", threads, "costAndGradient")), 1.4)
        floor = RESULTS.get(("octave floor", "course", threads))
        if floor is not None:
            lines.append(f"  (info)     floor: GEMM bound + the sigmoid/exp/log1p passes alone, "
                         f"{floor:.2f}x")
    for key, value in RESULTS.items():
        if key[0] == "memory" and key[1].startswith(("NNCost call", "nn_cost one-shot")):
            check(f"peak extra memory, {key[1]}, x activations", value, 2.0)
    sk = RESULTS.get(("train", "sklearn"))
    for key, value in RESULTS.items():
        if key[0] == "train" and key[1].startswith("Python") and sk is not None:
            check(f"time to 95% digits, {key[1]} vs sklearn MLPClassifier: time ratio",
                  value / sk, 1.0, ok=value < sk)
    octave_train = RESULTS.get(("train", "Octave trainNN"))
    if octave_train is not None and sk is not None:
        lines.append(f"  (info)   time to 95% digits, Octave trainNN vs sklearn MLPClassifier: "
                     f"{octave_train / sk:.2f}x")
    if lines:
        print("\n== summary against the issue's targets (this run, this machine)")
        print("\n".join(lines))


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="short run: fewer repeats, no MNIST size")
    ap.add_argument("--only", action="append", choices=SECTIONS, metavar="NAME",
                    help=f"run only this section (repeatable): {', '.join(SECTIONS)}")
    ap.add_argument("--gemm-rate", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--jax-time", nargs=2, metavar=("SIZE", "THREADS"), help=argparse.SUPPRESS)
    ap.add_argument("--jax-dtype", default="float64", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.gemm_rate:  # the child process of blas_settings_info
        print(gemm_rate_line())
        return 0
    if args.jax_time:  # the child process of jax_time
        jax_child(args.jax_time[0], int(args.jax_time[1]), args.quick, args.jax_dtype)
        return 0
    chosen = args.only or list(SECTIONS)
    funcs = {"info": section_info, "cost": section_cost, "octave": section_octave,
             "loop": section_loop, "memory": section_memory, "oct2py": section_oct2py,
             "threads": section_threads, "train": section_train}
    t0 = time.perf_counter()
    for name in SECTIONS:
        if name in chosen:
            funcs[name](args)
    summary()
    print(f"\nbench: done in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
