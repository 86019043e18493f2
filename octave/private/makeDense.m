function v = makeDense(v, name, where, fname)
%MAKEDENSE A sparse array as a full one, after checking that the copy fits in memory.
%   v = makeDense(v, name, where, fname)
%
%   A sparse X, y or parameter vector (or one read from a .mat file) works as
%   its dense copy, in both languages; the copy takes 8 bytes per entry, so a
%   huge sparse matrix is refused first by checkBytes: 'fname: where the
%   entries of the sparse 100000x100000 X, made dense, need at least ...'.
%   where is '' or a file name and ': '. A dense v is returned as it is.
%
%   See also: checkX, checkY, checkParams, loadDataset, checkBytes
%   (Python: nnvec.core.validate.as_float_array, nnvec.io.data._mat_numeric).

if issparse(v)
  checkBytes(8 * numel(v), sprintf('%sthe entries of the sparse %s %s, made dense,', ...
                                   where, formatShape(size(v)), name), fname);
  v = full(v);
end
end

%!assert (makeDense([1 2], 'X', '', 'f'), [1 2])
%!test
%! v = makeDense(sparse([0 2; 3 0]), 'X', '', 'f');
%! assert (issparse(v), false);
%! assert (v, [0 2; 3 0]);
%!test
%! old = getenv('NNVEC_MEMORY_LIMIT');
%! setenv('NNVEC_MEMORY_LIMIT', '1000');
%! try
%!   makeDense(sparse(20, 10), 'X', 'a.mat: ', 'f');
%!   msg = '';
%! catch err
%!   msg = err.message;
%! end
%! setenv('NNVEC_MEMORY_LIMIT', old);
%! assert (msg, ['f: a.mat: the entries of the sparse 20x10 X, made dense, need at least ' ...
%!               '1.6e-06 GB of memory, more than the limit of 1e-06 GB (NNVEC_MEMORY_LIMIT)']);
