function s = formatSizes(v)
%FORMATSIZES Layer sizes as error messages show them: '[400 25 10]'.
%   s = formatSizes(v)
%
%   The same text as the Python twin nnvec.core.params.format_sizes, so that one
%   pattern matches the error in both languages.
%
%   See also: reshapeParams, checkLayerSizes.

parts = cell(1, numel(v));
for k = 1:numel(v)
  if v(k) == round(v(k)) && abs(v(k)) < 1e15
    parts{k} = sprintf('%d', v(k));  % whole numbers in full: 100000000, not 1e+08
  else
    parts{k} = sprintf('%g', v(k));
  end
end
s = ['[' strjoin(parts, ' ') ']'];
end

%!assert (formatSizes([400 25 10]), '[400 25 10]')
%!assert (formatSizes(5), '[5]')
%!assert (formatSizes([]), '[]')
%!assert (formatSizes([3 1e8 2.5 NaN]), '[3 100000000 2.5 NaN]')
