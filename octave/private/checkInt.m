function v = checkInt(v, name, fname, minimum)
%CHECKINT Error unless v is an integer scalar >= minimum (0 or 1); returns it as a double.
%   v = checkInt(v, name, fname, minimum)
%
%   The one check of the rule "a positive (or non-negative) integer": every
%   count, size and iteration limit goes through it, so the messages cannot
%   drift apart. An integral double such as 50 is accepted; Inf is not.
%
%   See also: describeValue (Python: nnvec.core.validate.check_int).

if minimum == 1
  rule = 'a positive integer';
else
  rule = 'a non-negative integer';
end
if ~isnumeric(v) || ~isscalar(v) || ~isreal(v) || ~(isfinite(v) && v >= minimum && v == round(v))
  error('nnvec:badInput', '%s: %s must be %s, got %s', fname, name, rule, describeValue(v));
end
v = double(full(v));
end

%!test
%! assert(checkInt(3, 'n', 'f', 1), 3);
%! assert(checkInt(0, 'n', 'f', 0), 0);
%!error <f: n must be a positive integer, got 2.5> checkInt(2.5, 'n', 'f', 1)
%!error <f: n must be a positive integer, got 0> checkInt(0, 'n', 'f', 1)
%!error <f: n must be a non-negative integer, got -1> checkInt(-1, 'n', 'f', 0)
%!error <f: n must be a positive integer, got Inf> checkInt(Inf, 'n', 'f', 1)
%!error <f: n must be a positive integer, got 'a'> checkInt('a', 'n', 'f', 1)
