"""The gradient check of a student's cost function (#20 part 1), in both languages.

``nnvec.check_nn_gradients(cost_function, lambda_)`` and Octave's
``checkNNGradients(lambda, costFunction)`` run the course's debug problem
(3-5-3, m = 5) through any function with the course's signature; Octave's
``checkNNGradients(lambda)`` checks the ``nnCostFunction`` first on the path.
"""

from __future__ import annotations

import functools

import nnvec
import numpy as np
import pytest
from nnvec.core.conventions import PYTHON_PORT

QUIET = {"stream_handler": lambda _: None}

# A student's nnCostFunction.m that forgets the regularization term in the gradient.
BUGGY_M = """function [J, grad] = nnCostFunction(nn_params, s1, s2, K, X, y, lambda)
%NNCOSTFUNCTION A student's cost: the gradient misses the regularization term.
J = nnCost(nn_params, [s1 s2 K], X, y, lambda);
[~, grad] = nnCost(nn_params, [s1 s2 K], X, y, 0);
end
"""


def no_reg_in_gradient(nn_params, s1, s2, K, X, y, lambda_):
    """A student's cost, Python twin of BUGGY_M: the gradient misses lambda."""
    J, _ = nnvec.nn_cost_function(nn_params, s1, s2, K, X, y, lambda_)
    _, grad = nnvec.nn_cost_function(nn_params, s1, s2, K, X, y, 0.0)
    return J, grad


def doubled_gradient(*args):
    J, grad = nnvec.nn_cost_function(*args)
    return J, 2 * grad


#: The Python port's nnCostFunction: row-major parameters, labels 0..K-1.
port_cost_function = functools.partial(nnvec.nn_cost_function, order=PYTHON_PORT.order,
                                       first_label=PYTHON_PORT.first_label)


class TestPython:
    @pytest.mark.parametrize("lam", [0.0, 3.0])
    def test_correct_function_agrees(self, lam, capsys):
        diff = nnvec.check_nn_gradients(nnvec.nn_cost_function, lam)
        assert diff < 1e-9
        out = capsys.readouterr().out
        assert "check_nn_gradients: the backprop gradient agrees with the numerical" in out
        assert len(out.splitlines()) >= 38  # one row per parameter of the 3-5-3 network

    def test_same_as_own_backprop(self):
        own = nnvec.check_nn_gradients(3.0, verbose=False)
        student = nnvec.check_nn_gradients(nnvec.nn_cost_function, 3.0, verbose=False)
        assert student == pytest.approx(own, rel=1e-6)

    def test_missing_regularization_disagrees(self, capsys):
        diff = nnvec.check_nn_gradients(no_reg_in_gradient, 3.0)
        assert diff > 1e-2
        out = capsys.readouterr().out
        assert (f"check_nn_gradients: the backprop gradient disagrees with the numerical "
                f"gradient: relative difference {diff:g} (want < 1e-9)") in out
        # Without regularization the bug is invisible, as it is in the course.
        assert nnvec.check_nn_gradients(no_reg_in_gradient, 0.0, verbose=False) < 1e-9

    def test_doubled_gradient_gives_one_third(self):
        # norm(g - 2g) / norm(g + 2g) = 1/3 whatever g is.
        diff = nnvec.check_nn_gradients(doubled_gradient, 0.0, verbose=False)
        assert diff == pytest.approx(1 / 3, rel=1e-6)

    def test_port_style_function_in_its_convention(self):
        diff = nnvec.check_nn_gradients(port_cost_function, 3.0, order="C", first_label=0,
                                        verbose=False)
        assert diff < 1e-9
        # Keywords work too, and the number does not depend on the order.
        diff_kw = nnvec.check_nn_gradients(cost_function=port_cost_function, lambda_=3.0,
                                           order="C", first_label=0, verbose=False)
        assert diff_kw == diff
        with pytest.raises(ValueError, match=r"labels must be integers in 0\.\.2"):
            nnvec.check_nn_gradients(port_cost_function, 3.0, order="C", verbose=False)

    def test_old_call_forms(self):
        assert nnvec.check_nn_gradients(verbose=False) < 1e-9
        assert nnvec.check_nn_gradients(lambda_=3.0, verbose=False) < 1e-9
        assert nnvec.check_nn_gradients(1.0, layer_sizes=(3, 4, 3), m=6, verbose=False) < 1e-9
        assert nnvec.check_nn_gradients(1.0, layer_sizes=(4, 6, 5, 3), m=7, verbose=False) < 1e-9

    def test_not_callable(self):
        with pytest.raises(TypeError, match=r"check_nn_gradients: cost_function must be "
                                            r"callable .* got 'nnCostFunction'"):
            nnvec.check_nn_gradients("nnCostFunction")

    @pytest.mark.parametrize("ret, got", [
        (1.0, "got 1"),
        ((1.0,), "got a tuple of 1 items"),
        ((1.0, np.zeros(5)), "got grad of shape 5"),
        ((np.zeros(2), np.zeros(38)), "got J = [0 0]"),
    ])
    def test_wrong_return(self, ret, got):
        def student(*_):
            return ret

        with pytest.raises(ValueError) as info:
            nnvec.check_nn_gradients(student, verbose=False)
        msg = str(info.value)
        assert msg.startswith("check_nn_gradients: cost_function student must return (J, grad)")
        assert "grad 38 numbers" in msg and got in msg

    def test_three_sizes_with_a_function(self):
        with pytest.raises(ValueError, match="layer_sizes must hold 3 sizes"):
            nnvec.check_nn_gradients(nnvec.nn_cost_function, 0.0, layer_sizes=(3, 4, 4, 3))


class TestOctave:
    @pytest.mark.parametrize("lam", [0.0, 3.0])
    def test_handle_same_difference_as_python(self, oc, lam):
        oc.eval(f"nnvec_d = checkNNGradients({lam}, @nnCostFunction);", **QUIET)
        d_oc = float(oc.pull("nnvec_d"))
        d_py = nnvec.check_nn_gradients(nnvec.nn_cost_function, lam, verbose=False)
        assert d_oc < 1e-9 and d_py < 1e-9
        # Round-off level: the same backprop, so close, but not to 1e-6.
        assert d_oc == pytest.approx(d_py, rel=0.2)

    def test_wrong_handle_same_difference_as_python(self, oc):
        oc.eval("nnvec_f = @(varargin) deal(nnCostFunction(varargin{:}), "
                "2 * nthargout(2, @nnCostFunction, varargin{:}));", **QUIET)
        oc.eval("nnvec_d = checkNNGradients(0, nnvec_f);", **QUIET)
        d_oc = float(oc.pull("nnvec_d"))
        d_py = nnvec.check_nn_gradients(doubled_gradient, 0.0, verbose=False)
        assert d_oc == pytest.approx(d_py, rel=1e-6)
        assert d_oc == pytest.approx(1 / 3, rel=1e-6)

    def test_student_file_first_on_the_path(self, oc, tmp_path):
        (tmp_path / "nnCostFunction.m").write_text(BUGGY_M, encoding="utf-8")
        lines = []
        oc.addpath(str(tmp_path))  # prepends: the student's file shadows nnvec's
        try:
            oc.eval("nnvec_d = checkNNGradients(3);", stream_handler=lines.append)
            d_oc = float(oc.pull("nnvec_d"))
        finally:
            oc.rmpath(str(tmp_path))
            oc.eval("clear nnCostFunction", **QUIET)
        d_py = nnvec.check_nn_gradients(no_reg_in_gradient, 3.0, verbose=False)
        assert d_oc > 1e-2
        assert d_oc == pytest.approx(d_py, rel=1e-6)
        text = "\n".join(lines)
        assert (f"checkNNGradients: the backprop gradient disagrees with the numerical "
                f"gradient: relative difference {d_oc:g} (want < 1e-9)") in text
        # Gone from the path, nnvec's own nnCostFunction is checked again.
        oc.eval("nnvec_d = checkNNGradients(3);", **QUIET)
        assert float(oc.pull("nnvec_d")) < 1e-9

    def test_verdict_text_matches_python(self, oc, capsys):
        lines = []
        oc.eval("nnvec_d = checkNNGradients(3, @nnCostFunction);", stream_handler=lines.append)
        d_oc = float(oc.pull("nnvec_d"))
        d_py = nnvec.check_nn_gradients(nnvec.nn_cost_function, 3.0)
        py = capsys.readouterr().out.splitlines()[-1]
        oc_line = [s for s in lines if "backprop gradient" in s][-1].strip()
        # The same text but for the function's name and the round-off digits.
        assert (oc_line.replace("checkNNGradients", "F").replace(f"{d_oc:g}", "D")
                == py.replace("check_nn_gradients", "F").replace(f"{d_py:g}", "D"))

    def test_bad_handle(self, oc):
        with pytest.raises(Exception, match="checkNNGradients: costFunction must be a function "
                                            "handle"):
            oc.eval("checkNNGradients(0, 'nnCostFunction');", **QUIET)
        with pytest.raises(Exception, match=r"checkNNGradients: costFunction .* must return "
                                            r"\[J, grad\] .*got grad of size 1x2"):
            oc.eval("checkNNGradients(0, @(varargin) deal(1, [1 2]));", **QUIET)


def test_a_number_first_is_lambda_and_takes_no_second_lambda():
    # checkNNGradients(lambda), the course's form; the sizes are keywords, so
    # positional arguments never shift meaning.
    assert nnvec.check_nn_gradients(3.0, verbose=False) == nnvec.check_nn_gradients(
        lambda_=3.0, verbose=False)
    with pytest.raises(TypeError, match=r"^check_nn_gradients: a number first is lambda_"):
        nnvec.check_nn_gradients(1.0, 2.0)
    with pytest.raises(TypeError):
        nnvec.check_nn_gradients(1.0, 0.0, (3, 4, 3))  # layer_sizes is keyword-only
