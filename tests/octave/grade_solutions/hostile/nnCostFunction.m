function [J, grad] = nnCostFunction(nn_params, input_layer_size, hidden_layer_size, ...
                                    num_labels, X, y, lambda)
%NNCOSTFUNCTION A hostile solution's cost: floods its error output with 100 MB.
%   A fixture of tests/test_grade_isolation.py: the grader reads back only
%   the end of it, and the file-size limit stops it on disk.

line = [repmat('x', 1, 1023) char(10)];
for k = 1:(100 * 1024)
  fprintf(2, '%s', line);
end
J = 0;
grad = zeros(size(nn_params));
end
