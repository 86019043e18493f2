"""The Octave bridge: starting Octave through oct2py the way nnvec runs it
(`octave_env`) and training with ``trainNN.m`` from Python (`engine`)."""
