function [X, y, imageShape] = loadIdx(imagesFile, labelsFile)
%LOADIDX Read an MNIST-format IDX image file and label file (optionally gzipped).
%   [X, y] = loadIdx(imagesFile, labelsFile)
%   [X, y, imageShape] = loadIdx(imagesFile, labelsFile)
%
%   imagesFile : char, an *-images-idx3-ubyte file: magic number 0x00000803,
%                then the count N, rows R and columns C as big-endian uint32,
%                then N*R*C unsigned bytes. A name ending in .gz is gunzipped
%                first, into a temporary folder removed afterwards; its header
%                is read before (gzip -dc | head) and a size the file cannot
%                hold (deflate: at most 1032:1) or the memory limit refuses
%                is an error before anything is unpacked.
%   labelsFile : char, an *-labels-idx1-ubyte file: magic number 0x00000801,
%                the count N, then N unsigned bytes 0..9. .gz as above.
%
%   X : N x (R*C) double, pixels / 255 in [0, 1]. Row i is image i flattened
%       row-major as stored in the file: pixel (r, c) (1-based) is column
%       (r - 1)*C + c, so reshape(X(i, :), C, R)' shows image i (numpy:
%       X[i].reshape(R, C)).
%   y : N x 1 double, labels 1..10: class 0 becomes 10, the others stay.
%   imageShape : [R C] from the header (Python's load_idx returns X and y
%       only; load_dataset reads the shape the same way).
%
%   Errors name the file and the fault, with id nnvec:noData for a missing
%   file and nnvec:badData for: not gzip data or truncated gzip, a bad magic
%   number, a dimension of 0, truncated data, trailing bytes, image and label
%   counts that differ, a label outside 0..9.
%
%   See also: loadDataset (Python: nnvec.io.data.load_idx).

if nargin ~= 2
  error('nnvec:badData', 'loadIdx: expected 2 inputs (imagesFile, labelsFile), got %d', nargin);
end
checkName(imagesFile, 'imagesFile');
checkName(labelsFile, 'labelsFile');
[dims, pixels] = readIdx(imagesFile, 3);
[count, labels] = readIdx(labelsFile, 1);
if dims(1) ~= count
  error('nnvec:badData', 'loadIdx: %s holds %d images but %s holds %d labels', ...
        imagesFile, dims(1), labelsFile, count);
end
bad = find(labels > 9, 1);
if ~isempty(bad)
  error('nnvec:badData', 'loadIdx: %s: labels must be digits 0..9, got %d at position %d', ...
        labelsFile, labels(bad), bad);
end
% The file holds the payload, but as doubles it takes 8 times the space.
checkBytes(8 * prod(dims), sprintf('%s: %d images of %dx%d pixels', imagesFile, dims(1), ...
                                   dims(2), dims(3)), 'loadIdx');
X = double(reshape(pixels, dims(2) * dims(3), dims(1))') / 255;
y = double(labels(:));
y(y == 0) = 10;
imageShape = dims(2:3);
end

function checkName(file, what)
if ~ischar(file) || isempty(file) || size(file, 1) ~= 1
  error('nnvec:badData', 'loadIdx: %s must be a file name (char row), got a %s of size %s', ...
        what, class(file), formatShape(size(file)));
end
end

function [dims, payload] = readIdx(file, ndim)
% Dimensions (row) and payload (uint8 column) of an IDX file of unsigned bytes.
% A .gz file's header is read first from the gzip stream (gzip -dc | head),
% and an impossible size refused, before the whole file is unpacked.
if numel(file) > 3 && strcmpi(file(end - 2:end), '.gz') && isfile(file)
  head = gzipHead(file, 4 + 4 * ndim);
  if numel(head) == 4 + 4 * ndim && bigEndian(head(1:4)) == 8 * 256 + ndim
    listing = dir(file);
    checkPayload(file, ndim, head, listing.bytes);
  end
end
[raw, packed] = readBytes(file);
if ndim == 3
  what = 'images';
else
  what = 'labels';
end
expected = 8 * 256 + ndim;
header = 4 + 4 * ndim;
if numel(raw) < 4
  error('nnvec:badData', ...
        'loadIdx: %s: truncated: %d bytes, an IDX file starts with a 4-byte magic number', ...
        file, numel(raw));
end
magic = bigEndian(raw(1:4));
if magic ~= expected
  error('nnvec:badData', ...
        'loadIdx: %s: bad magic number 0x%08X, expected 0x%08X (IDX %s of unsigned bytes)', ...
        file, magic, expected, what);
end
if numel(raw) < header
  error('nnvec:badData', 'loadIdx: %s: truncated: %d bytes, the IDX %s header needs %d', ...
        file, numel(raw), what, header);
end
dims = zeros(1, ndim);
for k = 1:ndim
  dims(k) = bigEndian(raw(4 * k + 1:4 * k + 4));
end
shape = formatShape(dims);
if min(dims) == 0
  error('nnvec:badData', 'loadIdx: %s: dimensions must be >= 1, got %s', file, shape);
end
need = header + prod(dims);
if packed > 0
  checkPayload(file, ndim, raw(1:header), packed);
end
if numel(raw) < need
  % need may pass flintmax (three dimensions up to 2^32 - 1): its digits come
  % from exactCount, as Python's integers print them.
  error('nnvec:badData', 'loadIdx: %s: truncated: %d bytes, dimensions %s need %s', ...
        file, numel(raw), shape, exactCount(header, dims));
end
if numel(raw) > need
  error('nnvec:badData', ...
        'loadIdx: %s: %d trailing bytes after the %d that dimensions %s need', ...
        file, numel(raw) - need, need, shape);
end
payload = raw(header + 1:end);
end

function checkPayload(file, ndim, head, packed)
% Before the payload is read: a gzip file of packed bytes cannot unpack to more
% than 1032 times its size (deflate's best ratio, as Python's
% nnvec.io.data.DEFLATE_MAX_RATIO), and the images must fit in memory as doubles.
header = 4 + 4 * ndim;
dims = zeros(1, ndim);
for k = 1:ndim
  dims(k) = bigEndian(head(4 * k + 1:4 * k + 4));
end
if min(dims) == 0
  return  % readIdx reports it
end
if prod(dims) > 1032 * packed
  error('nnvec:badData', ['loadIdx: %s: dimensions %s need %s bytes, more than a gzip file ' ...
                          'of %d bytes can hold (at most 1032 times its size): a corrupt header?'], ...
        file, formatShape(dims), exactCount(header, dims), packed);
end
if ndim == 3
  checkBytes(8 * prod(dims), sprintf('%s: %d images of %dx%d pixels', file, dims(1), ...
                                     dims(2), dims(3)), 'loadIdx');
end
end

function head = gzipHead(file, n)
% The first n bytes of the gzip stream of file (fewer when it is shorter or not gzip data).
tmp = [tempname() '.head'];
cleanup = onCleanup(@() deleteIfThere(tmp));
status = system(sprintf('gzip -dc -- %s 2>/dev/null | head -c %d > %s', shellQuote(file), n, ...
                        shellQuote(tmp)));
head = zeros(0, 1, 'uint8');
if status == 0 && isfile(tmp)
  fid = fopen(tmp, 'r');
  head = fread(fid, Inf, 'uint8=>uint8');
  fclose(fid);
end
end

function q = shellQuote(s)
% s in single quotes for sh, each quote in s written as '\''.
q = ['''' strrep(s, '''', '''\''''') ''''];
end

function deleteIfThere(file)
if isfile(file)
  delete(file);
end
end

function s = exactCount(header, dims)
% header + prod(dims) in decimal, exact for any dims below 2^32 (a double
% holds integers exactly only up to 2^53). The digits are kept least
% significant first; each product digit * dims(k) stays below 10 * 2^32.
d = header;
digits = [];
while d > 0
  digits(end + 1) = mod(d, 10); %#ok<AGROW>
  d = floor(d / 10);
end
product = 1;
for k = 1:numel(dims)
  product = carryDigits(product * dims(k));
end
n = max(numel(product), numel(digits));
total = zeros(1, n);
total(1:numel(product)) = product;
total(1:numel(digits)) = total(1:numel(digits)) + digits;
total = carryDigits(total);
s = char('0' + fliplr(total));
end

function digits = carryDigits(digits)
% Base-10 digits (least significant first), each made 0..9 by carrying.
k = 1;
while k <= numel(digits)
  c = floor(digits(k) / 10);
  digits(k) = digits(k) - 10 * c;
  if c > 0
    if k == numel(digits)
      digits(end + 1) = 0; %#ok<AGROW>
    end
    digits(k + 1) = digits(k + 1) + c;
  end
  k = k + 1;
end
while numel(digits) > 1 && digits(end) == 0
  digits(end) = [];
end
end

function v = bigEndian(bytes)
% A big-endian unsigned 32-bit integer from 4 bytes, as a double.
v = double(bytes(:)') * [16777216; 65536; 256; 1];
end

function [raw, packed] = readBytes(file)
% The bytes of a file (uint8 column), gunzipped first when the name ends in .gz;
% packed is the size of the .gz file (0 for a plain file).
if ~isfile(file)
  error('nnvec:noData', 'loadIdx: %s: no such file', file);
end
src = file;
packed = 0;
if numel(file) > 3 && strcmpi(file(end - 2:end), '.gz')
  listing = dir(file);
  packed = listing.bytes;
  % gunzip decompresses next to its input (with gzip -f) and then moves the
  % result, so decompress a copy inside a fresh temporary folder: the data
  % folder (maybe read-only, maybe holding the plain file too) is not touched.
  tmp = tempname();
  mkdir(tmp);
  cleanup = onCleanup(@() removeFolder(tmp));
  [~, base, ext] = fileparts(file);
  copy = fullfile(tmp, [base ext]);
  copyfile(file, copy);
  % Octave's unpack cd's into the folder, which makes Octave warn about
  % relative entries of the load path; silence that for the call only.
  state = warning('off', 'all');
  try
    names = gunzip(copy, tmp);
  catch err
    warning(state);
    error('nnvec:badData', 'loadIdx: %s: cannot decompress (%s)', file, ...
          strtrim(regexprep(err.message, '\s+', ' ')));
  end
  warning(state);
  src = names{1};
end
fid = fopen(src, 'r');
if fid < 0
  error('nnvec:noData', 'loadIdx: %s: cannot open', file);
end
raw = fread(fid, Inf, 'uint8=>uint8');
fclose(fid);
end

function removeFolder(folder)
% Remove a temporary folder and the files in it (no recursive rmdir: Octave would ask).
listing = dir(folder);
for k = 1:numel(listing)
  if ~listing(k).isdir
    delete(fullfile(folder, listing(k).name));
  end
end
rmdir(folder);
end

%!function writeIdx(file, magic, dims, payload)
%!  fid = fopen(file, 'w');
%!  fwrite(fid, [magic, dims], 'uint32', 0, 'ieee-be');
%!  fwrite(fid, payload, 'uint8');
%!  fclose(fid);
%!endfunction

%!shared d, img, lab, pixels
%! d = tempname();
%! mkdir(d);
%! img = fullfile(d, 'train-images-idx3-ubyte');
%! lab = fullfile(d, 'train-labels-idx1-ubyte');
%! % 3 images of 2 rows x 4 columns; file order is row-major within an image.
%! pixels = uint8(mod((0:23) * 37, 256));
%! writeIdx(img, 2051, [3 2 4], pixels);
%! writeIdx(lab, 2049, 3, uint8([0 7 9]));

%!test
%! [X, y, shape] = loadIdx(img, lab);
%! assert(shape, [2 4]);
%! assert(size(X), [3 8]);
%! assert(X, double(reshape(pixels, 8, 3)') / 255);
%! % pixel (r, c) of image i is column (r - 1)*4 + c: row 2, column 3 of image 2
%! assert(X(2, 7), double(pixels(8 + 7)) / 255);
%! assert(y, [10; 7; 9]);

%!test
%! gzip({img, lab});
%! [X, y] = loadIdx([img '.gz'], [lab '.gz']);
%! [X0, y0] = loadIdx(img, lab);
%! assert(X, X0);
%! assert(y, y0);

%!test
%! bad = fullfile(d, 'magic');
%! writeIdx(bad, 2049, [3 2 4], pixels);
%! try
%!   loadIdx(bad, lab);
%!   error('no error');
%! catch err
%!   assert(err.identifier, 'nnvec:badData');
%!   assert(err.message, ['loadIdx: ' bad ': bad magic number 0x00000801, ' ...
%!                        'expected 0x00000803 (IDX images of unsigned bytes)']);
%! end

%!test
%! short = fullfile(d, 'short');
%! writeIdx(short, 2051, [3 2 4], pixels(1:20));
%! try
%!   loadIdx(short, lab);
%!   error('no error');
%! catch err
%!   assert(err.message, ['loadIdx: ' short ': truncated: 36 bytes, dimensions 3x2x4 need 40']);
%! end

%!test
%! % A header of 2^32 - 1 images of (2^32 - 1)^2 pixels: the byte count is
%! % 16 + (2^32 - 1)^3, beyond a double's exact integers, printed in full.
%! huge = fullfile(d, 'huge');
%! writeIdx(huge, 2051, [4294967295 4294967295 4294967295], uint8([]));
%! try
%!   loadIdx(huge, lab);
%!   error('no error');
%! catch err
%!   assert(err.message, ['loadIdx: ' huge ': truncated: 16 bytes, dimensions ' ...
%!                        '4294967295x4294967295x4294967295 need 79228162458924105385300197391']);
%! end

%!test
%! two = fullfile(d, 'two-labels');
%! writeIdx(two, 2049, 2, uint8([1 2]));
%! try
%!   loadIdx(img, two);
%!   error('no error');
%! catch err
%!   assert(err.message, ['loadIdx: ' img ' holds 3 images but ' two ' holds 2 labels']);
%! end

%!test
%! big = fullfile(d, 'big-labels');
%! writeIdx(big, 2049, 3, uint8([1 12 2]));
%! try
%!   loadIdx(img, big);
%!   error('no error');
%! catch err
%!   assert(err.message, ['loadIdx: ' big ': labels must be digits 0..9, got 12 at position 2']);
%! end

%!test
%! fake = fullfile(d, 'fake.gz');
%! copyfile(img, fake);
%! try
%!   loadIdx(fake, lab);
%!   error('no error');
%! catch err
%!   prefix = ['loadIdx: ' fake ': cannot decompress ('];
%!   assert(strncmp(err.message, prefix, numel(prefix)));
%! end

%!error <loadIdx: .*nothing-here: no such file> loadIdx(fullfile(tempdir(), 'nothing-here'), 'x')
%!error <loadIdx: imagesFile must be a file name> loadIdx(3, 'x')
%!error <loadIdx: expected 2 inputs> loadIdx('x')

%!test
%! confirm_recursive_rmdir(false, 'local');
%! rmdir(d, 's');
