function p = outputLabels(Thetas, X, activation, output, fname)
%OUTPUTLABELS Forward pass and the label of the largest output, on validated inputs.
%   p = outputLabels(Thetas, X, activation, output, fname)
%
%   activation, output : names of activationTable and outputTable, already
%                        checked by the public function (checkOptions).
%   p : m x 1 labels 1..K, ties to the lowest label.
%
%   See also: nnPredict, predict, outputTable (Python: nnvec.core.predict._labels).

out = outputTable(output);
[~, z] = forwardPass(Thetas, X, activation);
h = out.forward(z);
checkFiniteOutput(h, fname);
[~, p] = max(h, [], 2);
p = double(p);
end

%!assert (outputLabels({[0 1 0; 0 0 1]}, [2 1; 1 2; 1 1], 'sigmoid', 'sigmoid', 'f'), [1; 2; 1])
%!test
%! % Every output layer of the table: the same labels on a net whose largest
%! % z is also the largest h (sigmoid and softmax are both monotone).
%! names = fieldnames(outputTable());
%! for k = 1:numel(names)
%!   assert (outputLabels({[0 1 0; 0 0 1]}, [2 1; 1 2], 'tanh', names{k}, 'f'), [1; 2]);
%! end
