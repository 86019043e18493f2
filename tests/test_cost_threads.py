"""NNCost shared between threads, and the thread pools it and train start and close.

A shared NNCost serializes its calls, so four threads calling one object get
the serial results; closed, it releases its pool and refuses calls.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from nnvec import NNCost
from nnvec.optim.train import init_params, train


def _problem(m: int = 600):
    # Big enough that numpy releases the GIL inside the products, so unguarded
    # calls really overlap (on main most of these calls came back wrong).
    rng = np.random.default_rng(7)
    sizes = [64, 30, 20, 10]
    X = rng.standard_normal((m, sizes[0]))
    y = 1 + np.arange(m) % sizes[-1]
    params = [init_params(sizes, k) * 3 for k in range(8)]
    return sizes, X, y, params


@pytest.mark.parametrize("workers", [1, 2])
def test_shared_nncost_under_four_threads_gives_the_serial_results(workers):
    sizes, X, y, params = _problem()
    with NNCost(sizes, X, y, 0.5, workers=workers) as shared:
        # The serial run inside the block: the block holds the BLAS pools at one
        # thread (a small problem), and a GEMM's last bits can depend on its
        # thread count; with workers, the block sums are added in another order.
        serial = [shared(p) for p in params]
        serial = [(J, g.copy()) for J, g in serial]
        results: list[list] = [[] for _ in range(4)]
        start = threading.Barrier(4)

        def work(t: int) -> None:
            start.wait()
            for r in range(10):
                k = (t + r) % len(params)
                J, g = shared(params[k])
                results[t].append((k, J, g))

        threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    calls = [c for res in results for c in res]
    assert len(calls) == 40
    for k, J, g in calls:
        assert J == serial[k][0]
        np.testing.assert_array_equal(g, serial[k][1])


def test_nncost_close_releases_its_pool_and_refuses_calls():
    sizes, X, y, params = _problem()
    cost = NNCost(sizes, X, y, workers=2)
    pool = cost._pool
    with cost:
        cost(params[0])
    assert pool._shutdown
    cost.close()  # twice is fine
    with pytest.raises(ValueError, match="NNCost: this NNCost is closed"):
        cost(params[0])


def test_train_closes_the_pools_it_starts():
    sizes, X, y, _ = _problem(40)
    before = threading.active_count()
    for _ in range(3):
        train(X, y, sizes, maxiter=2, rng=0, threads=2)
    assert threading.active_count() == before
