function s = formatSizes(v)
%FORMATSIZES Layer sizes as error messages show them: '[400 25 10]'.
%   s = formatSizes(v)
%
%   The same text as the Python twin nnvec.params._fmt_sizes, so that one
%   pattern matches the error in both languages.
%
%   See also: reshapeParams, checkLayerSizes.

s = ['[' strtrim(sprintf('%g ', v)) ']'];
end

%!assert (formatSizes([400 25 10]), '[400 25 10]')
%!assert (formatSizes(5), '[5]')
%!assert (formatSizes([]), '[]')
