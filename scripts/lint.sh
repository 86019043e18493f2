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
# 3. A check for Octave-only syntax that MATLAB rejects and MISS_HIT lets
#    through (it parses "..." as a MATLAB string, and is lenient elsewhere):
#    double-quoted strings, endif/endfor/endwhile/endfunction/endswitch/
#    end_try_catch/end_unwind_protect/unwind_protect, += -= *= /= ^=, !=,
#    ! as negation, ** , x++ / ++x / x-- / --x, # comments, printf/puts/fputs.
#    Comments, single-quoted strings and the text after a `...` continuation
#    are skipped (a quote right after a name, ), ], }, . or ' is a transpose).
#
#    %!test blocks ARE checked: MATLAB never runs them, but they are code
#    in the same file, read by the same people, and the house style is one
#    dialect everywhere.  Octave's test helpers (assert with a tolerance,
#    fail, error) are plain function calls, so MATLAB-clean syntax costs
#    nothing there.  What is not code is skipped: the block keyword itself,
#    the `<pattern>` or `id=...` of %!error/%!warning, a `<bug-id>` after
#    %!test/%!xtest/%!assert, the whole %!testif line, %!endfunction and
#    the `%!#` comment blocks of Octave's test.
#    A `%!` line that does not start in column 1 is flagged: Octave's test
#    only reads lines that begin with `%!`, so an indented one is silently
#    not run.
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
    "$py" - "${m_files[@]}" <<'PYTHON' || fail "Octave-only syntax"
import re
import sys

END_WORDS = re.compile(
    r"\b(endif|endfor|endwhile|endfunction|endswitch|end_try_catch"
    r"|end_unwind_protect|unwind_protect_cleanup|unwind_protect|endparfor)\b"
)
RULES = [
    (re.compile(r"[-+*/^]=(?!=)"), "compound assignment (+= -= *= /= ^=) is Octave-only"),
    (re.compile(r"!="), "'!=' is Octave-only: use '~='"),
    (re.compile(r"!(?!=)"), "'!' is Octave-only: use '~'"),
    (re.compile(r"\*\*"), "'**' is Octave-only: use '^'"),
    (re.compile(r"[\w)\]}]\s*(\+\+|--)\s*($|[;,)\]}])"), "'x++' / 'x--' is Octave-only"),
    (re.compile(r"(^|[;,])\s*(\+\+|--)\s*[A-Za-z_]"), "'++x' / '--x' is Octave-only"),
    (re.compile(r"\bprintf\b"), "printf is Octave-only: use fprintf"),
    (re.compile(r"\bf?puts\b"), "puts/fputs are Octave-only: use fprintf"),
]
TRANSPOSE_AFTER = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_)]}.'")


def split_code(line):
    """Code of one line with string contents blanked; report ", # and strings."""
    out = []
    notes = []
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c == "%":
            break
        if c == "#":
            notes.append("'#' comment is Octave-only: use '%'")
            break
        if line.startswith("...", i):
            break
        if c == '"':
            notes.append('double-quoted string is Octave-only here: use single quotes')
            j = i + 1
            while j < n:
                if line[j] == "\\" or line.startswith('""', j):
                    j += 2
                elif line[j] == '"':
                    break
                else:
                    j += 1
            out.append('""')
            i = j + 1
            continue
        if c == "'":
            prev = line[i - 1] if i > 0 else " "
            if prev in TRANSPOSE_AFTER:
                out.append(c)
                i += 1
                continue
            j = i + 1
            while j < n:
                if line[j] == "'":
                    if line.startswith("''", j):
                        j += 2
                        continue
                    break
                j += 1
            out.append("''")
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out), notes


def test_code(rest):
    """The code part of a %! line (without the %!), or None if it holds none."""
    if rest.startswith("#"):
        return None  # a comment block of Octave's test ('%!#')
    m = re.match(r"([A-Za-z]+)(.*)$", rest)
    if not m:
        return rest  # continuation line of a block
    word, tail = m.group(1), m.group(2)
    if word in ("testif", "endfunction"):
        return None
    if word in ("error", "warning"):
        return re.sub(r"^\s*(<[^>]*>|id=\S+)", "", tail)
    if word in ("test", "xtest", "shared", "demo"):
        return re.sub(r"^\s*<[^>]*>", "", tail)
    if word in ("assert", "fail"):
        return word + re.sub(r"^\s*<[^>]*>", "", tail)
    if word == "function":
        return word + tail
    return rest  # an unknown block type; Octave's test reports it


def check(path):
    found = []
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [(0, f"cannot read: {exc}")]
    depth = 0
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if stripped in ("%{", "#{"):
            depth += 1
            if stripped == "#{":
                found.append((number, "'#{' block comment is Octave-only: use '%{'"))
            continue
        if depth:
            if stripped in ("%}", "#}"):
                depth -= 1
            continue
        if raw.startswith("%!"):
            code = test_code(raw[2:])
            if code is None:
                continue
        elif stripped.startswith("%!"):
            found.append((number, "indented '%!' line: Octave's test only reads '%!' in column 1"))
            continue
        elif stripped.startswith("#!"):
            found.append((number, "'#!' test line: use '%!'"))
            continue
        else:
            code = raw
        code, notes = split_code(code)
        for note in notes:
            found.append((number, note))
        for word in END_WORDS.findall(code):
            found.append((number, f"'{word}' is Octave-only: use 'end' (or try/catch)"))
        for rule, message in RULES:
            if rule.search(code):
                found.append((number, message))
    return found


total = 0
for path in sys.argv[1:]:
    for number, message in check(path):
        print(f"{path}:{number}: {message}")
        total += 1
if total:
    print(f"lint: {total} Octave-only construct(s) found")
sys.exit(1 if total else 0)
PYTHON
else
    fail "python missing"
fi

if [ "$status" -eq 0 ]; then
    echo "lint: all clean"
fi
exit "$status"
