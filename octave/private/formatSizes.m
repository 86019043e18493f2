function s = formatSizes(v)
%FORMATSIZES Layer sizes as error messages show them: '[400 25 10]'.
%   s = formatSizes(v)
%
%   The same text as the Python twin nnvec.core.params.format_sizes, so that one
%   pattern matches the error in both languages.
%
%   See also: reshapeParams, checkLayerSizes.

% Whole numbers (every valid size) take one sprintf instead of one per entry
% and a strjoin: checkMemory formats the sizes on every call of nnCost,
% before it knows whether the text is needed.
if all(v == round(v) & abs(v) < 1e15)
  s = sprintf('%d ', v);
  s = ['[' s(1:end - 1) ']'];
  return
end
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
%!assert (formatSizes([0 -3 7]), '[0 -3 7]')
%!assert (formatSizes([2; 3]), '[2 3]')
