function diff = checkNNGradients(lambda, layer_sizes, m, opts)
%CHECKNNGRADIENTS Compare a backprop gradient with the numerical gradient on a small network.
%   diff = checkNNGradients()
%   diff = checkNNGradients(lambda)
%   diff = checkNNGradients(lambda, costFunction)
%   diff = checkNNGradients(lambda, layer_sizes, m, opts)
%
%   The course's set-up, generalized to any depth: Theta_l =
%   debugInitializeWeights(s_{l+1}, s_l), X = debugInitializeWeights(m, s1 - 1),
%   y = 1 + mod(1:m, K)'.
%   With one input or none (lambda, default 0) it checks the nnCostFunction
%   first on the path, as the course's does: a student's own, when its folder
%   comes before nnvec's. costFunction : a handle to any function with the
%   same signature, [J, grad] = f(nn_params, input_layer_size,
%   hidden_layer_size, num_labels, X, y, lambda), checked on the course's
%   [3 5 3] network with m = 5. With layer_sizes (default [3 5 3]), m
%   (default 5) and opts (as in nnCost) it checks nnvec's own nnCost.
%   Prints the two gradients side by side, their relative difference
%   norm(numgrad - grad) / norm(numgrad + grad) and whether backprop agrees,
%   and returns the difference: below 1e-9 when backprop is right.
%
%   See also: computeNumericalGradient, nnCostFunction, nnCost
%   (Python: nnvec.check_nn_gradients).

fname = 'checkNNGradients';
if nargin < 1
  lambda = 0;
end
lambda = checkLambda(lambda, fname);
f = [];
if nargin == 2 && ~isnumeric(layer_sizes)
  f = layer_sizes;
  if ~isa(f, 'function_handle')
    error('nnvec:badInput', ['%s: costFunction must be a function handle with the signature ' ...
                             '(nn_params, input_layer_size, hidden_layer_size, num_labels, ' ...
                             'X, y, lambda) -> [J, grad], got %s'], fname, describeValue(f));
  end
elseif nargin < 2
  f = @nnCostFunction;
end
if nargin < 2 || ~isempty(f)
  layer_sizes = [3 5 3];
end
if nargin < 3
  m = 5;
end
if nargin < 4
  opts = [];
end
layer_sizes = checkLayerSizes(layer_sizes, fname);
m = checkInt(m, 'm', fname, 1);
shapes = paramShapes(layer_sizes);
Thetas = cell(1, size(shapes, 1));
for l = 1:size(shapes, 1)
  Thetas{l} = debugInitializeWeights(shapes(l, 1), shapes(l, 2) - 1);
end
X = debugInitializeWeights(m, layer_sizes(1) - 1);
y = 1 + mod(1:m, layer_sizes(end))';
nn_params = unrollParams(Thetas);

if isempty(f)
  cost = @(p) nnCost(p, layer_sizes, X, y, lambda, opts);
else
  cost = @(p) checkedCostCall(f, p, layer_sizes, X, y, lambda, fname);
end
[~, grad] = cost(nn_params);
numgrad = computeNumericalGradient(cost, nn_params);
diff = norm(numgrad - grad) / norm(numgrad + grad);

fprintf('%10.6f %10.6f\n', [numgrad grad]');
fprintf(['One row per parameter: central differences on the left, backprop on\n' ...
         'the right. Where backprop is right, the two agree in every digit shown.\n\n']);
fprintf(['norm(left - right) / norm(left + right) = %g\n' ...
         '(below 1e-9 for a correct backprop; a mistake gives a far larger number)\n'], diff);
if diff < 1e-9
  word = 'agrees';
else
  word = 'disagrees';  % NaN too
end
fprintf(['%s: the backprop gradient %s with the numerical gradient: ' ...
         'relative difference %g (want < 1e-9)\n'], fname, word, diff);
end

%!test
%! evalc('d0 = checkNNGradients();');   % evalc: keep the test log quiet
%! assert (d0 < 1e-9);
%! evalc('d3 = checkNNGradients(3);');
%! assert (d3 < 1e-9);
%!test
%! evalc('d = checkNNGradients(1, [4 6 5 3], 7);');
%! assert (d < 1e-9);
%!test
%! % A correct function given as a handle agrees, and the verdict says so.
%! out = evalc('d = checkNNGradients(3, @nnCostFunction);');
%! assert (d < 1e-9);
%! assert (~isempty(strfind(out, 'checkNNGradients: the backprop gradient agrees')));
%!test
%! % A wrong backprop (the gradient doubled) is caught: the difference is 1/3.
%! f = @(varargin) deal(nnCostFunction(varargin{:}), 2 * nthargout(2, @nnCostFunction, varargin{:}));
%! out = evalc('d = checkNNGradients(0, f);');
%! assert (d, 1 / 3, 1e-6);
%! assert (~isempty(strfind(out, 'checkNNGradients: the backprop gradient disagrees')));
%!error <costFunction must be a function handle> checkNNGradients(0, 'nnCostFunction')
%!error <must return \[J, grad\]> checkNNGradients(0, @(varargin) deal(1, [1 2]))
