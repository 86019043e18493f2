function g = sigmoid(z)
%SIGMOID Logistic function g(z) = 1 ./ (1 + exp(-z)), elementwise.
%   g = sigmoid(z)
%
%   z : any numeric (or logical) array.   g : same size as z, values in [0, 1].
%   Text is refused (its character codes are not numbers: '0' is 48), with
%   the message of Python's sigmoid('0').
%   Written exactly as the course writes it, so both languages round the
%   same way; for z < -709, exp(-z) is Inf and g is an exact 0.
%
%   See also: sigmoidGradient, logSigmoid (Python: nnvec.sigmoid).

if ~(isnumeric(z) || islogical(z))
  checkNumeric(z, 'z', 'sigmoid');
end
g = 1 ./ (1 + exp(-z));
end

%!assert (sigmoid(0), 0.5)                 % g(0) = 1/2 by definition
%!assert (sigmoid([-1000 1000]), [0 1])    % saturates to exact 0 and 1, no NaN
%!test
%! z = [-2 -0.5; 0.5 2];
%! assert (sigmoid(z) + sigmoid(-z), ones(2), 1e-15);   % symmetry g(z) + g(-z) = 1
%! assert (size(sigmoid(zeros(3, 4))), [3 4]);
%!error <sigmoid: z must be numeric, got text> sigmoid('0')
%!error <sigmoid: z must be numeric, got a cell> sigmoid({0})
