#!/usr/bin/env bash
# apt-install.sh WHO [--quiet] PACKAGE...: install Debian packages the way every
# set-up script of nnvec does, naming WHO in its one line; sudo only when not root.
# --quiet sends apt-get install's output to /dev/null (errors still show).
set -euo pipefail

who=${1:?usage: apt-install.sh WHO [--quiet] PACKAGE...}
shift
quiet=0
if [ "${1:-}" = --quiet ]; then
    quiet=1
    shift
fi
[ $# -gt 0 ] || { echo "apt-install.sh: no package named" >&2; exit 2; }

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi
echo "$who: installing $* with apt-get"
"${sudo[@]}" apt-get update -qq
install=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes
         apt-get install -y -qq --no-install-recommends "$@")
if [ "$quiet" -eq 1 ]; then
    "${install[@]}" >/dev/null
else
    "${install[@]}"
fi
