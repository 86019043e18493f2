function [X, fX, i, info] = momentumDescent(f, X, options)
%MOMENTUMDESCENT Minimize f by gradient descent with (heavy-ball) momentum.
%   [X, fX, i] = momentumDescent(f, X)
%   [X, fX, i, info] = momentumDescent(f, X, options)
%
%   f       : handle, [J, grad] = f(X), e.g. @(p) nnCost(p, sizes, X, y, lambda).
%   X       : start point, a column vector of N parameters.
%   options : optional struct with the fields
%               MaxIter      number of iterations (default 100)
%               LearningRate step size alpha > 0 (default 0.5)
%               Momentum     coefficient mu in [0, 1) (default 0.8)
%               Display      'iter' prints "Iteration %4i | Cost: %4.6e"
%                            after every iteration, as fmincg does; 'off'
%                            (the default) prints nothing
%             Empty fields (as optimset leaves them) are skipped; other
%             unknown fields are an error.
%   X       : the last iterate (a column).
%   fX      : column of the cost after each iteration (like fmincg's fX).
%   i       : number of iterations done.
%   info    : struct with fields fun (the last cost), nfev, status (0: MaxIter
%             reached; 1: the cost or gradient became NaN/Inf and the last
%             finite iterate is returned; 2: diverging, the cost grew to more
%             than 1e6 times its value at the start, and the iterate that did
%             so is returned) and message. 1 and 2 mean the run failed.
%
%   The divergence rule (the same in Python's nnvec.optim.momentum.diverged):
%   stop with status 2 when J > 1e6 * max(J0, 0), J0 the cost at the start.
%
%   With v_0 = 0 and g_k = grad f(x_k), each iteration does
%       v = mu * v - alpha * g;   x = x + v;
%   in this order, like the Python twin, so both trace the same trajectory.
%
%   See also: fmincg, trainNN (Python: nnvec.momentum_descent).

if nargin < 2
  error('nnvec:badInput', 'momentumDescent: needs 2 or 3 inputs (f, X[, options]), got %d', ...
        nargin);
end
if nargin < 3
  options = struct();
end
fname = 'momentumDescent';
if ~isa(f, 'function_handle')
  error('nnvec:badInput', 'momentumDescent: f must be a function handle, got a %s', class(f));
end
if ~isnumeric(X) || ~isreal(X) || ~isvector(X)
  error('nnvec:badInput', ...
        'momentumDescent: X must be a finite real vector, got a %s of size %s', ...
        class(X), formatShape(size(X)));
end
X = double(full(X(:)));
checkFinite(X, 'X', fname);
[maxIter, alpha, mu, display] = readOptions(options, fname);

[J, g] = f(X);
nfev = 1;
if ~(isfinite(J) && all(isfinite(g(:))))
  error('nnvec:notFinite', ...
        'momentumDescent: the cost or gradient at X is not finite, got J = %s', formatNumber(J));
end
J0 = J;
v = zeros(size(X));
fX = zeros(0, 1);
status = 0;
i = 0;
while i < maxIter
  v = mu * v - alpha * g(:);
  Xnew = X + v;
  [Jnew, gnew] = f(Xnew);
  nfev = nfev + 1;
  if ~(isfinite(Jnew) && all(isfinite(gnew(:))))
    status = 1;
    break
  end
  i = i + 1;
  X = Xnew;
  J = Jnew;
  g = gnew;
  fX(i, 1) = J;
  if display
    fprintf('Iteration %4i | Cost: %4.6e\n', i, J);
  end
  if J > 1e6 * max(J0, 0)
    status = 2;
    break
  end
end
messages = {'Maximum number of iterations reached.', ...
            'Stopped: the cost or its gradient is not finite (try a smaller LearningRate).', ...
            ['Stopped: diverging, the cost grew to more than 1e+06 times its initial value ' ...
             '(try a smaller learning rate).']};
info = struct('fun', J, 'nfev', nfev, 'status', status, 'message', messages{status + 1});
end

function [maxIter, alpha, mu, display] = readOptions(options, fname)
% Defaults, then the fields of options; unknown fields are an error.
maxIter = 100;
alpha = 0.5;
mu = 0.8;
display = false;
options = optionFields(options, fname);
names = fieldnames(options);
for k = 1:numel(names)
  value = options.(names{k});
  switch names{k}
    case 'MaxIter'
      maxIter = checkInt(value, 'MaxIter', fname, 0);
    case 'LearningRate'
      alpha = checkOption(value, isfinite(value) && value > 0, ...
                          'LearningRate must be a finite scalar > 0', fname);
    case 'Momentum'
      mu = checkOption(value, value >= 0 && value < 1, ...
                       'Momentum must be a scalar in [0, 1)', fname);
    case 'Display'
      if ~ischar(value) || ~any(strcmp(value, {'iter', 'off', 'none', 'final', 'notify'}))
        error('nnvec:badOption', ...
              '%s: Display must be ''iter'', ''off'', ''none'', ''final'' or ''notify'', got %s', ...
              fname, describeValue(value));
      end
      display = strcmp(value, 'iter');
    otherwise
      error('nnvec:badOption', ...
            '%s: unknown option ''%s''; valid options are MaxIter, LearningRate, Momentum, Display', ...
            fname, names{k});
  end
end
end

function value = checkOption(value, ok, rule, fname)
% A real numeric scalar for which ok holds, as a double; else the error "fname: rule, got value".
if ~isnumeric(value) || ~isscalar(value) || ~isreal(value) || ~ok
  error('nnvec:badOption', '%s: %s, got %s', fname, rule, describeValue(value));
end
value = double(value);
end

%!test
%! % A quadratic bowl: converges to its minimum at the origin.
%! A = [3 1; 1 2];
%! f = @(x) deal(0.5 * x' * A * x, A * x);
%! opts = struct('MaxIter', 300, 'LearningRate', 0.1, 'Momentum', 0.5);
%! [x, fX, i, info] = momentumDescent(f, [4; -3], opts);
%! assert (i, 300);
%! assert (size(fX), [300 1]);
%! assert (norm(x) < 1e-10);
%! assert (info.status, 0);
%! assert (info.nfev, 301);
%!test
%! % One step by hand: v1 = -alpha * g0, x1 = x0 + v1; then v2 = mu * v1 - alpha * g1.
%! f = @(x) deal(sum(x .^ 2), 2 * x);
%! opts = struct('MaxIter', 2, 'LearningRate', 0.25, 'Momentum', 0.5);
%! [x, fX] = momentumDescent(f, [1; 2], opts);
%! v1 = -0.25 * [2; 4];
%! x1 = [1; 2] + v1;
%! v2 = 0.5 * v1 - 0.25 * 2 * x1;
%! assert (x, x1 + v2);
%! assert (fX, [sum(x1 .^ 2); sum((x1 + v2) .^ 2)]);
%!test
%! % A step that overflows stops the run and keeps the last finite iterate.
%! f = @(x) deal(exp(x' * x), 2 * x * exp(x' * x));
%! [x, fX, i, info] = momentumDescent(f, [10; 10], struct('MaxIter', 5));
%! assert (i, 0);
%! assert (x, [10; 10]);
%! assert (info.status, 1);
%!test
%! % A step size far too large: the cost grows by orders of magnitude, status 2.
%! f = @(x) deal(x' * x, 2 * x);
%! [x, fX, i, info] = momentumDescent(f, [1; 1], struct('MaxIter', 50, 'LearningRate', 100));
%! assert (info.status, 2);
%! assert (fX(end) > 1e6 * 2);
%! assert (all(fX(1:end - 1) <= 1e6 * 2));
%! assert (i < 50);
%! assert (strncmp(info.message, 'Stopped: diverging, the cost grew', 33));
%!shared f
%! f = @(x) deal(x' * x, 2 * x);
%!error <momentumDescent: Momentum must be a scalar in \[0, 1\), got 1> ...
%! momentumDescent(f, 1, struct('Momentum', 1))
%!error <momentumDescent: LearningRate must be a finite scalar . 0, got -1> ...
%! momentumDescent(f, 1, struct('LearningRate', -1))
%!error <momentumDescent: unknown option 'maxiter'> momentumDescent(f, 1, struct('maxiter', 3))
%!error <momentumDescent: f must be a function handle> momentumDescent(3, 1)
%!error <momentumDescent: MaxIter must be a non-negative integer, got Inf> ...
%! momentumDescent(f, 1, struct('MaxIter', Inf))
%!error <momentumDescent: X must be a finite real vector, got a cell> momentumDescent(f, {'a'})
%!error <momentumDescent: X must be a finite real vector, got a char> momentumDescent(f, 'a')
%!test
%! % A sparse start vector runs as the dense one.
%! assert (momentumDescent(f, sparse([1; 2])), momentumDescent(f, [1; 2]));
%!error <momentumDescent: X must be finite \(no NaN or Inf\), got NaN at index 2> ...
%! momentumDescent(f, [1; NaN])
%!test
%! % Display 'iter' prints one line per iteration in fmincg's format.
%! out = evalc ('momentumDescent(f, 1, struct(''MaxIter'', 2, ''Display'', ''iter''));');
%! assert (numel(strfind(out, 'Iteration ')), 2);
%! assert (~isempty(regexp(out, 'Iteration    2 \| Cost: \d\.\d{6}e[+-]\d\d', 'once')));
%! assert (isempty(evalc ('momentumDescent(f, 1, struct(''MaxIter'', 2));')));
%!error <MaxIter must be a non-negative integer, got 2.5> ...
%! momentumDescent(f, 1, struct('MaxIter', 2.5))
