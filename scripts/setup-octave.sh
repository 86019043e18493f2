#!/usr/bin/env bash
# Install GNU Octave from Debian's `octave` package with an optimized BLAS,
# and bubblewrap, the sandbox `nnvec grade` runs students' code in.
# Idempotent: does nothing (and asks nothing of apt) when both are present.
# `--no-install-recommends` alone would leave Octave on Debian's reference
# BLAS, plain loops without OpenBLAS's cache blocking and vector kernels
# (bench/README.md), so libopenblas0-pthread is named.
set -euo pipefail

need=()
command -v octave-cli >/dev/null 2>&1 || need+=(octave)
dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q 'install ok installed' \
    || need+=(libopenblas0-pthread)
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi

bash "$(dirname "$0")/apt-install.sh" setup-octave "${need[@]}"
octave-cli --version | head -n 1
