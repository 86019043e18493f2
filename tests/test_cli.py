"""The command line: ``python -m nnvec train`` / ``nnvec ex4``, outputs and errors."""

from __future__ import annotations

import io
import subprocess
import sys

import numpy as np
import pytest
import scipy.io
from conftest import ROOT
from nnvec import cli
from nnvec.cli.progress import Progress
from nnvec.cli.train import image_layout
from nnvec.io.display import load_weights
from numpy.testing import assert_allclose


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nnvec", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, check=False)


def test_train_smoke(tmp_path):
    r = run_cli("train", "--data", "digits", "--maxiter", "5", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    out = r.stdout
    assert "Network: 64-25-10, 1885 parameters" in out
    assert out.count("Iteration ") == 5  # not a terminal: one plain line per iteration
    train_acc = float(out.split("Training accuracy: ")[1].split("%")[0])
    test_acc = float(out.split("Held-out accuracy: ")[1].split("%")[0])
    assert 20 < train_acc <= 100 and 20 < test_acc <= 100  # 5 iterations: well above chance
    for name in ("weights.mat", "digits.png", "hidden_units.png", "cost.png"):
        assert (tmp_path / name).stat().st_size > 0, name
    S = scipy.io.loadmat(tmp_path / "weights.mat")
    assert S["Theta1"].shape == (25, 65) and S["Theta2"].shape == (10, 26)


def test_deeper_net_and_other_methods(tmp_path, capsys):
    status = cli.main(["train", "--data", "digits", "--hidden", "20,12", "--hidden", "8",
                       "--maxiter", "4", "--method", "l-bfgs-b", "--lambda", "0.5",
                       "--out", str(tmp_path)])
    assert status == 0
    out = capsys.readouterr().out
    assert "Network: 64-20-12-8-10" in out and "Training: L-BFGS-B" in out
    assert [T.shape for T in load_weights(tmp_path / "weights.mat")] == [
        (20, 65), (12, 21), (8, 13), (10, 9)]


def test_threads_option(tmp_path, capsys):
    status = cli.main(["train", "--data", "digits", "--threads", "2", "--maxiter", "3",
                       "--out", str(tmp_path)])
    assert status == 0
    out = capsys.readouterr().out
    assert "Threads: 2 (worker(s); every BLAS pool at 1 thread)" in out
    assert "\nBLAS: " in out and " kernels (" in out
    status = cli.main(["train", "--data", "digits", "--maxiter", "3", "--out", str(tmp_path)])
    assert "Threads: 1 (every pool, small problem)" in capsys.readouterr().out


def test_momentum_options(tmp_path, capsys):
    status = cli.main(["train", "--data", "digits", "--method", "momentum",
                       "--learning-rate", "0.3", "--momentum", "0.5", "--maxiter", "3",
                       "--activation", "tanh", "--output", "softmax", "--out", str(tmp_path)])
    assert status == 0
    assert "Training: momentum, 3 iterations" in capsys.readouterr().out


@pytest.mark.octave
def test_octave_engine_follows_the_python_run(tmp_path, capsys):
    py_dir, oc_dir = tmp_path / "py", tmp_path / "oc"
    assert cli.main(["train", "--data", "digits", "--maxiter", "8", "--seed", "3",
                     "--out", str(py_dir)]) == 0
    assert cli.main(["train", "--data", "digits", "--maxiter", "8", "--seed", "3",
                     "--engine", "octave",
                     "--out", str(oc_dir)]) == 0
    out = capsys.readouterr().out
    assert "engine octave" in out
    assert "\nBLAS: Octave's " in out  # version('-blas'): library and kernels
    # Same start vector (generated in Python), same fmincg arithmetic: same weights.
    for a, b in zip(load_weights(py_dir / "weights.mat"), load_weights(oc_dir / "weights.mat"),
                    strict=True):
        assert_allclose(b, a, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["train", "--data", "no-such-set"], "no-such-set"),
        (["train", "--data", "/nonexistent/dir/x.mat"], "x.mat"),
        (["train", "--lambda", "-1"], "--lambda must be a finite number >= 0, got -1"),
        (["train", "--hidden", "0"], "argument --hidden: must be positive integers"),
        (["train", "--hidden", "25,x"], "argument --hidden: must be positive integers"),
        (["train", "--method", "adam"], "argument --method: must be one of fmincg, CG"),
        (["train", "--maxiter", "0"], "argument --maxiter: must be a positive integer, got '0'"),
        (["train", "--engine", "octave", "--method", "CG"],
         "--engine octave supports --method fmincg or momentum, got CG"),
        (["train", "--engine", "octave", "--threads", "2"],
         "--threads is for --engine python"),
        (["train", "--threads", "0"], "argument --threads: must be a positive integer, got '0'"),
        (["train", "--method", "momentum", "--momentum", "1.5", "--maxiter", "1"],
         "momentum must be a scalar in [0, 1), got 1.5"),
        (["fly"], "invalid choice: 'fly'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args, message, capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        cli.main([*args, "--out", str(tmp_path)] if args and args[0] == "train" else args)
    assert exc.value.code == 2
    captured = capsys.readouterr()
    err = captured.err
    assert err.startswith("nnvec: error: ") and err.count("\n") == 1, err
    assert message in err
    assert "Traceback" not in err + captured.out


def test_bad_arguments_in_a_real_process():
    r = run_cli("train", "--data", "no-such-set")
    assert r.returncode == 2
    assert r.stderr.startswith("nnvec: error: ") and r.stderr.count("\n") == 1
    assert "Traceback" not in r.stderr


def test_ex4_subcommand_dispatches(monkeypatch):
    import nnvec.cli.ex4

    seen = []
    monkeypatch.setattr(nnvec.cli.ex4, "main", lambda argv: seen.append(list(argv)) or 0)
    assert cli.main(["ex4", "--out-dir", "x"]) == 0
    assert seen == [["--out-dir", "x"]]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_redraws_on_a_terminal():
    stream = _Tty()
    bar = Progress(4, stream, width=8)
    for i, J in enumerate([3.0, 2.0, 1.5, 1.25], start=1):
        bar.update(i, J)
    bar.close()
    text = stream.getvalue()
    assert text.count("\r") == 4 and text.endswith("\n") and text.count("\n") == 1
    assert "[########] 4/4  cost 1.250000" in text


def test_progress_plain_lines_are_thinned():
    stream = io.StringIO()
    bar = Progress(500, stream)
    for i in range(1, 501):
        bar.update(i, float(np.exp(-i / 100)))
    bar.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 50 and lines[-1].startswith("Iteration  500 | Cost: ")


def test_default_data_is_mnist5k_and_writes_every_picture(tmp_path):
    # `make train` runs `nnvec train --data mnist5k`, the CLI's default: a short run of it.
    r = run_cli("train", "--maxiter", "3", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Data: mnist5k: 4000 training, 1000 held-out examples, 400 features, 10 labels" in out
    assert "Network: 400-25-10, 10285 parameters, lambda 1," in out
    assert "Training: fmincg, 3 iterations, engine python, seed 0" in out
    assert out.count("Iteration ") == 3
    assert "Training accuracy: " in out and "Held-out accuracy: " in out
    for name in ("digits.png", "hidden_units.png", "cost.png", "confusion.png",
                 "misclassified.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
    assert "confusion.png, misclassified.png" in out
    S = scipy.io.loadmat(tmp_path / "weights.mat")
    assert S["Theta1"].shape == (25, 401) and S["Theta2"].shape == (10, 26)


def test_make_train_uses_mnist5k():
    # The Makefile's train target names the data set the CLI defaults to.
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ntrain:", 1)[1].split("\n\n", 1)[0]
    assert "nnvec train --data mnist5k" in recipe
    assert cli.build_parser().parse_args(["train"]).data == "mnist5k"


@pytest.mark.slow
def test_default_run_reaches_90_percent_held_out(tmp_path, capsys):
    # The defaults of `make train`: 400-25-10, lambda 1, 50 fmincg iterations, seed 0.
    assert cli.main(["train", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Training: fmincg, 50 iterations, engine python, seed 0" in out
    held_out = float(out.split("Held-out accuracy: ")[1].split("%")[0])
    training = float(out.split("Training accuracy: ")[1].split("%")[0])
    assert held_out >= 90.0, out
    assert training >= held_out - 1.0  # trained on X: at least as good there, near enough
    mistakes = int(out.split("Held-out mistakes: ")[1].split(",")[0])
    assert mistakes == round(1000 * (100 - held_out) / 100)


@pytest.mark.octave
@pytest.mark.slow
def test_octave_engine_trains_on_mnist5k(tmp_path, capsys):
    # The Octave engine on the default data set, from the same start as Python.
    py_dir, oc_dir = tmp_path / "py", tmp_path / "oc"
    assert cli.main(["train", "--maxiter", "5", "--out", str(py_dir)]) == 0
    assert cli.main(["train", "--maxiter", "5", "--engine", "octave", "--out", str(oc_dir)]) == 0
    out = capsys.readouterr().out
    assert out.count("Network: 400-25-10, 10285 parameters") == 2
    for a, b in zip(load_weights(py_dir / "weights.mat"), load_weights(oc_dir / "weights.mat"),
                    strict=True):
        assert_allclose(b, a, rtol=1e-8, atol=1e-10)
    assert (oc_dir / "misclassified.png").is_file() and (oc_dir / "confusion.png").is_file()


def test_mnist5k_pictures_read_rows_column_by_column():
    # mnist5k is stored as the course stores its digits; digits and IDX row by row.
    from nnvec.io.data import load_dataset

    assert image_layout(load_dataset("mnist5k"), 400, "auto") == ((20, 20), "F")
    assert image_layout(load_dataset("digits"), 64, "auto") == ((8, 8), "C")


def test_the_choices_come_from_the_tables():
    # One home per list of names: a new activation, output or convention
    # reaches the command line without an edit of cli.py.
    from nnvec.core.activations import ACTIVATIONS, OUTPUTS
    from nnvec.core.conventions import CONVENTIONS

    def choices(command, flag):
        sub = next(a for a in cli.build_parser()._actions if a.dest == "command")
        action = next(a for a in sub.choices[command]._actions if flag in a.option_strings)
        return tuple(action.choices)

    assert choices("train", "--activation") == tuple(ACTIVATIONS)
    assert choices("train", "--output") == tuple(OUTPUTS)
    assert choices("grade", "--convention") == tuple(CONVENTIONS)


def _example_commands() -> list[list[str]]:
    return [line.split()[1:] for text in cli.EXAMPLES.values() for line in text.splitlines()[1:]
            if "COMMAND" not in line and not line.split()[1].startswith("ex4")
            for line in [line.split("  ", 2)[1] if line.startswith("  ") else line]]


@pytest.mark.parametrize("argv", _example_commands(), ids=" ".join)
def test_every_example_in_the_help_parses(argv, monkeypatch):
    # The examples cannot rot: each is a valid command line (the shell's glob
    # of the class example left as it is).
    args = cli.build_parser().parse_args(argv)
    assert args.command == argv[0]


def test_the_examples_are_found():
    assert len(_example_commands()) >= 9


def test_bare_nnvec_prints_the_help(capsys):
    assert cli.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: nnvec") and "examples:" in out and "nnvec grade" in out


def test_help_names_no_internal_names(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["train", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--lambda LAMBDA " in out and "LAMBDA_" not in out
    assert "(default sigmoid)" in out and "examples:" in out
