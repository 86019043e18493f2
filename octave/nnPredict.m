function p = nnPredict(nn_params, layer_sizes, X, opts)
%NNPREDICT Labels 1..K of the largest output unit, for a network of any depth.
%   p = nnPredict(nn_params, layer_sizes, X)
%   p = nnPredict(nn_params, layer_sizes, X, opts)
%
%   nn_params, layer_sizes, opts : as in nnCost.   X : m x s1.
%   p : m x 1 labels; ties go to the lowest label (max's first index).
%
%   See also: predict, nnCost (Python: nnvec.nn_predict).

if nargin < 3
  error('nnvec:badInput', 'nnPredict: needs 3 or 4 inputs, got %d', nargin);
end
if nargin < 4
  opts = [];
end
fname = 'nnPredict';
sizes = checkLayerSizes(layer_sizes, fname);
[activation, output] = checkOptions(opts, fname);
X = checkX(X, sizes(1), fname);
[nn_params, shapes] = checkParams(nn_params, sizes, fname);
p = outputLabels(unpackParams(nn_params, shapes), X, activation, output, fname);
end

%!test
%! T = {debugInitializeWeights(4, 2), debugInitializeWeights(3, 4)};
%! X = [1 2; -1 0; 0.5 0.5];
%! assert (nnPredict(unrollParams(T), [2 4 3], X), predict(T{1}, T{2}, X));
%!test
%! % A hand-made net whose output is the larger input: label 1 if x1 > x2.
%! p = nnPredict([0; 0; 10; -10; -10; 10], [2 2], [3 1; 1 3]);
%! assert (p, [1; 2]);
%!error <nnPredict: the network's output is not finite \(NaN or Inf\) for example 2: its activations overflow>
%! % ReLU overflows to Inf in the hidden layer, then Inf - Inf = NaN.
%! p = unrollParams({[0 2; 0 2], [0 1 -1; 0 1 1]});
%! nnPredict(p, [1 2 2], [1; 1e308], struct('activation', 'relu'))
%!error <nnPredict: X must have 2 columns> nnPredict(zeros(6, 1), [2 2], ones(1, 3))
%!test
%! % Sparse parameters and data predict as the dense ones.
%! p = [0; 0; 10; -10; -10; 10];
%! assert (nnPredict(sparse(p), [2 2], sparse([3 1; 1 3])), [1; 2]);
%!error <nnPredict: activation must be one of .*, got a cell of size 1x1>
%! nnPredict(zeros(6, 1), [2 2], [1 2], struct('activation', {{'relu'}}))
