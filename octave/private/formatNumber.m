function s = formatNumber(v)
%FORMATNUMBER A number as error messages show it, the same text as Python's.
%   s = formatNumber(v)
%
%   Ten significant digits ('2.5', '-1', 'Inf', 'NaN') when they give back v
%   exactly, else seventeen, which always do: 2 - 1e-15 shows as
%   1.9999999999999989, never as a misleading '2'.
%
%   See also: describeValue (Python: nnvec.core.validate.format_number).

v = double(full(v));
s = sprintf('%.10g', v);
if ~isnan(v) && str2double(s) ~= v
  s = sprintf('%.17g', v);
end
end

%!assert (formatNumber(2.5), '2.5')
%!assert (formatNumber(-Inf), '-Inf')
%!assert (formatNumber(NaN), 'NaN')
%!assert (formatNumber(2 - 1e-15), '1.9999999999999989')
%!assert (formatNumber(1e300), '1e+300')
