#!/usr/bin/env bash
# Install Fashion-MNIST (70,000 28x28 images in IDX format) from Debian's
# `dataset-fashion-mnist` package, so that `nnvec train --data fashion-mnist`
# and the tests that read the full-size files run on every machine, CI included.
# Idempotent: does nothing (and asks nothing of apt) when the package is there.
set -euo pipefail

pkg=dataset-fashion-mnist
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    exit 0
fi

bash "$(dirname "$0")/apt-install.sh" setup-fashion-mnist --quiet "$pkg"
dpkg -L "$pkg" | grep -- '-ubyte' | head -n 1
