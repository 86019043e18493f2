function [J, grad] = polyTrials(x, p, log_file)
%POLYTRIALS A polynomial and its slope, writing down where it was called (test helper).
%   [J, grad] = polyTrials(x, p, log_file)
%
%   x : a scalar; p : the polynomial's coefficients, highest first (polyval).
%   J = polyval(p, x), grad = polyval(polyder(p), x). Each x is appended to
%   log_file, one line each at full precision, so a test can read the line
%   search's trial points (a file, as the house rules keep state out of
%   persistent variables).
%
%   See also: fmincg (Python twin: _run in tests/test_line_search.py).

fid = fopen(log_file, 'a');
fprintf(fid, '%.17g\n', x);
fclose(fid);
J = polyval(p, x);
grad = polyval(polyder(p), x);
end
