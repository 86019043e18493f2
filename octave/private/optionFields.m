function opts = optionFields(options, fname)
%OPTIONFIELDS The set fields of an options struct (struct or optimset output).
%   opts = optionFields(options, fname)
%
%   options : [] (no options) or a 1x1 struct, e.g. struct('MaxIter', 50) or
%             optimset('MaxIter', 50).
%   opts    : the same struct without its empty fields (optimset fills every
%             field it was not given with []), so a caller can check each
%             remaining name and reject unknown ones.
%   fname names the calling function in the error message.
%
%   See also: trainNN, momentumDescent (Python: keyword arguments).

opts = struct();
if isempty(options)
  return
end
if ~isstruct(options) || numel(options) ~= 1
  error('nnvec:badOption', '%s: options must be a struct, got %s', fname, describeClass(options));
end
names = fieldnames(options);
for k = 1:numel(names)
  if ~isempty(options.(names{k}))
    opts.(names{k}) = options.(names{k});
  end
end
end

%!assert (fieldnames(optionFields(struct('MaxIter', 5, 'Display', []), 'f')), {'MaxIter'})
%!assert (isempty(fieldnames(optionFields([], 'f'))))
%!test
%! opts = optionFields(optimset('MaxIter', 7), 'f');
%! assert (opts.MaxIter, 7);
%!error <f: options must be a struct, got a char> optionFields('abc', 'f')
%!error <f: options must be a struct, got a 1x2 struct array> optionFields(struct('MaxIter', {1, 2}), 'f')
