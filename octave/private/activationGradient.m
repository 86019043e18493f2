function d = activationGradient(name, a)
%ACTIVATIONGRADIENT Derivative of a hidden activation, from its OUTPUT a.
%   d = activationGradient(name, a)
%
%   Backprop reuses the forward pass's activations instead of recomputing
%   them from z: sigmoid a .* (1 - a) (the same numbers as
%   sigmoidGradient(z)), tanh 1 - a.^2, relu 1 where a > 0.
%
%   See also: activationForward (Python: the table
%   nnvec.activations.DERIVATIVES, and activation_gradient).

switch name
  case 'sigmoid'
    d = a .* (1 - a);
  case 'tanh'
    d = 1 - a .* a;
  case 'relu'
    d = double(a > 0);
  otherwise
    error('nnvec:badOption', ...
          'activationGradient: activation must be one of sigmoid, tanh, relu, got ''%s''', num2str(name));
end
end

%!test
%! z = [-1 -0.5 0 0.5 1];
%! assert (activationGradient('sigmoid', sigmoid(z)), sigmoidGradient(z));
%! assert (activationGradient('tanh', tanh(z)), 1 - tanh(z) .^ 2);
%! assert (activationGradient('relu', max(z, 0)), [0 0 0 1 1]);
%!error <activation must be one of> activationGradient('elu', 1)
