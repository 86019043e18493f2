function [J, grad] = rosenbrockCost(x)
%ROSENBROCKCOST The n-D Rosenbrock function and its gradient (test helper).
%   [J, grad] = rosenbrockCost(x)
%
%   x    : n x 1, n >= 2.
%   J    : sum over i of 100*(x(i+1) - x(i)^2)^2 + (1 - x(i))^2, written as
%          dot(r1, r1) + dot(r2, r2), BLAS ddot like numpy's np.dot, as in the
%          Python twin rosenbrock_cost in tests/test_fmincg.py (numpy's sum
%          adds in a different order than Octave's sum).
%   grad : n x 1 gradient. The minimum is J = 0 at x = ones(n, 1).
%
%   See also: fmincg, logisticCost.

r1 = 10 * (x(2:end) - x(1:end - 1) .* x(1:end - 1));
r2 = 1 - x(1:end - 1);
J = dot(r1, r1) + dot(r2, r2);
grad = zeros(numel(x), 1);
grad(1:end - 1) = -40 * x(1:end - 1) .* r1 - 2 * r2;
grad(2:end) = grad(2:end) + 20 * r1;
end
