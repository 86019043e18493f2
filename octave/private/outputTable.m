function t = outputTable(name)
%OUTPUTTABLE The output layers: each name with h(z) and its cost and delta.
%   t = outputTable()
%   entry = outputTable(name)
%
%   t : struct with one field per output layer, in the order every message
%       lists them (fieldnames(t): sigmoid, softmax). Each field is a struct
%       with
%         forward : h = forward(z), the network's output from the output
%                   layer's pre-activation z (m x K);
%         cost    : [J, delta] = cost(z, Y), the data term of the cost and
%                   delta_L = h - Y, for one-hot labels Y (m x K).
%
%   sigmoid: K sigmoids with the course's cross-entropy, in its stable form
%     J = 1/m sum(max(z, 0) - Y .* z + log1p(exp(-abs(z)))), summed in the
%     Python twin's order: sum(max(z, 0)) - sum(Y .* z) + sum(log1p(...)).
%   softmax: J = -1/m sum(Y .* log_softmax(z)), z shifted by its row max so
%     that exp never overflows.
%   Each sum(Y .* ...) is the dot product Y(:)' * ... (one BLAS call, no
%   m x K temporary; Python's np.vdot(Y, ...) is the same dot product).
%
%   entry : t.(name) alone, for a name already checked (checkOptions), as
%           costAndGradient asks for it on every evaluation: the other
%           entries are not built.
%
%   The one list of output names: checkOptions builds its check and its
%   message from fieldnames(t); costAndGradient and outputLabels look the
%   checked name up here. A new output is one name in the list below and
%   one case in entry.
%
%   See also: activationTable, methodTable, checkOptions, costAndGradient
%   (Python: the table nnvec.core.activations.OUTPUTS,
%   nnvec.core.forward.output_activation).

if nargin == 1
  t = entry(name);
  return
end
names = {'sigmoid', 'softmax'};
t = struct();
for k = 1:numel(names)
  t.(names{k}) = entry(names{k});
end
end

function e = entry(name)
% The forward and cost functions of one output layer.
switch name
  case 'sigmoid'
    e = struct('forward', @sigmoid, 'cost', @sigmoidCost);
  case 'softmax'
    e = struct('forward', @softmax, 'cost', @softmaxCost);
end
end

function [J, delta] = sigmoidCost(z, Y)
m = size(z, 1);
J = (sum(max(z(:), 0)) - Y(:)' * z(:) + sum(log1p(exp(-abs(z(:)))))) / m;
delta = sigmoid(z) - Y;
end

function h = softmax(z)
e = exp(z - max(z, [], 2));
h = e ./ sum(e, 2);
end

function [J, delta] = softmaxCost(z, Y)
m = size(z, 1);
s = z - max(z, [], 2);
log_h = s - log(sum(exp(s), 2));
J = -(Y(:)' * log_h(:)) / m;
delta = exp(log_h) - Y;
end

%!test
%! % The course's sigmoid first (the default); each entry has both columns.
%! t = outputTable();
%! names = fieldnames(t);
%! assert (names{1}, 'sigmoid');
%! for k = 1:numel(names)
%!   assert (isa(t.(names{k}).forward, 'function_handle'));
%!   assert (isa(t.(names{k}).cost, 'function_handle'));
%! end
%!test
%! t = outputTable();
%! assert (t.softmax.forward([1000 1000]), [0.5 0.5]);   % no overflow
%! assert (t.sigmoid.forward(0), 0.5);
%!test
%! % Each cost is the textbook one where that is finite; delta is h - Y.
%! t = outputTable();
%! z = [0.5 -1 2; -0.3 0.2 0.1];
%! Y = [0 0 1; 1 0 0];
%! h = sigmoid(z);
%! [J, delta] = t.sigmoid.cost(z, Y);
%! assert (J, sum(sum(-Y .* log(h) - (1 - Y) .* log(1 - h))) / 2, 1e-15);
%! assert (delta, h - Y, 1e-15);
%! h = exp(z) ./ sum(exp(z), 2);
%! [J, delta] = t.softmax.cost(z, Y);
%! assert (J, -sum(sum(Y .* log(h))) / 2, 1e-15);
%! assert (delta, h - Y, 1e-15);
%!test
%! % One entry alone is the table's entry.
%! t = outputTable();
%! names = fieldnames(t);
%! z = [0.5 -1; 2 0.1];
%! Y = [1 0; 0 1];
%! for k = 1:numel(names)
%!   e = outputTable(names{k});
%!   assert (e.forward(z), t.(names{k}).forward(z));
%!   [J, d] = e.cost(z, Y);
%!   [J0, d0] = t.(names{k}).cost(z, Y);
%!   assert (isequal({J, d}, {J0, d0}));
%! end
