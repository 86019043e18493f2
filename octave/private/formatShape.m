function s = formatShape(sz)
%FORMATSHAPE An array size as error messages show it: '2x3x4'.
%   s = formatShape(size(v))
%
%   See also: checkX (Python: validate.format_shape).

s = sprintf('%dx', sz);
s = s(1:end - 1);
end

%!assert (formatShape([2 3 4]), '2x3x4')
%!assert (formatShape([0 0]), '0x0')
