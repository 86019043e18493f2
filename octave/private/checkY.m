function y = checkY(y, m, num_labels, fname)
%CHECKY Validate labels: a vector of m integers in 1..num_labels.
%   y = checkY(y, m, num_labels, fname)
%
%   y : row or column vector; returned as a double column.
%   fname names the calling function in the error message.
%
%   See also: checkCostInputs, oneHot (Python: nnvec.core.validate.check_y).

checkNumeric(y, 'y', fname);
y = makeDense(y, 'y', '', fname);  % sparse works as dense
if ndims(y) ~= 2 || ~any(size(y) == 1)
  error('nnvec:badShape', '%s: y must be a vector of labels, got an array of shape %s', ...
        fname, formatShape(size(y)));
end
y = double(full(y(:)));
if numel(y) ~= m
  error('nnvec:badShape', '%s: y must have m = %d labels (one per row of X), got %d', ...
        fname, m, numel(y));
end
bad = find(~(y >= 1 & y <= num_labels & y == round(y)), 1);
if ~isempty(bad)
  error('nnvec:badLabels', ...
        '%s: y labels must be integers in 1..%d (digit 0 is label 10), got %s at position %d', ...
        fname, num_labels, formatNumber(y(bad)), bad);
end
end

%!assert (checkY([1 2 3], 3, 3, 'f'), [1; 2; 3])
%!error <f: y labels must be integers in 1..3 \(digit 0 is label 10\), got 0 at position 2> checkY([1 0 3], 3, 3, 'f')
%!error <got 1.5 at position 1> checkY([1.5 2], 2, 3, 'f')
%!error <got NaN at position 1> checkY(NaN, 1, 3, 'f')
%!error <f: y must have m = 3 labels \(one per row of X\), got 2> checkY([1 2], 3, 3, 'f')
%!error <y must be a vector of labels> checkY(ones(2), 4, 3, 'f')
