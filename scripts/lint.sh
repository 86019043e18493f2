#!/usr/bin/env bash
# Lint: ruff for Python, MISS_HIT plus an Octave-only-syntax check for .m files.
#
#   bash scripts/lint.sh            (what `make lint` runs; exit 1 on any finding)
#
# 1. `ruff check` over python/ tests/ bench/ scripts/ (the ones that exist),
#    configured by pyproject.toml.
# 2. MISS_HIT (`mh_style`, `mh_lint`, `mh_metric --ci`), configured by
#    miss_hit.cfg, over octave/, scripts/*.m and tests/octave/.  Taken from
#    .venv/bin, else from PATH.
# 3. scripts/check_matlab_syntax.py: Octave-only syntax that MATLAB rejects
#    and MISS_HIT lets through (double-quoted strings, endif and friends,
#    +=, !, **, x++, # comments, printf/puts), %!test blocks included; its
#    docstring lists the rules, tests/test_check_matlab_syntax.py tests them.
#
# Each finding of stage 3 is printed as `file:line: message` (ruff and
# MISS_HIT print `file:line:col: ...`).  Exit status 1 if any
# stage found anything, 0 on a clean tree.
#
# NNVEC_LINT_DIRS (colon-separated folders or files) replaces the default
# targets for all three stages; tests/test_tooling.py points it at temp
# folders (holding a copy of miss_hit.cfg, which MISS_HIT finds by walking up
# from each file).
set -uo pipefail
caller=$PWD
cd "$(dirname "$0")/.."

tool() {  # tool NAME: the venv's copy if present, else the one on PATH
    if [ -x ".venv/bin/$1" ]; then
        echo ".venv/bin/$1"
    elif command -v "$1" >/dev/null 2>&1; then
        command -v "$1"
    else
        echo "lint: $1 not found (run \`make setup\`)" >&2
        return 1
    fi
}

py_targets=()
m_targets=()
if [ -n "${NNVEC_LINT_DIRS:-}" ]; then
    IFS=':' read -r -a custom <<< "$NNVEC_LINT_DIRS"
    for t in "${custom[@]}"; do
        [ -n "$t" ] || continue
        [[ "$t" = /* ]] || t="$caller/$t"  # relative to where lint was started
        if [ ! -e "$t" ]; then
            echo "lint: NNVEC_LINT_DIRS entry $t does not exist" >&2
            exit 1
        fi
        py_targets+=("$t")
        m_targets+=("$t")
    done
else
    for d in python tests bench scripts; do
        [ -d "$d" ] && py_targets+=("$d")
    done
    [ -d octave ] && m_targets+=(octave)
    for f in scripts/*.m; do
        [ -f "$f" ] && m_targets+=("$f")
    done
    [ -d tests/octave ] && m_targets+=(tests/octave)
fi

status=0
fail() {
    echo "lint: FAILED: $1"
    status=1
}

# 1. Python
if [ ${#py_targets[@]} -gt 0 ]; then
    echo "lint: ruff check ${py_targets[*]}"
    if ruff=$(tool ruff); then
        "$ruff" check --quiet --output-format=concise "${py_targets[@]}" || fail "ruff check"
    else
        fail "ruff missing"
    fi
fi

# The .m files actually present under the targets.
m_files=()
if [ ${#m_targets[@]} -gt 0 ]; then
    while IFS= read -r -d '' f; do
        m_files+=("$f")
    done < <(find "${m_targets[@]}" -name '.*' -prune -o -type f -name '*.m' -print0 | sort -z)
fi

if [ ${#m_files[@]} -eq 0 ]; then
    echo "lint: no .m files under ${m_targets[*]:-(none)}"
    exit "$status"
fi

# 2. MISS_HIT (MATLAB syntax and style; settings in miss_hit.cfg)
echo "lint: MISS_HIT over ${m_targets[*]}"
for t in mh_style mh_lint mh_metric; do
    if exe=$(tool "$t"); then
        args=(--brief)
        [ "$t" = mh_metric ] && args=(--ci)
        "$exe" "${args[@]}" "${m_targets[@]}" || fail "$t"
    else
        fail "$t missing"
    fi
done

# 3. Octave-only syntax
echo "lint: Octave-only syntax check over ${#m_files[@]} .m file(s)"
py=.venv/bin/python
[ -x "$py" ] || py=$(command -v python3 || true)
if [ -n "$py" ]; then
    "$py" scripts/check_matlab_syntax.py "${m_files[@]}" || fail "Octave-only syntax"
else
    fail "python missing"
fi

if [ "$status" -eq 0 ]; then
    echo "lint: all clean"
fi
exit "$status"
