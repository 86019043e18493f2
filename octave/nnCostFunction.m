function [J, grad] = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, lambda)
%NNCOSTFUNCTION The course's cost and gradient of a three-layer network.
%   [J, grad] = nnCostFunction(nn_params, input_layer_size, ...
%                              hidden_layer_size, num_labels, X, y, lambda)
%
%   nn_params : [Theta1(:); Theta2(:)], Theta1 hidden x (input + 1),
%               Theta2 num_labels x (hidden + 1), bias in column 1.
%   X         : m x input_layer_size.   y : m labels in 1..num_labels.
%   lambda    : L2 regularization strength >= 0.
%   J, grad   : the cost and its gradient (column, same layout).
%
%   Vectorized: no loop over the m examples. A thin wrapper over nnCost with
%   layer_sizes = [input_layer_size hidden_layer_size num_labels]; errors
%   name nnCostFunction.
%
%   See also: nnCost, checkNNGradients, fmincg (Python: nnvec.nn_cost_function).

if nargin ~= 7
  error('nnvec:badInput', 'nnCostFunction: needs 7 inputs, got %d', nargin);
end
fname = 'nnCostFunction';
[sizes, X, Y, lambda] = checkCostInputs([input_layer_size hidden_layer_size num_labels], ...
                                        X, y, lambda, [], fname);
[nn_params, shapes] = checkParams(nn_params, sizes, fname);
[J, grad] = costAndGradient(unpackParams(nn_params, shapes), X, Y, lambda, 'sigmoid', 'sigmoid');
checkFiniteCost(J, grad, fname);
end

%!test
%! % Equals nnCost on the same network.
%! p = unrollParams({debugInitializeWeights(5, 3), debugInitializeWeights(3, 5)});
%! X = debugInitializeWeights(5, 2);
%! y = 1 + mod(1:5, 3)';
%! [J1, g1] = nnCostFunction(p, 3, 5, 3, X, y, 3);
%! [J2, g2] = nnCost(p, [3 5 3], X, y, 3);
%! assert (J1, J2);
%! assert (g1, g2);
%!test
%! % All-zero weights: every output is g(0) = 1/2, so J = K log 2 for any data.
%! J = nnCostFunction(zeros(38, 1), 3, 5, 3, magic(3), [1 2 3], 0);
%! assert (J, 3 * log(2), 1e-15);
%!error <nnCostFunction: nn_params must have 38 elements> nnCostFunction(zeros(3, 1), 3, 5, 3, ones(2, 3), [1 2], 0)
%!error <nnCostFunction: X must have 3 columns .*, got 2> nnCostFunction(zeros(38, 1), 3, 5, 3, ones(2, 2), [1 2], 0)
