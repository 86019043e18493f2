"""course_style.py with one mistake: it writes zeros into the bias columns of nn_params.

A fixture of tests/test_grade.py: Theta1 and Theta2 are views of nn_params
(a slice, reshaped), so zeroing their first column to leave the bias out of
the regularization changes the caller's nn_params. Each call returns the
right numbers; a caller that uses nn_params again gets other ones.
"""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoidGradient(z):
    s = sigmoid(z)
    return s * (1 - s)


def randInitializeWeights(L_in, L_out, epsilon_init=0.12):
    return np.random.default_rng().uniform(-epsilon_init, epsilon_init, (L_out, 1 + L_in))


def nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y,
                   lambda_=0.0):
    n1 = hidden_layer_size * (input_layer_size + 1)
    Theta1 = np.reshape(nn_params[:n1], (hidden_layer_size, input_layer_size + 1), order="F")
    Theta2 = np.reshape(nn_params[n1:], (num_labels, hidden_layer_size + 1), order="F")
    m = X.shape[0]

    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    h = sigmoid(a2 @ Theta2.T)

    Y = np.eye(num_labels)[np.asarray(y).ravel() - 1]  # label k is column k - 1
    J = np.sum(-Y * np.log(h) - (1 - Y) * np.log(1 - h)) / m

    d3 = h - Y
    d2 = (d3 @ Theta2[:, 1:]) * sigmoidGradient(z2)
    Theta1_grad = d2.T @ a1 / m
    Theta2_grad = d3.T @ a2 / m
    # No regularization of the bias weights: zero them, then regularize everything.
    Theta1[:, 0] = 0
    Theta2[:, 0] = 0
    J += lambda_ / (2 * m) * (np.sum(Theta1 ** 2) + np.sum(Theta2 ** 2))
    Theta1_grad += lambda_ / m * Theta1
    Theta2_grad += lambda_ / m * Theta2
    return J, np.concatenate([Theta1_grad.ravel(order="F"), Theta2_grad.ravel(order="F")])
