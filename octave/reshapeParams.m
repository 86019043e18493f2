function Thetas = reshapeParams(nn_params, layer_sizes)
%RESHAPEPARAMS Unpack the unrolled parameter vector into the weight matrices.
%   Thetas = reshapeParams(nn_params, layer_sizes)
%
%   nn_params   : vector [Theta1(:); Theta2(:); ...], each matrix column by
%                 column, of length sum((s_l + 1) * s_{l+1}).
%   layer_sizes : [s1 s2 ... sL].
%   Thetas      : 1 x (L-1) cell; Thetas{l} is s_{l+1} x (s_l + 1), bias in
%                 column 1.
%
%   See also: unrollParams, paramShapes, unpackParams (the same without the
%   checks) (Python: reshape_params).

fname = 'reshapeParams';
sizes = checkLayerSizes(layer_sizes, fname);
checkNumeric(nn_params, 'nn_params', fname);
nn_params = full(nn_params);  % a sparse vector gives full matrices
shapes = paramShapes(sizes);
expected = sum(prod(shapes, 2));
if numel(nn_params) ~= expected
  error('nnvec:badLength', ...
        'reshapeParams: nn_params must have %d elements for layer sizes %s, got %d', ...
        expected, formatSizes(sizes), numel(nn_params));
end
Thetas = unpackParams(nn_params, shapes);
end

%!test
%! T = reshapeParams((1:13)', [1 2 3]);
%! assert (T{1}, [1 3; 2 4]);                % column-major, like Theta1(:)
%! assert (T{2}, reshape(5:13, 3, 3));
%!test
%! T = {rand(5, 4), rand(3, 6)};
%! assert (isequal (reshapeParams(unrollParams(T), [3 5 3]), T));
%!error <must have 13 elements for layer sizes \[1 2 3\], got 12> reshapeParams(1:12, [1 2 3])
%!error <reshapeParams: layer_sizes must be positive integers, got \[-1 -1\]>
%! reshapeParams(zeros(0, 1), [-1 -1])
%!error <reshapeParams: layer_sizes must be positive integers, got \[3 4.5 2\]>
%! reshapeParams(zeros(26, 1), [3 4.5 2])
%!error <reshapeParams: layer_sizes must list at least 2 layer sizes, got \[5\]> reshapeParams(1, 5)
%!error <reshapeParams: nn_params must be real> reshapeParams(complex(zeros(13, 1)), [1 2 3])
%!assert (reshapeParams(sparse((1:13)'), [1 2 3]), reshapeParams((1:13)', [1 2 3]))
