function writeAside(filename, writer, fname)
%WRITEASIDE Write a file under a temporary name in its folder, then rename it into place.
%   writeAside(filename, writer, fname)
%
%   filename : the file to (re)write; its folder must exist.
%   writer   : function handle; writer(tmp) writes the whole content to the
%              file named tmp, which is in the same folder and ends with the
%              same extension as filename (so imwrite picks the same format).
%   fname    : the calling function's name, which the error message starts with.
%
%   The target is either the old file or the complete new one: the content
%   goes to the temporary file first, and only a finished file is renamed
%   over the target (rename(2), one step on POSIX). When writer fails, or
%   the run is interrupted (Ctrl-C), the temporary file is deleted (an
%   onCleanup object does it on any exit) and the old file stays as it was;
%   a failure is reported as error('nnvec:writeFailed', ...) naming
%   filename. Octave has no fsync, so unlike the Python twin the data may
%   still be in the page cache at the rename.
%
%   See also: rename, movefile, onCleanup (Python: nnvec.io.files.write_aside).

[folder, name, ext] = fileparts(filename);
if isempty(folder)
  folder = pwd;
end
% tempname's random part, not rand: the caller's random stream stays untouched.
[~, tag] = fileparts(tempname());
tmp = fullfile(folder, ['.' name ext '.' tag '.part' ext]);
cleaner = onCleanup(@() removeIfThere(tmp));
try
  writer(tmp);
catch err
  error('nnvec:writeFailed', '%s: could not write %s: %s', fname, filename, err.message);
end
if exist('OCTAVE_VERSION', 'builtin')
  [status, msg] = rename(tmp, filename);
  ok = status == 0;
else
  [ok, msg] = movefile(tmp, filename, 'f');
end
if ~ok
  error('nnvec:writeFailed', '%s: could not write %s: %s', fname, filename, msg);
end
clear cleaner;
end

function removeIfThere(file)
% Delete file when it exists (the temporary file after a failure).
if exist(file, 'file')
  delete(file);
end
end

%!function writeText(file, text)
%! fid = fopen(file, 'w');
%! fprintf(fid, '%s', text);
%! fclose(fid);
%!endfunction

%!function failHalfway(file)
%! writeText(file, 'half');
%! error('simulated:fault', 'simulated fault');
%!endfunction

%!test
%! % A good write replaces the file; no temporary file stays behind.
%! folder = tempname();
%! mkdir(folder);
%! target = fullfile(folder, 'w.txt');
%! writeText(target, 'old');
%! writeAside(target, @(f) writeText(f, 'new'), 'test');
%! assert (fileread(target), 'new');
%! assert (numel(dir(folder)), 3);  % ., .. and w.txt
%! confirm_recursive_rmdir(false, 'local');
%! rmdir(folder, 's');

%!test
%! % A writer failing halfway: the old file is intact, the temporary gone,
%! % and the error names the file.
%! folder = tempname();
%! mkdir(folder);
%! target = fullfile(folder, 'w.txt');
%! writeText(target, 'old');
%! msg = '';
%! try
%!   writeAside(target, @failHalfway, 'displayData');
%! catch err
%!   msg = err.message;
%! end
%! assert (msg, ['displayData: could not write ' target ': simulated fault']);
%! assert (fileread(target), 'old');
%! assert (numel(dir(folder)), 3);
%! confirm_recursive_rmdir(false, 'local');
%! rmdir(folder, 's');
