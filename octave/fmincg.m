function [X, fX, i, info] = fmincg(f, X, options)
%FMINCG Minimize a smooth function by Polak-Ribiere conjugate gradients.
%   [X, fX, i] = fmincg(f, X0)
%   [X, fX, i] = fmincg(f, X0, options)
%   [X, fX, i, info] = fmincg(...)
%
%   The course's interface, our own implementation (written from Nocedal &
%   Wright, not from the course's file).
%
%   f       : function handle, [J, grad] = f(X): real scalar cost J and its
%             gradient grad with numel(X0) elements.
%   X0      : start vector, n x 1 (any real finite vector; used as X0(:)).
%   options : optional struct, e.g. struct('MaxIter', 50) or
%             optimset('MaxIter', 50). Fields:
%               MaxIter : positive integer, iterations to run (default 100
%                         when options, or the field, is missing or empty).
%               Display : 'iter' prints "Iteration %4i | Cost: %4.6e" after
%                         every iteration; 'off' (default), 'none', 'final'
%                         and 'notify' print nothing.
%             Other non-empty fields are an error ('nnvec:badOption'),
%             so that a misspelt name (Maxiter) is not silently ignored.
%   X       : n x 1, the best point found (every step lowers the cost).
%   fX      : i x 1, the cost after each iteration (the course's fX).
%   i       : number of iterations done (= numel(fX)).
%   info    : struct with fields
%               nfev    : number of calls to f, the first one included.
%               status  : why the run ended:
%                 0 = reached MaxIter,
%                 1 = the line search failed twice in a row (no strong
%                     Wolfe point found, so no further progress can be made),
%                 2 = the gradient is zero (dot(g, g) == 0): converged,
%                 3 = non-finite cost or gradient (at X0, or at every trial
%                     step of the last line search).
%               message : the reason, as text.
%
%   Algorithm. Nonlinear conjugate gradients with the Polak-Ribiere+ choice
%     beta = max(0, dot(g1 - g0, g1) / dot(g0, g0)),   d = -g1 + beta*d
%   (Nocedal & Wright, Numerical Optimization, 2nd ed., Sec. 5.2, eq. 5.44-5.45),
%   restarted with steepest descent d = -g1 whenever d is not a descent
%   direction (dot(g1, d) >= 0) or the previous line search failed. Each step
%   length comes from a line search for the strong Wolfe conditions
%     f(x + a*d) <= f(x) + c1*a*dot(g, d),   |dot(g(x + a*d), d)| <= c2*|dot(g, d)|
%   with c1 = 1e-4 and c2 = 0.1 (the values N&W recommend for nonlinear CG),
%   done as in N&W Algorithm 3.5 (bracketing) and 3.6 (zoom):
%   - extrapolation: cubic interpolation of the last two points, the step
%     growing by a factor in [1.1, 3] per trial;
%   - zoom: cubic interpolation (N&W eq. 3.59) of the bracket ends, else
%     quadratic interpolation, else bisection; the trial is kept within the
%     inner 80% of the bracket (safeguard 0.1);
%   - a non-finite cost or gradient at a trial step counts as "step too
%     long": it closes the bracket and the next trial bisects;
%   - at most 20 calls to f per line search.
%   First trial step min(1, 1/norm(g)); later ones a_prev*dot(g0, d0)/dot(g1, d1)
%   (N&W eq. 3.60). A failed line search keeps its best sufficient-decrease
%   point (if any) as an iteration, then restarts with steepest descent; a
%   second failure in a row ends the run (status 1).
%
%   The Python twin nnvec.fmincg does the same arithmetic in the same order
%   (inner products as dot(a, b), i.e. BLAS ddot, like numpy's np.dot; not
%   as g'*g, which Octave computes with a different BLAS routine when both
%   operands are the same variable), the same branches, so from the same
%   start on the same function both follow the same trajectory.
%
%   Bad input raises error('nnvec:badInput', 'fmincg: <rule>, got <value>').
%
%   Example:
%     [p, fX] = fmincg(@(t) nnCost(t, sizes, X, y, lambda), p0, struct('MaxIter', 50));
%
%   See also: nnCost, nnCostFunction, fminunc (Python: nnvec.fmincg).

if nargin < 2 || nargin > 3
  error('nnvec:badInput', 'fmincg: needs 2 or 3 inputs (f, X0[, options]), got %d', nargin);
end
if ~isa(f, 'function_handle')
  error('nnvec:badInput', 'fmincg: f must be a function handle returning [J, grad], got a %s', ...
        class(f));
end
if ~(isnumeric(X) || islogical(X)) || ~isreal(X) || isempty(X) || ~isvector(X)
  error('nnvec:badInput', 'fmincg: X0 must be a non-empty real vector, got a %s of size %s', ...
        class(X), mat2str(size(X)));
end
bad = find(~isfinite(X), 1);
if ~isempty(bad)
  error('nnvec:badInput', 'fmincg: X0 must be finite (no NaN or Inf), got %s at index %d', ...
        formatNumber(X(bad)), bad);
end
checkDeclaredOutputs(f);
% A single X0 stays single: the iterates, directions and gradients are then
% single (the line search's scalars double), as in the Python twin.
if isa(X, 'single')
  X = X(:);
else
  X = double(X(:));
end
n = numel(X);
maxIter = 100;
display = false;
if nargin == 3 && ~isempty(options)
  [maxIter, display] = readOptions(options, maxIter, display);
end

[f1, g1] = evaluate(f, X, n);
nfev = 1;
i = 0;
fX = zeros(0, 1);
status = -1;
message = '';
if ~(isfinite(f1) && all(isfinite(g1)))
  status = 3;
  message = statusMessage(3, maxIter);
else
  gg = dot(g1, g1);
  if gg == 0
    status = 2;
    message = statusMessage(2, maxIter);
  else
    d = -g1;
    dphi = -gg;
    a = firstStep(gg);
  end
end
failed = false;
while status < 0 && i < maxIter
  search = lineSearch(f, X, d, f1, g1, dphi, a, n);
  nfev = nfev + search.nev;
  if search.a > 0
    X = search.x;
    g0 = g1;
    f1 = search.f;
    g1 = search.g;
    i = i + 1;
    fX(i, 1) = f1;
    if display
      fprintf('Iteration %4i | Cost: %4.6e\n', i, f1);
    end
  end
  gg = dot(g1, g1);
  if ~search.ok && failed
    if search.nfinite == 0
      status = 3;
      message = statusMessage(3, maxIter);
    else
      status = 1;
      message = statusMessage(1, maxIter);
    end
  elseif gg == 0
    status = 2;
    message = statusMessage(2, maxIter);
  elseif search.ok
    beta = dot(g1 - g0, g1) / dot(g0, g0);
    if ~(beta > 0)
      beta = 0;
    end
    d = -g1 + beta * d;
    dphiNew = dot(g1, d);
    if ~(dphiNew < 0)
      d = -g1;
      dphiNew = -gg;
    end
    a = search.a * dphi / dphiNew;
    if ~(isfinite(a) && a > 0)
      a = firstStep(gg);
    end
    dphi = dphiNew;
    failed = false;
  else
    d = -g1;
    dphi = -gg;
    a = firstStep(gg);
    failed = true;
  end
end
if status < 0
  status = 0;
  message = statusMessage(0, maxIter);
end
info = struct('nfev', nfev, 'status', status, 'message', message);
end

function a = firstStep(gg)
% First trial step: a unit-length step, but never more than a = 1.
a = min(1, 1 / sqrt(gg));
end

function search = lineSearch(f, X, d, f0, g0, dphi0, a, n)
% Strong Wolfe line search along d from X (N&W Algorithms 3.5 and 3.6).
% Each trial point is a struct from point(): step a, x = X + a*d, cost f,
% gradient g, slope dphi = dot(g, d). lo is the best point so far that
% meets sufficient decrease (a = 0 at the start); once bracketed, the step
% that satisfies the strong Wolfe conditions lies between lo and hi (either
% order); prev is the lo before the last, for extrapolation.
% search: lo's a, x, f and g, with ok (lo meets the strong Wolfe
% conditions), nev (calls to f) and nfinite (calls that gave a finite cost
% and gradient). Python twin: _line_search.
C1 = 1e-4;
C2 = 0.1;
EXT = 3;
MINEXT = 1.1;
SAFE = 0.1;
MAXEV = 20;
lo = point(0, X, f0, g0, dphi0);
hi = point(0, X, NaN, g0, NaN);
prev = lo;
bracketed = false;
ok = false;
nev = 0;
nfinite = 0;
while nev < MAXEV
  xa = X + a * d;
  [fa, ga] = evaluate(f, xa, n);
  nev = nev + 1;
  if ~(isfinite(fa) && all(isfinite(ga)))
    bracketed = true;
    hi = point(a, xa, NaN, ga, NaN);
  else
    nfinite = nfinite + 1;
    dphia = dot(ga, d);
    if fa > f0 + C1 * a * dphi0 || fa >= lo.f
      bracketed = true;
      hi = point(a, xa, fa, ga, dphia);
    elseif abs(dphia) <= -C2 * dphi0
      ok = true;
      lo = point(a, xa, fa, ga, dphia);
      break
    else
      prev = lo;
      if bracketed
        if dphia * (hi.a - lo.a) >= 0
          hi = lo;
        end
      elseif dphia >= 0
        bracketed = true;
        hi = lo;
      end
      lo = point(a, xa, fa, ga, dphia);
    end
  end
  if bracketed
    w = hi.a - lo.a;
    t = 0.5;
    if isfinite(hi.f)
      aNew = cubicMin(lo.a, lo.f, lo.dphi, hi.a, hi.f, hi.dphi);
      if ~isfinite(aNew)
        aNew = quadMin(lo.a, lo.f, lo.dphi, hi.a, hi.f);
      end
      if w ~= 0
        t = (aNew - lo.a) / w;
      end
      if ~isfinite(t)
        t = 0.5;
      end
      t = min(max(t, SAFE), 1 - SAFE);
    end
    a = lo.a + t * w;
    if a == lo.a || a == hi.a
      break
    end
  else
    aNew = cubicMin(prev.a, prev.f, prev.dphi, lo.a, lo.f, lo.dphi);
    if ~isfinite(aNew) || aNew <= lo.a
      a = EXT * lo.a;
    else
      a = min(max(aNew, MINEXT * lo.a), EXT * lo.a);
    end
  end
end
search = struct('ok', ok, 'a', lo.a, 'x', lo.x, 'f', lo.f, 'g', lo.g, ...
                'nev', nev, 'nfinite', nfinite);
end

function p = point(a, x, f, g, dphi)
% A trial point of the line search: step a, x = X + a*d, cost f, gradient g,
% slope dphi = dot(g, d). Python twin: _Point.
p = struct('a', a, 'x', x, 'f', f, 'g', g, 'dphi', dphi);
end

function aMin = cubicMin(a0, f0, d0, a1, f1, d1)
% Minimizer of the cubic through (a0, f0, slope d0) and (a1, f1, slope d1),
% N&W eq. (3.59); NaN when it does not exist. Python twin: _cubic_min.
aMin = NaN;
if a1 == a0
  return
end
theta1 = d0 + d1 - 3 * (f0 - f1) / (a0 - a1);
rad = theta1 * theta1 - d0 * d1;
if ~(rad >= 0)
  return
end
theta2 = sqrt(rad);
if a1 < a0
  theta2 = -theta2;
end
den = d1 - d0 + 2 * theta2;
if den == 0
  return
end
aMin = a1 - (a1 - a0) * ((d1 + theta2 - theta1) / den);
end

function aMin = quadMin(a0, f0, d0, a1, f1)
% Minimizer of the quadratic through (a0, f0, slope d0) and (a1, f1); NaN
% when the quadratic is not convex. Python twin: _quad_min.
aMin = NaN;
h = a1 - a0;
den = 2 * (f1 - f0 - d0 * h);
if ~(den > 0)
  return
end
aMin = a0 - d0 * h * h / den;
end

function [J, grad] = evaluate(f, X, n)
% Call f and check what it returns. Python twin: _evaluate.
try
  [J, grad] = f(X);
catch err
  % f gave fewer than two outputs: an anonymous function of one expression
  % (@(t) t' * t) or a function that never sets its second output. Octave's
  % own words name neither fmincg nor the rule.
  % A built-in (@sin) has no nargout to ask beforehand: its own message names it.
  few = {'element number 2 undefined in return list', ...
         'invalid number of output arguments for constant expression'};
  if (isempty(err.identifier) && any(strcmp(err.message, few))) || ...
     (strcmp(err.identifier, 'Octave:invalid-fun-call') && ...
      strcmp(err.message, [func2str(f) ': function called with too many outputs']))
    oneOutput(1);
  end
  rethrow(err);
end
if ~(isnumeric(J) || islogical(J)) || ~isscalar(J) || ~isreal(J)
  error('nnvec:badInput', 'fmincg: f must return a real scalar cost J, got a %s of size %s', ...
        class(J), mat2str(size(J)));
end
if ~(isnumeric(grad) || islogical(grad)) || ~isreal(grad) || numel(grad) ~= n
  error('nnvec:badInput', ...
        'fmincg: f must return a real gradient with %d elements (one per element of X0), got %d', ...
        n, numel(grad));
end
J = double(J);
grad = cast(grad(:), class(X));
end

function checkDeclaredOutputs(f)
% A function declared with fewer than two outputs is refused before it runs
% (nargout is -1 for an anonymous function or varargout, and an error for a
% built-in: evaluate decides then).
declared = -1;
try
  declared = nargout(f);
catch
end
if declared == 0 || declared == 1
  oneOutput(declared);
end
end

function oneOutput(count)
% The error for an f with fewer than two outputs, the same text as Python's.
if count == 0
  got = 'no output';
else
  got = 'one output';
end
error('nnvec:badInput', ...
      'fmincg: f must return two outputs, the cost J and its gradient, got %s', got);
end

function message = statusMessage(status, maxIter)
% The text of each status, the same as Python's fmincg.STATUS_MESSAGES.
switch status
  case 0
    message = sprintf('reached the iteration limit (%d)', maxIter);
  case 1
    message = 'line search failed twice in a row: no further decrease found';
  case 2
    message = 'gradient is zero: converged';
  otherwise
    message = ['non-finite cost or gradient at the starting point or at every trial step ' ...
               'of the line search'];
end
end

function [maxIter, display] = readOptions(options, maxIter, display)
% MaxIter and Display from an options struct; other non-empty fields are an error.
if ~isstruct(options) || ~isscalar(options)
  error('nnvec:badInput', ...
        'fmincg: options must be a struct such as struct(''MaxIter'', 50), got %s', ...
        describeClass(options));
end
names = fieldnames(options);
for k = 1:numel(names)
  v = options.(names{k});
  if isempty(v)
    continue
  end
  switch names{k}
    case 'MaxIter'
      maxIter = checkInt(v, 'MaxIter', 'fmincg', 1);
    case 'Display'
      if ~ischar(v) || ~any(strcmp(v, {'iter', 'off', 'none', 'final', 'notify'}))
        error('nnvec:badInput', ...
              'fmincg: Display must be ''iter'', ''off'', ''none'', ''final'' or ''notify'', got %s', ...
              num2str(v));
      end
      display = strcmp(v, 'iter');
    otherwise
      % An error, not a warning: a misspelt MaxIter would otherwise run the default 100.
      error('nnvec:badOption', ...
            'fmincg: unknown option ''%s''; valid options are MaxIter, Display', names{k});
  end
end
end

%!shared A, b, fq, fr
%! A = [4 1 0 0 0; 1 5 1 0 0; 0 1 6 1 0; 0 0 1 7 1; 0 0 0 1 8];
%! b = [1; -2; 3; -4; 5];
%! fq = @(x) deal(0.5 * x' * A * x - b' * x, A * x - b);
%! fr = @(x) deal(100 * (x(2) - x(1)^2)^2 + (1 - x(1))^2, ...
%!                [-400 * x(1) * (x(2) - x(1)^2) - 2 * (1 - x(1)); 200 * (x(2) - x(1)^2)]);
%!test
%! % A convex quadratic: the minimum is A\b.
%! [x, fX, i, info] = fmincg(fq, zeros(5, 1), struct('MaxIter', 50));
%! assert (x, A \ b, -1e-10);
%! assert (numel(fX), i);
%! assert (any(info.status == [0 1 2]));
%!test
%! % Rosenbrock from the classic start (-1.2, 1): the minimum is (1, 1).
%! [x, fX, i, info] = fmincg(fr, [-1.2; 1], struct('MaxIter', 400));
%! assert (x, [1; 1], 1e-6);
%! assert (info.nfev >= i + 1);
%!test
%! % Every iteration lowers (or keeps) the cost; fX is a column, one per iteration.
%! [x, fX, i] = fmincg(fr, [-1.2; 1], optimset('MaxIter', 30));
%! assert (size(fX), [i 1]);
%! assert (all(diff(fX) <= 0));
%! [J0, g0] = fr([-1.2; 1]);
%! [Jx, gx] = fr(x);
%! assert (fX(1) < J0);
%! assert (fX(end), Jx);
%!test
%! % MaxIter is respected (status 0); options missing means 100 iterations.
%! [x, fX, i, info] = fmincg(fr, [-1.2; 1], struct('MaxIter', 3));
%! assert ([i, numel(fX), info.status], [3, 3, 0]);
%! % An ill-conditioned quadratic (condition number 1e6, n = 200) needs
%! % more than 100 iterations, so the default limit is what stops it.
%! D = logspace(0, 6, 200)';
%! fd = @(t) deal(0.5 * t' * (D .* t) - sum(t), D .* t - 1);
%! [x, fX, i, info] = fmincg(fd, zeros(200, 1));
%! assert ([i, info.status], [100, 0]);
%! [x2, fX2, i2, info2] = fmincg(fd, zeros(200, 1), struct('MaxIter', []));
%! assert (isequal(x2, x) && isequal(fX2, fX) && info2.nfev == info.nfev);
%!test
%! % A zero gradient at the start ends at once with status 2.
%! [x, fX, i, info] = fmincg(@(t) deal(1, zeros(size(t))), [1; 2]);
%! assert (x, [1; 2]);
%! assert ([i, numel(fX), info.nfev, info.status], [0, 0, 1, 2]);
%! assert (info.message, 'gradient is zero: converged');
%!test
%! % A NaN cost at the start ends at once with status 3.
%! [x, fX, i, info] = fmincg(@(t) deal(NaN, t), [1; 2]);
%! assert ([i, info.nfev, info.status], [0, 1, 3]);
%!test
%! % A cost that is NaN away from the origin (norm > 3): the line search
%! % backs off and the run still reaches the minimum at (2, 2).
%! fn = @(t) deal(sum((t - 2) .^ 2) + 0 / (norm(t) <= 3), 2 * (t - 2));
%! [x, fX, i, info] = fmincg(fn, [0.1; 0.2], struct('MaxIter', 20));
%! assert (x, [2; 2], 1e-8);
%! assert (all(isfinite(fX)));
%!test
%! % A cost that is NaN everywhere but at the start: the line search fails twice.
%! fn = @(t) deal(sum(t .^ 2) + 0 / all(t == [1; 1]), 2 * t);
%! [x, fX, i, info] = fmincg(fn, [1; 1]);
%! assert (x, [1; 1]);
%! assert ([i, info.nfev, info.status], [0, 41, 3]);
%!test
%! % Display 'iter' prints one line per iteration in the course's format.
%! out = evalc ('fmincg(fr, [-1.2; 1], struct(''MaxIter'', 2, ''Display'', ''iter''));');
%! assert (numel(strfind(out, 'Iteration ')), 2);
%! assert (~isempty(regexp(out, 'Iteration    2 \| Cost: \d\.\d{6}e[+-]\d\d', 'once')));
%! assert (isempty(evalc ('fmincg(fr, [-1.2; 1], struct(''MaxIter'', 2));')));
%!error <fmincg: unknown option 'TolFun'; valid options are MaxIter, Display>
%! fmincg(@(t) deal(t' * t, 2 * t), 1, optimset('TolFun', 1e-3));
%!error <fmincg: unknown option 'Maxiter'> fmincg(@(t) deal(t' * t, 2 * t), 1, struct('Maxiter', 3))
%!error <fmincg: MaxIter must be a positive integer, got Inf>
%! fmincg(@(t) deal(t' * t, 2 * t), 1, struct('MaxIter', Inf))
%!error <fmincg: needs 2 or 3 inputs> fmincg(@(t) deal(t' * t, 2 * t))
%!error <fmincg: f must be a function handle returning \[J, grad\], got a char> fmincg('cost', 1)
%!error <fmincg: X0 must be a non-empty real vector, got a double of size \[2 2\]> fmincg(@(t) deal(1, t), eye(2))
%!error <fmincg: X0 must be a non-empty real vector> fmincg(@(t) deal(1, t), [])
%!error <fmincg: X0 must be finite \(no NaN or Inf\), got NaN at index 2> fmincg(@(t) deal(1, t), [1; NaN])
%!error <fmincg: MaxIter must be a positive integer, got 0> fmincg(@(t) deal(t' * t, 2 * t), 1, struct('MaxIter', 0))
%!error <fmincg: MaxIter must be a positive integer, got 2.5> fmincg(@(t) deal(1, t), 1, struct('MaxIter', 2.5))
%!error <fmincg: options must be a struct> fmincg(@(t) deal(t' * t, 2 * t), 1, 50)
%!error <got a 1x2 struct array> fmincg(@(t) deal(t' * t, 2 * t), 1, struct('MaxIter', {1, 2}))
%!error <fmincg: f must return two outputs, .*, got one output> fmincg(@(t) t' * t, 1)
%!error <fmincg: f must return two outputs, .*, got one output> fmincg(@(t) 1, 1)
%!error <fmincg: f must return two outputs, .*, got one output> fmincg(@sin, 1)
%!error <fmincg: f must return two outputs, the cost J and its gradient, got one output>
%! fmincg(@(t) sum(t .^ 2), [1; 2])
%!error <fmincg: Display must be 'iter'> fmincg(@(t) deal(t' * t, 2 * t), 1, struct('Display', 'loud'))
%!error <fmincg: f must return a real gradient with 2 elements .* got 3> fmincg(@(t) deal(1, 1:3), [1; 2])
%!error <fmincg: f must return a real scalar cost J> fmincg(@(t) deal([1 2], t), [1; 2])
%!test
%! % A single X0 stays single: iterates and the result are single.
%! f = @(x) deal(sum((x - [1; 2]) .^ 2), 2 * (x - [1; 2]));
%! [x, fX] = fmincg(f, single([0; 0]), struct('MaxIter', 10));
%! assert (class(x), 'single');
%! assert (double(x), [1; 2], 1e-5);
