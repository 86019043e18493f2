function s = describeValue(v)
%DESCRIBEVALUE A value as error messages quote it, the same text as Python's.
%   s = describeValue(v)
%
%   A real number: formatNumber ('2.5', 'Inf', 'NaN'); a real numeric vector or
%   matrix: mat2str ('[1 2]'); a logical scalar: 'true' or 'false' (Python's
%   True and False say the same); a row of text: quoted ('''relu'''); anything
%   else: its class and size ('a cell of size 1x2'), a complex number or array
%   as 'a complex of size 1x1' (its class, double, would hide what is wrong).
%
%   See also: checkInt, checkLambda (Python: nnvec.core.validate.describe_value).

if isnumeric(v) && isreal(v) && isscalar(v)
  s = formatNumber(v);
elseif islogical(v) && isscalar(v)
  s = mat2str(full(v));
elseif isnumeric(v) && isreal(v) && ~isempty(v) && ndims(v) == 2
  s = mat2str(double(full(v)));
elseif ischar(v) && (isempty(v) || size(v, 1) == 1)
  s = ['''' v ''''];
elseif isnumeric(v) && ~isreal(v)
  s = sprintf('a complex of size %s', formatShape(size(v)));
else
  s = sprintf('a %s of size %s', class(v), formatShape(size(v)));
end
end

%!assert(describeValue(2.5), '2.5')
%!assert(describeValue(-Inf), '-Inf')
%!assert(describeValue([1 2]), '[1 2]')
%!assert(describeValue('relu'), '''relu''')
%!assert(describeValue({'relu'}), 'a cell of size 1x1')
%!assert(describeValue(struct()), 'a struct of size 1x1')
%!assert(describeValue(true), 'true')
%!assert(describeValue(false), 'false')
%!assert(describeValue([true false]), 'a logical of size 1x2')
%!assert(describeValue(1i), 'a complex of size 1x1')
%!assert(describeValue([1 2i]), 'a complex of size 1x2')
