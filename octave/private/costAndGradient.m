function [J, grad] = costAndGradient(Thetas, X, Y, lambda, activation, output)
%COSTANDGRADIENT The cost and its backprop gradient on validated inputs.
%   [J, grad] = costAndGradient(Thetas, X, Y, lambda, activation, output)
%
%   Thetas : cell of weight matrices (see reshapeParams).
%   X      : m x s_1 data.     Y : m x K one-hot labels (see oneHot).
%   lambda : L2 strength.      activation, output : see checkOptions (any
%            other name is an error here too, never a silent default).
%   J      : the cost.         grad : column, unrolled like the parameters.
%
%   Sigmoid output: J = 1/m sum(max(z, 0) - Y .* z + log1p(exp(-abs(z)))),
%   the stable form of the course's cross-entropy. Softmax output:
%   J = -1/m sum(Y .* log_softmax(z)). Both add
%   lambda/(2m) sum_l sum(Theta_l(:, 2:end).^2). Backprop starts from
%   delta_L = h - Y and loops over layers only, never over examples.
%   The sums are taken in the Python twin's order: the sigmoid cost as
%   sum(max(z, 0)) - sum(Y .* z) + sum(log1p(exp(-abs(z)))), then / m. Each
%   sum(Y .* ...) is the dot product Y(:)' * ... (one BLAS call, no m x K
%   temporary; Python's np.vdot(Y, ...) is the same dot product).
%
%   See also: nnCost, forwardPass (Python: nnvec.reference.cost_and_gradient,
%   the line-for-line twin; nnvec.cost, the fast path).

if ~ischar(activation) || ~any(strcmp(activation, {'sigmoid', 'tanh', 'relu'}))
  error('nnvec:badOption', ...
        'costAndGradient: activation must be one of sigmoid, tanh, relu, got ''%s''', ...
        num2str(activation));
end
if ~ischar(output) || ~any(strcmp(output, {'sigmoid', 'softmax'}))
  error('nnvec:badOption', 'costAndGradient: output must be one of sigmoid, softmax, got ''%s''', ...
        num2str(output));
end
m = size(X, 1);
[A, z] = forwardPass(Thetas, X, activation);

% Output layer: cost and delta_L = h - Y.
if strcmp(output, 'softmax')
  s = z - max(z, [], 2);
  log_h = s - log(sum(exp(s), 2));
  J = -(Y(:)' * log_h(:)) / m;
  delta = exp(log_h) - Y;
else
  J = (sum(max(z(:), 0)) - Y(:)' * z(:) + sum(log1p(exp(-abs(z(:)))))) / m;
  delta = sigmoid(z) - Y;
end

% Backprop: one step per layer, each gradient written into its slot of grad.
% (A' * delta)' is delta' * A: Octave runs A' * delta as one BLAS call without
% copying A, and for the input layer (A = X, the biggest product) OpenBLAS
% ran this orientation faster than delta' * X (bench/README.md).
% The fast Python path (nnvec.cost) keeps the examples along columns and
% writes into a reusable workspace; Octave has no out= and copies on write,
% so it keeps X as given, examples along rows (X' * W would copy X).
sizes = cellfun(@numel, Thetas);
grad = zeros(sum(sizes), 1);
offsets = cumsum([0, sizes(:)']);
for l = numel(Thetas):-1:1
  W = Thetas{l}(:, 2:end);
  G = [sum(delta, 1)' / m, (A{l}' * delta)' / m + lambda / m * W];
  grad(offsets(l) + 1:offsets(l + 1)) = G(:);
  if l > 1
    % delta_l = (delta_{l+1} * W) .* g'(a_l), with g'(a_l) stored over a_l,
    % which is not needed any more: one hidden-sized array fewer alive at
    % once, so fewer fresh pages for the allocator to fault in.
    A{l} = activationGradient(activation, A{l});
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
%!shared T1, T2, x, y
%! % A net with a hidden layer and one without (where no activation runs).
%! T1 = {debugInitializeWeights(3, 2), debugInitializeWeights(2, 3)};
%! T2 = {debugInitializeWeights(2, 2)};
%! x = ones(1, 2);
%! y = [1 0];
%!error <costAndGradient: activation must be one of .*, got 'elu'> costAndGradient(T1, x, y, 0, 'elu', 'sigmoid')
%!error <costAndGradient: activation must be one of .*, got 'elu'> costAndGradient(T2, x, y, 0, 'elu', 'sigmoid')
%!error <costAndGradient: activation must be one of .*'Sigmoid'> costAndGradient(T2, x, y, 0, 'Sigmoid', 'softmax')
%!error <costAndGradient: output must be one of .*, got 'linear'> costAndGradient(T1, x, y, 0, 'relu', 'linear')
%!error <costAndGradient: output must be one of .*, got 'Softmax'> costAndGradient(T2, x, y, 0, 'relu', 'Softmax')
