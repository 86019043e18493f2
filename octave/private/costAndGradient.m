function [J, grad] = costAndGradient(Thetas, X, Y, lambda, activation, output)
%COSTANDGRADIENT The cost and its backprop gradient on validated inputs.
%   [J, grad] = costAndGradient(Thetas, X, Y, lambda, activation, output)
%
%   Thetas : cell of weight matrices (see reshapeParams).
%   X      : m x s_1 data.     Y : m x K one-hot labels (see oneHot).
%   lambda : L2 strength.      activation, output : names of activationTable
%            and outputTable, already checked by the public function
%            (checkOptions): not checked again on every evaluation.
%   J      : the cost.         grad : column, unrolled like the parameters.
%
%   The output layer's data term and delta_L = h - Y come from outputTable
%   (sigmoid: the stable form of the course's cross-entropy; softmax:
%   -1/m sum(Y .* log_softmax(z))); both add
%   lambda/(2m) sum_l sum(Theta_l(:, 2:end).^2). Backprop starts from
%   delta_L and loops over layers only, never over examples; g' comes from
%   activationTable, computed from the forward pass's activations.
%
%   See also: nnCost, forwardPass (Python: nnvec.core.reference.cost_and_gradient,
%   the line-for-line twin; nnvec.core.cost, the fast path).

m = size(X, 1);
act = activationTable(activation);
gPrime = act.gradient;
out = outputTable(output);
[A, z] = forwardPass(Thetas, X, activation);

% Output layer: the data term of the cost and delta_L = h - Y.
[J, delta] = out.cost(z, Y);

% Backprop: one step per layer, each gradient written into its slot of grad.
% (A' * delta)' is delta' * A: Octave runs A' * delta as one BLAS call without
% copying A, and for the input layer (A = X, the biggest product) OpenBLAS
% ran this orientation faster than delta' * X (bench/README.md).
% The fast Python path (nnvec.core.cost) keeps the examples along columns and
% writes into a reusable workspace; Octave has no out= and copies on write,
% so it keeps X as given, examples along rows (X' * W would copy X).
sizes = cellfun(@numel, Thetas);
grad = zeros(sum(sizes), 1, class(J));  % single when X or the parameters are
offsets = cumsum([0, sizes(:)']);
for l = numel(Thetas):-1:1
  W = Thetas{l}(:, 2:end);
  G = [sum(delta, 1)' / m, (A{l}' * delta)' / m + lambda / m * W];
  grad(offsets(l) + 1:offsets(l + 1)) = G(:);
  if l > 1
    % delta_l = (delta_{l+1} * W) .* g'(a_l), with g'(a_l) stored over a_l,
    % which is not needed any more: one hidden-sized array fewer alive at
    % once, so fewer fresh pages for the allocator to fault in.
    A{l} = gPrime(A{l});
    delta = (delta * W) .* A{l};
  end
end

for l = 1:numel(Thetas)
  J = J + lambda / (2 * m) * sum(sum(Thetas{l}(:, 2:end).^2));
end
end

%!test
%! % Textbook cross-entropy agrees with the stable form where it is finite.
%! T = {debugInitializeWeights(4, 3), debugInitializeWeights(3, 4)};
%! X = debugInitializeWeights(6, 2);
%! Y = oneHot(1 + mod(1:6, 3)', 3);
%! J = costAndGradient(T, X, Y, 0, 'sigmoid', 'sigmoid');
%! [A, z] = forwardPass(T, X, 'sigmoid');
%! h = sigmoid(z);
%! assert (J, sum(sum(-Y .* log(h) - (1 - Y) .* log(1 - h))) / 6, 1e-15);
%!test
%! % Saturated units: the textbook form gives Inf, the stable one stays finite.
%! T = {1e4 * ones(2, 3), -1e4 * ones(2, 3)};
%! J = costAndGradient(T, [1 1], [1 0], 0, 'sigmoid', 'sigmoid');
%! assert (isfinite(J));
%! % a2 = [1 1], z = [-3e4 -3e4]: label 1 costs -z(1) = 3e4, label 0 costs 0.
%! assert (J, 3e4);
%!test
%! % Every activation and output of the tables: backprop agrees with central
%! % differences (nnCost's own test, here on the unchecked path).
%! acts = fieldnames(activationTable());
%! outs = fieldnames(outputTable());
%! sizes = [3 4 2];
%! X = debugInitializeWeights(5, 2);
%! Y = oneHot(1 + mod(1:5, 2)', 2);
%! p = unrollParams({debugInitializeWeights(4, 3), debugInitializeWeights(2, 4)});
%! for i = 1:numel(acts)
%!   for j = 1:numel(outs)
%!     f = @(t) costAndGradient(reshapeParams(t, sizes), X, Y, 0.5, acts{i}, outs{j});
%!     [J, g] = f(p);
%!     ng = computeNumericalGradient(f, p);
%!     assert (norm(ng - g) / norm(ng + g) < 1e-9);
%!   end
%! end
