% EX4 The course's neural network exercise (ex4), step by step.
%   octave-cli octave/ex4.m        (from anywhere: it finds the repository)
%
%   A script, twin of the Python walk-through `python -m nnvec ex4`
%   (python/nnvec/cli/ex4.py): both print the same lines with the same numbers,
%   formatted the same way (%f, %g, %4.6e), and tests/test_ex4.py compares
%   them line by line.
%
%   Data: the bundled mnist5k (loadDataset('mnist5k'): 5000 real MNIST digits
%   at the course's 20x20, its training and held-out parts together, so the
%   network is the course's 400-25-10) by default. When the
%   data folder ($NNVEC_DATA_DIR, else data/ at the repository root) holds
%   the course's ex4data1.mat AND ex4weights.mat, those are used and the
%   printed costs are the course's (0.287629, 0.383770, 0.576051).
%   Pictures are written to $NNVEC_OUT_DIR, else out/ in the current folder.
%
%   Eleven steps in the course's order: the data, the weights, the cost of a
%   forward pass (lambda 0), the regularized cost (lambda 1), the derivative
%   of the sigmoid, random initial weights, backprop against central
%   differences (lambda 0, then 3, with the cost at lambda 3), 50 iterations
%   of fmincg with lambda 1, the hidden units as pictures, the accuracies. Two honest departures, both printed: training
%   starts from debugInitializeWeights (the same numbers in both languages)
%   rather than the random weights, whose generators differ between Octave
%   and numpy; and with the bundled mnist5k, which has no course weights, the
%   costs are taken at those same deterministic weights. Nothing pauses.
%
%   See also: nnCostFunction, nnCostFunctionLoop, checkNNGradients, fmincg,
%   displayData, loadDataset (Python: nnvec.cli.ex4.main).

more off;
octaveDir = fileparts(mfilename('fullpath'));
addpath(octaveDir);
rootDir = fileparts(octaveDir);
dataDir = getenv('NNVEC_DATA_DIR');
if isempty(dataDir)
  dataDir = fullfile(rootDir, 'data');
end
outDir = getenv('NNVEC_OUT_DIR');
if isempty(outDir)
  outDir = fullfile(pwd(), 'out');
end
if ~exist(outDir, 'dir')
  mkdir(outDir);
end

hidden_layer_size = 25;   % the course's
maxIter = 50;             % the course's optimset('MaxIter', 50)
trainLambda = 1;          % the course's lambda for training
epsilonInit = 0.12;       % the course's randInitializeWeights half-width

fprintf('nnvec ex4: the course''s neural network exercise, step by step.\n');

%% Step 1: the data, and a picture of the first examples.
fprintf('\nStep 1: the data\n');
dataFile = fullfile(dataDir, 'ex4data1.mat');
weightsFile = fullfile(dataDir, 'ex4weights.mat');
hasData = exist(dataFile, 'file') == 2;
hasWeights = exist(weightsFile, 'file') == 2;
course = hasData && hasWeights;
if course
  S = loadDataset(dataFile);
  W = load(weightsFile);
  X = S.X;
  y = S.y;
  Xtest = [];
  ytest = [];
  Theta1 = double(W.Theta1);
  Theta2 = double(W.Theta2);
  hidden_layer_size = size(Theta1, 1);
  num_labels = size(Theta2, 1);
  nn_params = [Theta1(:); Theta2(:)];
  source = 'ex4weights.mat';
  pixelOrder = 'F';   % the course's 20x20 images, column by column
  noTestText = 'ex4data1.mat holds no held-out set';
  dataText = sprintf(['Data: ex4data1.mat and ex4weights.mat from %s: ' ...
                      '%d training examples, %d features'], dataDir, size(X, 1), size(X, 2));
else
  if hasData || hasWeights
    if hasData
      found = 'ex4data1.mat';
      missing = 'ex4weights.mat';
    else
      found = 'ex4weights.mat';
      missing = 'ex4data1.mat';
    end
    fprintf(['Found %s but not %s in %s: the course''s numbers need both, ' ...
             'so the bundled mnist5k digits are used.\n'], found, missing, dataDir);
  end
  % The course trains on all of its 5000 images: so does the walk-through, with
  % mnist5k's training and held-out parts stacked (nnvec train keeps them apart).
  D = loadDataset('mnist5k');
  X = double([D.X; D.Xtest]);
  y = double([D.y(:); D.ytest(:)]);
  Xtest = [];
  ytest = [];
  num_labels = max(y);
  Theta1 = debugInitializeWeights(hidden_layer_size, size(X, 2));
  Theta2 = debugInitializeWeights(num_labels, hidden_layer_size);
  nn_params = [Theta1(:); Theta2(:)];
  source = 'debugInitializeWeights';
  pixelOrder = 'F';   % mnist5k is stored column by column, as the course's data
  noTestText = sprintf('all %d mnist5k images are used for training here', size(X, 1));
  dataText = sprintf(['Data: bundled mnist5k (real MNIST digits, %dx%d pixels), %d training ' ...
                      'examples (its training and held-out parts together), %d features'], ...
                     D.imageShape(1), D.imageShape(2), size(X, 1), size(X, 2));
end
[m, input_layer_size] = size(X);
exampleWidth = round(sqrt(input_layer_size));
fprintf('%s\n', dataText);
dataPng = fullfile(outDir, 'ex4_data.png');
displayData(X(1:min(m, 100), :), exampleWidth, dataPng, pixelOrder);
fprintf('Saved the first %d training examples to %s\n', min(m, 100), dataPng);

%% Step 2: the weights the costs below are taken at.
fprintf('\nStep 2: the weights\n');
fprintf('Network: %d-%d-%d, %d parameters (%s)\n', input_layer_size, ...
        hidden_layer_size, num_labels, numel(nn_params), source);

%% Step 3: the cost of one forward pass over every example, lambda 0.
fprintf('\nStep 3: the cost, no regularization\n');
J = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, 0);
fprintf('J at the %s weights, lambda = 0: %f\n', source, J);
if course
  fprintf('(published by the course for its data and weights: 0.287629)\n');
end
J_loop = nnCostFunctionLoop(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, 0);
fprintf('J again, one example at a time (loop baseline): %f\n', J_loop);

%% Step 4: the same cost plus the L2 penalty on the non-bias weights.
fprintf('\nStep 4: the cost with L2 regularization\n');
J = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, 1);
fprintf('J at the %s weights, lambda = 1: %f\n', source, J);
if course
  fprintf('(published by the course for its data and weights: 0.383770)\n');
end

%% Step 5: g'(z) = g(z) (1 - g(z)) at a few points; 0.25 at z = 0.
fprintf('\nStep 5: the derivative of the sigmoid\n');
g = sigmoidGradient([-1 -0.5 0 0.5 1]);
fprintf('sigmoidGradient at z = [-1 -0.5 0 0.5 1]:\n  ');
fprintf('%f ', g);
fprintf('\n');

%% Step 6: small random weights break the symmetry between hidden units.
fprintf('\nStep 6: random initial weights\n');
initial_Theta1 = randInitializeWeights(input_layer_size, hidden_layer_size, epsilonInit);
initial_Theta2 = randInitializeWeights(hidden_layer_size, num_labels, epsilonInit);
randParams = [initial_Theta1(:); initial_Theta2(:)];
inside = 'no';
if all(abs(randParams) <= epsilonInit)
  inside = 'yes';
end
fprintf('randInitializeWeights: %d weights, all in [-%g, %g]: %s\n', ...
        numel(randParams), epsilonInit, epsilonInit, inside);
fprintf(['(Octave''s and numpy''s random generators differ, so training below starts ' ...
         'from debugInitializeWeights instead: the same numbers in both languages.)\n']);

%% Step 7: backprop against central differences on a small network.
fprintf('\nStep 7: backprop against central differences, lambda = 0\n');
checkNNGradients(0);

%% Step 8: the same check with the L2 penalty, and the cost at lambda 3.
lambda = 3;
fprintf('\nStep 8: backprop against central differences, lambda = %g\n', lambda);
checkNNGradients(lambda);
debug_J = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, lambda);
fprintf('\nJ at the %s weights, lambda = %g: %f\n', source, lambda, debug_J);
if course
  fprintf('(published by the course for lambda = 3: 0.576051)\n');
end

%% Step 9: training with our fmincg.
fprintf('\nStep 9: training, %d iterations of fmincg, lambda = %g\n', maxIter, trainLambda);
fprintf('Start: debugInitializeWeights for every layer (deterministic, not random).\n');
start_Theta1 = debugInitializeWeights(hidden_layer_size, input_layer_size);
start_Theta2 = debugInitializeWeights(num_labels, hidden_layer_size);
initial_nn_params = [start_Theta1(:); start_Theta2(:)];
costFunction = @(p) nnCostFunction(p, input_layer_size, hidden_layer_size, num_labels, ...
                                   X, y, trainLambda);
[trained, cost, nIter] = fmincg(costFunction, initial_nn_params, ...
                                struct('MaxIter', maxIter, 'Display', 'iter'));
fprintf('Cost after %d iterations: %f\n', nIter, cost(end));
Thetas = reshapeParams(trained, [input_layer_size hidden_layer_size num_labels]);
Theta1 = Thetas{1};
Theta2 = Thetas{2};

%% Step 10: each hidden unit's input weights, drawn as an image.
fprintf('\nStep 10: what the hidden units respond to\n');
hiddenPng = fullfile(outDir, 'ex4_hidden.png');
displayData(Theta1(:, 2:end), exampleWidth, hiddenPng, pixelOrder);
fprintf('Saved the %d hidden units to %s\n', hidden_layer_size, hiddenPng);

%% Step 11: how often the trained network's label is the true one.
fprintf('\nStep 11: accuracy of the trained network\n');
pred = predict(Theta1, Theta2, X);
fprintf('Correct on the training examples (%%): %f\n', mean(double(pred == y)) * 100);
if ~isempty(Xtest)
  predTest = predict(Theta1, Theta2, Xtest);
  fprintf('Correct on the held-out examples (%%): %f\n', mean(double(predTest == ytest)) * 100);
else
  fprintf('Correct on the held-out examples (%%): none (%s)\n', noTestText);
end
