function [J, grad] = nnCost(nn_params, layer_sizes, X, y, lambda, opts)
%NNCOST Regularized cost and backprop gradient of a network of any depth.
%   [J, grad] = nnCost(nn_params, layer_sizes, X, y, lambda)
%   [J, grad] = nnCost(nn_params, layer_sizes, X, y, lambda, opts)
%
%   nn_params   : [Theta1(:); Theta2(:); ...], column-major, Theta_l of size
%                 s_{l+1} x (s_l + 1) with the bias in column 1.
%   layer_sizes : [s1 s2 ... sL]: input size, hidden sizes, labels K.
%   X           : m x s1, one example per row, no bias column.
%   y           : m-vector of labels 1..K (digit 0 is label 10).
%   lambda      : L2 regularization strength >= 0 (bias weights excluded).
%   opts        : optional struct, fields activation ('sigmoid' | 'tanh' |
%                 'relu') and output ('sigmoid' | 'softmax'); default the
%                 course's sigmoid everywhere.
%   J           : the cost.   grad : column of dJ/dnn_params, same layout.
%
%   Use with fmincg: fmincg(@(p) nnCost(p, sizes, X, y, lambda), p0, options).
%   Bad input raises error('nnvec:...', 'nnCost: <rule>, got <value>').
%
%   See also: nnCostFunction, costAndGradient, reshapeParams, fmincg
%   (Python: nnvec.nn_cost).

if nargin < 5
  error('nnvec:badInput', ...
        'nnCost: needs 5 or 6 inputs (nn_params, layer_sizes, X, y, lambda[, opts]), got %d', ...
        nargin);
end
if nargin < 6
  opts = [];
end
[sizes, X, Y, lambda, activation, output] = checkCostInputs(layer_sizes, X, y, lambda, opts, ...
                                                            'nnCost');
[nn_params, shapes] = checkParams(nn_params, sizes, 'nnCost');
[J, grad] = costAndGradient(unpackParams(nn_params, shapes), X, Y, lambda, activation, output);
checkFiniteCost(J, grad, 'nnCost');
end

%!test
%! % Backprop agrees with central differences, 4 layers, lambda 1.
%! sizes = [3 4 5 2];
%! p = unrollParams({debugInitializeWeights(4, 3), debugInitializeWeights(5, 4), ...
%!                   debugInitializeWeights(2, 5)});
%! X = debugInitializeWeights(6, 2);
%! y = 1 + mod(1:6, 2)';
%! [J, g] = nnCost(p, sizes, X, y, 1);
%! ng = computeNumericalGradient(@(t) nnCost(t, sizes, X, y, 1), p);
%! assert (norm(ng - g) / norm(ng + g) < 1e-9);
%!test
%! % Regularization adds exactly lambda/(2m) * sum of squared non-bias weights.
%! sizes = [2 3 2];
%! T = {debugInitializeWeights(3, 2), debugInitializeWeights(2, 3)};
%! X = [1 2; -1 0.5];
%! J0 = nnCost(unrollParams(T), sizes, X, [1 2], 0);
%! J1 = nnCost(unrollParams(T), sizes, X, [1 2], 2);
%! reg = sum(sum(T{1}(:, 2:end) .^ 2)) + sum(sum(T{2}(:, 2:end) .^ 2));
%! assert (J1 - J0, 2 / (2 * 2) * reg, 1e-15);
%!test
%! opts.output = 'softmax';
%! opts.activation = 'tanh';
%! p = unrollParams({debugInitializeWeights(4, 3), debugInitializeWeights(3, 4)});
%! X = debugInitializeWeights(5, 2);
%! y = 1 + mod(1:5, 3);
%! [J, g] = nnCost(p, [3 4 3], X, y, 0.5, opts);
%! ng = computeNumericalGradient(@(t) nnCost(t, [3 4 3], X, y, 0.5, opts), p);
%! assert (norm(ng - g) / norm(ng + g) < 1e-9);
%!error <nnCost: the cost is not finite, got NaN: the network's activations overflow at these parameters>
%! % ReLU overflows to Inf in the hidden layer, then Inf - Inf = NaN.
%! p = unrollParams({[0 2; 0 2], [0 1 -1; 0 1 1]});
%! nnCost(p, [1 2 2], [1; 1e308], [1; 2], 0, struct('activation', 'relu'));
%!test
%! % Sparse parameters and data give the dense cost and a full gradient.
%! p = unrollParams({debugInitializeWeights(4, 3), debugInitializeWeights(2, 4)});
%! X = debugInitializeWeights(5, 2);
%! [J, g] = nnCost(p, [3 4 2], X, [1; 2; 1; 2; 2], 1);
%! [Js, gs] = nnCost(sparse(p), [3 4 2], sparse(X), sparse([1; 2; 1; 2; 2]), 1);
%! assert (Js, J, 1e-12);
%! assert (gs, g, 1e-12);
%! assert (~issparse(gs));
%!error <nnCost: nn_params must have 38 elements for .*, got 37> nnCost(zeros(37, 1), [3 5 3], ones(2, 3), [1 2], 0)
%!error <nnCost: y labels must be integers in 1..3> nnCost(zeros(38, 1), [3 5 3], ones(2, 3), [1 4], 0)
%!error <nnCost: y labels must be integers in 1..3 \(digit 0 is label 10\), got 1.9999999999999989 at position 2>
%! nnCost(zeros(38, 1), [3 5 3], ones(2, 3), [1; 2 - 1e-15], 0)
%!error <nnCost: lambda must be a finite real scalar .= 0, got -1> nnCost(zeros(38, 1), [3 5 3], ones(2, 3), [1 2], -1)
%!error <nnCost: X must have at least one row> nnCost(zeros(38, 1), [3 5 3], zeros(0, 3), [], 0)
%!error <nnCost: needs 5 or 6 inputs> nnCost(zeros(38, 1), [3 5 3], ones(2, 3), [1 2])
%!error <nnCost: unknown option 'foo'> nnCost(zeros(38, 1), [3 5 3], ones(2, 3), [1 2], 0, struct('foo', 1))
%!test
%! % single in, single out (J, grad), for every activation and output; the
%! % values agree with double to single's rounding (eps('single') = 1.2e-7,
%! % a few hundred terms per sum: 1e-5 relative is a wide margin).
%! sizes = [3 4 5 2];
%! p = unrollParams({debugInitializeWeights(4, 3), debugInitializeWeights(5, 4), ...
%!                   debugInitializeWeights(2, 5)});
%! X = debugInitializeWeights(6, 2);
%! y = 1 + mod(1:6, 2)';
%! acts = {'sigmoid', 'tanh', 'relu'};
%! outs = {'sigmoid', 'softmax'};
%! for a = 1:3
%!   for o = 1:2
%!     opts = struct('activation', acts{a}, 'output', outs{o});
%!     [J, g] = nnCost(single(p), sizes, single(X), y, 1, opts);
%!     [J64, g64] = nnCost(p, sizes, X, y, 1, opts);
%!     assert (class(J), 'single');
%!     assert (class(g), 'single');
%!     assert (double(J), J64, 1e-5 * abs(J64));
%!     assert (norm(double(g) - g64) / norm(g64) < 1e-5);
%!   end
%! end
%!test
%! % The stable cost stays finite in single where exp overflows (z = 1e3 > 88).
%! % z = [1000 -1000], label 2: J = softplus(1000) + softplus(1000) = 2000.
%! [J, g] = nnCost(single([0; 0; 1000; -1000]), [1 2], single(1), 2, 0);
%! assert (class(J), 'single');
%! assert (isfinite(J) && all(isfinite(g)));
%! assert (double(J), 2000, 1e-3);
