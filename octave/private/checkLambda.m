function lambda = checkLambda(lambda, fname)
%CHECKLAMBDA Validate the regularization strength: a finite real scalar >= 0.
%   lambda = checkLambda(lambda, fname)
%
%   See also: checkCostInputs (Python: nnvec.core.validate.check_lambda).

if ~isnumeric(lambda) || ~isreal(lambda) || numel(lambda) ~= 1
  error('nnvec:badLambda', '%s: lambda must be a finite real scalar >= 0, got %s', ...
        fname, describeValue(lambda));
end
lambda = double(lambda);
if ~(isfinite(lambda) && lambda >= 0)
  error('nnvec:badLambda', '%s: lambda must be a finite real scalar >= 0, got %s', ...
        fname, formatNumber(lambda));
end
end

%!assert (checkLambda(1, 'f'), 1)
%!assert (checkLambda(0.25, 'f'), 0.25)
%!error <f: lambda must be a finite real scalar .= 0, got -1> checkLambda(-1, 'f')
%!error <f: lambda must be a finite real scalar .= 0, got '1'> checkLambda('1', 'f')
%!error <got NaN> checkLambda(NaN, 'f')
%!error <got \[1 2\]> checkLambda([1 2], 'f')
