function [activation, output] = checkOptions(opts, fname)
%CHECKOPTIONS Read and validate the options struct of nnCost / nnPredict.
%   [activation, output] = checkOptions(opts, fname)
%
%   opts : struct with any of the fields
%            activation  a name of activationTable: 'sigmoid' (default, the
%                        course), 'tanh' or 'relu'
%            output      a name of outputTable: 'sigmoid' (default, the
%                        course) or 'softmax'
%          or [] / struct() for the defaults. Unknown fields or values are
%          an error, never ignored.
%
%   The one check of these names on the way in (nnCost, nnPredict, trainNN
%   through checkCostInputs): the functions they call look the names up in
%   the tables without checking them again.
%
%   See also: nnCost, nnPredict, activationTable, outputTable, checkName
%   (Python: the keyword arguments activation=, output= and
%   nnvec.core.validate.check_options).

activation = 'sigmoid';
output = 'sigmoid';
if isempty(opts)
  return
end
if ~isstruct(opts) || numel(opts) ~= 1
  error('nnvec:badOption', '%s: opts must be a struct (fields activation, output), got %s', ...
        fname, describeClass(opts));
end
names = fieldnames(opts);
for k = 1:numel(names)
  switch names{k}
    case 'activation'
      activation = opts.activation;
    case 'output'
      output = opts.output;
    otherwise
      error('nnvec:badOption', ...
            '%s: unknown option ''%s''; valid options are activation, output', fname, names{k});
  end
end
activation = checkName(activation, activationTable(), 'activation', fname, false);
output = checkName(output, outputTable(), 'output', fname, false);
end

%!test
%! [a, o] = checkOptions(struct(), 'f');
%! assert ({a, o}, {'sigmoid', 'sigmoid'});
%! [a, o] = checkOptions(struct('activation', 'relu', 'output', 'softmax'), 'f');
%! assert ({a, o}, {'relu', 'softmax'});
%! [a, o] = checkOptions([], 'f');
%! assert ({a, o}, {'sigmoid', 'sigmoid'});
%!error <unknown option 'actvation'; valid options are activation, output> checkOptions(struct('actvation', 1), 'f')
%!error <f: activation must be one of .*, got 'elu'> checkOptions(struct('activation', 'elu'), 'f')
%!error <f: output must be one of .*, got 'linear'> checkOptions(struct('output', 'linear'), 'f')
%!error <f: activation must be one of .*, got 'Sigmoid'>
%! checkOptions(struct('activation', 'Sigmoid'), 'f')
%!error <f: output must be one of .*, got 'tanh'> checkOptions(struct('output', 'tanh'), 'f')
%!test
%! % The messages list the tables' names in order (the Python text: tests/test_tables.py).
%! lists = {strjoin(fieldnames(activationTable())', ', '), strjoin(fieldnames(outputTable())', ', ')};
%! opts = {struct('activation', 'elu'), struct('output', 'linear')};
%! expected = {['f: activation must be one of ' lists{1} ', got ''elu'''], ...
%!             ['f: output must be one of ' lists{2} ', got ''linear''']};
%! for k = 1:2
%!   try
%!     checkOptions(opts{k}, 'f');
%!     error('checkOptions accepted a bad name');
%!   catch err
%!     assert (err.message, expected{k});
%!   end
%! end
%!error <opts must be a struct> checkOptions('tanh', 'f')
%!error <f: activation must be one of .*, got a cell of size 1x1>
%! checkOptions(struct('activation', {{'relu'}}), 'f')
%!error <f: activation must be one of .*, got a struct of size 1x1>
%! checkOptions(struct('activation', struct('a', 1)), 'f')
%!error <f: opts must be a struct \(fields activation, output\), got a 1x2 struct array>
%! checkOptions(struct('output', {'sigmoid', 'softmax'}), 'f')
