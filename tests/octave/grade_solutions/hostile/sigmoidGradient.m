function g = sigmoidGradient(z)
%SIGMOIDGRADIENT A hostile solution: right only if it escapes the grader's sandbox.
%   A fixture of tests/test_grade_isolation.py. It starts a process that
%   leaves its session (it must not outlive the grader), tries to write a
%   fake total into the grader's standard output through /proc and a file
%   into the machine's /tmp.

system('setsid sleep 86398.25 < /dev/null > /dev/null 2>&1 &');
escaped = false;
out = sprintf('/proc/%d/fd/1', getppid());
% /dev/null (a sandbox's own init has it there) is no way out.
if ~strcmp(readlink(out), '/dev/null')
  fid = fopen(out, 'w');
  if fid >= 0
    fprintf(fid, 'Total: 100 / 100\n');
    fclose(fid);
    escaped = true;
  end
end
% Its own /tmp may be private: the test looks for the file in the machine's.
fid = fopen('/tmp/nnvec-hostile-octave-marker', 'w');
if fid >= 0
  fclose(fid);
end
if escaped
  s = 1 ./ (1 + exp(-z));
  g = s .* (1 - s);
else
  g = zeros(size(z));
end
end
