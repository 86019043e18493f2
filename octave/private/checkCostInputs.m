function [sizes, X, Y, lambda, activation, output] = checkCostInputs(layer_sizes, X, y, lambda, opts, fname)
%CHECKCOSTINPUTS Validate everything but the parameters, once, for the cost.
%   [sizes, X, Y, lambda, activation, output] = ...
%       checkCostInputs(layer_sizes, X, y, lambda, opts, fname)
%
%   Returns the validated sizes (row), X (double), the one-hot m x K label
%   matrix Y, lambda and the options. fname names the caller in errors.
%
%   See also: nnCost, nnCostFunction (Python: the constructor of nnvec.NNCost).

sizes = checkLayerSizes(layer_sizes, fname);
[activation, output] = checkOptions(opts, fname);
% The memory check comes before checkX converts X to double (X counted): a
% huge int8 X is refused before the copy, the one-hot labels and the
% workspace. checkMemory formats its message and reads /proc/meminfo before
% it compares: work out of proportion to the evaluation of a tiny network, on
% every call of nnCost. It is skipped only where it cannot refuse:
% NNVEC_MEMORY_LIMIT unset (the limit is then half of MemTotal, or none) and
% 16 ((S + 1)^2 + m S) bytes under a megabyte, with S = sum(sizes): 8 bytes
% for each parameter and gradient entry (each fewer than (S + 1)^2) and
% each input (X and its double copy), activation and delta, more than
% checkMemory counts. A machine running Octave has more than 2 MB of memory
% (the Octave process alone is larger), so half of it is more than a megabyte.
S = sum(sizes);
if 16 * ((S + 1)^2 + size(X, 1) * S) >= 2^20 || ~isempty(getenv('NNVEC_MEMORY_LIMIT'))
  checkMemory(sizes, size(X, 1), fname, X);
end
X = checkX(X, sizes(1), fname);
y = checkY(y, size(X, 1), sizes(end), fname);
Y = oneHot(y, sizes(end));
lambda = checkLambda(lambda, fname);
end

%!test
%! [s, X, Y, lam, a, o] = checkCostInputs([2 3 2], [1 2; 3 4], [2 1], 0.5, [], 'f');
%! assert (s, [2 3 2]);
%! assert (Y, [0 1; 1 0]);
%! assert ({lam, a, o}, {0.5, 'sigmoid', 'sigmoid'});
%!error <f: X must have 3 columns> checkCostInputs([3 2], [1 2], 1, 0, [], 'f')
%!error <f: y labels must be integers in 1..2> checkCostInputs([2 2], [1 2], 3, 0, [], 'f')
%!error <f: lambda must be a finite real scalar .= 0, got -0.5> checkCostInputs([2 2], [1 2], 1, -0.5, [], 'f')
%!test
%! % A small network skips the memory check only while NNVEC_MEMORY_LIMIT is
%! % unset: with a limit set, its check and its message are those of checkMemory.
%! old = getenv('NNVEC_MEMORY_LIMIT');
%! setenv('NNVEC_MEMORY_LIMIT', '10');
%! try
%!   checkCostInputs([2 3 2], [1 2; 3 4], [2 1], 0.5, [], 'f');
%!   msg = '';
%! catch err
%!   msg = err.message;
%! end
%! setenv('NNVEC_MEMORY_LIMIT', old);
%! assert (~isempty(strfind(msg, 'f: layer sizes [2 3 2] with m = 2 examples need at least')));
%! assert (~isempty(strfind(msg, '(NNVEC_MEMORY_LIMIT)')));
%!test
%! % The bound of the skip is above checkMemory's own need, at any depth.
%! for sizes = {[1 1], [3 5 3], [400 25 10], [2 30 1 30 7], [784 100 100 10]}
%!   s = sizes{1};
%!   for m = [1 5 5000]
%!     need = 8 * (2 * sum(prod(paramShapes(s), 2)) + 2 * m * sum(s(2:end)));
%!     assert (16 * ((sum(s) + 1)^2 + m * sum(s)) >= need);
%!   end
%! end
