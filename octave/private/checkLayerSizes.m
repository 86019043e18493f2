function sizes = checkLayerSizes(layer_sizes, fname)
%CHECKLAYERSIZES Validate layer sizes: at least two positive integers.
%   sizes = checkLayerSizes(layer_sizes, fname)
%
%   fname names the calling function in the error message.
%   sizes : the sizes as a row vector.
%
%   See also: checkCostInputs (Python: nnvec.core.validate.check_layer_sizes).

if ~isnumeric(layer_sizes) || ~isreal(layer_sizes)
  error('nnvec:badType', '%s: layer_sizes must be a vector of positive integers, got a %s', ...
        fname, class(layer_sizes));
end
sizes = double(layer_sizes(:)');
if numel(sizes) < 2
  error('nnvec:badSizes', '%s: layer_sizes must list at least 2 layer sizes, got %s', ...
        fname, formatSizes(sizes));
end
if ~all(isfinite(sizes) & sizes >= 1 & sizes == round(sizes))
  error('nnvec:badSizes', '%s: layer_sizes must be positive integers, got %s', ...
        fname, formatSizes(sizes));
end
end

%!assert (checkLayerSizes([400; 25; 10], 'f'), [400 25 10])
%!error <f: layer_sizes must list at least 2 layer sizes, got \[5\]> checkLayerSizes(5, 'f')
%!error <f: layer_sizes must be positive integers, got \[3 0 2\]> checkLayerSizes([3 0 2], 'f')
%!error <f: layer_sizes must be positive integers, got \[3 2.5\]> checkLayerSizes([3 2.5], 'f')
%!error <must be a vector of positive integers> checkLayerSizes('abc', 'f')
