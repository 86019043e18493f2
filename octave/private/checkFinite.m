function checkFinite(v, name, fname)
%CHECKFINITE Error at the first NaN or Inf of v (column-major order).
%   checkFinite(v, name, fname)
%
%   A matrix reports "row r, column c", a vector "index i" (1-based in both
%   languages).
%
%   See also: checkX, checkParams (Python: validate.check_finite).

% Fast path: a NaN or an Inf anywhere makes its column's sum NaN or Inf, so
% finite column sums prove every entry finite without a logical temporary.
% ones(1, m) * v takes them in one pass of BLAS's vectorized matrix-vector
% product (gemv), where all(isfinite(v(:))) would first build a logical
% array as large as v; nnCost runs this on X at every call. A non-finite
% result (an offender, or an overflow of huge finite values) takes the exact
% check. Integer and logical arrays hold no NaN or Inf (and Octave has no
% double * int32 matrix product).
if ~isfloat(v) || isfinite(sum(ones(1, size(v, 1)) * v))
  return
end
bad = find(~isfinite(v), 1);
if isempty(bad)
  return
end
if isvector(v) && size(v, 2) == 1
  pos = sprintf('index %d', bad);
else
  [r, c] = ind2sub(size(v), bad);
  pos = sprintf('row %d, column %d', r, c);
end
error('nnvec:notFinite', '%s: %s must be finite (no NaN or Inf), got %s at %s', ...
      fname, name, formatNumber(v(bad)), pos);
end

%!test
%! checkFinite([1 2; 3 4], 'X', 'f');
%! checkFinite(int32([1 2; 3 4]), 'X', 'f');
%! checkFinite(logical([1 0; 0 1]), 'X', 'f');
%!error <got NaN at row 2, column 2> checkFinite(single([1 2; 3 NaN]), 'X', 'f')
%!test
%! % Huge finite values whose sum overflows take the exact check and pass.
%! checkFinite([1e308 1e308; -1e308 1e308], 'X', 'f');
%!error <got NaN at row 2, column 2> checkFinite([1e308 1e308; -1e308 NaN], 'X', 'f')
%!error <got -Inf at index 3> checkFinite([1; -1; -Inf; Inf], 'p', 'f')
%!error <f: X must be finite \(no NaN or Inf\), got -Inf at row 1, column 2> checkFinite([1 -Inf], 'X', 'f')
%!error <got NaN at row 2, column 1> checkFinite([1 -Inf; NaN 4], 'X', 'f')
%!error <got Inf at index 2> checkFinite([1; Inf], 'p', 'f')
%!test
%! % One offender deep inside a matrix large enough for BLAS's blocked kernels.
%! X = rand(1000, 70);
%! checkFinite(X, 'X', 'f');
%! for bad = [NaN, Inf, -Inf]
%!   X(987, 65) = bad;
%!   try
%!     checkFinite(X, 'X', 'f');
%!     error('test:noError', 'checkFinite missed %g', bad);
%!   catch err
%!     assert (err.identifier, 'nnvec:notFinite');
%!     assert (strfind(err.message, 'at row 987, column 65') > 0);
%!   end
%!   X(987, 65) = 0.5;
%! end
