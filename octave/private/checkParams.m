function nn_params = checkParams(nn_params, layer_sizes, fname, name)
%CHECKPARAMS Validate the unrolled parameters: a finite vector of the right length.
%   nn_params = checkParams(nn_params, layer_sizes, fname)
%   nn_params = checkParams(nn_params, layer_sizes, fname, name)
%
%   nn_params is returned as a double column. name (default 'nn_params') is
%   the name the messages give it, e.g. trainNN's 'InitialParams'.
%
%   See also: reshapeParams (Python: nnvec.core.validate.check_params).

if nargin < 4
  name = 'nn_params';
end
checkNumeric(nn_params, name, fname);
nn_params = makeDense(nn_params, name, '', fname);  % sparse works as dense
if ndims(nn_params) ~= 2 || ~any(size(nn_params) == 1)
  error('nnvec:badShape', '%s: %s must be a vector, got an array of shape %s', ...
        fname, name, formatShape(size(nn_params)));
end
nn_params = double(full(nn_params(:)));  % full: sparse input works as dense
expected = sum(prod(paramShapes(layer_sizes), 2));
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
