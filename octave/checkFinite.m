function checkFinite(v, name, fname)
%CHECKFINITE Error at the first NaN or Inf of v (column-major order).
%   checkFinite(v, name, fname)
%
%   A matrix reports "row r, column c", a vector "index i" (1-based in both
%   languages).
%
%   See also: checkX, checkParams (Python: validate._check_finite).

% Fast path: a NaN or an Inf anywhere makes the sum NaN or Inf, so a finite
% sum proves every entry finite without a logical temporary (half the time
% of find(~isfinite(v), 1) at the course size, measured). A non-finite sum
% (an offender, or an overflow of huge finite values) takes the exact check.
if isfinite(sum(v(:)))
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
error('nnvec:notFinite', '%s: %s must be finite (no NaN or Inf), got %.10g at %s', ...
      fname, name, v(bad), pos);
end

%!test
%! checkFinite([1 2; 3 4], 'X', 'f');
%!test
%! % Huge finite values whose sum overflows take the exact check and pass.
%! checkFinite([1e308 1e308; -1e308 1e308], 'X', 'f');
%!error <got NaN at row 2, column 2> checkFinite([1e308 1e308; -1e308 NaN], 'X', 'f')
%!error <got -Inf at index 3> checkFinite([1; -1; -Inf; Inf], 'p', 'f')
%!error <f: X must be finite \(no NaN or Inf\), got -Inf at row 1, column 2> checkFinite([1 -Inf], 'X', 'f')
%!error <got NaN at row 2, column 1> checkFinite([1 -Inf; NaN 4], 'X', 'f')
%!error <got Inf at index 2> checkFinite([1; Inf], 'p', 'f')
