"""The computation: activations, parameters, forward pass, cost and gradient, predictions.

Also the checks every public entry point runs (`validate`), the layouts of
the course and of the Python port (`conventions`), the readable twin of the
fast cost (`reference`), the per-example loop (`loop`), the gradient check
(`gradcheck`) and the wording of messages (`messages`). Nothing here imports
from the other subpackages.

A name (activation, output) is checked once, where a call begins (``nn_cost``,
``NNCost``, ``nn_predict``, ``train``, either ``cost_and_gradient``); the
building blocks under them (``forward``, ``output_activation``,
``activation_forward``, ``activation_gradient``, ``data_term``) look the
checked name up in the tables, as Octave's forwardPass and costAndGradient do.
"""
