function g = sigmoidGradient(z)
%SIGMOIDGRADIENT Derivative of the sigmoid, g'(z) = g(z) .* (1 - g(z)), elementwise.
%   g = sigmoidGradient(z)
%
%   z : any numeric (or logical) array.   g : same size as z, values in [0, 0.25].
%   Text is refused, as by sigmoid.
%
%   See also: sigmoid, activationGradient (Python: nnvec.sigmoid_gradient).

if ~(isnumeric(z) || islogical(z))
  checkNumeric(z, 'z', 'sigmoidGradient');
end
s = sigmoid(z);
g = s .* (1 - s);
end

%!assert (sigmoidGradient(0), 0.25)        % g(0)(1 - g(0)) = 0.5 * 0.5
%!test
%! % The course's ex4 check: sigmoidGradient([-1 -0.5 0 0.5 1]) printed as
%! % 0.196612 0.235004 0.250000 0.235004 0.196612 (ex4.pdf, part 2.1).
%! g = sigmoidGradient([-1 -0.5 0 0.5 1]);
%! assert (g, [0.196612 0.235004 0.25 0.235004 0.196612], 5e-7);
%!test
%! % Matches a central difference of sigmoid itself.
%! z = linspace(-5, 5, 11);
%! h = 1e-5;
%! assert (sigmoidGradient(z), (sigmoid(z + h) - sigmoid(z - h)) / (2 * h), 1e-10);
%!error <sigmoidGradient: z must be numeric, got text> sigmoidGradient('0')
