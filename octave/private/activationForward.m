function a = activationForward(name, z)
%ACTIVATIONFORWARD Apply a hidden-layer activation elementwise.
%   a = activationForward(name, z)
%
%   name : 'sigmoid' (the course), 'tanh' or 'relu'.   z : any array.
%
%   With activationGradient, the table of activations: every hidden layer of
%   the forward pass and of backprop goes through these two.
%
%   See also: activationGradient, forwardPass (Python: the table
%   nnvec.activations.ACTIVATIONS, and activation_forward).

switch name
  case 'sigmoid'
    a = sigmoid(z);
  case 'tanh'
    a = tanh(z);
  case 'relu'
    a = max(z, 0);
  otherwise
    error('nnvec:badOption', ...
          'activationForward: activation must be one of sigmoid, tanh, relu, got ''%s''', num2str(name));
end
end

%!assert (activationForward('sigmoid', 0), 0.5)
%!assert (activationForward('tanh', [-1 0 1]), tanh([-1 0 1]))
%!assert (activationForward('relu', [-2 0 3]), [0 0 3])
%!error <activation must be one of> activationForward('softplus', 1)
