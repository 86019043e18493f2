function X = checkX(X, n, fname)
%CHECKX Validate the data matrix: finite, real, 2-D, m >= 1 rows, n columns.
%   X = checkX(X, n, fname)
%
%   fname names the calling function in the error message. Non-finite
%   entries are reported at the first one in column-major order.
%
%   See also: checkCostInputs (Python: nnvec.core.validate.check_X).

% Fast path, taken by every call with good data: a full real double (or
% single) matrix of the right shape whose column sums are finite (checkFinite's test, one
% gemv) is returned as it is, with no helper called; anything else takes the
% checks below, which build the message.
if isfloat(X) && ~issparse(X) && isreal(X) && ndims(X) == 2 && size(X, 1) > 0 && ...
    size(X, 2) == n && isfinite(sum(ones(1, size(X, 1)) * X))
  return
end
checkNumeric(X, 'X', fname);
X = makeDense(X, 'X', '', fname);  % sparse works as dense
if ndims(X) ~= 2
  error('nnvec:badShape', ...
        '%s: X must be a 2-D matrix (m examples x n features), got an array of shape %s', ...
        fname, formatShape(size(X)));
end
if size(X, 1) == 0
  error('nnvec:emptyData', '%s: X must have at least one row (example), got 0 rows', fname);
end
if size(X, 2) ~= n
  error('nnvec:badShape', '%s: X must have %d columns (the input layer size), got %d', ...
        fname, n, size(X, 2));
end
if ~isa(X, 'single')  % single stays single: the cost then computes in single
  X = double(full(X));  % full: a sparse X works as dense
end
checkFinite(X, 'X', fname);
end

%!assert (checkX([1 2; 3 4], 2, 'f'), [1 2; 3 4])
%!error <f: X must have 3 columns \(the input layer size\), got 2> checkX([1 2], 3, 'f')
%!error <f: X must have at least one row \(example\), got 0 rows> checkX(zeros(0, 2), 2, 'f')
%!error <f: X must be finite \(no NaN or Inf\), got NaN at row 2, column 1> checkX([1 2; NaN 4], 2, 'f')
%!error <got an array of shape 2x2x2> checkX(ones(2, 2, 2), 2, 'f')
%!error <f: X must be numeric> checkX('ab', 2, 'f')
%!assert (checkX(sparse([1 2; 3 4]), 2, 'f'), [1 2; 3 4])
%!assert (checkX(int8([1 2; 3 4]), 2, 'f'), [1 2; 3 4])
%!error <f: X must be finite \(no NaN or Inf\), got Inf at row 1, column 2> checkX([1 Inf], 2, 'f')
%!error <f: X must be real> checkX(complex([1 2]), 2, 'f')
