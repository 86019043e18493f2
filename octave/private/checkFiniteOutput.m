function checkFiniteOutput(h, fname)
%CHECKFINITEOUTPUT Error unless every network output is finite.
%   checkFiniteOutput(h, fname)
%
%   h : m x K outputs. Finite inputs can still overflow (ReLU near 1e308
%   gives Inf, then Inf - Inf = NaN), and max over NaN picks another label
%   than numpy's argmax, so both languages refuse instead of guessing.
%
%   See also: checkFiniteCost (Python: nnvec.core.validate.check_finite_output).

if isfinite(sum(h(:)))
  return
end
i = find(any(~isfinite(h), 2), 1);
if ~isempty(i)
  error('nnvec:notFinite', ...
        ['%s: the network''s output is not finite (NaN or Inf) for example %d: ' ...
         'its activations overflow at these parameters'], fname, i);
end
end

%!test
%! checkFiniteOutput([0.5 0.5; 1 0], 'f');
%!error <f: the network's output is not finite \(NaN or Inf\) for example 2> ...
%! checkFiniteOutput([0.5 0.5; NaN 0], 'f')
