function [A, z] = forwardPass(Thetas, X, activation)
%FORWARDPASS Run the network up to the output layer's pre-activation.
%   [A, z] = forwardPass(Thetas, X, activation)
%
%   Thetas     : cell; Thetas{l} is s_{l+1} x (s_l + 1), bias in column 1.
%   X          : m x s_1, one example per row, without a bias column.
%   activation : a name of activationTable (hidden layers), already checked
%                by the public function (checkOptions): not checked again.
%   A          : cell; A{1} = X and A{l} (m x s_l) the activations of layers
%                1 .. L-1, without bias columns.
%   z          : m x s_L, the output pre-activation.
%
%   z_{l+1} = a_l * Theta_l(:, 2:end)' + Theta_l(:, 1)': the bias is added by
%   broadcasting instead of concatenating a column of ones onto a_l, which
%   would copy X on every call.
%
%   See also: costAndGradient, activationTable, nnPredict
%   (Python: nnvec.core.forward.forward).

act = activationTable(activation);
g = act.forward;
A = cell(1, numel(Thetas));
A{1} = X;
for l = 1:numel(Thetas) - 1
  Theta = Thetas{l};
  A{l + 1} = g(A{l} * Theta(:, 2:end)' + Theta(:, 1)');
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
%!test
%! % Every activation of the table, through its own entry.
%! t = activationTable();
%! names = fieldnames(t);
%! T = {debugInitializeWeights(3, 2), debugInitializeWeights(2, 3)};
%! X = debugInitializeWeights(4, 1);
%! for k = 1:numel(names)
%!   A = forwardPass(T, X, names{k});
%!   assert (A{2}, t.(names{k}).forward([ones(4, 1) X] * T{1}'), 1e-15);
%! end
