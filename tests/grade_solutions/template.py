"""The exercise before any work: every function returns the zeros it starts from.

A fixture of tests/test_grade.py: J = 0, a gradient of zeros the size of
nn_params, sigmoidGradient and randInitializeWeights all zeros, as the
course's template leaves them until the student fills them in.
"""

import numpy as np


def sigmoidGradient(z):
    g = np.zeros(np.shape(z))
    return g


def randInitializeWeights(L_in, L_out):
    W = np.zeros((L_out, 1 + L_in))
    return W


def nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y,
                   lambda_=0.0):
    n1 = hidden_layer_size * (input_layer_size + 1)
    Theta1 = np.reshape(nn_params[:n1], (hidden_layer_size, input_layer_size + 1), order="F")
    Theta2 = np.reshape(nn_params[n1:], (num_labels, hidden_layer_size + 1), order="F")
    J = 0
    Theta1_grad = np.zeros(Theta1.shape)
    Theta2_grad = np.zeros(Theta2.shape)
    return J, np.concatenate([Theta1_grad.ravel(order="F"), Theta2_grad.ravel(order="F")])
