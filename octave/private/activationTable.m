function t = activationTable(name)
%ACTIVATIONTABLE The hidden activations: each name with g and its derivative.
%   t = activationTable()
%   entry = activationTable(name)
%
%   t : struct with one field per activation, in the order every message
%       lists them (fieldnames(t): sigmoid, tanh, relu). Each field is a
%       struct with
%         forward  : a = forward(z), g(z) elementwise;
%         gradient : d = gradient(a), g'(z) computed from the OUTPUT a = g(z):
%                    backprop reuses the forward pass's activations instead
%                    of keeping z (sigmoid a (1 - a), the numbers of
%                    sigmoidGradient(z); tanh 1 - a^2; relu 1 where a > 0).
%
%   entry : t.(name) alone, for a name already checked (checkOptions):
%           forwardPass and costAndGradient ask for the one entry they use,
%           on every evaluation, and building the other entries' handles
%           would be wasted work there.
%
%   The one list of activation names: checkOptions builds its check and its
%   message from fieldnames(t), forwardPass and costAndGradient look the
%   checked name up here. A new activation is one name in the list below and
%   one case in entry (and its twin in Python's table).
%
%   See also: outputTable, methodTable, checkOptions (Python: the tables
%   nnvec.core.activations.ACTIVATIONS and DERIVATIVES).

if nargin == 1
  t = entry(name);
  return
end
names = {'sigmoid', 'tanh', 'relu'};
t = struct();
for k = 1:numel(names)
  t.(names{k}) = entry(names{k});
end
end

function e = entry(name)
% The forward and gradient functions of one activation, as handles to
% functions of this file rather than anonymous functions, which Octave
% builds anew (capturing the workspace) at every call.
switch name
  case 'sigmoid'
    e = struct('forward', @sigmoid, 'gradient', @sigmoidFromOutput);
  case 'tanh'
    e = struct('forward', @tanh, 'gradient', @tanhFromOutput);
  case 'relu'
    e = struct('forward', @relu, 'gradient', @reluFromOutput);
end
end

function d = sigmoidFromOutput(a)
d = a .* (1 - a);
end

function d = tanhFromOutput(a)
d = 1 - a .* a;
end

function a = relu(z)
a = max(z, 0);
end

function d = reluFromOutput(a)
d = cast(a > 0, class(a));  % single activations keep single derivatives
end

%!test
%! % The course's sigmoid first (the default, first in every message); each
%! % entry has both columns.
%! t = activationTable();
%! names = fieldnames(t);
%! assert (names{1}, 'sigmoid');
%! for k = 1:numel(names)
%!   assert (isa(t.(names{k}).forward, 'function_handle'));
%!   assert (isa(t.(names{k}).gradient, 'function_handle'));
%! end
%!test
%! % The textbook formulas, and the derivative from the output.
%! t = activationTable();
%! z = [-1 -0.5 0 0.5 1];
%! assert (t.sigmoid.forward(0), 0.5);
%! assert (t.tanh.forward(z), tanh(z));
%! assert (t.relu.forward([-2 0 3]), [0 0 3]);
%! assert (t.sigmoid.gradient(sigmoid(z)), sigmoidGradient(z));
%! assert (t.tanh.gradient(tanh(z)), 1 - tanh(z) .^ 2);
%! assert (t.relu.gradient(max(z, 0)), [0 0 0 1 1]);
%!test
%! % Each gradient is the derivative: central differences away from relu's kink.
%! t = activationTable();
%! names = fieldnames(t);
%! z = linspace(-3.05, 3.05, 40);
%! h = 1e-6;
%! for k = 1:numel(names)
%!   g = t.(names{k});
%!   numeric = (g.forward(z + h) - g.forward(z - h)) / (2 * h);
%!   assert (g.gradient(g.forward(z)), numeric, 1e-7);
%! end
%!test
%! % One entry alone is the table's entry.
%! t = activationTable();
%! names = fieldnames(t);
%! z = [-1 0 2];
%! for k = 1:numel(names)
%!   e = activationTable(names{k});
%!   assert (e.forward(z), t.(names{k}).forward(z));
%!   assert (e.gradient(z), t.(names{k}).gradient(z));
%! end
