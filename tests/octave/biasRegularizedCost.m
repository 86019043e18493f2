function [J, grad] = biasRegularizedCost(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, lambda)
%BIASREGULARIZEDCOST A student's nnCostFunction with one mistake: the bias is regularized.
%   [J, grad] = biasRegularizedCost(nn_params, input_layer_size, hidden_layer_size, ...
%                              num_labels, X, y, lambda)
%
%   A fixture of tests/test_kit_layouts.py (grade_solutions/bias_regularized/
%   nnCostFunction.m under its own name, so it shadows nothing): the
%   regularization includes the bias column of each Theta.

n1 = hidden_layer_size * (input_layer_size + 1);
Theta1 = reshape(nn_params(1:n1), hidden_layer_size, input_layer_size + 1);
Theta2 = reshape(nn_params(n1 + 1:end), num_labels, hidden_layer_size + 1);
m = size(X, 1);

% Forward pass, one example per row, the bias unit in front of each layer.
a1 = [ones(m, 1) X];
z2 = a1 * Theta1';
a2 = [ones(m, 1) sigmoid(z2)];
h = sigmoid(a2 * Theta2');

% Targets: row i holds a single 1, in column y(i).
Y = double(repmat(1:num_labels, m, 1) == repmat(y(:), 1, num_labels));

J = sum(sum(-Y .* log(h) - (1 - Y) .* log(1 - h))) / m;
J = J + lambda / (2 * m) * (sum(sum(Theta1.^2)) + sum(sum(Theta2.^2)));

% Backpropagation, all examples at once.
d3 = h - Y;
d2 = (d3 * Theta2(:, 2:end)) .* sigmoidGradient(z2);
Theta1_grad = d2' * a1 / m;
Theta2_grad = d3' * a2 / m;
Theta1_grad = Theta1_grad + lambda / m * Theta1;
Theta2_grad = Theta2_grad + lambda / m * Theta2;

grad = [Theta1_grad(:); Theta2_grad(:)];
end
