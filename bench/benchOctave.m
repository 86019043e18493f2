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
%   reps        : rounds; each round runs every measurement twice and
%                 times the second run. The median is written.
%   loopReps    : timed calls of nnCostFunctionLoop (0 to skip it).
%
%   Keys: nnCost (validation included), costAndGradient (validated inputs,
%   unpackParams included, as trainNN calls it), elementwise (its sigmoid,
%   exp and log1p passes alone, on arrays of the same shapes), loop, and for
%   each matrix product of one evaluation gemm_<product>_rows /
%   gemm_<product>_cols: the
%   same product with the examples along rows and along columns, and for the
%   weight gradients gemm_<product>_xt, A' * delta (what costAndGradient
%   runs), so the bound can take the fastest. Every product is timed as
%   inline code, the way costAndGradient runs it (see timeOnce), never
%   through an anonymous function. Threads are set by the caller through
%   OPENBLAS_NUM_THREADS.
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

% The inputs of the cost functions, then the operands of the products in
% both layouts (rows: examples along rows, as costAndGradient keeps them;
% cols: examples along columns).
d = struct('p', p, 'layer_sizes', layer_sizes, 'X', X, 'y', y, 'Y', Y, 'lambda', lambda, ...
           'shapes', paramShapes(layer_sizes));
d.W1 = randn(h, n);
d.W2 = randn(K, h);
d.A2 = rand(m, h);
d.A2t = d.A2';
d.D2 = randn(m, h);
d.D2t = d.D2';
d.D3 = randn(m, K);
d.D3t = d.D3';
d.Z2 = randn(m, h);
d.z3 = randn(m, K);
keys = {'nnCost', 'costAndGradient', 'elementwise', ...
        'gemm_fwd1_rows', 'gemm_fwd1_cols', 'gemm_fwd2_rows', 'gemm_fwd2_cols', ...
        'gemm_grad2_rows', 'gemm_grad2_cols', 'gemm_grad2_xt', 'gemm_back_rows', ...
        'gemm_back_cols', 'gemm_grad1_rows', 'gemm_grad1_cols', 'gemm_grad1_xt'};
times = roundRobin(keys, d, reps);

fid = fopen(outFile, 'a');
for i = 1:numel(keys)
  writeTime(fid, caseName, keys{i}, times(i));
end
if loopReps > 0
  t = roundRobin({'loop'}, d, loopReps);
  writeTime(fid, caseName, 'loop', t);
end
fclose(fid);
end

function t = roundRobin(keys, d, reps)
% Median wall time of each measurement keys{i} over reps rounds, taking them
% in turn so that the load of a shared machine drifts over all of them
% alike. In each round a measurement runs twice and the second run is timed
% (as bench.py does for Python): an optimizer calls the cost back to back,
% so the timed call finds its data in cache and the memory allocator in the
% state the previous call of the same code left it, as in training.
times = zeros(reps, numel(keys));
for r = 1:reps
  for i = 1:numel(keys)
    timeOnce(keys{i}, d);
    times(r, i) = timeOnce(keys{i}, d);
  end
end
t = median(times, 1);
end

function t = timeOnce(key, d)
% Wall time of one call of the measurement named key. Each product is written
% out inline between tic and toc, as costAndGradient.m writes it: Octave runs
% X' * D as one BLAS call with a transpose flag only when the expression is
% parsed as such; inside an anonymous function (@() X' * D) it loses that
% (Octave 7.3: ~2x slower at the course size, X' copied first), which made
% the bound too generous. Calling the cost functions through a handle added
% no measurable time (multi-output calls have no compound operator), but they
% are written out here too, alike.
switch key
  case 'nnCost'
    t0 = tic;
    [~, ~] = nnCost(d.p, d.layer_sizes, d.X, d.y, d.lambda);
    t = toc(t0);
  case 'costAndGradient'
    % unpackParams included, as trainNN's optimizer loop calls it.
    t0 = tic;
    [~, ~] = costAndGradient(unpackParams(d.p, d.shapes), d.X, d.Y, d.lambda, ...
                             'sigmoid', 'sigmoid');
    t = toc(t0);
  case 'elementwise'
    % The transcendental passes of costAndGradient alone, as it writes them:
    % the hidden sigmoid, then the output's log1p(exp(-abs(z))) and sigmoid.
    % Added to the GEMM bound: a floor for an evaluation written this way.
    t0 = tic;
    B = sigmoid(d.Z2);
    C = log1p(exp(-abs(d.z3)));
    E = sigmoid(d.z3);
    t = toc(t0);
  case 'loop'
    t0 = tic;
    [~, ~] = nnCostFunctionLoop(d.p, d.layer_sizes(1), d.layer_sizes(2), d.layer_sizes(3), ...
                                d.X, d.y, d.lambda);
    t = toc(t0);
  case 'gemm_fwd1_rows'
    t0 = tic;
    B = d.X * d.W1';
    t = toc(t0);
  case 'gemm_fwd1_cols'
    t0 = tic;
    B = d.W1 * d.X';
    t = toc(t0);
  case 'gemm_fwd2_rows'
    t0 = tic;
    B = d.A2 * d.W2';
    t = toc(t0);
  case 'gemm_fwd2_cols'
    t0 = tic;
    B = d.W2 * d.A2t;
    t = toc(t0);
  case 'gemm_grad2_rows'
    t0 = tic;
    B = d.D3' * d.A2;
    t = toc(t0);
  case 'gemm_grad2_cols'
    t0 = tic;
    B = d.D3t * d.A2t';
    t = toc(t0);
  case 'gemm_grad2_xt'
    t0 = tic;
    B = d.A2' * d.D3;
    t = toc(t0);
  case 'gemm_back_rows'
    t0 = tic;
    B = d.D3 * d.W2;
    t = toc(t0);
  case 'gemm_back_cols'
    t0 = tic;
    B = d.W2' * d.D3t;
    t = toc(t0);
  case 'gemm_grad1_rows'
    t0 = tic;
    B = d.D2' * d.X;
    t = toc(t0);
  case 'gemm_grad1_cols'
    t0 = tic;
    B = d.D2t * d.X;
    t = toc(t0);
  case 'gemm_grad1_xt'
    t0 = tic;
    B = d.X' * d.D2;
    t = toc(t0);
  otherwise
    error('nnvec:badInput', 'benchOctave: unknown measurement ''%s''', key);
end
end

function writeTime(fid, caseName, key, t)
fprintf(fid, '%s/%s %.9g\n', caseName, key, t);
end
