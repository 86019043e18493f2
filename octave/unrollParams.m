function nn_params = unrollParams(Thetas)
%UNROLLPARAMS Unroll weight matrices into one column: [Theta1(:); Theta2(:); ...].
%   nn_params = unrollParams(Thetas)
%
%   Thetas    : cell array of 2-D matrices.
%   nn_params : column vector, each matrix column by column.
%
%   See also: reshapeParams (Python: unroll_params).

if ~iscell(Thetas)
  error('nnvec:badInput', 'unrollParams: Thetas must be a cell array of matrices, got a %s', ...
        class(Thetas));
end
if isempty(Thetas)
  error('nnvec:badInput', 'unrollParams: Thetas must hold at least one matrix, got none');
end
parts = cell(numel(Thetas), 1);
for l = 1:numel(Thetas)
  if ndims(Thetas{l}) ~= 2
    error('nnvec:badShape', 'unrollParams: Theta%d must be a 2-D matrix, got shape %s', ...
          l, formatShape(size(Thetas{l})));
  end
  parts{l} = full(Thetas{l}(:));  % full: sparse Thetas give a dense vector
end
nn_params = vertcat(parts{:});
end

%!assert (unrollParams({[1 3; 2 4], [5; 6]}), (1:6)')
%!error <unrollParams: Thetas must be a cell array of matrices, got a double> unrollParams([1 2 3])
%!error <unrollParams: Thetas must hold at least one matrix, got none> unrollParams({})
%!error <unrollParams: Theta2 must be a 2-D matrix, got shape 2x2x2> unrollParams({1, ones(2, 2, 2)})
