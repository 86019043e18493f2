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
% The memory check before checkX converts X to double (X counted): a huge int8
% X is refused before the copy, the one-hot labels and the workspace.
checkMemory(sizes, size(X, 1), fname, X);
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
