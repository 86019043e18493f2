function g = sigmoidGradient(z)
%SIGMOIDGRADIENT A student's solution: the sigmoid's derivative, elementwise.
%   A fixture of tests/test_grade.py.

s = sigmoid(z);
g = s .* (1 - s);
end
