function [nn_params, cost_history, info] = trainNN(X, y, layer_sizes, lambda, options)
%TRAINNN Train a network of any depth with fmincg or momentum gradient descent.
%   [nn_params, cost_history] = trainNN(X, y, layer_sizes, lambda)
%   [nn_params, cost_history, info] = trainNN(X, y, layer_sizes, lambda, options)
%
%   X           : m x s1 training examples, one per row.
%   y           : m-vector of labels 1..K (digit 0 is label 10).
%   layer_sizes : [s1 s2 ... sL], e.g. [64 25 10].
%   lambda      : regularization strength >= 0.
%   options     : optional struct with any of the fields
%                   MaxIter       iterations (default 50)
%                   Method        a name of the method table: 'fmincg'
%                                 (default) or 'momentum', any case
%                   InitialParams start column [Theta1(:); Theta2(:); ...]
%                                 (default: randInitializeWeights per layer)
%                   LearningRate  momentum only: step size (default 0.5)
%                   Momentum      momentum only: coefficient (default 0.8)
%                   activation    hidden activation for nnCost (default 'sigmoid')
%                   output        output layer for nnCost (default 'sigmoid')
%                   CostFunction  a handle with the course's signature,
%                                 [J, grad] = f(nn_params, s1, s2, K, X, y,
%                                 lambda), trained in place of nnCost (a
%                                 student's nnCostFunction: 3 layer sizes)
%                 optimset('MaxIter', 50) works too: empty fields are
%                 skipped; other unknown fields are an error.
%   nn_params    : trained column, unrolled like nnCost's nn_params.
%   cost_history : column of the cost after each iteration.
%   info         : struct with fields nit, nfev, status, message, fun
%                  (the optimizer's; see fmincg and momentumDescent) and
%                  initial_params (the start column).
%
%   The data, sizes, lambda and options are validated once, here; every
%   evaluation inside the optimizer then unpacks the parameters and calls
%   costAndGradient directly, checking nothing (like Python's NNCost): the
%   numbers are those of nnCost, bit for bit. Given the same InitialParams,
%   the Python twin nnvec.train follows the same trajectory.
%
%   See also: fmincg, momentumDescent, nnCost, nnPredict, randInitializeWeights
%   (Python: nnvec.train).

if nargin < 4
  error('nnvec:badInput', ...
        'trainNN: needs 4 or 5 inputs (X, y, layer_sizes, lambda[, options]), got %d', nargin);
end
if nargin < 5
  options = struct();
end
fname = 'trainNN';
[maxIter, method, p0, optimOpts, costOpts, costFunction] = readOptions(options, fname);
[sizes, X, Y, lambda, activation, output] = checkCostInputs(layer_sizes, X, y, lambda, ...
                                                            costOpts, fname);
if isempty(p0)
  Thetas = cell(1, numel(sizes) - 1);
  for l = 1:numel(sizes) - 1
    Thetas{l} = randInitializeWeights(sizes(l), sizes(l + 1));
  end
  p0 = unrollParams(Thetas);
else
  p0 = checkParams(p0, sizes, fname, 'InitialParams');
end
p0 = cast(p0, class(X));  % a single X trains single parameters (Python: train's dtype)

if isempty(costFunction)
  shapes = paramShapes(sizes);
  f = @(p) costAndGradient(unpackParams(p, shapes), X, Y, lambda, activation, output);
else
  f = studentCost(costFunction, sizes, X, y, lambda, costOpts, fname);
end
optimOpts.MaxIter = maxIter;
optimizers = methodTable();
minimize = optimizers.(method);
[nn_params, cost_history, nit, info] = minimize(f, p0, optimOpts);
if isempty(cost_history)
  fun = f(p0);
else
  fun = cost_history(end);
end
info = struct('nit', nit, 'nfev', info.nfev, 'status', info.status, 'message', info.message, ...
              'fun', fun, 'initial_params', p0);
end

function [maxIter, method, p0, optimOpts, costOpts, costFunction] = readOptions(options, fname)
% Split options into the iteration count, the method, the start vector, the
% optimizer's own options and nnCost's options.
maxIter = 50;
method = 'fmincg';
p0 = [];
optimOpts = struct();
costOpts = struct();
costFunction = [];
options = optionFields(options, fname);
names = fieldnames(options);
for k = 1:numel(names)
  value = options.(names{k});
  switch names{k}
    case 'MaxIter'
      maxIter = checkInt(value, 'MaxIter', fname, 1);
    case 'Method'
      method = checkName(value, methodTable(), 'Method', fname, true);
    case 'InitialParams'
      p0 = value;
    case {'LearningRate', 'Momentum'}
      optimOpts.(names{k}) = value;
    case {'activation', 'output'}
      costOpts.(names{k}) = value;
    case 'CostFunction'
      costFunction = value;
    otherwise
      error('nnvec:badOption', ...
            ['%s: unknown option ''%s''; valid options are MaxIter, Method, InitialParams, ' ...
             'LearningRate, Momentum, activation, output, CostFunction'], fname, names{k});
  end
end
if ~strcmp(method, 'momentum') && ~isempty(fieldnames(optimOpts))
  error('nnvec:badOption', '%s: LearningRate and Momentum apply to Method ''momentum'' only', ...
        fname);
end
end

function f = studentCost(costFunction, sizes, X, y, lambda, costOpts, fname)
% The course-signature handle as fmincg's cost, its outputs checked (checkedCostCall).
if ~isa(costFunction, 'function_handle')
  error('nnvec:badInput', ['%s: CostFunction must be a function handle with the signature ' ...
                           '(nn_params, input_layer_size, hidden_layer_size, num_labels, ' ...
                           'X, y, lambda) -> [J, grad], got %s'], fname, describeValue(costFunction));
end
if numel(sizes) ~= 3
  error('nnvec:badInput', ['%s: layer_sizes must hold 3 sizes when CostFunction is given ' ...
                           '(input, hidden, output), got %s'], fname, mat2str(sizes));
end
if ~isempty(fieldnames(costOpts))
  error('nnvec:badOption', '%s: activation and output choose nnCost, not a CostFunction', fname);
end
y = double(y(:));
f = @(p) checkedCostCall(costFunction, p, sizes, X, y, lambda, fname);
end

%!shared X, y
%! % Two well-separated classes in 2-D.
%! X = [0.1 0.2; 0.2 0.1; 0.15 0.15; 0.9 0.8; 0.8 0.9; 0.85 0.85];
%! y = [1; 1; 1; 2; 2; 2];
%!test
%! [p, J, info] = trainNN(X, y, [2 3 2], 0, struct('MaxIter', 30));
%! assert (size(p), [17 1]);
%! assert (numel(J), info.nit);
%! assert (J(end) < J(1));
%! assert (nnPredict(p, [2 3 2], X), y);
%! assert (size(info.initial_params), [17 1]);
%!test
%! % Same start, same options: the same run (deterministic given InitialParams).
%! p0 = unrollParams({debugInitializeWeights(3, 2), debugInitializeWeights(2, 3)});
%! opts = struct('MaxIter', 5, 'InitialParams', p0);
%! [p1, J1] = trainNN(X, y, [2 3 2], 0.1, opts);
%! [p2, J2] = trainNN(X, y, [2 3 2], 0.1, opts);
%! assert (isequal(p1, p2) && isequal(J1, J2));
%! % ... which is fmincg on nnCost (validating every call), bit for bit.
%! [q, fX, i, info] = fmincg(@(t) nnCost(t, [2 3 2], X, y, 0.1), p0, struct('MaxIter', 5));
%! assert (isequal (p1, q) && isequal (J1, fX));
%!test
%! p0 = unrollParams({debugInitializeWeights(3, 2), debugInitializeWeights(2, 3)});
%! opts = struct('MaxIter', 40, 'Method', 'momentum', 'InitialParams', p0, ...
%!               'LearningRate', 1, 'Momentum', 0.5, 'activation', 'tanh');
%! [p, J, info] = trainNN(X, y, [2 3 2], 0, opts);
%! assert (info.nit, 40);
%! assert (J(end) < J(1));
%! [q, fX] = momentumDescent(@(t) nnCost(t, [2 3 2], X, y, 0, struct('activation', 'tanh')), ...
%!                           p0, struct('MaxIter', 40, 'LearningRate', 1, 'Momentum', 0.5));
%! assert (isequal (p, q) && isequal (J, fX));
%!test
%! % The course's optimset('MaxIter', n): its empty fields are skipped.
%! [p, J, info] = trainNN(X, y, [2 3 2], 0, optimset('MaxIter', 3));
%! assert (info.nit, 3);
%!error <trainNN: Method must be one of .*, got 'sgd'> ...
%! trainNN(X, y, [2 3 2], 0, struct('Method', 'sgd'))
%!error <trainNN: Method must be one of .*, got a cell of size 1x1> ...
%! trainNN(X, y, [2 3 2], 0, struct('Method', {{'fmincg'}}))
%!error <trainNN: activation must be one of .*, got 'elu'> ...
%! trainNN(X, y, [2 3 2], 0, struct('activation', 'elu'))
%!test
%! % Method in any case, as Python's method=.
%! [p, J, info] = trainNN(X, y, [2 3 2], 0, struct('MaxIter', 2, 'Method', 'MOMENTUM'));
%! assert (info.nit, 2);
%!error <trainNN: unknown option 'maxiter'> trainNN(X, y, [2 3 2], 0, struct('maxiter', 3))
%!error <trainNN: lambda must be a finite real scalar .= 0, got -1> trainNN(X, y, [2 3 2], -1)
%!error <trainNN: InitialParams must have 17 elements for layer sizes \[2 3 2\], got 5> ...
%! trainNN(X, y, [2 3 2], 0, struct('InitialParams', zeros(5, 1)))
%!error <trainNN: MaxIter must be a positive integer, got 0> ...
%! trainNN(X, y, [2 3 2], 0, struct('MaxIter', 0))
%!error <trainNN: MaxIter must be a positive integer, got Inf> ...
%! trainNN(X, y, [2 3 2], 0, struct('MaxIter', Inf))
%!error <trainNN: InitialParams must be numeric, got text> ...
%! trainNN(X, y, [2 3 2], 0, struct('InitialParams', repmat('a', 17, 1)))
%!error <trainNN: InitialParams must be real> ...
%! trainNN(X, y, [2 3 2], 0, struct('InitialParams', complex(zeros(17, 1))))
%!test
%! % Sparse start vector and data train as the dense ones.
%! p0 = 0.1 * sin((1:17)');
%! o = struct('MaxIter', 3, 'InitialParams', p0);
%! os = struct('MaxIter', 3, 'InitialParams', sparse(p0));
%! assert (trainNN(sparse(X), y, [2 3 2], 0, os), trainNN(X, y, [2 3 2], 0, o), 1e-12);
%!error <apply to Method 'momentum' only> trainNN(X, y, [2 3 2], 0, struct('LearningRate', 1))
%!test
%! % Bit for bit the old path, which reshaped (and checked) the parameters at
%! % every evaluation: fmincg on costAndGradient(reshapeParams(...)), on a
%! % softmax network with three layers of weights and lambda > 0.
%! sizes = [2 4 3 2];
%! p0 = unrollParams({debugInitializeWeights(4, 2), debugInitializeWeights(3, 4), ...
%!                    debugInitializeWeights(2, 3)});
%! opts = struct('activation', 'tanh', 'output', 'softmax');
%! [p, J, info] = trainNN(X, y, sizes, 0.3, struct('MaxIter', 8, 'InitialParams', p0, ...
%!                                                 'activation', 'tanh', 'output', 'softmax'));
%! [q, fX, i, qinfo] = fmincg(@(t) nnCost(t, sizes, X, y, 0.3, opts), p0, struct('MaxIter', 8));
%! assert (isequal (p, q) && isequal (J, fX) && info.nfev == qinfo.nfev);
%!test
%! % CostFunction: fmincg trains the given handle; nnvec's own course function
%! % gives nnvec's trajectory (a student's buggy one: tests/test_kit_layouts.py).
%! p0 = unrollParams({debugInitializeWeights(3, 2), debugInitializeWeights(2, 3)});
%! opts = struct('MaxIter', 5, 'InitialParams', p0);
%! [p1, J1] = trainNN(X, y, [2 3 2], 1, opts);
%! opts.CostFunction = @nnCostFunction;
%! [p2, J2] = trainNN(X, y, [2 3 2], 1, opts);
%! assert (p2, p1, 1e-12);
%! assert (J2, J1, 1e-12);
%!error <trainNN: CostFunction must be a function handle .*, got 'nnCostFunction'> ...
%! trainNN(X, y, [2 3 2], 0, struct('CostFunction', 'nnCostFunction'))
%!error <trainNN: layer_sizes must hold 3 sizes when CostFunction is given .*, got \[2 3 3 2\]> ...
%! trainNN(X, y, [2 3 3 2], 0, struct('CostFunction', @nnCostFunction))
%!error <trainNN: costFunction .* must return \[J, grad\]> ...
%! trainNN(X, y, [2 3 2], 0, struct('CostFunction', @(varargin) deal(1, [1 2])))
%!test
%! % A single X trains single parameters through fmincg, to the same labels.
%! [p, J] = trainNN(single(X), y, [2 3 2], 0, struct('MaxIter', 30));
%! assert (class(p), 'single');
%! assert (J(end) < J(1));
%! assert (nnPredict(double(p), [2 3 2], X), y);
