"""The computation: activations, parameters, forward pass, cost and gradient, predictions.

Also the checks every public entry point runs (`validate`), the layouts of
the course and of the Python port (`conventions`), the readable twin of the
fast cost (`reference`), the per-example loop (`loop`), the gradient check
(`gradcheck`) and the wording of messages (`messages`). Nothing here imports
from the other subpackages.
"""
