"""port_style.py with one mistake: the one-hot matrix is sized from the labels present.

A fixture of tests/test_grade.py, graded with ``--convention python-port``:
``np.eye(y.max() + 1)`` has K columns only when label K - 1 occurs.
"""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_gradient(z):
    s = sigmoid(z)
    return s * (1 - s)


def rand_initialize_weights(L_in, L_out, epsilon_init=0.12):
    return np.random.default_rng().uniform(-epsilon_init, epsilon_init, (L_out, 1 + L_in))


def nn_cost_function(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y,
                     lambda_=0.0):
    n1 = hidden_layer_size * (input_layer_size + 1)
    Theta1 = np.reshape(nn_params[:n1], (hidden_layer_size, input_layer_size + 1))
    Theta2 = np.reshape(nn_params[n1:], (num_labels, hidden_layer_size + 1))
    m = X.shape[0]

    a1 = np.concatenate([np.ones((m, 1)), X], axis=1)
    z2 = a1 @ Theta1.T
    a2 = np.concatenate([np.ones((m, 1)), sigmoid(z2)], axis=1)
    h = sigmoid(a2 @ Theta2.T)

    y_matrix = np.eye(y.max() + 1)[y]
    J = np.sum(-y_matrix * np.log(h) - (1 - y_matrix) * np.log(1 - h)) / m
    J += lambda_ / (2 * m) * (np.sum(np.square(Theta1[:, 1:])) + np.sum(np.square(Theta2[:, 1:])))

    delta3 = h - y_matrix
    delta2 = delta3.dot(Theta2)[:, 1:] * sigmoid_gradient(z2)
    Theta1_grad = delta2.T.dot(a1) / m
    Theta2_grad = delta3.T.dot(a2) / m
    Theta1_grad[:, 1:] += lambda_ / m * Theta1[:, 1:]
    Theta2_grad[:, 1:] += lambda_ / m * Theta2[:, 1:]
    return J, np.concatenate([Theta1_grad.ravel(), Theta2_grad.ravel()])
