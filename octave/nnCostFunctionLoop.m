function [J, grad] = nnCostFunctionLoop(nn_params, input_layer_size, hidden_layer_size, ...
                                        num_labels, X, y, lambda)
%NNCOSTFUNCTIONLOOP The course's first-pass cost and gradient: one example at a time.
%   [J, grad] = nnCostFunctionLoop(nn_params, input_layer_size, ...
%                                  hidden_layer_size, num_labels, X, y, lambda)
%
%   nn_params : [Theta1(:); Theta2(:)], Theta1 hidden x (input + 1),
%               Theta2 num_labels x (hidden + 1), bias in column 1.
%   X         : m x input_layer_size.   y : m labels in 1..num_labels.
%   lambda    : L2 regularization strength >= 0.
%   J, grad   : the cost and its gradient (column, same layout), equal to
%               nnCostFunction's to round-off.
%
%   The baseline the benchmark times against the vectorized nnCostFunction:
%   a for-loop over the m examples, each doing its own forward pass and
%   backprop and adding its outer products into the accumulators Delta1 and
%   Delta2 (ex4.pdf, section 2.3), then the regularization terms. Same
%   validation and error messages as nnCostFunction, naming
%   nnCostFunctionLoop. log(h) and log(1 - h) are taken as logSigmoid(z3)
%   and logSigmoid(-z3), which is the same number where the textbook form is
%   finite and stays finite when a unit saturates.
%
%   See also: nnCostFunction, logSigmoid, sigmoidGradient
%   (Python: nnvec.core.loop.nn_cost_function_loop).

if nargin ~= 7
  error('nnvec:badInput', 'nnCostFunctionLoop: needs 7 inputs, got %d', nargin);
end
fname = 'nnCostFunctionLoop';
[sizes, X, Y, lambda] = checkCostInputs([input_layer_size hidden_layer_size num_labels], ...
                                        X, y, lambda, [], fname);
nn_params = checkParams(nn_params, sizes, fname);
Thetas = reshapeParams(nn_params, sizes);
Theta1 = Thetas{1};
Theta2 = Thetas{2};

m = size(X, 1);
J = 0;
Delta1 = zeros(size(Theta1));
Delta2 = zeros(size(Theta2));
for t = 1:m
  % Forward pass for example t (columns; bias unit first).
  a1 = [1; X(t, :)'];
  z2 = Theta1 * a1;
  a2 = [1; sigmoid(z2)];
  z3 = Theta2 * a2;
  a3 = sigmoid(z3);
  yt = Y(t, :)';

  % Cost of example t: sum over the K outputs of -y log(h) - (1 - y) log(1 - h).
  J = J + sum(-yt .* logSigmoid(z3) - (1 - yt) .* logSigmoid(-z3));

  % Backprop for example t, accumulated.
  delta3 = a3 - yt;
  delta2 = (Theta2(:, 2:end)' * delta3) .* sigmoidGradient(z2);
  Delta2 = Delta2 + delta3 * a2';
  Delta1 = Delta1 + delta2 * a1';
end
J = J / m;
Theta1_grad = Delta1 / m;
Theta2_grad = Delta2 / m;

% Regularization: every weight but the bias columns.
J = J + lambda / (2 * m) * (sum(sum(Theta1(:, 2:end).^2)) + ...
                            sum(sum(Theta2(:, 2:end).^2)));
Theta1_grad(:, 2:end) = Theta1_grad(:, 2:end) + lambda / m * Theta1(:, 2:end);
Theta2_grad(:, 2:end) = Theta2_grad(:, 2:end) + lambda / m * Theta2(:, 2:end);

grad = [Theta1_grad(:); Theta2_grad(:)];
end

%!test
%! % Equals the vectorized nnCostFunction on the course's debug network.
%! p = unrollParams({debugInitializeWeights(5, 3), debugInitializeWeights(3, 5)});
%! X = debugInitializeWeights(5, 2);
%! y = 1 + mod(1:5, 3)';
%! for lambda = [0 1 3]
%!   [J1, g1] = nnCostFunctionLoop(p, 3, 5, 3, X, y, lambda);
%!   [J2, g2] = nnCostFunction(p, 3, 5, 3, X, y, lambda);
%!   assert (J1, J2, -1e-12);
%!   assert (g1, g2, 1e-12 * norm(g2, Inf));
%! end
%!test
%! % A wider network with more examples than inputs, lambda 0.5.
%! p = unrollParams({debugInitializeWeights(7, 6), debugInitializeWeights(4, 7)}) * 5;
%! X = reshape(cos(1:60), 10, 6);
%! y = 1 + mod((1:10)', 4);
%! [J1, g1] = nnCostFunctionLoop(p, 6, 7, 4, X, y, 0.5);
%! [J2, g2] = nnCostFunction(p, 6, 7, 4, X, y, 0.5);
%! assert (J1, J2, -1e-12);
%! assert (g1, g2, 1e-12 * norm(g2, Inf));
%!test
%! % All-zero weights: every output is g(0) = 1/2, so J = K log 2 for any data.
%! J = nnCostFunctionLoop(zeros(38, 1), 3, 5, 3, magic(3), [1 2 3], 0);
%! assert (J, 3 * log(2), 1e-15);
%!test
%! % Saturated units stay finite (the textbook log(1 - h) would be -Inf).
%! J = nnCostFunctionLoop(1e4 * ones(38, 1), 3, 5, 3, ones(1, 3), 2, 0);
%! assert (isfinite(J));
%! assert (J, nnCostFunction(1e4 * ones(38, 1), 3, 5, 3, ones(1, 3), 2, 0), -1e-12);
%!error <nnCostFunctionLoop: needs 7 inputs, got 6>
%! nnCostFunctionLoop(zeros(38, 1), 3, 5, 3, ones(2, 3), [1 2])
%!error <nnCostFunctionLoop: nn_params must have 38 elements>
%! nnCostFunctionLoop(zeros(3, 1), 3, 5, 3, ones(2, 3), [1 2], 0)
%!error <nnCostFunctionLoop: X must have 3 columns \(the input layer size\), got 2>
%! nnCostFunctionLoop(zeros(38, 1), 3, 5, 3, ones(2, 2), [1 2], 0)
%!error <nnCostFunctionLoop: y labels must be integers in 1..3>
%! nnCostFunctionLoop(zeros(38, 1), 3, 5, 3, ones(2, 3), [1 4], 0)
%!error <nnCostFunctionLoop: lambda must be a finite real scalar .= 0, got -1>
%! nnCostFunctionLoop(zeros(38, 1), 3, 5, 3, ones(2, 3), [1 2], -1)
