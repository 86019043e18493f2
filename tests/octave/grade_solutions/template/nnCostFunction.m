function [J, grad] = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, lambda)
%NNCOSTFUNCTION The exercise before any work: J = 0 and a gradient of zeros.
%   [J, grad] = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, ...
%                              num_labels, X, y, lambda)
%
%   A fixture of tests/test_grade.py: the values the course's template starts
%   from, returned unchanged.

n1 = hidden_layer_size * (input_layer_size + 1);
Theta1 = reshape(nn_params(1:n1), hidden_layer_size, input_layer_size + 1);
Theta2 = reshape(nn_params(n1 + 1:end), num_labels, hidden_layer_size + 1);

J = 0;
Theta1_grad = zeros(size(Theta1));
Theta2_grad = zeros(size(Theta2));

grad = [Theta1_grad(:); Theta2_grad(:)];
end
