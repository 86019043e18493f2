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
%   same product with the examples along rows and along columns, and for the
%   weight gradients gemm_<product>_xt, A' * delta (what costAndGradient
%   runs), so the bound can take the fastest. Threads are set by the
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

% The cost functions, then the products of one evaluation in each layout.
W1 = randn(h, n);
W2 = randn(K, h);
A2 = rand(m, h);
A2t = A2';
D2 = randn(m, h);
D2t = D2';
D3 = randn(m, K);
D3t = D3';
keys = {'nnCost', 'costAndGradient', ...
        'gemm_fwd1_rows', 'gemm_fwd1_cols', 'gemm_fwd2_rows', 'gemm_fwd2_cols', ...
        'gemm_grad2_rows', 'gemm_grad2_cols', 'gemm_grad2_xt', 'gemm_back_rows', ...
        'gemm_back_cols', 'gemm_grad1_rows', 'gemm_grad1_cols', 'gemm_grad1_xt'};
funcs = {@() nnCost(p, layer_sizes, X, y, lambda), ...
         @() costAndGradient(reshapeParams(p, layer_sizes), X, Y, lambda, 'sigmoid', 'sigmoid'), ...
         @() X * W1', @() W1 * X', @() A2 * W2', @() W2 * A2t, ...
         @() D3' * A2, @() D3t * A2t', @() A2' * D3, @() D3 * W2, ...
         @() W2' * D3t, @() D2' * X, @() D2t * X, @() X' * D2};
nouts = [2, 2, ones(1, 12)];
times = roundRobin(funcs, nouts, reps);

fid = fopen(outFile, 'a');
for i = 1:numel(keys)
  writeTime(fid, caseName, keys{i}, times(i));
end
if loopReps > 0
  t = roundRobin({@() nnCostFunctionLoop(p, n, h, K, X, y, lambda)}, 2, loopReps);
  writeTime(fid, caseName, 'loop', t);
end
fclose(fid);
end

function t = roundRobin(funcs, nouts, reps)
% Median wall time of each funcs{i}() over reps rounds, calling them in turn
% (after one warm-up round) so that the load of a shared machine drifts over
% all of them alike; nouts(i) outputs are asked of funcs{i}.
times = zeros(reps + 1, numel(funcs));
for r = 1:reps + 1
  for i = 1:numel(funcs)
    f = funcs{i};
    t0 = tic;
    if nouts(i) == 2
      [~, ~] = f();
    else
      [~] = f();
    end
    times(r, i) = toc(t0);
  end
end
t = median(times(2:end, :), 1);
end

function writeTime(fid, caseName, key, t)
fprintf(fid, '%s/%s %.9g\n', caseName, key, t);
end
