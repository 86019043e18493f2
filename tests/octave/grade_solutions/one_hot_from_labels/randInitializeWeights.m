function W = randInitializeWeights(L_in, L_out)
%RANDINITIALIZEWEIGHTS A student's solution: small random weights around 0.
%   A fixture of tests/test_grade.py.

epsilon = 0.12;
W = rand(L_out, 1 + L_in) * 2 * epsilon - epsilon;
end
