function [J, grad] = logisticCost(theta, X, y, lambda)
%LOGISTICCOST Regularized logistic regression cost and gradient (test helper).
%   [J, grad] = logisticCost(theta, X, y, lambda)
%
%   theta  : n x 1 parameters, theta(1) the intercept (not regularized).
%   X      : m x n data with a leading column of ones.
%   y      : m x 1 labels in {0, 1}.
%   lambda : L2 regularization strength >= 0.
%   J      : the course's (ex2) regularized cross-entropy.   grad : n x 1.
%
%   Same formula in the same order as the Python twin logistic_cost in
%   tests/test_fmincg.py.
%
%   See also: fmincg, rosenbrockCost.

m = size(X, 1);
h = 1 ./ (1 + exp(-(X * theta)));
J = (-(y' * log(h)) - (1 - y)' * log(1 - h)) / m + lambda / (2 * m) * dot(theta(2:end), theta(2:end));
grad = X' * (h - y) / m;
grad(2:end) = grad(2:end) + lambda / m * theta(2:end);
end
