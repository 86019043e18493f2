function [nn_params, shapes] = checkParams(nn_params, layer_sizes, fname, name)
%CHECKPARAMS Validate the unrolled parameters: a finite vector of the right length.
%   nn_params = checkParams(nn_params, layer_sizes, fname)
%   [nn_params, shapes] = checkParams(nn_params, layer_sizes, fname, name)
%
%   nn_params is returned as a double column (a single one stays single). name (default 'nn_params') is
%   the name the messages give it, e.g. trainNN's 'InitialParams'. shapes is
%   paramShapes(layer_sizes), for unpackParams.
%
%   See also: reshapeParams (Python: nnvec.core.validate.check_params).

shapes = paramShapes(layer_sizes);
expected = sum(prod(shapes, 2));
% Fast path, taken by every call with good parameters: a full real double
% column of the right length whose sum is finite (see checkFinite) is
% returned as it is, with no helper called; anything else takes the checks
% below, which build the message.
if isfloat(nn_params) && ~issparse(nn_params) && isreal(nn_params) && ...
    ndims(nn_params) == 2 && size(nn_params, 2) == 1 && numel(nn_params) == expected && ...
    isfinite(sum(nn_params))
  return
end
if nargin < 4
  name = 'nn_params';
end
checkNumeric(nn_params, name, fname);
nn_params = makeDense(nn_params, name, '', fname);  % sparse works as dense
if ndims(nn_params) ~= 2 || ~any(size(nn_params) == 1)
  error('nnvec:badShape', '%s: %s must be a vector, got an array of shape %s', ...
        fname, name, formatShape(size(nn_params)));
end
if isa(nn_params, 'single')
  nn_params = nn_params(:);
else
  nn_params = double(full(nn_params(:)));  % full: sparse input works as dense
end
if numel(nn_params) ~= expected
  error('nnvec:badLength', '%s: %s must have %d elements for layer sizes %s, got %d', ...
        fname, name, expected, formatSizes(layer_sizes), numel(nn_params));
end
checkFinite(nn_params, name, fname);
end

%!assert (checkParams(1:13, [1 2 3], 'f'), (1:13)')
%!error <f: nn_params must have 38 elements for layer sizes \[3 5 3\], got 37> checkParams(zeros(37, 1), [3 5 3], 'f')
%!error <f: nn_params must be finite \(no NaN or Inf\), got Inf at index 4> checkParams([1 2 3 Inf 5:13], [1 2 3], 'f')
%!error <must be a vector> checkParams(ones(2, 2), [1 1], 'f')
%!test
%! % The fast path returns the column itself; a row, single or sparse vector becomes it.
%! p = sin((1:13)');
%! [q, shapes] = checkParams(p, [1 2 3], 'f');
%! assert (isequal (q, p) && isequal (shapes, [2 2; 3 3]));
%! assert (isequal (checkParams(p', [1 2 3], 'f'), p));
%! assert (isequal (checkParams(sparse(p), [1 2 3], 'f'), p));
%! assert (isequal (checkParams(single(p), [1 2 3], 'f'), double(single(p))));
%!error <f: nn_params must be finite \(no NaN or Inf\), got NaN at index 1> checkParams([NaN; 1], [1 1], 'f')
%!error <f: InitialParams must be real> checkParams(complex([1; 1]), [1 1], 'f', 'InitialParams')
