function [A, z] = forwardPass(Thetas, X, activation)
%FORWARDPASS Run the network up to the output layer's pre-activation.
%   [A, z] = forwardPass(Thetas, X, activation)
%
%   Thetas     : cell; Thetas{l} is s_{l+1} x (s_l + 1), bias in column 1.
%   X          : m x s_1, one example per row, without a bias column.
%   activation : 'sigmoid', 'tanh' or 'relu' (hidden layers); any other name
%                is an error, also for a network without a hidden layer.
%   A          : cell; A{1} = X and A{l} (m x s_l) the activations of layers
%                1 .. L-1, without bias columns.
%   z          : m x s_L, the output pre-activation.
%
%   z_{l+1} = a_l * Theta_l(:, 2:end)' + Theta_l(:, 1)': the bias is added by
%   broadcasting instead of concatenating a column of ones onto a_l, which
%   would copy X on every call.
%
%   See also: costAndGradient, activationForward, nnPredict
%   (Python: nnvec.forward.forward).

if ~ischar(activation) || ~any(strcmp(activation, {'sigmoid', 'tanh', 'relu'}))
  error('nnvec:badOption', 'forwardPass: activation must be one of sigmoid, tanh, relu, got ''%s''', ...
        num2str(activation));
end
A = cell(1, numel(Thetas));
A{1} = X;
for l = 1:numel(Thetas) - 1
  Theta = Thetas{l};
  A{l + 1} = activationForward(activation, A{l} * Theta(:, 2:end)' + Theta(:, 1)');
end
Theta = Thetas{end};
z = A{end} * Theta(:, 2:end)' + Theta(:, 1)';
end

%!test
%! % Same as the course's textbook form with a column of ones.
%! T1 = debugInitializeWeights(5, 3);
%! T2 = debugInitializeWeights(2, 5);
%! X = debugInitializeWeights(4, 2);
%! [A, z] = forwardPass({T1, T2}, X, 'sigmoid');
%! a2 = sigmoid([ones(4, 1) X] * T1');
%! assert (A{2}, a2, 1e-15);
%! assert (z, [ones(4, 1) a2] * T2', 1e-15);
%!error <forwardPass: activation must be one of .*, got 'elu'> forwardPass({ones(2, 3), ones(2, 3)}, ones(1, 2), 'elu')
%!error <forwardPass: activation must be one of sigmoid, tanh, relu, got 'elu'> forwardPass({ones(2, 3)}, [1 2], 'elu')
