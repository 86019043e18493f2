"""The optimizers and training: `fmincg` (written from the published algorithm),
momentum gradient descent, and `train`, which runs them or scipy's methods on the
computation of `nnvec.core`."""
