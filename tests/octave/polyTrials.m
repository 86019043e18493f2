function [J, grad] = polyTrials(x, p)
%POLYTRIALS A polynomial and its slope, remembering where it was called (test helper).
%   [J, grad] = polyTrials(x, p)
%
%   x : a scalar; p : the polynomial's coefficients, highest first (polyval).
%   J = polyval(p, x), grad = polyval(polyder(p), x). Every x is kept, so a
%   test can read the line search's trial points:
%   polyTrials('reset') forgets them; J = polyTrials('get') returns them as a row.
%
%   See also: fmincg (Python twin: _run in tests/test_line_search.py).

persistent trials
if ischar(x)
  if strcmp(x, 'reset')
    trials = [];
  end
  J = trials;
  grad = [];
  return
end
trials = [trials, x];
J = polyval(p, x);
grad = polyval(polyder(p), x);
end
