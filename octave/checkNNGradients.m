function diff = checkNNGradients(lambda, layer_sizes, m, opts)
%CHECKNNGRADIENTS Compare backprop with the numerical gradient on a small network.
%   diff = checkNNGradients()
%   diff = checkNNGradients(lambda)
%   diff = checkNNGradients(lambda, layer_sizes, m, opts)
%
%   The course's set-up, generalized to any depth: Theta_l =
%   debugInitializeWeights(s_{l+1}, s_l), X = debugInitializeWeights(m, s1 - 1),
%   y = 1 + mod(1:m, K)'. Defaults: lambda 0, the course's [3 5 3] network,
%   m = 5, the course's sigmoid units (opts as in nnCost).
%   Prints the two gradients side by side and their relative difference
%   norm(numgrad - grad) / norm(numgrad + grad), and returns it: below 1e-9
%   when backprop is right.
%
%   See also: computeNumericalGradient, nnCost (Python: nnvec.check_nn_gradients).

if nargin < 1
  lambda = 0;
end
if nargin < 2
  layer_sizes = [3 5 3];
end
if nargin < 3
  m = 5;
end
if nargin < 4
  opts = [];
end
shapes = paramShapes(layer_sizes);
Thetas = cell(1, size(shapes, 1));
for l = 1:size(shapes, 1)
  Thetas{l} = debugInitializeWeights(shapes(l, 1), shapes(l, 2) - 1);
end
X = debugInitializeWeights(m, layer_sizes(1) - 1);
y = 1 + mod(1:m, layer_sizes(end))';
nn_params = unrollParams(Thetas);

cost = @(p) nnCost(p, layer_sizes, X, y, lambda, opts);
[~, grad] = cost(nn_params);
numgrad = computeNumericalGradient(cost, nn_params);
diff = norm(numgrad - grad) / norm(numgrad + grad);

fprintf('%10.6f %10.6f\n', [numgrad grad]');
fprintf(['One row per parameter: central differences on the left, backprop on\n' ...
         'the right. Where backprop is right, the two agree in every digit shown.\n\n']);
fprintf(['norm(left - right) / norm(left + right) = %g\n' ...
         '(below 1e-9 for a correct backprop; a mistake gives a far larger number)\n'], diff);
end

%!test
%! evalc('d0 = checkNNGradients();');   % evalc: keep the test log quiet
%! assert (d0 < 1e-9);
%! evalc('d3 = checkNNGradients(3);');
%! assert (d3 < 1e-9);
%!test
%! evalc('d = checkNNGradients(1, [4 6 5 3], 7);');
%! assert (d < 1e-9);
