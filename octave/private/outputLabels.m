function p = outputLabels(Thetas, X, activation, output, fname)
%OUTPUTLABELS Forward pass and the label of the largest output, on validated inputs.
%   p = outputLabels(Thetas, X, activation, output, fname)
%
%   p : m x 1 labels 1..K, ties to the lowest label.
%
%   See also: nnPredict, predict (Python: nnvec.predict._labels).

[~, z] = forwardPass(Thetas, X, activation);
h = outputActivation(output, z);
checkFiniteOutput(h, fname);
[~, p] = max(h, [], 2);
p = double(p);
end

%!assert (outputLabels({[0 1 0; 0 0 1]}, [2 1; 1 2; 1 1], 'sigmoid', 'sigmoid', 'f'), [1; 2; 1])
%!error <forwardPass: activation must be one of> outputLabels({[0 1 0]}, [2 1], 'elu', 'sigmoid', 'f')
%!error <outputActivation: output must be one of> outputLabels({[0 1 0]}, [2 1], 'sigmoid', 'linear', 'f')
