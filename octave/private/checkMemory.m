function checkMemory(sizes, m, fname)
%CHECKMEMORY Refuse, before allocating, a network and data set larger than the memory limit.
%   checkMemory(sizes, m, fname)
%
%   The need is a lower bound: double parameters and gradient (2 N) and the
%   activations and deltas of every layer after the input
%   (2 m (s_2 + ... + s_L)), 8 bytes each. The limit is the environment
%   variable NNVEC_MEMORY_LIMIT (bytes) when set, else half of MemTotal in
%   /proc/meminfo, else none. The same rule and message as Python's
%   nnvec.validate.check_memory.
%
%   See also: checkCostInputs.

shapes = paramShapes(sizes);
need = 8 * (2 * sum(prod(shapes, 2)) + 2 * m * sum(sizes(2:end)));
[limit, how] = memoryLimit();
if need > limit
  error('nnvec:tooLarge', ...
        ['%s: layer sizes %s with m = %d examples need at least %.3g GB of memory, ' ...
         'more than the limit of %.3g GB (%s)'], ...
        fname, formatSizes(sizes), m, need / 1e9, limit / 1e9, how);
end
end

function [limit, how] = memoryLimit()
% NNVEC_MEMORY_LIMIT, else half of MemTotal, else Inf.
env = strtrim(getenv('NNVEC_MEMORY_LIMIT'));
if ~isempty(env)
  limit = str2double(env);
  if ~(limit > 0)
    error('nnvec:badEnv', 'NNVEC_MEMORY_LIMIT must be a number of bytes > 0, got ''%s''', env);
  end
  how = 'NNVEC_MEMORY_LIMIT';
  return
end
how = 'half of the machine''s memory; set NNVEC_MEMORY_LIMIT (bytes) to change it';
limit = Inf;
fid = fopen('/proc/meminfo', 'r');
if fid < 0
  how = 'no limit known';
  return
end
text = fread(fid, Inf, 'char=>char')';
fclose(fid);
tok = regexp(text, 'MemTotal:\s*(\d+)', 'tokens', 'once');
if ~isempty(tok)
  limit = str2double(tok{1}) * 1024 / 2;
else
  how = 'no limit known';
end
end

%!test
%! checkMemory([3 5 3], 10, 'f');
%!error <f: layer sizes \[3 1000000000000 2\] with m = 4 examples need at least 1.6e\+05 GB> ...
%! checkMemory([3 1e12 2], 4, 'f')
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
