% EX4 The course's neural network exercise (ex4), step by step.
%   octave-cli octave/ex4.m        (from anywhere: it finds the repository)
%
%   A script, twin of the Python walk-through `python -m nnvec ex4`
%   (python/nnvec/ex4.py): both print the same lines with the same numbers,
%   formatted the same way (%f, %g, %4.6e), and tests/test_ex4.py compares
%   them line by line.
%
%   Data: the bundled digits (loadDataset('digits')) by default. When the
%   data folder ($NNVEC_DATA_DIR, else data/ at the repository root) holds
%   the course's ex4data1.mat AND ex4weights.mat, those are used and the
%   printed costs are the course's (0.287629, 0.383770, 0.576051).
%   Pictures are written to $NNVEC_OUT_DIR, else out/ at the repository root.
%
%   Parts as in the course's ex4.m: data, parameters, feedforward cost
%   (lambda 0), regularized cost (lambda 1), sigmoid gradient, random
%   initialization, gradient checks (lambda 0 and 3), the debug cost
%   (lambda 3), 50 iterations of fmincg with lambda 1, the hidden units
%   picture, the accuracies. Two honest departures, both printed: training
%   starts from debugInitializeWeights (the same numbers in both languages)
%   rather than the random weights, whose generators differ between Octave
%   and numpy; and with the bundled digits, which have no course weights, the
%   costs are taken at those same deterministic weights. Nothing pauses.
%
%   See also: nnCostFunction, nnCostFunctionLoop, checkNNGradients, fmincg,
%   displayData, loadDataset (Python: nnvec.ex4.main).

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
  outDir = fullfile(rootDir, 'out');
end
if ~exist(outDir, 'dir')
  mkdir(outDir);
end

hidden_layer_size = 25;   % the course's
maxIter = 50;             % the course's optimset('MaxIter', 50)
trainLambda = 1;          % the course's lambda for training
epsilonInit = 0.12;       % the course's randInitializeWeights half-width

fprintf('nnvec ex4: the course''s neural network exercise, step by step.\n');

%% =========== Part 1: Loading and Visualizing Data =============
fprintf('\nLoading and Visualizing Data ...\n');
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
  source = 'loaded from ex4weights';
  pixelOrder = 'F';   % the course's 20x20 images, column by column
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
             'so the bundled digits are used.\n'], found, missing, dataDir);
  end
  D = loadDataset('digits');
  X = double(D.X);
  y = double(D.y(:));
  Xtest = double(D.Xtest);
  ytest = double(D.ytest(:));
  num_labels = max(y);
  Theta1 = debugInitializeWeights(hidden_layer_size, size(X, 2));
  Theta2 = debugInitializeWeights(num_labels, hidden_layer_size);
  nn_params = [Theta1(:); Theta2(:)];
  source = 'debugInitializeWeights';
  pixelOrder = 'C';   % the bundled 8x8 digits, row by row
  dataText = sprintf('Data: bundled digits, %d training and %d held-out examples, %d features', ...
                     size(X, 1), size(Xtest, 1), size(X, 2));
end
[m, input_layer_size] = size(X);
exampleWidth = round(sqrt(input_layer_size));
fprintf('%s\n', dataText);
dataPng = fullfile(outDir, 'ex4_data.png');
displayData(X(1:min(m, 100), :), exampleWidth, dataPng, pixelOrder);
fprintf('Saved the first %d training examples to %s\n', min(m, 100), dataPng);

%% ================ Part 2: Loading Parameters ================
fprintf('\nLoading Saved Neural Network Parameters ...\n');
fprintf('Network: %d-%d-%d, %d parameters (%s)\n', input_layer_size, ...
        hidden_layer_size, num_labels, numel(nn_params), source);

%% ================ Part 3: Compute Cost (Feedforward) ================
fprintf('\nFeedforward Using Neural Network ...\n');
J = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, 0);
fprintf('Cost at parameters (%s): %f\n', source, J);
if course
  fprintf('(this value should be about 0.287629)\n');
end
J_loop = nnCostFunctionLoop(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, 0);
fprintf('Same cost from the per-example loop baseline: %f\n', J_loop);

%% =============== Part 4: Implement Regularization ===============
fprintf('\nChecking Cost Function (w/ Regularization) ...\n');
J = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, 1);
fprintf('Cost at parameters (%s, lambda = 1): %f\n', source, J);
if course
  fprintf('(this value should be about 0.383770)\n');
end

%% ================ Part 5: Sigmoid Gradient  ================
fprintf('\nEvaluating sigmoid gradient...\n');
g = sigmoidGradient([-1 -0.5 0 0.5 1]);
fprintf('Sigmoid gradient evaluated at [-1 -0.5 0 0.5 1]:\n  ');
fprintf('%f ', g);
fprintf('\n');

%% ================ Part 6: Initializing Parameters ================
fprintf('\nInitializing Neural Network Parameters ...\n');
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

%% =============== Part 7: Implement Backpropagation ===============
fprintf('\nChecking Backpropagation...\n');
checkNNGradients(0);

%% =============== Part 8: Implement Regularization ===============
fprintf('\nChecking Backpropagation (w/ Regularization) ...\n');
lambda = 3;
checkNNGradients(lambda);
debug_J = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, lambda);
fprintf('\nCost at (fixed) debugging parameters (w/ lambda = %g): %f\n', lambda, debug_J);
if course
  fprintf('(for lambda = 3, this value should be about 0.576051)\n');
end

%% =================== Part 9: Training NN ===================
fprintf('\nTraining Neural Network (fmincg, %d iterations, lambda = %g) ...\n', ...
        maxIter, trainLambda);
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

%% ================= Part 10: Visualize Weights =================
fprintf('\nVisualizing Neural Network...\n');
hiddenPng = fullfile(outDir, 'ex4_hidden.png');
displayData(Theta1(:, 2:end), exampleWidth, hiddenPng, pixelOrder);
fprintf('Saved the %d hidden units to %s\n', hidden_layer_size, hiddenPng);

%% ================= Part 11: Implement Predict =================
pred = predict(Theta1, Theta2, X);
fprintf('\nTraining Set Accuracy: %f\n', mean(double(pred == y)) * 100);
if ~isempty(Xtest)
  predTest = predict(Theta1, Theta2, Xtest);
  fprintf('Held-out Set Accuracy: %f\n', mean(double(predTest == ytest)) * 100);
else
  fprintf('Held-out Set Accuracy: none (ex4data1.mat has no held-out examples)\n');
end
