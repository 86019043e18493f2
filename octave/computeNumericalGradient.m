function numgrad = computeNumericalGradient(J, theta)
%COMPUTENUMERICALGRADIENT Central-difference gradient of a cost function.
%   numgrad = computeNumericalGradient(J, theta)
%
%   J       : function handle; J(theta) returns the cost (its first output).
%   theta   : parameter vector.
%   numgrad : column, numgrad(i) = (J(theta + e u_i) - J(theta - e u_i)) / (2 e)
%             with e = 1e-4 (the course's step).
%
%   See also: checkNNGradients (Python: nnvec.compute_numerical_gradient).

if ~isa(J, 'function_handle')
  error('nnvec:badInput', 'computeNumericalGradient: J must be a function handle, got a %s', ...
        class(J));
end
theta = theta(:);
numgrad = zeros(size(theta));
perturb = zeros(size(theta));
e = 1e-4;
for p = 1:numel(theta)
  perturb(p) = e;
  loss1 = J(theta - perturb);
  loss2 = J(theta + perturb);
  numgrad(p) = (loss2 - loss1) / (2 * e);
  perturb(p) = 0;
end
end

%!test
%! % d/dx of sum(x.^3) is 3 x.^2; central differences are exact up to e^2 = 1e-8.
%! x = [1; -2; 0.5];
%! assert (computeNumericalGradient(@(t) sum(t .^ 3), x), 3 * x .^ 2, 1e-7);
%!error <J must be a function handle> computeNumericalGradient(3, 1)
