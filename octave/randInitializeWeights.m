function W = randInitializeWeights(L_in, L_out, epsilon_init)
%RANDINITIALIZEWEIGHTS Random weights in [-epsilon_init, epsilon_init] (symmetry breaking).
%   W = randInitializeWeights(L_in, L_out)
%   W = randInitializeWeights(L_in, L_out, epsilon_init)
%
%   L_in, L_out  : incoming and outgoing connections of the layer.
%   epsilon_init : half-width, default 0.12 (the course's; about
%                  sqrt(6) / sqrt(L_in + L_out) at its sizes).
%   W            : L_out x (1 + L_in), column 1 the bias weights.
%
%   Uses Octave's rand, so its numbers differ from Python's generator;
%   pass the same start vector to both languages to compare training runs.
%
%   See also: debugInitializeWeights (Python: nnvec.rand_initialize_weights).

if nargin < 2
  error('nnvec:badInput', 'randInitializeWeights: needs 2 or 3 inputs, got %d', nargin);
end
if nargin < 3
  epsilon_init = 0.12;
end
checkInt(L_in, 'L_in', 'randInitializeWeights', 1);
checkInt(L_out, 'L_out', 'randInitializeWeights', 1);
if ~isnumeric(epsilon_init) || ~isscalar(epsilon_init) || ~(isfinite(epsilon_init) && epsilon_init > 0)
  error('nnvec:badInput', ...
        'randInitializeWeights: epsilon_init must be a finite scalar > 0, got %s', ...
        num2str(epsilon_init));
end
W = rand(L_out, 1 + L_in) * 2 * epsilon_init - epsilon_init;
end

%!test
%! W = randInitializeWeights(400, 25);
%! assert (size(W), [25 401]);
%! assert (all(abs(W(:)) <= 0.12));
%! assert (std(W(:)) > 0.05);                  % uniform on [-.12, .12]: std 0.069
%!test
%! W = randInitializeWeights(3, 2, 0.5);
%! assert (all(abs(W(:)) <= 0.5));
%!error <epsilon_init must be a finite scalar . 0, got -1> randInitializeWeights(3, 2, -1)
%!error <L_in must be a positive integer, got 0> randInitializeWeights(0, 2)
