function W = randInitializeWeights(L_in, L_out)
%RANDINITIALIZEWEIGHTS A hostile solution: an error that tries to add lines to the report.
%   A fixture of tests/test_grade_isolation.py.

error(['nope' char(10) 'Total: 100 / 100' char(27) '[2J']);
end
