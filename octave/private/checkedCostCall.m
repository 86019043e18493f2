function [J, grad] = checkedCostCall(f, nn_params, sizes, X, y, lambda, fname)
%CHECKEDCOSTCALL Call a course-signature cost function and check what it returns.
%   [J, grad] = checkedCostCall(f, nn_params, sizes, X, y, lambda, fname)
%
%   f     : handle, [J, grad] = f(nn_params, s1, s2, K, X, y, lambda).
%   sizes : [s1 s2 K].
%   J must be one real number and grad hold one number per parameter, else an
%   error names fname, the function, the rule and what came back.
%   grad is returned as a column.
%
%   See also: checkNNGradients (Python: nnvec.core.gradcheck.call_cost_function).

[J, grad] = f(nn_params, sizes(1), sizes(2), sizes(3), X, y, lambda);
rule = sprintf(['%s: costFunction %s must return [J, grad] with J a number and grad %d ' ...
                'numbers (one per parameter)'], fname, func2str(f), numel(nn_params));
if ~isnumeric(J) || ~isreal(J) || numel(J) ~= 1
  error('nnvec:badCost', '%s, got J = %s', rule, describeValue(J));
end
if ~isnumeric(grad) || numel(grad) ~= numel(nn_params)
  error('nnvec:badCost', '%s, got grad of size %s', rule, formatShape(size(grad)));
end
J = double(J);
grad = double(grad(:));
end

%!test
%! % A right function passes through, grad as a column.
%! f = @(p, s1, s2, K, X, y, lambda) deal(sum(p .^ 2), 2 * p');
%! [J, grad] = checkedCostCall(f, [1; 2; 3], [1 1 1], 0, 1, 0, 'checkNNGradients');
%! assert (J, 14);
%! assert (grad, [2; 4; 6]);

%!error <checkNNGradients: costFunction .* grad 3 numbers \(one per parameter\), got grad of size 1x2>
%! f = @(p, s1, s2, K, X, y, lambda) deal(1, [1 2]);
%! checkedCostCall(f, [1; 2; 3], [1 1 1], 0, 1, 0, 'checkNNGradients');

%!error <got J = \[1 2\]>
%! f = @(p, s1, s2, K, X, y, lambda) deal([1 2], [1; 2; 3]);
%! checkedCostCall(f, [1; 2; 3], [1 1 1], 0, 1, 0, 'checkNNGradients');
