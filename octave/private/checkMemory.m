function checkMemory(sizes, m, fname, X)
%CHECKMEMORY Refuse, before allocating, a network and data set larger than the memory limit.
%   checkMemory(sizes, m, fname)
%   checkMemory(sizes, m, fname, X)
%
%   The need is a lower bound: double parameters and gradient (2 N) and the
%   activations and deltas of every layer after the input
%   (2 m (s_2 + ... + s_L)), 8 bytes each. With X (the data, not yet
%   converted: call this before double(X)), also 8 bytes per entry for the
%   double X the cost keeps (X itself when it already is one; Octave makes
%   no intermediate copy, Python's twin counts its own: nnvec.core.validate.data_bytes). The limit is the environment
%   variable NNVEC_MEMORY_LIMIT (bytes) when set, else half of MemTotal in
%   /proc/meminfo, else none. The same rule and message as Python's
%   nnvec.core.validate.check_memory.
%
%   See also: checkBytes (the limit), checkCostInputs.

shapes = paramShapes(sizes);
need = 8 * (2 * sum(prod(shapes, 2)) + 2 * m * sum(sizes(2:end)));
if nargin > 3 && (isnumeric(X) || islogical(X)) && ndims(X) == 2
  need = need + 8 * size(X, 1) * size(X, 2);
end
checkBytes(need, sprintf('layer sizes %s with m = %d examples', formatSizes(sizes), m), fname);
end

%!test
%! checkMemory([3 5 3], 10, 'f');
%!error <f: layer sizes \[3 1000000000000 2\] with m = 4 examples need at least 1.6e\+05 GB> ...
%! checkMemory([3 1e12 2], 4, 'f')
%!test
%! % X counts: 8 bytes per entry of the double X, here 100 x 3 = 2400 bytes on top of the
%! % network's 8 * (2 * 38 + 2 * 100 * 8) = 13408, so a limit of 14000 refuses it.
%! old = getenv('NNVEC_MEMORY_LIMIT');
%! setenv('NNVEC_MEMORY_LIMIT', '14000');
%! checkMemory([3 5 3], 100, 'f');
%! try
%!   checkMemory([3 5 3], 100, 'f', int8(ones(100, 3)));
%!   ok = false;
%! catch err
%!   ok = ~isempty(strfind(err.message, 'f: layer sizes [3 5 3] with m = 100 examples need'));
%! end
%! setenv('NNVEC_MEMORY_LIMIT', old);
%! assert (ok);
%!test
%! % NNVEC_MEMORY_LIMIT overrides the machine's memory.
%! old = getenv('NNVEC_MEMORY_LIMIT');
%! setenv('NNVEC_MEMORY_LIMIT', '1000');
%! try
%!   checkMemory([3 5 3], 100, 'f');
%!   ok = false;
%! catch err
%!   ok = ~isempty(strfind(err.message, 'more than the limit of 1e-06 GB (NNVEC_MEMORY_LIMIT)'));
%! end
%! setenv('NNVEC_MEMORY_LIMIT', old);
%! assert (ok);
