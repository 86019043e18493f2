"""nnvec: the course's vectorized neural network, twin of the Octave code in ``octave/``.

Every public function here has an Octave twin of the camelCase name (see the
README's table): ``nn_cost_function`` <-> ``nnCostFunction`` and so on. Parameters
are unrolled column-major exactly like Octave's ``[Theta1(:); Theta2(:)]`` and
labels run 1..K (digit 0 is label 10).
"""

from .core.activations import log_sigmoid, sigmoid, sigmoid_gradient
from .core.cost import NNCost, nn_cost, nn_cost_function
from .core.gradcheck import check_nn_gradients, compute_numerical_gradient
from .core.init import debug_initialize_weights, rand_initialize_weights
from .core.loop import nn_cost_function_loop
from .core.params import param_shapes, reshape_params, unroll_params
from .core.predict import nn_predict, predict
from .io.data import Dataset, load_dataset, load_idx, load_mat
from .io.display import display_array, display_data, load_weights, plot_cost_history, save_weights
from .optim.fmincg import fmincg, minimize_fmincg
from .optim.momentum import momentum_descent
from .optim.train import init_params, train
from .resources import __version__ as __version__


def __getattr__(name: str) -> object:
    """``nnvec.NNClassifier`` imports scikit-learn, ``nnvec.grade_functions`` the grader, on
    first use only."""
    if name == "grade_functions":
        from .grading.functions import grade_functions

        return grade_functions
    if name == "NNClassifier":
        try:
            from .estimator import NNClassifier
        except ImportError as exc:
            if (exc.name or "").split(".")[0] != "sklearn":
                raise
            raise ImportError("nnvec.NNClassifier needs scikit-learn: "
                              "pip install 'nnvec[sklearn]'", name=exc.name) from None
        return NNClassifier
    raise AttributeError(f"module 'nnvec' has no attribute {name!r}")


__all__ = [
    "Dataset",
    "NNClassifier",
    "NNCost",
    "check_nn_gradients",
    "compute_numerical_gradient",
    "debug_initialize_weights",
    "display_array",
    "display_data",
    "fmincg",
    "grade_functions",
    "init_params",
    "load_dataset",
    "load_idx",
    "load_mat",
    "load_weights",
    "log_sigmoid",
    "minimize_fmincg",
    "momentum_descent",
    "nn_cost",
    "nn_cost_function",
    "nn_cost_function_loop",
    "nn_predict",
    "param_shapes",
    "plot_cost_history",
    "predict",
    "rand_initialize_weights",
    "reshape_params",
    "save_weights",
    "sigmoid",
    "sigmoid_gradient",
    "train",
    "unroll_params",
]
