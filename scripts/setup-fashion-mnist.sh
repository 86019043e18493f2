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

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi
echo "setup-fashion-mnist: installing $pkg with apt-get"
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes \
    apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null
dpkg -L "$pkg" | grep -- '-ubyte' | head -n 1
