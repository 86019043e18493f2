function checkMemory(need, what, fname)
%CHECKMEMORY Error unless need bytes fit within the memory limit.
%   checkMemory(need, what, fname)
%
%   Called before a large allocation, so that a network or data set too
%   large for the machine ends in one clear error naming the size and the
%   limit, never in an out-of-memory kill: 'fname: what needs X of memory,
%   more than the limit of Y (source)'.
%
%   See also: memoryLimit, checkNetworkMemory (Python: nnvec.memory.check_memory).

[limit, source] = memoryLimit();
if need > limit
  error('nnvec:tooLarge', '%s: %s needs %s of memory, more than the limit of %s (%s)', ...
        fname, what, formatBytes(need), formatBytes(limit), source);
end
end

function s = formatBytes(n)
% 1.6e13 -> '16 TB': three significant digits, powers of 1000 (Python: format_bytes).
units = {'bytes', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'};
k = 1;
while k < numel(units) && n >= 1000
  n = n / 1000;
  k = k + 1;
end
s = sprintf('%.3g %s', n, units{k});
end

%!test
%! checkMemory(0, 'nothing', 'f');
%!test
%! old = getenv('NNVEC_MEMORY_LIMIT');
%! setenv('NNVEC_MEMORY_LIMIT', '1000');
%! try
%!   checkMemory(2.5e12, 'the thing', 'f');
%!   msg = '';
%! catch err
%!   msg = err.message;
%! end
%! setenv('NNVEC_MEMORY_LIMIT', old);
%! assert(msg, 'f: the thing needs 2.5 TB of memory, more than the limit of 1 kB (NNVEC_MEMORY_LIMIT)');
