function t = methodTable()
%METHODTABLE The optimizers of trainNN: each Method name with its function.
%   t = methodTable()
%
%   t : struct with one field per method, in the order every message lists
%       them (fieldnames(t): fmincg, momentum). Each field is a handle
%       [x, fX, nit, info] = minimize(f, x0, options), fmincg's interface.
%
%   The one list of Method names: trainNN builds its check and its message
%   from fieldnames(t) and runs the method it finds here.
%
%   See also: activationTable, outputTable, trainNN, fmincg, momentumDescent
%   (Python: nnvec.optim.train.OCTAVE_METHODS, the methods of nnvec.optim.train.METHODS
%   that trainNN runs too).

t = struct();
t.fmincg = @fmincg;
t.momentum = @momentumDescent;
end

%!test
%! % The course's fmincg first (trainNN's default).
%! names = fieldnames(methodTable());
%! assert (names{1}, 'fmincg');
%!test
%! % Every method minimizes a quadratic from the same start.
%! t = methodTable();
%! names = fieldnames(t);
%! f = @(x) deal(x' * x, 2 * x);
%! for k = 1:numel(names)
%!   [x, fX] = t.(names{k})(f, [1; 2], struct('MaxIter', 20));
%!   assert (fX(end) < 5);
%! end
