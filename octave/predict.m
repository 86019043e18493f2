function p = predict(Theta1, Theta2, X)
%PREDICT The course's label prediction of a trained three-layer network.
%   p = predict(Theta1, Theta2, X)
%
%   Theta1 : hidden x (n + 1).   Theta2 : K x (hidden + 1).   X : m x n.
%   p      : m x 1 labels 1..K (digit 0 is label 10).
%
%   See also: nnPredict (Python: nnvec.predict).

if nargin ~= 3
  error('nnvec:badInput', 'predict: needs 3 inputs (Theta1, Theta2, X), got %d', nargin);
end
fname = 'predict';
checkNumeric(Theta1, 'Theta1', fname);
checkNumeric(Theta2, 'Theta2', fname);
if ndims(Theta1) ~= 2 || size(Theta1, 2) < 2 || size(Theta1, 1) < 1
  error('nnvec:badShape', 'predict: Theta1 must be a 2-D matrix with a bias column, got shape %s', ...
        formatShape(size(Theta1)));
end
if ndims(Theta2) ~= 2
  error('nnvec:badShape', 'predict: Theta2 must be a 2-D matrix, got shape %s', ...
        formatShape(size(Theta2)));
end
if size(Theta2, 2) ~= size(Theta1, 1) + 1
  error('nnvec:badShape', ...
        'predict: Theta2 must have size(Theta1, 1) + 1 = %d columns, got %d', ...
        size(Theta1, 1) + 1, size(Theta2, 2));
end
checkFinite(Theta1, 'Theta1', fname);
checkFinite(Theta2, 'Theta2', fname);
X = checkX(X, size(Theta1, 2) - 1, fname);
p = outputLabels({double(full(Theta1)), double(full(Theta2))}, X, 'sigmoid', 'sigmoid', fname);
end

%!test
%! % The course's textbook form: h2 = sigmoid([1 h1] Theta2'), label = argmax.
%! T1 = debugInitializeWeights(4, 3);
%! T2 = debugInitializeWeights(5, 4);
%! X = debugInitializeWeights(7, 2);
%! h1 = sigmoid([ones(7, 1) X] * T1');
%! [~, expected] = max(sigmoid([ones(7, 1) h1] * T2'), [], 2);
%! assert (predict(T1, T2, X), expected);
%!test
%! % Sparse Thetas predict as the dense ones.
%! T1 = debugInitializeWeights(4, 3);
%! T2 = debugInitializeWeights(5, 4);
%! X = debugInitializeWeights(7, 2);
%! assert (predict(sparse(T1), sparse(T2), X), predict(T1, T2, X));
%!error <predict: Theta2 must have .* = 5 columns, got 4> predict(ones(4, 3), ones(2, 4), ones(1, 2))
%!error <predict: Theta2 must be a 2-D matrix, got shape 2x5x2> predict(ones(4, 3), ones(2, 5, 2), ones(1, 2))
