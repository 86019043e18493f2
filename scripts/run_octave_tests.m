% RUN_OCTAVE_TESTS Run the %!test blocks of every octave/*.m and octave/private/*.m file.
%   octave-cli --no-gui --norc --quiet --no-history scripts/run_octave_tests.m
%
%   Octave's own test and oruntests exit 0 even when a test fails, so this
%   script runs test(file, 'quiet', fid) on each .m file of the folder and of
%   its private/ subfolder, prints one line per file, the log of every failing
%   block, and a closing line of exactly this form (parsed by CI), alone on
%   its line:
%
%       Octave: N passed, N failed
%
%   It exits with status 1 when
%     - any %!test / %!assert / %!error / %!shared ... block fails (known
%       failures, i.e. %!xtest and %!test <bug-id> blocks, are reported but
%       do not fail the run; a regression of a fixed bug <*id> does),
%     - a function file has no test block (every public function carries
%       tests; a script, i.e. a file whose first code line does not start
%       with the keyword function, is exempt and listed as skipped),
%     - no test at all was found.
%   "N failed" counts the failing blocks plus one per function file without
%   tests, so a red run never reports 0 failed (except when nothing ran).
%
%   The folder is the repository's octave/, found from this script's own
%   location so that any working directory works. The environment variable
%   NNVEC_OCTAVE_DIR replaces it (tests/test_tooling.py uses a temp folder).
%   The public files are tested from the folder's parent, where a private
%   function is out of sight as it is for a user; the files of private/ are
%   tested from inside private/, the only place Octave's test finds them.
%   Other subfolders (+package/, ...) are not visited.
%
%   This file is a script, not a function, and holds no local functions:
%   Octave needs script functions defined before use, MATLAB at the end.
%
%   See also test, oruntests.

more off;
scriptDir = fileparts(mfilename('fullpath'));
octDir = getenv('NNVEC_OCTAVE_DIR');
if isempty(octDir)
  octDir = fullfile(fileparts(scriptDir), 'octave');
else
  octDir = make_absolute_filename(octDir);
end
if ~exist(octDir, 'dir')
  fprintf(2, 'run_octave_tests: folder %s does not exist\n', octDir);
  fprintf(1, 'Octave: 0 passed, 0 failed\n');
  exit(1);
end
addpath(octDir);
fprintf(1, 'Running Octave tests in %s\n', octDir);

% One list of files, public first: the folder each is tested from, the
% name it is reported under.
listing = dir(fullfile(octDir, '*.m'));
fileNames = sort({listing.name});
fileDirs = repmat({octDir}, size(fileNames));
privDir = fullfile(octDir, 'private');
if exist(privDir, 'dir')
  listing = dir(fullfile(privDir, '*.m'));
  privNames = sort({listing.name});
  fileNames = [fileNames, privNames];
  fileDirs = [fileDirs, repmat({privDir}, size(privNames))];
end
homeDir = pwd();
cd(fileparts(octDir));
nPassed = 0;
nFailed = 0;
nKnown = 0;
nSkipped = 0;
badFiles = {};
statusWords = {'ok', 'FAIL'};
for iFile = 1:numel(fileNames)
  fileName = fileNames{iFile};
  filePath = fullfile(fileDirs{iFile}, fileName);
  if ~strcmp(fileDirs{iFile}, octDir)
    fileName = ['private/' fileName];
  end
  fileText = fileread(filePath);
  fileLines = regexp(fileText, '\r?\n', 'split');

  % A function file has "function" as its first code line; block
  % comments (%{ ... %}) and plain comments before it do not count.
  code = regexprep(fileText, '^[ \t]*%\{[ \t]*$.*?^[ \t]*%\}[ \t]*$', '', 'lineanchors');
  firstCode = regexp(code, '^[ \t]*[^%#\s][^\n]*', 'match', 'once', 'lineanchors');
  isFunction = ~isempty(regexp(firstCode, '^\s*function([\s\[]|$)', 'once'));
  hasBlocks = any(strncmp(fileLines, '%!', 2));

  if ~hasBlocks
    if isFunction
      nFailed = nFailed + 1;
      badFiles{end + 1} = sprintf('%s: function file without %%! test blocks', fileName);
      fprintf(1, 'FAIL  %-34s no %%!test blocks in a function file\n', fileName);
    else
      fprintf(1, 'skip  %-34s script without tests\n', fileName);
    end
    continue
  end

  logFile = [tempname() '.log'];
  fid = fopen(logFile, 'w');
  crash = '';
  tStart = tic;
  try
    if strcmp(fileDirs{iFile}, octDir)
      runDir = fileparts(octDir);
    else
      runDir = fileDirs{iFile};
    end
    if ~strcmp(pwd(), runDir)
      cd(runDir);
      % Octave caches where it found each function; after a change of
      % folder a cached private function is looked for in private/private.
      clear('functions');
    end
    [n, nmax, nxfail, nbug, nskip, nrtskip] = test(filePath, 'quiet', fid);
  catch err
    n = 0;
    nmax = 0;
    nxfail = 0;
    nbug = 0;
    nskip = 0;
    nrtskip = 0;
    crash = err.message;
  end
  seconds = toc(tStart);
  fclose(fid);
  logText = fileread(logFile);
  delete(logFile);

  % A failing %!shared or %!function block is not counted in nmax, but
  % test still writes a '!!!!! ' line for it: count those lines as well.
  logLines = regexp(logText, '\r?\n', 'split');
  isSignal = strncmp(logLines, '!!!!! ', 6);
  isKnown = strncmp(logLines, '!!!!! known failure', 19) | ...
      strncmp(logLines, '!!!!! known bug', 15);
  fileFailed = max(nmax - n - nxfail - nbug, sum(isSignal & ~isKnown));
  if ~isempty(crash)
    fileFailed = fileFailed + 1;
  elseif nmax == 0 && isFunction
    fileFailed = fileFailed + 1;
    crash = 'only non-test blocks (%!demo, %!shared, ...): no test ran';
  end

  nPassed = nPassed + n;
  nFailed = nFailed + fileFailed;
  nKnown = nKnown + nxfail + nbug;
  nSkipped = nSkipped + nskip + nrtskip;
  status = statusWords{1 + (fileFailed > 0)};
  fprintf(1, '%-4s  %-34s %3d passed, %d failed, %d known, %d skipped (%.1f s)\n', ...
          status, fileName, n, fileFailed, nxfail + nbug, nskip + nrtskip, seconds);
  if fileFailed > 0
    badFiles{end + 1} = sprintf('%s: %d failed', fileName, fileFailed);
    if ~isempty(crash)
      fprintf(1, '      %s\n', crash);
    end
    % The log of the failing blocks: '***** ' block, '!!!!! ' verdict.
    keep = ~strncmp(logLines, '>>>>> ', 6) & ~cellfun(@isempty, logLines);
    if any(keep)
      fprintf(1, '      | %s\n', logLines{keep});
    end
  end
end

cd(homeDir);
fprintf(1, '\n');
if ~isempty(badFiles)
  fprintf(1, 'Failures:\n');
  fprintf(1, '  %s\n', badFiles{:});
end
if nKnown > 0
  fprintf(1, '(%d known failure(s) reported, not counted as failed)\n', nKnown);
end
if nSkipped > 0
  fprintf(1, '(%d test(s) skipped for a missing feature or condition)\n', nSkipped);
end
if nPassed + nFailed == 0
  fprintf(2, 'run_octave_tests: no tests found in %s\n', octDir);
end
fprintf(1, 'Octave: %d passed, %d failed\n', nPassed, nFailed);
if nFailed > 0 || nPassed + nFailed == 0
  exit(1);
end
exit(0);
