function benchOctave(outFile, caseName, layer_sizes, m, reps, loopReps)
%BENCHOCTAVE Time the Octave cost+gradient and its matrix products, inside Octave.
%   benchOctave(outFile, caseName, layer_sizes, m, reps, loopReps)
%
%   outFile     : text file; one line 'caseName/key seconds' is appended per
%                 measurement (bench.py reads them back).
%   caseName    : label of the case, e.g. 'course'.
%   layer_sizes : [n h K], a three-layer network.
%   m           : number of synthetic examples (uniform random pixels,
%                 random labels: timing does not depend on the values).
%   reps        : timed calls per measurement; the median is written.
%   loopReps    : timed calls of nnCostFunctionLoop (0 to skip it).
%
%   Keys: nnCost (validation included), costAndGradient (validated inputs,
%   reshapeParams included, as trainNN calls it), loop, and for each matrix
%   product of one evaluation gemm_<product>_rows / gemm_<product>_cols: the
%   same product with the examples along rows (this implementation) and along
%   columns, so the bound can take the faster one. Threads are set by the
%   caller through OPENBLAS_NUM_THREADS.
%
%   See also: nnCost, costAndGradient, nnCostFunctionLoop (bench/bench.py).

if nargin ~= 6
  error('nnvec:badInput', 'benchOctave: needs 6 inputs, got %d', nargin);
end
n = layer_sizes(1);
h = layer_sizes(2);
K = layer_sizes(3);
rand('state', 1);
randn('state', 1);
X = rand(m, n);
y = 1 + mod((1:m)', K);
p = 0.1 * randn(h * (n + 1) + K * (h + 1), 1);
Y = oneHot(y, K);
lambda = 1;

fid = fopen(outFile, 'a');
writeTime(fid, caseName, 'nnCost', medianTime(@() nnCost(p, layer_sizes, X, y, lambda), reps, 2));
writeTime(fid, caseName, 'costAndGradient', medianTime(@() costAndGradient( ...
  reshapeParams(p, layer_sizes), X, Y, lambda, 'sigmoid', 'sigmoid'), reps, 2));

% The five products of one evaluation, in both layouts.
W1 = randn(h, n);
W2 = randn(K, h);
A2 = rand(m, h);
A2t = A2';
D2 = randn(m, h);
D2t = D2';
D3 = randn(m, K);
D3t = D3';
writeTime(fid, caseName, 'gemm_fwd1_rows', medianTime(@() X * W1', reps, 1));
writeTime(fid, caseName, 'gemm_fwd1_cols', medianTime(@() W1 * X', reps, 1));
writeTime(fid, caseName, 'gemm_fwd2_rows', medianTime(@() A2 * W2', reps, 1));
writeTime(fid, caseName, 'gemm_fwd2_cols', medianTime(@() W2 * A2t, reps, 1));
writeTime(fid, caseName, 'gemm_grad2_rows', medianTime(@() D3' * A2, reps, 1));
writeTime(fid, caseName, 'gemm_grad2_cols', medianTime(@() D3t * A2t', reps, 1));
writeTime(fid, caseName, 'gemm_back_rows', medianTime(@() D3 * W2, reps, 1));
writeTime(fid, caseName, 'gemm_back_cols', medianTime(@() W2' * D3t, reps, 1));
writeTime(fid, caseName, 'gemm_grad1_rows', medianTime(@() D2' * X, reps, 1));
writeTime(fid, caseName, 'gemm_grad1_cols', medianTime(@() D2t * X, reps, 1));
if loopReps > 0
  writeTime(fid, caseName, 'loop', medianTime(@() nnCostFunctionLoop(p, n, h, K, X, y, lambda), ...
                                               loopReps, 2));
end
fclose(fid);
end

function t = medianTime(f, reps, nout)
% Median wall time of f() over reps calls, after one warm-up call; nout outputs asked.
times = zeros(reps + 1, 1);
for r = 1:reps + 1
  t0 = tic;
  if nout == 2
    [~, ~] = f();
  else
    [~] = f();
  end
  times(r) = toc(t0);
end
t = median(times(2:end));
end

function writeTime(fid, caseName, key, t)
fprintf(fid, '%s/%s %.9g\n', caseName, key, t);
end
