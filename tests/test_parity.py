"""One table of bad inputs run against every public twin pair: the same text in both languages.

Each row calls the Python function and its Octave twin (in the shared oct2py
session) with the same mistake. Both must fail; the text after "<function>: "
must be the table's message in both. Python raises ValueError or TypeError;
oct2py passes Octave's message and drops its id. Option names follow each
language's convention (``maxiter`` <-> ``MaxIter``): the table writes the
Python spelling and OCTAVE_NAMES gives the Octave one.

Octave calls are code strings evaluated after the fixture `octave_data` has
pushed the shared data (PX, Py, Pp, ...): oct2py cannot send function handles.
"""

from __future__ import annotations

import re
from pathlib import Path

import nnvec
import numpy as np
import pytest
import scipy.io
from nnvec.fmincg import STATUS_MESSAGES
from oct2py import Oct2PyError

SIZES = [3, 5, 3]
N = 38  # (3 + 1) * 5 + (5 + 1) * 3
X = np.arange(12.0).reshape(4, 3) / 10
Y = np.array([1.0, 2.0, 3.0, 1.0])
P = 0.1 * np.sin(np.arange(1.0, N + 1))
# Finite weights that overflow a ReLU network with finite inputs: the hidden
# units reach Inf (Theta1 all 1e308), and Theta2's columns alternate in sign,
# so each output is Inf - Inf = NaN.
P_HUGE = np.r_[np.full(20, 1e308), np.repeat(1e308 * (-1.0) ** np.arange(6), 3)]
ROSENBROCK = lambda x: (  # noqa: E731  a curved valley: no convergence in 2 iterations
    float(100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2),
    np.array([-400 * x[0] * (x[1] - x[0] ** 2) - 2 * (1 - x[0]), 200 * (x[1] - x[0] ** 2)]))
ROSENBROCK_OCTAVE = ("@(x) deal(100 * (x(2) - x(1)^2)^2 + (1 - x(1))^2, "
                     "[-400 * x(1) * (x(2) - x(1)^2) - 2 * (1 - x(1)); 200 * (x(2) - x(1)^2)])")
QUAD = lambda x: (float(x @ x), 2 * x)  # noqa: E731  a convex bowl for the optimizers

# Python option spelling -> Octave's, where the languages' conventions differ.
OCTAVE_NAMES = {"maxiter": "MaxIter", "learning_rate": "LearningRate", "momentum": "Momentum",
                "initial_params": "InitialParams", "verbose": "Display"}


# A value is described by its own language's type: a list is Octave's cell.
OCTAVE_TYPES = {"a list of size": "a cell of size", "a dict of size": "a struct of size"}


def _octave_text(message: str) -> str:
    for py, oc in OCTAVE_NAMES.items():
        message = re.sub(rf"\b{py}\b", oc, message)
    for py, oc in OCTAVE_TYPES.items():
        message = message.replace(py, oc)
    return message


# (id, Python name, Octave name, Python call, Octave code, message after "<name>: ")
CASES = [
    # cost
    ("cost-sizes-too-large", "nn_cost", "nnCost",
     lambda: nnvec.nn_cost(np.zeros(N), [3, 1e12, 2], X, Y, 0.0),
     "nnCost(Pp, [3 1e12 2], PX, Py, 0)",
     "the network [3 1e+12 2] on m = 4 examples needs 240 TB of memory, more than the limit "
     "of 1 GB (NNVEC_MEMORY_LIMIT)"),
    ("cost-lambda-text", "nn_cost", "nnCost",
     lambda: nnvec.nn_cost(P, SIZES, X, Y, "1"),
     "nnCost(Pp, Psizes, PX, Py, '1')",
     "lambda must be a finite real scalar >= 0, got '1'"),
    ("cost-label-near-2", "nn_cost", "nnCost",
     lambda: nnvec.nn_cost(P, SIZES, X, [1, 2 - 1e-15, 3, 1], 0.0),
     "nnCost(Pp, Psizes, PX, [1; 2 - 1e-15; 3; 1], 0)",
     "y labels must be integers in 1..3 (digit 0 is label 10), got 1.9999999999999989 at "
     "position 2"),
    ("cost-relu-overflow", "nn_cost", "nnCost",
     lambda: nnvec.nn_cost(P_HUGE, SIZES, X, Y, 0.0, activation="relu"),
     "nnCost(Phuge, Psizes, PX, Py, 0, struct('activation', 'relu'))",
     "the cost is not finite, got NaN: the network's activations overflow at these "
     "parameters"),
    ("cost-unknown-activation", "nn_cost", "nnCost",
     lambda: nnvec.nn_cost(P, SIZES, X, Y, 0.0, activation="elu"),
     "nnCost(Pp, Psizes, PX, Py, 0, struct('activation', 'elu'))",
     "activation must be one of sigmoid, tanh, relu, got 'elu'"),
    ("cost-unknown-output", "nn_cost", "nnCost",
     lambda: nnvec.nn_cost(P, SIZES, X, Y, 0.0, output="linear"),
     "nnCost(Pp, Psizes, PX, Py, 0, struct('output', 'linear'))",
     "output must be one of sigmoid, softmax, got 'linear'"),
    ("cost-activation-list", "nn_cost", "nnCost",
     lambda: nnvec.nn_cost(P, SIZES, X, Y, 0.0, activation=["relu"]),
     "nnCost(Pp, Psizes, PX, Py, 0, struct('activation', {{'relu'}}))",
     "activation must be one of sigmoid, tanh, relu, got a list of size 1x1"),
    ("cost-output-dict", "nn_cost", "nnCost",
     lambda: nnvec.nn_cost(P, SIZES, X, Y, 0.0, output={"a": 1}),
     "nnCost(Pp, Psizes, PX, Py, 0, struct('output', struct('a', 1)))",
     "output must be one of sigmoid, softmax, got a dict of size 1x1"),
    ("cost-sizes-fraction", "nn_cost", "nnCost",
     lambda: nnvec.nn_cost(P, [3, 4.5, 3], X, Y, 0.0),
     "nnCost(Pp, [3 4.5 3], PX, Py, 0)",
     "layer_sizes must be positive integers, got [3 4.5 3]"),
    ("course-cost-params", "nn_cost_function", "nnCostFunction",
     lambda: nnvec.nn_cost_function(np.zeros(5), 3, 5, 3, X, Y, 0.0),
     "nnCostFunction(zeros(5, 1), 3, 5, 3, PX, Py, 0)",
     "nn_params must have 38 elements for layer sizes [3 5 3], got 5"),
    # predict
    ("nn-predict-overflow", "nn_predict", "nnPredict",
     lambda: nnvec.nn_predict(P_HUGE, SIZES, X, activation="relu"),
     "nnPredict(Phuge, Psizes, PX, struct('activation', 'relu'))",
     "the network's output is not finite (NaN or Inf) for example 2: its activations "
     "overflow at these parameters"),
    ("nn-predict-columns", "nn_predict", "nnPredict",
     lambda: nnvec.nn_predict(P, SIZES, np.ones((2, 4))),
     "nnPredict(Pp, Psizes, ones(2, 4))",
     "X must have 3 columns (the input layer size), got 4"),
    ("predict-theta2-columns", "predict", "predict",
     lambda: nnvec.predict(np.ones((4, 3)), np.ones((2, 4)), np.ones((1, 2))),
     "predict(ones(4, 3), ones(2, 4), ones(1, 2))",
     "Theta2 must have size(Theta1, 1) + 1 = 5 columns, got 4"),
    ("predict-theta2-3d", "predict", "predict",
     lambda: nnvec.predict(np.ones((4, 3)), np.ones((2, 5, 2)), np.ones((1, 2))),
     "predict(ones(4, 3), ones(2, 5, 2), ones(1, 2))",
     "Theta2 must be a 2-D matrix, got shape 2x5x2"),
    # init
    ("debug-init-negative", "debug_initialize_weights", "debugInitializeWeights",
     lambda: nnvec.debug_initialize_weights(3, -1),
     "debugInitializeWeights(3, -1)",
     "fan_in must be a non-negative integer, got -1"),
    ("debug-init-fraction", "debug_initialize_weights", "debugInitializeWeights",
     lambda: nnvec.debug_initialize_weights(2.5, 1),
     "debugInitializeWeights(2.5, 1)",
     "fan_out must be a positive integer, got 2.5"),
    ("rand-init-zero", "rand_initialize_weights", "randInitializeWeights",
     lambda: nnvec.rand_initialize_weights(0, 2),
     "randInitializeWeights(0, 2)",
     "L_in must be a positive integer, got 0"),
    ("rand-init-epsilon", "rand_initialize_weights", "randInitializeWeights",
     lambda: nnvec.rand_initialize_weights(3, 2, epsilon_init=-1),
     "randInitializeWeights(3, 2, -1)",
     "epsilon_init must be a finite scalar > 0, got -1"),
    # train / trainNN
    ("train-maxiter-inf", "train", "trainNN",
     lambda: nnvec.train(X, Y, SIZES, maxiter=np.inf),
     "trainNN(PX, Py, Psizes, 1, struct('MaxIter', Inf))",
     "maxiter must be a positive integer, got Inf"),
    ("train-start-length", "train", "trainNN",
     lambda: nnvec.train(X, Y, SIZES, initial_params=np.zeros(5)),
     "trainNN(PX, Py, Psizes, 1, struct('InitialParams', zeros(5, 1)))",
     "initial_params must have 38 elements for layer sizes [3 5 3], got 5"),
    ("train-start-complex", "train", "trainNN",
     lambda: nnvec.train(X, Y, SIZES, initial_params=P + 1j),
     "trainNN(PX, Py, Psizes, 1, struct('InitialParams', Pp + 1i))",
     "initial_params must be real, got a complex array"),
    ("train-sizes-too-large", "train", "trainNN",
     lambda: nnvec.train(X, Y, [3, 100000000, 3]),
     "trainNN(PX, Py, [3 100000000 3], 1)",
     "the network [3 1e+08 3] on m = 4 examples needs 26.4 GB of memory, more than the limit "
     "of 1 GB (NNVEC_MEMORY_LIMIT)"),
    ("train-label-too-big", "train", "trainNN",
     lambda: nnvec.train(X, [1, 2, 4, 1], SIZES),
     "trainNN(PX, [1; 2; 4; 1], Psizes, 1)",
     "y labels must be integers in 1..3 (digit 0 is label 10), got 4 at position 3"),
    # fmincg
    ("fmincg-misspelt-option", "fmincg", "fmincg",
     lambda: nnvec.fmincg(QUAD, np.ones(2), Maxiter=3),
     "fmincg(Pquad, [1; 1], struct('Maxiter', 3))",
     "unknown option 'Maxiter'; valid options are maxiter, verbose"),
    ("fmincg-maxiter-zero", "fmincg", "fmincg",
     lambda: nnvec.fmincg(QUAD, np.ones(2), maxiter=0),
     "fmincg(Pquad, [1; 1], struct('MaxIter', 0))",
     "maxiter must be a positive integer, got 0"),
    # momentum
    ("momentum-maxiter-inf", "momentum_descent", "momentumDescent",
     lambda: nnvec.momentum_descent(QUAD, np.ones(2), maxiter=np.inf),
     "momentumDescent(Pquad, [1; 1], struct('MaxIter', Inf))",
     "maxiter must be a non-negative integer, got Inf"),
    ("momentum-rate-negative", "momentum_descent", "momentumDescent",
     lambda: nnvec.momentum_descent(QUAD, np.ones(2), learning_rate=-1),
     "momentumDescent(Pquad, [1; 1], struct('LearningRate', -1))",
     "learning_rate must be a finite scalar > 0, got -1"),
    # loaders
    ("load-dataset-unknown", "load_dataset", "loadDataset",
     lambda: nnvec.load_dataset("no-such-set"),
     "loadDataset('no-such-set')",
     "unknown data set 'no-such-set': expected 'digits', 'mnist5k', 'fashion-mnist', a .mat "
     "file or a folder of IDX files"),
    ("load-idx-too-large", "load_idx", "loadIdx",
     lambda: nnvec.load_idx(IDX_FILES[0], IDX_FILES[1]),
     "loadIdx(Pidx_images, Pidx_labels)",
     None),  # the paths differ per run: compared between the languages only
    # reshape / unroll
    ("reshape-negative-sizes", "reshape_params", "reshapeParams",
     lambda: nnvec.reshape_params(np.zeros(0), [-1, -1]),
     "reshapeParams(zeros(0, 1), [-1 -1])",
     "layer_sizes must be positive integers, got [-1 -1]"),
    ("reshape-fraction", "reshape_params", "reshapeParams",
     lambda: nnvec.reshape_params(np.zeros(26), [3, 4.5, 2]),
     "reshapeParams(zeros(26, 1), [3 4.5 2])",
     "layer_sizes must be positive integers, got [3 4.5 2]"),
    ("reshape-one-size", "reshape_params", "reshapeParams",
     lambda: nnvec.reshape_params(np.zeros(1), [5]),
     "reshapeParams(0, 5)",
     "layer_sizes must list at least 2 layer sizes, got [5]"),
    ("reshape-length", "reshape_params", "reshapeParams",
     lambda: nnvec.reshape_params(np.zeros(12), [1, 2, 3]),
     "reshapeParams(zeros(12, 1), [1 2 3])",
     "nn_params must have 13 elements for layer sizes [1 2 3], got 12"),
    ("unroll-empty", "unroll_params", "unrollParams",
     lambda: nnvec.unroll_params([]),
     "unrollParams({})",
     "Thetas must hold at least one matrix, got none"),
]

IDX_FILES: list[str] = []


@pytest.fixture(scope="module")
def octave_data(oc, tmp_path_factory):
    """The shared data in the Octave session, and a 1 GB memory limit in both languages."""
    folder = tmp_path_factory.mktemp("idx")
    images, labels = folder / "images-idx3-ubyte", folder / "labels-idx1-ubyte"
    # 3 images of 2x2 pixels: the row load-idx-too-large lowers the limit below their size.
    images.write_bytes((0x803).to_bytes(4, "big") + b"".join(
        d.to_bytes(4, "big") for d in (3, 2, 2)) + bytes(12))
    labels.write_bytes((0x801).to_bytes(4, "big") + (3).to_bytes(4, "big") + bytes(3))
    IDX_FILES[:] = [str(images), str(labels)]
    for name, value in {"PX": X, "Py": Y.reshape(-1, 1), "Pp": P.reshape(-1, 1),
                        "Phuge": P_HUGE.reshape(-1, 1),
                        "Psizes": np.array(SIZES, dtype=float),
                        "Pidx_images": str(images), "Pidx_labels": str(labels)}.items():
        oc.push(name, value)
    oc.eval("Pquad = @(x) deal(x' * x, 2 * x);")
    return oc


def _python_message(call) -> str:
    # Overflow warnings (the ReLU rows) come before the error that matters here.
    with pytest.raises((ValueError, TypeError, OSError)) as info, np.errstate(all="ignore"):
        call()
    return str(info.value)


def _octave_message(oc, code: str) -> str:
    with pytest.raises(Oct2PyError) as info:
        oc.eval(code + ";")
    return str(info.value)


def _after(name: str, message: str) -> str:
    """The text after "name: " on the line that carries it."""
    found = re.search(rf"(?:^|\s){re.escape(name)}: (.*)", message)
    assert found, f"no '{name}: ' in {message!r}"
    return found.group(1).strip()


@pytest.fixture
def memory_limit_1gb(monkeypatch, octave_data):
    """NNVEC_MEMORY_LIMIT = 1e9 in both languages for one test (restored after)."""
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", "1e9")
    old = octave_data.eval("getenv('NNVEC_MEMORY_LIMIT')")
    octave_data.eval("setenv('NNVEC_MEMORY_LIMIT', '1e9');")
    yield
    octave_data.push("Pold_limit", old or "")
    octave_data.eval("setenv('NNVEC_MEMORY_LIMIT', Pold_limit);")


@pytest.mark.octave
@pytest.mark.parametrize(("py_name", "oc_name", "call", "code", "message"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_same_message_in_both_languages(octave_data, memory_limit_1gb, request, py_name,
                                        oc_name, call, code, message):
    case = request.node.callspec.id
    if case == "load-idx-too-large":
        # 3 images of 2x2 pixels need 96 bytes as float64: a limit of 50 refuses them.
        request.getfixturevalue("monkeypatch").setenv("NNVEC_MEMORY_LIMIT", "50")
        octave_data.eval("setenv('NNVEC_MEMORY_LIMIT', '50');")
    py_text = _after(py_name, _python_message(call))
    oc_text = _after(oc_name, _octave_message(octave_data, code))
    assert _octave_text(py_text) == oc_text
    if message is not None:
        assert py_text == message


def test_table_covers_every_twin_pair():
    pairs = {(c[1], c[2]) for c in CASES}
    for pair in [("nn_cost", "nnCost"), ("nn_cost_function", "nnCostFunction"),
                 ("nn_predict", "nnPredict"), ("predict", "predict"),
                 ("debug_initialize_weights", "debugInitializeWeights"),
                 ("rand_initialize_weights", "randInitializeWeights"),
                 ("train", "trainNN"), ("fmincg", "fmincg"),
                 ("momentum_descent", "momentumDescent"), ("load_dataset", "loadDataset"),
                 ("load_idx", "loadIdx"), ("reshape_params", "reshapeParams"),
                 ("unroll_params", "unrollParams")]:
        assert pair in pairs


def test_fmincg_misspelt_option_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match=r"^fmincg: unknown option 'Maxiter'"):
        nnvec.fmincg(QUAD, np.ones(2), Maxiter=3)


@pytest.mark.octave
@pytest.mark.parametrize("status", [0, 1, 2, 3])
def test_status_messages_are_the_messages_returned(octave_data, status):
    """fmincg.STATUS_MESSAGES holds the text each status returns, in both languages."""
    # One problem per status: the iteration limit, a line search that cannot
    # descend (a gradient that points the wrong way), a zero gradient, a NaN start.
    problems = {
        0: (ROSENBROCK, np.array([-1.2, 1.0]), ROSENBROCK_OCTAVE, {"maxiter": 2}),
        1: (lambda x: (float(x @ x), -2 * x), np.ones(2), "@(x) deal(x' * x, -2 * x)", {}),
        2: (QUAD, np.zeros(2), "Pquad", {}),
        3: (lambda x: (np.nan, x), np.ones(2), "@(x) deal(NaN, x)", {}),
    }
    f, x0, oc_f, opts = problems[status]
    res = nnvec.fmincg(f, x0, **opts)
    assert res.status == status
    expected = STATUS_MESSAGES[status].format(maxiter=opts.get("maxiter", 100))
    assert res.message == expected
    octave_data.eval(f"[~, ~, ~, Pinfo] = fmincg({oc_f}, [{x0[0]}; {x0[1]}], "
                     f"struct('MaxIter', {opts.get('maxiter', 100)}));")
    info = octave_data.pull("Pinfo")
    assert int(info["status"]) == status
    assert info["message"] == expected


@pytest.mark.octave
def test_stray_label_names_the_file_and_the_label(tmp_path, capsys):
    """A data file with one label 1e9: K would be 1e9, so the CLI stops before allocating."""
    from nnvec.cli import main

    path = tmp_path / "stray.mat"
    scipy.io.savemat(path, {"X": np.ones((6, 4)), "y": np.array([[1, 2, 1, 2, 1e9, 2]]).T})
    with pytest.raises(SystemExit) as info:
        main(["train", "--data", str(path), "--out", str(tmp_path / "out")])
    assert info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert err.startswith(f"nnvec: error: --data: {path}: label 1000000000 at position 5 of y")
    assert "more than the limit" in err


def test_cli_huge_hidden_layer_is_one_clear_line(tmp_path, capsys):
    from nnvec.cli import main

    with pytest.raises(SystemExit) as info:
        main(["train", "--data", "digits", "--hidden", "100000000",
              "--out", str(tmp_path / "out")])
    assert info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert re.fullmatch(r"nnvec: error: --hidden: the network \[64 1e\+08 10\] on m = \d+ "
                        r"examples needs [\d.]+ TB of memory, more than the limit of .*", err)


def test_memory_limit_env_var_must_be_a_number(monkeypatch):
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", "lots")
    with pytest.raises(ValueError, match="NNVEC_MEMORY_LIMIT must be a number of bytes > 0, "
                                         "got 'lots'"):
        nnvec.nn_cost(P, SIZES, X, Y, 0.0)


def test_memory_limit_default_is_half_the_machine(monkeypatch):
    from nnvec.memory import _mem_total, memory_limit

    monkeypatch.delenv("NNVEC_MEMORY_LIMIT", raising=False)
    limit, source = memory_limit()
    assert limit == _mem_total() / 2
    assert source.startswith("half of the machine's memory")


@pytest.mark.parametrize("bad", [{"activation": "elu"}, {"output": "linear"}],
                         ids=["activation", "output"])
def test_cost_and_gradient_refuses_unknown_names(bad):
    """The shared computation checks the names too (it used to run ReLU / sigmoid for any)."""
    from nnvec.cost import cost_and_gradient

    Thetas = nnvec.reshape_params(P, SIZES)
    args = {"activation": "sigmoid", "output": "sigmoid"} | bad
    with pytest.raises(ValueError, match=r"^cost_and_gradient: (activation|output) must be one"):
        cost_and_gradient(Thetas, X, np.eye(3)[[0, 1, 2, 0]], 0.0, args["activation"],
                          args["output"])


@pytest.mark.octave
def test_sparse_input_works_as_dense_in_octave(octave_data):
    """Sparse nn_params, X and Thetas give the dense results (they failed with nonconformant)."""
    oc = octave_data
    oc.eval("[Pj, Pg] = nnCost(Pp, Psizes, PX, Py, 1); "
            "[Pjs, Pgs] = nnCost(sparse(Pp), Psizes, sparse(PX), Py, 1);")
    assert float(oc.pull("Pjs")) == float(oc.pull("Pj"))
    np.testing.assert_array_equal(oc.pull("Pgs"), oc.pull("Pg"))
    oc.eval("PT = reshapeParams(Pp, Psizes); "
            "Ppred = predict(sparse(PT{1}), sparse(PT{2}), sparse(PX)); "
            "Ppred_dense = predict(PT{1}, PT{2}, PX);")
    np.testing.assert_array_equal(oc.pull("Ppred"), oc.pull("Ppred_dense"))
    np.testing.assert_array_equal(np.ravel(oc.pull("Ppred")), nnvec.predict(
        *nnvec.reshape_params(P, SIZES), X))


@pytest.mark.octave
def test_momentum_twins_print_the_same_lines(octave_data, capsys):
    """momentum_descent(verbose=True) and momentumDescent with Display 'iter' print alike."""
    nnvec.momentum_descent(ROSENBROCK, np.array([-1.2, 1.0]), maxiter=3, verbose=True)
    py_lines = capsys.readouterr().out.splitlines()
    # ROSENBROCK_OCTAVE holds no quote, so it goes inside evalc's quoted code as it is.
    octave_data.eval(f"Pout = evalc('momentumDescent({ROSENBROCK_OCTAVE}, [-1.2; 1], "
                     "struct(''MaxIter'', 3, ''Display'', ''iter''));');")
    oc_lines = str(octave_data.pull("Pout")).splitlines()
    assert len(py_lines) == 3
    assert py_lines == oc_lines


ROOT = Path(__file__).resolve().parents[1]


def test_cross_references_name_real_files_and_functions():
    """Each twin named in a comment exists: X.m in the Python package, nnvec.x.y in
    the .m files, README sections in the tests (three such names pointed nowhere)."""
    m_files = {p.name for p in ROOT.rglob("*.m") if ".venv" not in p.parts}
    for path in sorted((ROOT / "python" / "nnvec").glob("*.py")):
        # Not self.m (an attribute) nor "name.m" (a file the code writes).
        for name in re.findall(r"\b(?!self\.)([A-Za-z]\w*\.m)\b(?![\"'])", path.read_text()):
            assert name in m_files, f"{path.name} names {name}, which does not exist"
    for path in sorted((ROOT / "octave").rglob("*.m")):
        for dotted in re.findall(r"\bnnvec\.([A-Za-z_][\w.]*\w)", path.read_text()):
            assert _resolves(dotted), f"{path.name} names nnvec.{dotted}, which does not exist"
    headings = re.findall(r"^#+ (.+)$", (ROOT / "README.md").read_text(), flags=re.M)
    for path in sorted((ROOT / "tests").glob("*.py")):
        for section in re.findall(r'README(?:\.md)?,? "([^"]+)"', path.read_text()):
            assert any(h.startswith(section) for h in headings), (
                f"{path.name} cites README section {section!r}, which does not exist")


def _resolves(dotted: str) -> bool:
    """nnvec.<dotted> names a module or an attribute of one."""
    import importlib

    parts = dotted.split(".")
    for k in range(len(parts), -1, -1):
        try:
            obj = importlib.import_module(".".join(["nnvec", *parts[:k]]))
        except ImportError:
            continue
        for attr in parts[k:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False
