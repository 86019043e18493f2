function checkPositiveInt(v, name, fname)
%CHECKPOSITIVEINT Error unless v is a positive integer scalar.
%   checkPositiveInt(v, name, fname)
%
%   See also: randInitializeWeights, debugInitializeWeights
%   (Python: nnvec.init._positive_int).

if ~isnumeric(v) || ~isscalar(v) || ~isreal(v) || ~(isfinite(v) && v >= 1 && v == round(v))
  error('nnvec:badInput', '%s: %s must be a positive integer, got %s', fname, name, num2str(v));
end
end

%!test
%! checkPositiveInt(3, 'n', 'f');
%!error <f: n must be a positive integer, got 2.5> checkPositiveInt(2.5, 'n', 'f')
%!error <f: n must be a positive integer, got 0> checkPositiveInt(0, 'n', 'f')
