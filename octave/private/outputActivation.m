function h = outputActivation(output, z)
%OUTPUTACTIVATION Output layer h: elementwise sigmoid, or row-wise softmax.
%   h = outputActivation(output, z)
%
%   output : 'sigmoid' or 'softmax'; any other name is an error.
%   The softmax is shifted by the row max, so it never overflows.
%
%   See also: outputLabels (Python: nnvec.forward.output_activation).

switch output
  case 'softmax'
    e = exp(z - max(z, [], 2));
    h = e ./ sum(e, 2);
  case 'sigmoid'
    h = sigmoid(z);
  otherwise
    error('nnvec:badOption', ...
          'outputActivation: output must be one of sigmoid, softmax, got ''%s''', num2str(output));
end
end

%!assert (outputActivation('softmax', [1000 1000]), [0.5 0.5])   % no overflow
%!assert (outputActivation('sigmoid', 0), 0.5)
%!error <outputActivation: output must be one of sigmoid, softmax, got 'linear'> outputActivation('linear', 0)
