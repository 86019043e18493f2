function s = describeClass(v)
%DESCRIBECLASS What an options argument is, for "must be a struct" messages.
%   s = describeClass(v)
%
%   'a char', 'a double', ...; a struct array that is not 1x1 says its size
%   ('a 1x2 struct array'), since "must be a struct, got a struct" would not
%   say what is wrong.
%
%   See also: optionFields, checkOptions, fmincg.

if isstruct(v)
  s = sprintf('a %s struct array', formatShape(size(v)));
else
  s = sprintf('a %s', class(v));
end
end

%!assert (describeClass('abc'), 'a char')
%!assert (describeClass(struct('a', {1, 2})), 'a 1x2 struct array')
%!assert (describeClass(struct([])), 'a 0x0 struct array')
