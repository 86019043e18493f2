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
%   Your own functions: with your folder first on the path (addpath, or
%   octave-cli -p FOLDER), the nnCostFunction, sigmoidGradient,
%   randInitializeWeights and predict found first are yours when they are not
%   nnvec's (which() says where). The walk-through says whose it runs
%   ("Running your nnCostFunction from FOLDER"), and after each of nnvec's
%   values prints a "Yours:" line with your function's (nnvec's values come from
%   nnCost, nnPredict and the formulas, never from your files), as
%   nnvec ex4 --solution FILE does in Python.
%
%   See also: nnCostFunction, nnCostFunctionLoop, checkNNGradients, fmincg,
%   displayData, loadDataset (Python: nnvec.cli.ex4.main).

% Each step branches on whose function runs (yours or nnvec's); a script cannot
% call private/ helpers, and a helper on the path would be API.
%| pragma Justify (metric, "cyc", "a branch per step for the student's functions");
more off;
octaveDir = fileparts(mfilename('fullpath'));
% At the end of the path, and only when missing: a student's folder added
% before stays first (the course's ex4.m calls the student's functions).
if ~any(strcmp(strsplit(path(), pathsep()), octaveDir))
  addpath(octaveDir, '-end');
end
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

% Whose functions run: the first on the path, yours when not in nnvec's folder.
yourNames = {'nnCostFunction', 'sigmoidGradient', 'randInitializeWeights', 'predict'};
yours = struct();
for k = 1:numel(yourNames)
  where = which(yourNames{k});
  yours.(yourNames{k}) = ~isempty(where) && ~strcmp(fileparts(where), octaveDir);
  if yours.(yourNames{k})
    fprintf('Running your %s from %s\n', yourNames{k}, fileparts(where));
  end
end
verdicts = {'DIFFERS', 'agrees'};
sayYours = @(text, expected, ok) fprintf('Yours: %s (nnvec''s: %s): %s\n', text, expected, ...
                                         verdicts{1 + ok});
closeTo = @(a, b) isequal(size(a), size(b)) && all(abs(a(:) - b(:)) <= 1e-9 + 1e-6 * abs(b(:)));

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
sizes = [input_layer_size hidden_layer_size num_labels];
% Steps 3, 4 and 8: nnvec's J (nnCost, not the nnCostFunction on the path when it
% is yours) and the line of yours.
lambdas = [0 1 3];
expectedJ = zeros(1, 3);
yourLines = cell(1, 3);
for k = 1:3
  if yours.nnCostFunction
    expectedJ(k) = nnCost(nn_params, sizes, X, y, lambdas(k));
    try
      myJ = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, ...
                           lambdas(k));
      yourLines{k} = sprintf('Yours: J = %f (nnvec''s: %f): %s', myJ, expectedJ(k), ...
                             verdicts{1 + closeTo(myJ, expectedJ(k))});
    catch err
      yourLines{k} = sprintf('Yours: nnCostFunction, lambda = %g: error: %s', lambdas(k), ...
                             err.message);
    end
  end
end
if yours.nnCostFunction
  J = expectedJ(1);
else
  J = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, 0);
end
fprintf('J at the %s weights, lambda = 0: %f\n', source, J);
if yours.nnCostFunction
  fprintf('%s\n', yourLines{1});
end
if course
  fprintf('(published by the course for its data and weights: 0.287629)\n');
end
J_loop = nnCostFunctionLoop(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, 0);
fprintf('J again, one example at a time (loop baseline): %f\n', J_loop);

%% Step 4: the same cost plus the L2 penalty on the non-bias weights.
fprintf('\nStep 4: the cost with L2 regularization\n');
if yours.nnCostFunction
  J = expectedJ(2);
else
  J = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, 1);
end
fprintf('J at the %s weights, lambda = 1: %f\n', source, J);
if yours.nnCostFunction
  fprintf('%s\n', yourLines{2});
end
if course
  fprintf('(published by the course for its data and weights: 0.383770)\n');
end

%% Step 5: g'(z) = g(z) (1 - g(z)) at a few points; 0.25 at z = 0.
fprintf('\nStep 5: the derivative of the sigmoid\n');
z = [-1 -0.5 0 0.5 1];
if yours.sigmoidGradient
  s = 1 ./ (1 + exp(-z));   % nnvec's value by the formula, not the function on the path
  g = s .* (1 - s);
else
  g = sigmoidGradient(z);
end
fprintf('sigmoidGradient at z = [-1 -0.5 0 0.5 1]:\n  ');
fprintf('%f ', g);
fprintf('\n');
if yours.sigmoidGradient
  try
    myG = sigmoidGradient(z);
    sayYours(strtrim(sprintf('%f ', myG)), strtrim(sprintf('%f ', g)), closeTo(myG, g));
  catch err
    fprintf('Yours: sigmoidGradient: error: %s\n', err.message);
  end
end

%% Step 6: small random weights break the symmetry between hidden units.
fprintf('\nStep 6: random initial weights\n');
if yours.randInitializeWeights
  % nnvec's by the course's formula: yours may take no epsilon.
  initial_Theta1 = rand(hidden_layer_size, 1 + input_layer_size) * 2 * epsilonInit - epsilonInit;
  initial_Theta2 = rand(num_labels, 1 + hidden_layer_size) * 2 * epsilonInit - epsilonInit;
else
  initial_Theta1 = randInitializeWeights(input_layer_size, hidden_layer_size, epsilonInit);
  initial_Theta2 = randInitializeWeights(hidden_layer_size, num_labels, epsilonInit);
end
randParams = [initial_Theta1(:); initial_Theta2(:)];
inside = 'no';
if all(abs(randParams) <= epsilonInit)
  inside = 'yes';
end
fprintf('randInitializeWeights: %d weights, all in [-%g, %g]: %s\n', ...
        numel(randParams), epsilonInit, epsilonInit, inside);
if yours.randInitializeWeights
  try
    W = randInitializeWeights(input_layer_size, hidden_layer_size);
    shapeOk = isequal(size(W), [hidden_layer_size, input_layer_size + 1]);
    myInside = isnumeric(W) && all(abs(W(:)) <= epsilonInit);
    answers = {'no', 'yes'};
    fprintf(['Yours: randInitializeWeights(%d, %d) is %dx%d (nnvec''s: %dx%d), all in ' ...
             '[-%g, %g]: %s: %s\n'], input_layer_size, hidden_layer_size, size(W, 1), ...
            size(W, 2), hidden_layer_size, input_layer_size + 1, epsilonInit, epsilonInit, ...
            answers{1 + myInside}, verdicts{1 + (shapeOk && myInside)});
  catch err
    fprintf('Yours: randInitializeWeights(%d, %d): error: %s\n', input_layer_size, ...
            hidden_layer_size, err.message);
  end
end
fprintf(['(Octave''s and numpy''s random generators differ, so training below starts ' ...
         'from debugInitializeWeights instead: the same numbers in both languages.)\n']);

%% Step 7: backprop against central differences on a small network.
fprintf('\nStep 7: backprop against central differences, lambda = 0\n');
% checkNNGradients checks the nnCostFunction first on the path, as the course's.
if yours.nnCostFunction
  fprintf('Yours: your nnCostFunction''s gradient beside central differences of your J:\n');
end
try
  checkNNGradients(0);
catch err
  fprintf('Yours: the check stopped: %s\n', err.message);
end

%% Step 8: the same check with the L2 penalty, and the cost at lambda 3.
lambda = 3;
fprintf('\nStep 8: backprop against central differences, lambda = %g\n', lambda);
if yours.nnCostFunction
  fprintf('Yours: your nnCostFunction''s gradient beside central differences of your J:\n');
end
try
  checkNNGradients(lambda);
catch err
  fprintf('Yours: the check stopped: %s\n', err.message);
end
if yours.nnCostFunction
  debug_J = expectedJ(3);
else
  debug_J = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, ...
                           lambda);
end
fprintf('\nJ at the %s weights, lambda = %g: %f\n', source, lambda, debug_J);
if yours.nnCostFunction
  fprintf('%s\n', yourLines{3});
end
if course
  fprintf('(published by the course for lambda = 3: 0.576051)\n');
end

%% Step 9: training with our fmincg.
fprintf('\nStep 9: training, %d iterations of fmincg, lambda = %g\n', maxIter, trainLambda);
fprintf('Start: debugInitializeWeights for every layer (deterministic, not random).\n');
start_Theta1 = debugInitializeWeights(hidden_layer_size, input_layer_size);
start_Theta2 = debugInitializeWeights(num_labels, hidden_layer_size);
initial_nn_params = [start_Theta1(:); start_Theta2(:)];
display = 'iter';
if yours.nnCostFunction
  costFunction = @(p) nnCost(p, sizes, X, y, trainLambda);   % nnvec's training first
  display = 'off';
else
  costFunction = @(p) nnCostFunction(p, input_layer_size, hidden_layer_size, num_labels, ...
                                     X, y, trainLambda);
end
[trained, cost, nIter] = fmincg(costFunction, initial_nn_params, ...
                                struct('MaxIter', maxIter, 'Display', display));
fprintf('Cost after %d iterations: %f\n', nIter, cost(end));
Thetas = reshapeParams(trained, [input_layer_size hidden_layer_size num_labels]);
Theta1 = Thetas{1};
Theta2 = Thetas{2};
yourThetas = {};   % the network trained with your nnCostFunction
if yours.nnCostFunction
  yourCost = @(p) nnCostFunction(p, input_layer_size, hidden_layer_size, num_labels, X, y, ...
                                 trainLambda);
  try
    [myTrained, myCost, myIter] = fmincg(yourCost, initial_nn_params, ...
                                         struct('MaxIter', maxIter, 'Display', 'off'));
    sayYours(sprintf('cost after %d iterations with your nnCostFunction = %f', myIter, ...
                     myCost(end)), sprintf('%f', cost(end)), ...
             abs(myCost(end) - cost(end)) <= 1e-6 + 1e-4 * abs(cost(end)));
    yourThetas = reshapeParams(myTrained, sizes);
  catch err
    fprintf(['Yours: training with your nnCostFunction stopped: %s; the pictures and ' ...
             'accuracy below are nnvec''s network''s\n'], err.message);
  end
end

%% Step 10: each hidden unit's input weights, drawn as an image.
fprintf('\nStep 10: what the hidden units respond to\n');
hiddenPng = fullfile(outDir, 'ex4_hidden.png');
displayData(Theta1(:, 2:end), exampleWidth, hiddenPng, pixelOrder);
fprintf('Saved the %d hidden units to %s\n', hidden_layer_size, hiddenPng);
if ~isempty(yourThetas)
  yourPng = fullfile(outDir, 'ex4_hidden_yours.png');
  displayData(yourThetas{1}(:, 2:end), exampleWidth, yourPng, pixelOrder);
  fprintf(['Yours: saved the %d hidden units of the network trained with your ' ...
           'nnCostFunction to %s\n'], hidden_layer_size, yourPng);
end

%% Step 11: how often the trained network's label is the true one.
fprintf('\nStep 11: accuracy of the trained network\n');
if yours.predict
  pred = nnPredict(trained, sizes, X);   % nnvec's, not the predict on the path
else
  pred = predict(Theta1, Theta2, X);
end
accuracy = mean(double(pred(:) == y(:))) * 100;
fprintf('Correct on the training examples (%%): %f\n', accuracy);
if ~isempty(yourThetas)
  who = 'nnvec''s predict';
  if yours.predict
    who = 'your predict';
  end
  try
    myPred = predict(yourThetas{1}, yourThetas{2}, X);
    myAccuracy = 0;
    if numel(myPred) == numel(y)
      myAccuracy = mean(double(myPred(:) == y(:))) * 100;
    end
    sayYours(sprintf('correct on the training examples (%%) by %s = %f', who, myAccuracy), ...
             sprintf('%f', accuracy), abs(myAccuracy - accuracy) <= 1);
  catch err
    fprintf('Yours: predict: error: %s\n', err.message);
  end
end
if ~isempty(Xtest)
  predTest = predict(Theta1, Theta2, Xtest);
  fprintf('Correct on the held-out examples (%%): %f\n', mean(double(predTest == ytest)) * 100);
else
  fprintf('Correct on the held-out examples (%%): none (%s)\n', noTestText);
end
