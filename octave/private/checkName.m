function name = checkName(value, table, what, fname, ignoreCase)
%CHECKNAME Error unless value is one of the names of a table.
%   name = checkName(value, table, what, fname, ignoreCase)
%
%   value      : what the caller received.
%   table      : a table of names (activationTable, outputTable,
%                methodTable): its field names are the names, in order.
%   what       : the option's name in the message ('activation', 'Method').
%   fname      : the public function the message names.
%   ignoreCase : true to accept 'FMINCG' for 'fmincg' (trainNN's Method, as
%                Python's method=), false for an exact match.
%   name       : the table's own spelling of the name.
%
%   The message lists the table's names, e.g. 'nnCost: activation must be
%   one of sigmoid, tanh, relu, got ''elu''', the text of the Python twin,
%   which builds it from its own table.
%
%   See also: checkOptions, describeValue (Python:
%   nnvec.core.activations.check_activation, check_output,
%   nnvec.optim.train._method_key).

names = fieldnames(table);
k = [];
if ischar(value) && size(value, 1) == 1
  if ignoreCase
    k = find(strcmpi(value, names), 1);
  else
    k = find(strcmp(value, names), 1);
  end
end
if isempty(k)
  error('nnvec:badOption', '%s: %s must be one of %s, got %s', fname, what, ...
        strjoin(names', ', '), describeValue(value));
end
name = names{k};
end

%!shared t
%! t = struct('sigmoid', 1, 'tanh', 2);
%!assert (checkName('tanh', t, 'activation', 'f', false), 'tanh')
%!assert (checkName('TANH', t, 'activation', 'f', true), 'tanh')
%!error <f: activation must be one of sigmoid, tanh, got 'TANH'> checkName('TANH', t, 'activation', 'f', false)
%!error <f: activation must be one of sigmoid, tanh, got 'tanh '> checkName('tanh ', t, 'activation', 'f', true)
%!error <f: activation must be one of sigmoid, tanh, got a cell of size 1x1>
%! checkName({'tanh'}, t, 'activation', 'f', false)
%!error <f: activation must be one of sigmoid, tanh, got 3> checkName(3, t, 'activation', 'f', false)
%!error <f: activation must be one of sigmoid, tanh, got ''> checkName('', t, 'activation', 'f', false)
