function g = sigmoidGradient(z)
%SIGMOIDGRADIENT A student's solution with one mistake: the sigmoid's derivative, elementwise.
%   A fixture of tests/test_grade.py (good/ with one change): it never
%   returns. (This folder's nnCostFunction does not call it.)

s = sigmoid(z);
g = s .* (1 - s);
while all(isfinite(g(:)))
  g = g + 0;
end
end
