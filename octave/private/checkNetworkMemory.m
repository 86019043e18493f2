function checkNetworkMemory(sizes, m, fname)
%CHECKNETWORKMEMORY Error unless the network sizes on m examples fits in memory.
%   checkNetworkMemory(sizes, m, fname)
%
%   sizes : validated layer sizes [s1 ... sL].  The estimate, in bytes, is
%   8 * (3 N + 3 m (s2 + ... + sL)): the weights three times (parameters,
%   gradient, an optimizer's step), and per example three double buffers per
%   unit after the input layer (activations, errors, the one-hot labels).
%
%   See also: checkMemory (Python: nnvec.memory.check_network_memory).

N = sum(sizes(2:end) .* (sizes(1:end - 1) + 1));
need = 8 * (3 * N + 3 * m * sum(sizes(2:end)));
checkMemory(need, sprintf('the network %s on m = %d examples', formatSizes(sizes), m), fname);
end

%!test
%! checkNetworkMemory([400 25 10], 5000, 'f');
%!error <f: the network \[3 1e\+12 2\] on m = 5 examples needs 264 TB of memory, more than the limit>
%! checkNetworkMemory([3 1e12 2], 5, 'f')
