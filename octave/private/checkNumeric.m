function checkNumeric(v, name, fname)
%CHECKNUMERIC Error unless v is a real numeric or logical array.
%   checkNumeric(v, name, fname)
%
%   See also: checkX, checkY, checkParams (Python: validate.as_float_array).

if ischar(v)
  % "text" in both languages (Python: a str or an array of str).
  error('nnvec:badType', '%s: %s must be numeric, got text', fname, name);
end
if ~(isnumeric(v) || islogical(v))
  error('nnvec:badType', '%s: %s must be numeric, got a %s', fname, name, class(v));
end
if ~isreal(v)
  error('nnvec:badType', '%s: %s must be real, got a complex array', fname, name);
end
end

%!test
%! checkNumeric([1 2], 'X', 'f');
%! checkNumeric(true, 'X', 'f');
%!error <f: X must be numeric, got a cell> checkNumeric({1}, 'X', 'f')
%!error <f: X must be numeric, got text> checkNumeric('abc', 'X', 'f')
%!error <f: X must be real, got a complex array> checkNumeric(1i, 'X', 'f')
