function a = activationForward(name, z)
%ACTIVATIONFORWARD Apply a hidden-layer activation elementwise.
%   a = activationForward(name, z)
%
%   name : 'sigmoid' (the course), 'tanh' or 'relu'.   z : any array.
%
%   See also: activationGradient, forwardPass (Python: activation_forward).

switch name
  case 'sigmoid'
    a = sigmoid(z);
  case 'tanh'
    a = tanh(z);
  case 'relu'
    a = max(z, 0);
  otherwise
    error('nnvec:badOption', ...
          'activationForward: activation must be one of sigmoid, tanh, relu, got ''%s''', name);
end
end

%!assert (activationForward('sigmoid', 0), 0.5)
%!assert (activationForward('tanh', [-1 0 1]), tanh([-1 0 1]))
%!assert (activationForward('relu', [-2 0 3]), [0 0 3])
%!error <activation must be one of> activationForward('softplus', 1)
