function Y = oneHot(y, num_labels)
%ONEHOT The m x K label matrix: Y(i, k) = 1 where y(i) == k, else 0.
%   Y = oneHot(y, num_labels)
%
%   y : m-vector of labels in 1..num_labels (already validated).
%
%   See also: checkCostInputs (Python: nnvec.core.cost.one_hot).

I = eye(num_labels);
Y = I(y(:), :);
end

%!assert (oneHot([2; 1; 3], 3), [0 1 0; 1 0 0; 0 0 1])
%!assert (oneHot(10, 10), [zeros(1, 9) 1])   % digit 0 is label 10: last column
