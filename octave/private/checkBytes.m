function checkBytes(need, what, fname)
%CHECKBYTES Error unless need bytes for what fit within the memory limit.
%   checkBytes(need, what, fname)
%
%   The one memory rule, called before a large allocation (checkMemory for a
%   network, loadIdx for a data set): 'fname: what need at least X GB of
%   memory, more than the limit of Y GB (source)'. The limit is the
%   environment variable NNVEC_MEMORY_LIMIT (bytes) when set, else half of
%   MemTotal in /proc/meminfo, else none.
%
%   See also: checkMemory (Python: nnvec.core.validate.check_bytes, memory_limit).

[limit, how] = memoryLimit();
if need > limit
  error('nnvec:tooLarge', '%s: %s need at least %.3g GB of memory, more than the limit of %.3g GB (%s)', ...
        fname, what, need / 1e9, limit / 1e9, how);
end
end

function [limit, how] = memoryLimit()
% NNVEC_MEMORY_LIMIT, else half of MemTotal, else Inf.
env = strtrim(getenv('NNVEC_MEMORY_LIMIT'));
if ~isempty(env)
  limit = str2double(env);
  if isnan(limit) && ~isempty(regexp(env, '^[+]?(\d+\.?\d*|\.\d+)[eE][+]?\d+$', 'once'))
    % A number too large for a double ('1e400'): str2double gives NaN, Python's
    % float gives inf. Either way it is no limit.
    limit = Inf;
  end
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
%! checkBytes(0, 'nothing', 'f');
%!test
%! old = getenv('NNVEC_MEMORY_LIMIT');
%! setenv('NNVEC_MEMORY_LIMIT', '1000');
%! try
%!   checkBytes(2500, 'the data', 'f');
%!   msg = '';
%! catch err
%!   msg = err.message;
%! end
%! setenv('NNVEC_MEMORY_LIMIT', old);
%! assert (msg, 'f: the data need at least 2.5e-06 GB of memory, more than the limit of 1e-06 GB (NNVEC_MEMORY_LIMIT)');
%!test
%! old = getenv('NNVEC_MEMORY_LIMIT');
%! setenv('NNVEC_MEMORY_LIMIT', 'lots');
%! try
%!   checkBytes(1, 'x', 'f');
%!   msg = '';
%! catch err
%!   msg = err.message;
%! end
%! setenv('NNVEC_MEMORY_LIMIT', old);
%! assert (msg, 'NNVEC_MEMORY_LIMIT must be a number of bytes > 0, got ''lots''');
%!test
%! % A limit beyond the largest double is no limit, as in Python (float('1e400') is inf).
%! old = getenv('NNVEC_MEMORY_LIMIT');
%! setenv('NNVEC_MEMORY_LIMIT', '1e400');
%! try
%!   checkBytes(1e300, 'the data', 'f');
%!   msg = '';
%! catch err
%!   msg = err.message;
%! end
%! setenv('NNVEC_MEMORY_LIMIT', old);
%! assert (msg, '');
