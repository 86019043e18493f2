function shapes = paramShapes(layer_sizes)
%PARAMSHAPES Sizes [s_{l+1}, s_l + 1] of Theta_1 .. Theta_{L-1}, one row each.
%   shapes = paramShapes(layer_sizes)
%
%   layer_sizes : [s1 s2 ... sL].   shapes : (L-1) x 2, bias column counted.
%
%   See also: reshapeParams, unrollParams (Python: param_shapes).

s = layer_sizes(:);
shapes = [s(2:end), s(1:end - 1) + 1];
end

%!assert (paramShapes([400 25 10]), [25 401; 10 26])   % the course's network
%!assert (paramShapes([3; 5; 4; 2]), [5 4; 4 6; 2 5])
