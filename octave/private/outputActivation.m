function h = outputActivation(output, z)
%OUTPUTACTIVATION Output layer h: elementwise sigmoid, or row-wise softmax.
%   h = outputActivation(output, z)
%
%   The softmax is shifted by the row max, so it never overflows.
%
%   See also: outputLabels (Python: nnvec.forward.output_activation).

if strcmp(output, 'softmax')
  e = exp(z - max(z, [], 2));
  h = e ./ sum(e, 2);
else
  h = sigmoid(z);
end
end

%!assert (outputActivation('softmax', [1000 1000]), [0.5 0.5])   % no overflow
%!assert (outputActivation('sigmoid', 0), 0.5)
