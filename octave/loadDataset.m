function data = loadDataset(name, firstLabel)
%LOADDATASET A data set by name or path, split into training and held-out parts.
%   data = loadDataset('digits')
%   data = loadDataset('mnist5k')
%   data = loadDataset('fashion-mnist')
%   data = loadDataset(matFile)
%   data = loadDataset(idxFolder)
%   data = loadDataset(name, firstLabel)
%
%   name : char, one of
%     'digits'        the bundled 8x8 handwritten digits, data/digits.mat
%                     (1347 training and 450 held-out images, 64 pixels in
%                     [0, 1]), looked for in getenv('NNVEC_DATA_DIR') first,
%                     then in data/ next to this file's octave/ folder;
%     'mnist5k'       5000 real MNIST digits at the course's 20x20,
%                     data/mnist5k.mat (4000 training and 1000 held-out
%                     images, 400 pixels in [0, 1], column by column as in
%                     ex4data1.mat), looked for like 'digits';
%     'fashion-mnist' the 28x28 Fashion-MNIST IDX files (60000 + 10000) from
%                     NNVEC_DATA_DIR/fashion-mnist, else from Debian's package
%                     dataset-fashion-mnist (/usr/share/datasets/fashion-mnist,
%                     or getenv('NNVEC_FASHION_MNIST_DIR') when set);
%     a .mat file     holding X (m x n) and y (m x 1, integer labels >= 1), and
%                     optionally Xtest and ytest;
%     a folder        holding train-images-idx3-ubyte and
%                     train-labels-idx1-ubyte (each optionally .gz), and
%                     optionally t10k-images-idx3-ubyte and
%                     t10k-labels-idx1-ubyte (read with loadIdx).
%   firstLabel : 1 (default, labels 1..K, the course's: digit 0 is label 10)
%                or 0 (labels 0..K-1, the Python port's: label K becomes 0,
%                the others keep their value, mod(y, K); K is the largest
%                label of y and ytest).
%
%   data : struct with fields
%     X          m x n double, one example per row
%     y          m x 1 double labels 1..K (digit 0 is label 10)
%     Xtest      m_test x n double, [] when the source has none
%     ytest      m_test x 1 double, [] when the source has none
%     name       'digits', 'mnist5k', 'fashion-mnist' or the path given
%     imageShape [rows cols] of one image: [8 8] for digits, [20 20] for
%                mnist5k, from the IDX header for IDX files, [s s] for a .mat
%                file whose n = s^2, else []. The size only: to show row i of
%                digits or IDX data use reshape(data.X(i, :), cols, rows)'
%                (row-major pixels), of mnist5k reshape(data.X(i, :), 20, 20).
%
%   Errors: id nnvec:noData when the data set cannot be found (the message
%   says where it looked and how to get it), nnvec:badData for a malformed
%   file (the message names it), nnvec:badInput for a bad name.
%
%   See also: loadIdx (Python: nnvec.io.data.load_dataset, nnvec.io.data.load_mat).

if nargin < 1 || nargin > 2 || ~ischar(name) || isempty(name) || size(name, 1) ~= 1
  if nargin < 1 || nargin > 2
    got = sprintf('%d inputs', nargin);
  else
    got = sprintf('a %s of size %s', class(name), formatShape(size(name)));
  end
  error('nnvec:badInput', ...
        ['loadDataset: name must be ''digits'', ''mnist5k'', ''fashion-mnist'' or a path, ' ...
         'got %s'], got);
end
bundled = {'digits', 'mnist5k'; [8 8], [20 20]};
k = find(strcmp(name, bundled(1, :)), 1);
if ~isempty(k)
  file = bundledFile(name);
  data = loadMatData(file, name);
  if isempty(data.Xtest)
    error('nnvec:badData', ...
          'loadDataset: %s: the bundled %s must hold Xtest and ytest (regenerate with make data)', ...
          file, name);
  end
  data.imageShape = bundled{2, k};
elseif strcmp(name, 'fashion-mnist')
  data = loadIdxData(fashionFolder(), 'fashion-mnist');
elseif isfolder(name)
  data = loadIdxData(name, name);
elseif isfile(name)
  data = loadMatData(name, name);
else
  error('nnvec:noData', ['loadDataset: unknown data set ''%s'': expected ''digits'', ', ...
                         '''mnist5k'', ''fashion-mnist'', a .mat file or a folder of IDX files'], ...
        name);
end
if nargin == 2
  data = renumberLabels(data, firstLabel);
end
end

function data = renumberLabels(data, firstLabel)
% Labels from firstLabel: 1 keeps the course's 1..K, 0 makes label K the label 0.
if ~(isnumeric(firstLabel) && isscalar(firstLabel) && any(firstLabel == [0 1]))
  error('nnvec:badInput', ['loadDataset: first_label must be 1 (labels 1..K, the course''s) ' ...
                           'or 0 (labels 0..K-1, the Python port''s), got %s'], ...
        describeValue(firstLabel));
end
if firstLabel == 0
  K = max([data.y; data.ytest]);
  data.y = mod(data.y, K);
  data.ytest = mod(data.ytest, K);
end
end

function data = loadMatData(file, name)
% X, y and optional Xtest, ytest of a .mat file, validated.
try
  S = load(file, '-mat');
catch err
  % '-mat' reads MATLAB v5 to v7 files; a v4 file (save -v4, in Octave too)
  % needs its own option. Python's scipy.io.loadmat reads both.
  try
    S = load(file, '-mat4-binary');
  catch
    error('nnvec:badData', 'loadDataset: %s: not a readable .mat file (%s)', file, ...
          strtrim(regexprep(err.message, '\s+', ' ')));
  end
end
[X, y] = matXy(S, 'X', 'y', file, []);
hasTest = [isfield(S, 'Xtest'), isfield(S, 'ytest')];
Xtest = [];
ytest = [];
if any(hasTest)
  if ~all(hasTest)
    names = {'Xtest', 'ytest'};
    error('nnvec:badData', 'loadDataset: %s: has %s but no %s: give both or neither', ...
          file, names{find(hasTest, 1)}, names{find(~hasTest, 1)});
  end
  [Xtest, ytest] = matXy(S, 'Xtest', 'ytest', file, size(X, 2));
end
side = floor(sqrt(size(X, 2)));
if side * side == size(X, 2)
  shape = [side side];
else
  shape = [];
end
data = makeData(X, y, Xtest, ytest, name, shape);
end

function [X, y] = matXy(S, xname, yname, file, n)
% Validated X (double matrix) and y (double column) from two fields of S.
names = {xname, yname};
for k = 1:2
  if ~isfield(S, names{k})
    found = sort(fieldnames(S))';
    if isempty(found)
      found = {'none'};
    end
    error('nnvec:badData', ['loadDataset: %s: no variable ''%s'' (a course-style .mat file ', ...
                            'holds X, m x n, and y, m x 1), found: %s'], ...
          file, names{k}, strjoin(found, ', '));
  end
end
X = matNumeric(S.(xname), xname, file);
if ndims(X) ~= 2 || isempty(X)
  error('nnvec:badData', 'loadDataset: %s: %s must be a non-empty 2-D matrix, got shape %s', ...
        file, xname, formatShape(size(X)));
end
if ~isempty(n) && size(X, 2) ~= n
  error('nnvec:badData', 'loadDataset: %s: %s must have n = %d columns like X, got %d', ...
        file, xname, n, size(X, 2));
end
bad = find(~isfinite(X), 1);
if ~isempty(bad)
  [r, c] = ind2sub(size(X), bad);
  error('nnvec:badData', ...
        'loadDataset: %s: %s must be finite (no NaN or Inf), got %s at row %d, column %d', ...
        file, xname, formatNumber(X(bad)), r, c);
end
y = matNumeric(S.(yname), yname, file);
m = size(X, 1);
if ndims(y) ~= 2 || min(size(y)) ~= 1 || numel(y) ~= m
  error('nnvec:badData', ['loadDataset: %s: %s must be a vector of m = %d labels ', ...
                          '(one per row of %s), got shape %s'], ...
        file, yname, m, xname, formatShape(size(y)));
end
y = y(:);
bad = find(~(y >= 1 & y == round(y)), 1);
if ~isempty(bad)
  error('nnvec:badData', ['loadDataset: %s: %s labels must be integers >= 1 ', ...
                          '(digit 0 is label 10), got %s at position %d'], ...
        file, yname, formatNumber(y(bad)), bad);
end
end

function a = matNumeric(a, name, file)
if ~(isnumeric(a) || islogical(a))
  error('nnvec:badData', 'loadDataset: %s: %s must be numeric, got MATLAB data of class %s', ...
        file, name, class(a));
end
if ~isreal(a)
  error('nnvec:badData', 'loadDataset: %s: %s must be real, got complex values', file, name);
end
a = makeDense(a, name, [file ': '], 'loadDataset');  % sparse works as dense
if ~isa(a, 'double')
  % Checked before the copy: an int8 variable takes 8 times its space as double.
  checkBytes(8 * numel(a), sprintf('%s: the entries of the %s %s %s, made double,', file, ...
                                   class(a), formatShape(size(a)), name), 'loadDataset');
end
a = double(a);
end

function data = loadIdxData(folder, name)
% Training (train-*) and optional held-out (t10k-*) parts of a folder of IDX files.
trainImages = idxFile(folder, 'train-images-idx3-ubyte');
trainLabels = idxFile(folder, 'train-labels-idx1-ubyte');
if isempty(trainImages) || isempty(trainLabels)
  error('nnvec:noData', ['loadDataset: %s: no train-images-idx3-ubyte and ', ...
                         'train-labels-idx1-ubyte (optionally .gz) in this folder'], folder);
end
[X, y, shape] = loadIdx(trainImages, trainLabels);
testImages = idxFile(folder, 't10k-images-idx3-ubyte');
testLabels = idxFile(folder, 't10k-labels-idx1-ubyte');
Xtest = [];
ytest = [];
if ~isempty(testImages) || ~isempty(testLabels)
  if isempty(testImages) || isempty(testLabels)
    error('nnvec:noData', ['loadDataset: %s: t10k-images-idx3-ubyte and ', ...
                           't10k-labels-idx1-ubyte must come together (optionally .gz), ', ...
                           'found only one'], folder);
  end
  [Xtest, ytest, testShape] = loadIdx(testImages, testLabels);
  if ~isequal(testShape, shape)
    error('nnvec:badData', 'loadDataset: %s: t10k images are %dx%d but train images are %dx%d', ...
          folder, testShape(1), testShape(2), shape(1), shape(2));
  end
end
data = makeData(X, y, Xtest, ytest, name, shape);
end

function file = idxFile(folder, stem)
% The IDX file named stem (or stem.gz) in folder, '' when neither exists.
file = '';
candidates = {stem, [stem '.gz']};
for k = 1:2
  if isfile(fullfile(folder, candidates{k}))
    file = fullfile(folder, candidates{k});
    return
  end
end
end

function data = makeData(X, y, Xtest, ytest, name, shape)
data = struct('X', X, 'y', y, 'Xtest', Xtest, 'ytest', ytest, 'name', name);
data.imageShape = shape;
end

function folders = dataFolders()
% getenv('NNVEC_DATA_DIR') (when set), then data/ of the repository.
root = fileparts(fileparts(mfilename('fullpath')));
folders = {fullfile(root, 'data')};
env = getenv('NNVEC_DATA_DIR');
if ~isempty(env)
  folders = [{env}, folders];
end
end

function file = bundledFile(name)
% data/NAME.mat, looked for in NNVEC_DATA_DIR first.
folders = dataFolders();
tried = cellfun(@(d) fullfile(d, [name '.mat']), folders, 'UniformOutput', false);
for k = 1:numel(tried)
  if isfile(tried{k})
    file = tried{k};
    return
  end
end
error('nnvec:noData', ['loadDataset: the bundled %s.mat is not in %s: set ', ...
                       '$NNVEC_DATA_DIR to its folder, or rebuild it with `make data`'], ...
      name, strjoin(tried, ' or '));
end

function folder = fashionFolder()
% NNVEC_FASHION_MNIST_DIR (when set) replaces Debian's folder, so that a copy
% elsewhere can be named, and a test can see a machine without the package.
installed = getenv('NNVEC_FASHION_MNIST_DIR');
if isempty(installed)
  installed = '/usr/share/datasets/fashion-mnist';
end
tried = {installed};
env = getenv('NNVEC_DATA_DIR');
if ~isempty(env)
  tried = [{fullfile(env, 'fashion-mnist')}, tried];
end
for k = 1:numel(tried)
  if ~isempty(idxFile(tried{k}, 'train-images-idx3-ubyte'))
    folder = tried{k};
    return
  end
end
error('nnvec:noData', ['loadDataset: Fashion-MNIST not found in %s: install it with ', ...
                       '`apt-get install dataset-fashion-mnist` (Debian''s package puts ', ...
                       'the IDX files in /usr/share/datasets/fashion-mnist), or put the ', ...
                       'IDX files in $NNVEC_DATA_DIR/fashion-mnist'], strjoin(tried, ' or '));
end

%!test
%! data = loadDataset('digits');
%! assert(fieldnames(data), {'X'; 'y'; 'Xtest'; 'ytest'; 'name'; 'imageShape'});
%! % 1797 images (load_digits), 450 = ceil(1797 / 4) held out (scripts/make_digits.py)
%! assert(size(data.X), [1347 64]);
%! assert(size(data.y), [1347 1]);
%! assert(size(data.Xtest), [450 64]);
%! assert(size(data.ytest), [450 1]);
%! assert(data.name, 'digits');
%! assert(data.imageShape, [8 8]);
%! assert(unique([data.y; data.ytest])', 1:10);
%! assert(all(data.X(:) >= 0 & data.X(:) <= 1));
%! % pixels are k / 16 (load_digits gives integers 0..16)
%! assert(data.X * 16, round(data.X * 16));

%!test
%! data = loadDataset('mnist5k');
%! assert(size(data.X), [4000 400]);
%! assert(size(data.ytest), [1000 1]);
%! assert(data.name, 'mnist5k');
%! assert(data.imageShape, [20 20]);
%! % 400 training and 100 held-out images of each digit
%! assert(accumarray(data.y, 1)', 400 * ones(1, 10));
%! assert(accumarray(data.ytest, 1)', 100 * ones(1, 10));
%! assert(min(data.X(:)), 0);
%! assert(max(data.X(:)), 1);
%! % column by column: reshape(X(i, :), 20, 20) is upright, so a mean 7 carries
%! % its bar in the upper half and a mean 1 is taller than it is wide
%! seven = reshape(mean(data.X(data.y == 7, :), 1), 20, 20);
%! assert(sum(sum(seven(1:10, :))) > sum(sum(seven(11:20, :))));
%! one = reshape(mean(data.X(data.y == 1, :), 1), 20, 20);
%! assert(nnz(sum(one, 2) > 0.5) > nnz(sum(one, 1) > 0.5));

%!test
%! % firstLabel 0, the Python port's: digit 0 is label 0, the others keep their value.
%! course = loadDataset('mnist5k');
%! port = loadDataset('mnist5k', 0);
%! assert(port.y, mod(course.y, 10));
%! assert(port.ytest, mod(course.ytest, 10));
%! assert(unique(port.y)', 0:9);
%! assert(loadDataset('digits', 1).y, loadDataset('digits').y);
%!error <loadDataset: first_label must be 1 .* or 0 .*, got 2> loadDataset('digits', 2)

%!shared d
%! d = tempname();
%! mkdir(d);

%!test
%! X = [0 0.5; 1 0.25; 0.75 1];
%! y = [1; 2; 10];
%! file = fullfile(d, 'small.mat');
%! save(file, 'X', 'y', '-v6');
%! data = loadDataset(file);
%! assert(data.X, X);
%! assert(data.y, y);
%! assert(isempty(data.Xtest) && isempty(data.ytest));
%! assert(data.name, file);
%! assert(data.imageShape, []);

%!test
%! X = rand(3, 4);
%! y = [1 2 3];
%! Xtest = rand(2, 4);
%! ytest = [3; 1];
%! file = fullfile(d, 'split.mat');
%! save(file, 'X', 'y', 'Xtest', 'ytest', '-v6');
%! data = loadDataset(file);
%! assert(data.y, [1; 2; 3]);
%! assert(data.Xtest, Xtest);
%! assert(data.imageShape, [2 2]);

%!test
%! X = ones(3, 4);
%! y = [1; 0; 2];
%! file = fullfile(d, 'zero.mat');
%! save(file, 'X', 'y', '-v6');
%! try
%!   loadDataset(file);
%!   error('no error');
%! catch err
%!   assert(err.identifier, 'nnvec:badData');
%!   assert(err.message, ['loadDataset: ' file ': y labels must be integers >= 1 ' ...
%!                        '(digit 0 is label 10), got 0 at position 2']);
%! end

%!test
%! X = ones(3, 4);
%! file = fullfile(d, 'noy.mat');
%! save(file, 'X', '-v6');
%! try
%!   loadDataset(file);
%!   error('no error');
%! catch err
%!   assert(err.message, ['loadDataset: ' file ': no variable ''y'' (a course-style .mat ' ...
%!                        'file holds X, m x n, and y, m x 1), found: X']);
%! end

%!test
%! X = ones(3, 4);
%! y = [1; 2];
%! file = fullfile(d, 'short.mat');
%! save(file, 'X', 'y', '-v6');
%! try
%!   loadDataset(file);
%!   error('no error');
%! catch err
%!   assert(err.message, ['loadDataset: ' file ': y must be a vector of m = 3 labels ' ...
%!                        '(one per row of X), got shape 2x1']);
%! end

%!test
%! folder = fullfile(d, 'idx');
%! mkdir(folder);
%! header = {[2051 2 3 2], [2049 2], [2051 1 3 2], [2049 1]};
%! names = {'train-images-idx3-ubyte', 'train-labels-idx1-ubyte', ...
%!          't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'};
%! payload = {uint8(0:11), uint8([0 3]), uint8(255:-1:250), uint8(9)};
%! for k = 1:4
%!   fid = fopen(fullfile(folder, names{k}), 'w');
%!   fwrite(fid, header{k}, 'uint32', 0, 'ieee-be');
%!   fwrite(fid, payload{k}, 'uint8');
%!   fclose(fid);
%! end
%! data = loadDataset(folder);
%! assert(data.X, double(reshape(0:11, 6, 2)') / 255);
%! assert(data.y, [10; 3]);
%! assert(data.Xtest, (255:-1:250) / 255);
%! assert(data.ytest, 9);
%! assert(data.imageShape, [3 2]);
%! gzip(fullfile(folder, names{3}));
%! delete(fullfile(folder, names{3}));
%! gzdata = loadDataset(folder);
%! assert(gzdata.Xtest, data.Xtest);
%! assert(gzdata.imageShape, [3 2]);

%!test
%! % A v4 file (save -v4) is read too, and a sparse X works as dense.
%! X = sparse([0 0.5; 1 0]);
%! y = [1; 2];
%! file = fullfile(d, 'v4.mat');
%! save('-v4', file, 'X', 'y');
%! data = loadDataset(file);
%! assert(issparse(data.X), false);
%! assert(data.X, full(X));
%! assert(data.y, y);

%!test
%! % A label just off an integer shows all its digits, not a valid-looking 1.
%! X = ones(2, 4);
%! y = [2; 1 + 1e-12];
%! file = fullfile(d, 'near.mat');
%! save(file, 'X', 'y', '-v6');
%! try
%!   loadDataset(file);
%!   error('no error');
%! catch err
%!   assert(err.message, ['loadDataset: ' file ': y labels must be integers >= 1 ' ...
%!                        '(digit 0 is label 10), got 1.0000000000010001 at position 2']);
%! end

%!error <loadDataset: unknown data set 'no-such-set'> loadDataset('no-such-set')
%!error <loadDataset: name must be 'digits', 'mnist5k', 'fashion-mnist' or a path, got a double> loadDataset(3)
%!error <loadDataset: .*: no train-images-idx3-ubyte> loadDataset(d)

%!test
%! confirm_recursive_rmdir(false, 'local');
%! rmdir(d, 's');
