function Thetas = unpackParams(nn_params, shapes)
%UNPACKPARAMS The weight matrices of an unrolled parameter column, unchecked.
%   Thetas = unpackParams(nn_params, shapes)
%
%   nn_params : full column [Theta1(:); Theta2(:); ...] of exactly
%               sum(prod(shapes, 2)) elements, already checked (checkParams).
%   shapes    : paramShapes(layer_sizes), one row [rows cols] per matrix.
%   Thetas    : 1 x (L-1) cell, Thetas{l} of size shapes(l, :).
%
%   reshapeParams, the public function, checks its inputs and calls this;
%   nnCost and the optimizer loop of trainNN call it directly on parameters
%   they have checked (or the optimizer made), so an evaluation inside
%   training checks nothing.
%
%   See also: reshapeParams, paramShapes, checkParams (Python: reshape_params).

Thetas = cell(1, size(shapes, 1));
start = 0;
for l = 1:size(shapes, 1)
  stop = start + shapes(l, 1) * shapes(l, 2);
  Thetas{l} = reshape(nn_params(start + 1:stop), shapes(l, 1), shapes(l, 2));
  start = stop;
end
end

%!test
%! T = unpackParams((1:13)', [2 2; 3 3]);
%! assert (T{1}, [1 3; 2 4]);                % column-major, like Theta1(:)
%! assert (T{2}, reshape(5:13, 3, 3));
%!test
%! % The same matrices as the public reshapeParams, bit for bit.
%! p = sin((1:38)');
%! assert (isequal (unpackParams(p, paramShapes([3 5 3])), reshapeParams(p, [3 5 3])));
