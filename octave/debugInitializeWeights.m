function W = debugInitializeWeights(fan_out, fan_in)
%DEBUGINITIALIZEWEIGHTS The course's deterministic weights sin(1:numel(W)) / 10.
%   W = debugInitializeWeights(fan_out, fan_in)
%
%   W : fan_out x (1 + fan_in), filled column by column with sin(1), sin(2),
%       ... divided by 10, so it is the same in every language and run.
%       Also used to make the gradient check's small data set X.
%
%   See also: checkNNGradients (Python: nnvec.debug_initialize_weights).

if nargin ~= 2
  error('nnvec:badInput', 'debugInitializeWeights: needs 2 inputs, got %d', nargin);
end
checkInt(fan_out, 'fan_out', 'debugInitializeWeights', 1);
checkInt(fan_in, 'fan_in', 'debugInitializeWeights', 0);
W = zeros(fan_out, 1 + fan_in);
W = reshape(sin(1:numel(W)), size(W)) / 10;
end

%!assert (debugInitializeWeights(2, 1), [sin(1) sin(3); sin(2) sin(4)] / 10)   % column-major
%!assert (size(debugInitializeWeights(5, 3)), [5 4])
%!error <fan_out must be a positive integer> debugInitializeWeights(0, 3)
%!error <debugInitializeWeights: fan_in must be a non-negative integer, got -1> debugInitializeWeights(3, -1)
