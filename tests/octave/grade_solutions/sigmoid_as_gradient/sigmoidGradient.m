function g = sigmoidGradient(z)
%SIGMOIDGRADIENT A student's solution with one mistake: the sigmoid's derivative, elementwise.
%   A fixture of tests/test_grade.py (good/ with one change): it returns
%   the sigmoid, not its derivative; nnCostFunction's backprop calls it.

s = sigmoid(z);
g = s;
end
