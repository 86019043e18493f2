function [h, display_array] = displayData(X, example_width, filename, order)
%DISPLAYDATA Show the rows of X as a grid of grey images (the course's interface).
%   displayData(X)
%   [h, display_array] = displayData(X, example_width)
%   [h, display_array] = displayData(X, example_width, filename)
%   [h, display_array] = displayData(X, example_width, filename, order)
%
%   X             : m x n, one image per row (examples, or Theta1(:, 2:end)
%                   for the hidden units).
%   example_width : image width in pixels; default (or []) round(sqrt(n)).
%                   The height is n / example_width.
%   filename      : optional PNG to write (grey levels: -1 black, 1 white,
%                   each grid pixel a block so the picture is >= 400 pixels
%                   wide or tall); nothing is written without one ('' for
%                   none). Written aside and renamed into place: a failed
%                   write keeps the old file, and the error names the file.
%   order         : 'F' (default, the course's data: pixels column by column)
%                   or 'C' (pixels row by row, like the bundled 8x8 digits);
%                   either way the images come out upright.
%   h             : image handle, or [] when nothing was drawn. The grid is
%                   drawn when a graphics toolkit can show it: one is
%                   available (available_graphics_toolkits) and there is a
%                   screen (Windows, macOS, DISPLAY) or gnuplot (then in an
%                   invisible figure, for a notebook kernel to print). Else
%                   (a headless octave-cli) only display_array is computed.
%   display_array : the grid, floor(sqrt(m)) rows by ceil(m / rows) columns
%                   of images, each divided by its largest absolute value (an
%                   all-zero image stays 0), 1 pixel of -1 padding around and
%                   between them, empty cells -1.
%
%   See also: imagesc, imwrite (Python: nnvec.io.display.display_data).

if nargin < 1
  error('nnvec:badInput', 'displayData: needs 1 to 4 inputs (X[, example_width, filename, order])');
end
if ~isnumeric(X) || ~isreal(X) || ndims(X) ~= 2 || isempty(X) || ~all(isfinite(X(:)))
  error('nnvec:badInput', 'displayData: X must be a non-empty finite real matrix, got a %s of size %s', ...
        class(X), formatShape(size(X)));
end
[m, n] = size(X);
if nargin < 2 || isempty(example_width)
  example_width = round(sqrt(n));
end
example_height = n / example_width;
if ~isnumeric(example_width) || ~isscalar(example_width) || example_width < 1 || ...
   example_width ~= round(example_width) || example_height ~= round(example_height)
  error('nnvec:badInput', 'displayData: example_width must divide n = %d, got %s', ...
        n, num2str(example_width));
end
if nargin < 3
  filename = '';
end
if nargin < 4
  order = 'F';
end
if ~ischar(order) || ~any(strcmp(order, {'F', 'C'}))
  error('nnvec:badInput', 'displayData: order must be ''F'' or ''C'', got ''%s''', num2str(order));
end

pad = 1;
display_rows = floor(sqrt(m));
display_cols = ceil(m / display_rows);
display_array = -ones(pad + display_rows * (example_height + pad), ...
                      pad + display_cols * (example_width + pad));
top = max(abs(X), [], 2);
top(top == 0) = 1;
for k = 1:m
  r = floor((k - 1) / display_cols);
  c = mod(k - 1, display_cols);
  if strcmp(order, 'F')
    img = reshape(X(k, :), example_height, example_width);
  else
    img = reshape(X(k, :), example_width, example_height)';
  end
  rows = pad + r * (example_height + pad) + (1:example_height);
  cols = pad + c * (example_width + pad) + (1:example_width);
  display_array(rows, cols) = img / top(k);
end

h = [];
[draw, screen] = canDraw();
if draw
  if ~screen && isempty(get(0, 'currentfigure'))
    figure('visible', 'off');
  end
  h = imagesc(display_array, [-1 1]);
  colormap(gray);
  axis image off;
  drawnow;
elseif isempty(filename) && nargout == 0
  fprintf('displayData: no graphics toolkit or display: nothing shown (give a file name for a PNG)\n');
end
if ~isempty(filename)
  scale = max(1, ceil(400 / max(size(display_array))));
  grey = (kron(display_array, ones(scale)) + 1) / 2;
  % Aside, then renamed: a failed or interrupted write keeps the old picture.
  writeAside(filename, @(tmp) imwrite(grey, tmp), 'displayData');
end
end

function [ok, screen] = canDraw()
% ok: figures can be drawn (a graphics toolkit, and a screen or gnuplot);
% screen: they can be shown in a window.
if exist('OCTAVE_VERSION', 'builtin')
  toolkits = available_graphics_toolkits();
  screen = ispc() || ismac() || ~isempty(getenv('DISPLAY'));
  gnuplot = any(strcmp(toolkits, 'gnuplot')) && ~isempty(file_in_path(getenv('PATH'), 'gnuplot'));
  ok = ~isempty(toolkits) && (screen || gnuplot);
else
  screen = usejava('desktop');
  ok = screen;
end
end

%!test
%! % Row-major 2 x 2 images come out upright; one image of four: 1 x 1 grid.
%! file = [tempname() '.png'];
%! [h, A] = displayData([1 2 3 4], 2, file, 'C');
%! delete(file);
%! assert (A, [-1 -1 -1 -1; -1 0.25 0.5 -1; -1 0.75 1 -1; -1 -1 -1 -1]);
%!test
%! % Column-major (the course's): the same picture from the transposed layout.
%! file = [tempname() '.png'];
%! [h, A] = displayData([1 3 2 4], 2, file);
%! delete(file);
%! assert (A(2:3, 2:3), [0.25 0.5; 0.75 1]);
%!test
%! % 5 images -> 2 rows x 3 columns; the empty sixth cell stays -1.
%! X = reshape(1:20, 5, 4);
%! file = [tempname() '.png'];
%! [h, A] = displayData(X, [], file);
%! assert (size(A), [1 + 2 * 3, 1 + 3 * 3]);
%! assert (A(6:7, 8:9), -ones(2));
%! assert (A(2:3, 2:3), reshape(X(1, :), 2, 2) / max(X(1, :)));
%! assert (exist(file, 'file'), 2);
%! img = double(imread(file));
%! assert (size(img, 2), 400);        % 10 grid columns, scale ceil(400 / 10)
%! delete(file);
%!test
%! % An all-zero image is drawn as 0 (mid grey), not NaN.
%! file = [tempname() '.png'];
%! [h, A] = displayData(zeros(1, 4), 2, file);
%! delete(file);
%! assert (A(2:3, 2:3), zeros(2));
%!test
%! % No file name: no file written, wherever it runs (a headless octave-cli
%! % draws nothing either: h is [] there).
%! folder = tempname();
%! mkdir(folder);
%! here = pwd();
%! cd(folder);
%! [h, A] = displayData(magic(4), 2);
%! cd(here);
%! listing = dir(folder);
%! assert (sort({listing.name}), {'.', '..'});
%! assert (size(A), [7 7]);
%! if isempty(available_graphics_toolkits())
%!   assert (isempty(h));
%! else
%!   close(ancestor(h, 'figure'));
%! end
%! rmdir(folder);
%!error <displayData: example_width must divide n = 6, got 4> displayData(ones(2, 6), 4)
%!error <displayData: order must be 'F' or 'C', got 'R'> displayData(ones(2, 4), 2, '', 'R')
%!error <displayData: X must be a non-empty finite real matrix> displayData([1 NaN])
%!test
%! % The PNG is written aside: a readable picture, no temporary file beside it.
%! folder = tempname();
%! mkdir(folder);
%! file = fullfile(folder, 'grid.png');
%! displayData(magic(4), 2, file);
%! assert (size(imread(file), 1) >= 400);
%! listing = dir(folder);
%! assert (sort({listing.name}), {'.', '..', 'grid.png'});
%! confirm_recursive_rmdir(false, 'local');
%! rmdir(folder, 's');
%!error <displayData: could not write .*nonexistent-folder-nnvec/x.png>
%! displayData(magic(4), 2, fullfile(tempdir(), 'nonexistent-folder-nnvec', 'x.png'));
