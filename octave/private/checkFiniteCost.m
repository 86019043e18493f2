function checkFiniteCost(J, grad, fname)
%CHECKFINITECOST Error unless the cost and its gradient are finite.
%   checkFiniteCost(J, grad, fname)
%
%   Only the one-shot cost functions call this: an optimizer's line search
%   needs the non-finite value itself (a step too long).
%
%   See also: checkFiniteOutput (Python: nnvec.core.validate.check_finite_cost).

% Fast path: a finite cost and a finite sum of the gradient (see checkFinite)
% need no helper call; otherwise the checks below find the culprit.
if isfinite(J) && isfinite(sum(grad(:)))
  return
end
if ~isfinite(J)
  error('nnvec:notFinite', ...
        '%s: the cost is not finite, got %s: the network''s activations overflow at these parameters', ...
        fname, formatNumber(J));
end
checkFinite(grad, 'the gradient', fname);
end

%!test
%! checkFiniteCost(1, [1; 2], 'f');
%!error <f: the cost is not finite, got NaN: the network's activations overflow> ...
%! checkFiniteCost(NaN, [1; 2], 'f')
%!error <f: the gradient must be finite \(no NaN or Inf\), got Inf at index 2> ...
%! checkFiniteCost(1, [1; Inf], 'f')
