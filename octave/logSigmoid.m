function r = logSigmoid(z)
%LOGSIGMOID log(sigmoid(z)) computed without overflow or log(0).
%   r = logSigmoid(z)
%
%   log g(z) = -(max(-z, 0) + log1p(exp(-abs(z)))). It equals the textbook
%   log(1 ./ (1 + exp(-z))) to round-off wherever that is finite and stays
%   finite (about z) where the textbook form gives -Inf. log(1 - g(z)) is
%   logSigmoid(-z).
%
%   See also: sigmoid, costAndGradient (Python: nnvec.log_sigmoid).

r = -(max(-z, 0) + log1p(exp(-abs(z))));
end

%!assert (logSigmoid(0), -log(2), 1e-15)   % log(1/2)
%!assert (logSigmoid(-1000), -1000)        % textbook form gives log(0) = -Inf here
%!assert (logSigmoid(1000), 0)
%!test
%! z = linspace(-30, 30, 61);
%! assert (logSigmoid(z), log(sigmoid(z)), 1e-15);
