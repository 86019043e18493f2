"""A correct solution that first prints 16 MB to stdout and to stderr.

A fixture of tests/test_grade_class.py: it also tries to write into the
grader's own stdout and stderr through /proc (refused where the grader is not
dumpable). The flood costs nothing: the batch keeps a capped tail of the
grader's output and shows none of it.
"""

import os
import sys

import numpy as np

LINE = "flood " * 1000 + "\n"
for target in (sys.stdout, sys.stderr):
    for _ in range(16 * 1024 * 1024 // len(LINE)):
        target.write(LINE)
    target.flush()
for fd in (1, 2):
    try:
        with open(f"/proc/{os.getppid()}/fd/{fd}", "w") as grader:
            grader.write(LINE * 1000)
    except OSError:
        pass


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
    Y = np.eye(num_labels)[np.asarray(y).ravel() - 1]
    J = np.sum(-Y * np.log(h) - (1 - Y) * np.log(1 - h)) / m
    J += lambda_ / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))
    d3 = h - Y
    d2 = (d3 @ Theta2[:, 1:]) * sigmoidGradient(z2)
    Theta1_grad = d2.T @ a1 / m
    Theta2_grad = d3.T @ a2 / m
    Theta1_grad[:, 1:] += lambda_ / m * Theta1[:, 1:]
    Theta2_grad[:, 1:] += lambda_ / m * Theta2[:, 1:]
    return J, np.concatenate([Theta1_grad.ravel(order="F"), Theta2_grad.ravel(order="F")])
