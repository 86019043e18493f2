#!/usr/bin/env bash
# What the notebooks in notebooks/ need beyond the venv's pip extras:
#   - gnuplot-nox, the graphics toolkit octave_kernel draws plots with
#     headless, and fonts-freefont-otf, the font Octave renders text with
#     (without it every plot fails: "ft_text_renderer: invalid bounding box");
#   - the Jupyter kernel specs `python3` (ipykernel) and `octave`
#     (octave_kernel), installed into the venv (--sys-prefix), each naming the
#     venv's own Python;
#   - octave_kernel's settings (notebooks/jupyter/octave_kernel_config.py) in
#     the venv's Jupyter configuration folder.
# Idempotent: apt is asked nothing when the packages are there.
# Usage: scripts/setup-notebooks.sh VENV_PYTHON
set -euo pipefail

py=${1:?usage: setup-notebooks.sh VENV_PYTHON}
here=$(cd "$(dirname "$0")/.." && pwd)

need=()
command -v gnuplot >/dev/null 2>&1 || need+=(gnuplot-nox)
dpkg-query -W -f='${Status}' fonts-freefont-otf 2>/dev/null | grep -q 'install ok installed' \
    || need+=(fonts-freefont-otf)
if [ ${#need[@]} -gt 0 ]; then
    bash "$here/scripts/apt-install.sh" setup-notebooks "${need[@]}"
fi

prefix=$("$py" -c 'import sys; print(sys.prefix)')
"$py" -m ipykernel install --sys-prefix >/dev/null
"$py" -m octave_kernel install --sys-prefix >/dev/null
mkdir -p "$prefix/etc/jupyter"
cp "$here/notebooks/jupyter/octave_kernel_config.py" "$prefix/etc/jupyter/octave_kernel_config.py"
