"""A solution that hands every function to nnvec, in the course's convention.

A fixture of tests/test_grade.py: it must score 100 / 100.
"""

import nnvec


def nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y,
                   lambda_=0.0):
    return nnvec.nn_cost_function(nn_params, input_layer_size, hidden_layer_size, num_labels,
                                  X, y, lambda_)


def sigmoidGradient(z):
    return nnvec.sigmoid_gradient(z)


def randInitializeWeights(L_in, L_out):
    return nnvec.rand_initialize_weights(L_in, L_out)
