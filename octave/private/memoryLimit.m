function [limit, source] = memoryLimit()
%MEMORYLIMIT The memory a network or data set may take, in bytes, and its source.
%   [limit, source] = memoryLimit()
%
%   The environment variable NNVEC_MEMORY_LIMIT (bytes, > 0) when set, else
%   half of MemTotal in /proc/meminfo; Inf when neither is known. source is
%   the text the error message quotes.
%
%   See also: checkMemory (Python: nnvec.memory.memory_limit).

text = strtrim(getenv('NNVEC_MEMORY_LIMIT'));
if ~isempty(text)
  limit = str2double(text);
  if ~(limit > 0)
    error('nnvec:badEnv', 'NNVEC_MEMORY_LIMIT must be a number of bytes > 0, got ''%s''', text);
  end
  source = 'NNVEC_MEMORY_LIMIT';
  return
end
total = memTotal();
if isempty(total)
  limit = Inf;
  source = 'no limit: the machine''s memory is unknown';
else
  limit = total / 2;
  source = 'half of the machine''s memory; set NNVEC_MEMORY_LIMIT in bytes to change it';
end
end

function total = memTotal()
% Bytes of physical memory from /proc/meminfo, [] where there is none.
total = [];
try
  tokens = regexp(fileread('/proc/meminfo'), 'MemTotal:\s*(\d+)', 'tokens', 'once');
  if ~isempty(tokens)
    total = str2double(tokens{1}) * 1024;
  end
catch
  total = [];
end
end

%!test
%! old = getenv('NNVEC_MEMORY_LIMIT');
%! setenv('NNVEC_MEMORY_LIMIT', '1e6');
%! [limit, source] = memoryLimit();
%! setenv('NNVEC_MEMORY_LIMIT', old);
%! assert(limit, 1e6);
%! assert(source, 'NNVEC_MEMORY_LIMIT');
%!test
%! old = getenv('NNVEC_MEMORY_LIMIT');
%! setenv('NNVEC_MEMORY_LIMIT', 'lots');
%! try
%!   memoryLimit();
%!   msg = '';
%! catch err
%!   msg = err.message;
%! end
%! setenv('NNVEC_MEMORY_LIMIT', old);
%! assert(msg, 'NNVEC_MEMORY_LIMIT must be a number of bytes > 0, got ''lots''');
