function benchOctaveTrain(X, y, Xt, yt, layer_sizes, lambda, p0, k, reps)
%BENCHOCTAVETRAIN Time k iterations of trainNN (fmincg) from p0, inside Octave.
%   benchOctaveTrain(X, y, Xt, yt, layer_sizes, lambda, p0, k, reps)
%
%   X, y   : training data (m x n, m labels 1..K).   Xt, yt : held-out data.
%   layer_sizes, lambda : as for trainNN.   p0 : start column (shared with Python).
%   k      : iterations (bench.py passes the count Python's fmincg, the twin,
%            needed to reach its accuracy target).
%   reps   : timed runs; the median is printed.
%
%   Prints 'bench_time SECONDS' and 'bench_accuracy A' (held out) for bench.py.
%
%   See also: trainNN, nnPredict (bench/bench.py).

if nargin ~= 9
  error('nnvec:badInput', 'benchOctaveTrain: needs 9 inputs, got %d', nargin);
end
opts = struct('MaxIter', k, 'InitialParams', p0);
times = zeros(reps, 1);
for r = 1:reps
  t0 = tic;
  p = trainNN(X, y, layer_sizes, lambda, opts);
  times(r) = toc(t0);
end
fprintf('bench_time %.9g\nbench_accuracy %.6f\n', median(times), ...
        mean(nnPredict(p, layer_sizes, Xt) == yt(:)));
end
