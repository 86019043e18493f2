function g = sigmoidGradient(z)
%SIGMOIDGRADIENT The exercise before any work: zeros the size of z.
%   A fixture of tests/test_grade.py.

g = zeros(size(z));
end
