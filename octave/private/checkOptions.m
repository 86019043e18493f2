function [activation, output] = checkOptions(opts, fname)
%CHECKOPTIONS Read and validate the options struct of nnCost / nnPredict.
%   [activation, output] = checkOptions(opts, fname)
%
%   opts : struct with any of the fields
%            activation  'sigmoid' (default, the course), 'tanh' or 'relu'
%            output      'sigmoid' (default, the course) or 'softmax'
%          or [] / struct() for the defaults. Unknown fields or values are
%          an error, never ignored.
%
%   See also: nnCost, nnPredict (Python: the keyword arguments activation=,
%   output= and nnvec.validate.check_options).

activation = 'sigmoid';
output = 'sigmoid';
if isempty(opts)
  return
end
if ~isstruct(opts) || numel(opts) ~= 1
  error('nnvec:badOption', '%s: opts must be a struct (fields activation, output), got a %s', ...
        fname, class(opts));
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
if ~ischar(activation) || ~any(strcmp(activation, {'sigmoid', 'tanh', 'relu'}))
  error('nnvec:badOption', '%s: activation must be one of sigmoid, tanh, relu, got %s', ...
        fname, describeValue(activation));
end
if ~ischar(output) || ~any(strcmp(output, {'sigmoid', 'softmax'}))
  error('nnvec:badOption', '%s: output must be one of sigmoid, softmax, got %s', ...
        fname, describeValue(output));
end
end

%!test
%! [a, o] = checkOptions(struct(), 'f');
%! assert ({a, o}, {'sigmoid', 'sigmoid'});
%! [a, o] = checkOptions(struct('activation', 'relu', 'output', 'softmax'), 'f');
%! assert ({a, o}, {'relu', 'softmax'});
%! [a, o] = checkOptions([], 'f');
%! assert ({a, o}, {'sigmoid', 'sigmoid'});
%!error <unknown option 'actvation'; valid options are activation, output> checkOptions(struct('actvation', 1), 'f')
%!error <f: activation must be one of sigmoid, tanh, relu, got 'elu'> checkOptions(struct('activation', 'elu'), 'f')
%!error <f: output must be one of sigmoid, softmax, got 'linear'> checkOptions(struct('output', 'linear'), 'f')
%!error <opts must be a struct> checkOptions('tanh', 'f')
%!error <f: activation must be one of sigmoid, tanh, relu, got a cell of size 1x1>
%! checkOptions(struct('activation', {{'relu'}}), 'f')
%!error <f: activation must be one of sigmoid, tanh, relu, got a struct of size 1x1>
%! checkOptions(struct('activation', struct('a', 1)), 'f')
