function W = randInitializeWeights(L_in, L_out)
%RANDINITIALIZEWEIGHTS The exercise before any work: a matrix of zeros.
%   A fixture of tests/test_grade.py.

W = zeros(L_out, 1 + L_in);
end
