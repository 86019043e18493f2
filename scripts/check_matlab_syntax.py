"""Find Octave-only syntax that MATLAB rejects and MISS_HIT lets through.

    python scripts/check_matlab_syntax.py FILE.m ...     (stage 3 of scripts/lint.sh)

MISS_HIT parses ``"..."`` as a MATLAB string and is lenient elsewhere, so this
checker flags what it lets through: double-quoted strings,
``endif``/``endfor``/``endwhile``/``endfunction``/``endswitch``/
``end_try_catch``/``end_unwind_protect``/``unwind_protect``, ``+= -= *= /=
^=``, ``!=``, ``!`` as negation, ``**``, ``x++`` / ``++x`` / ``x--`` /
``--x``, ``#`` comments and ``#{`` blocks, ``printf``/``puts``/``fputs``.
Comments, single-quoted strings and the text after a ``...`` continuation are
skipped (a quote right after a name, ``)``, ``]``, ``}``, ``.`` or ``'`` is a
transpose, not a string).

``%!test`` blocks ARE checked: MATLAB never runs them, but they are code in
the same file, read by the same people, and the house style is one dialect
everywhere. Octave's test helpers (assert with a tolerance, fail, error) are
plain function calls, so MATLAB-clean syntax costs nothing there. What is not
code is skipped: the block keyword itself, the ``<pattern>`` or ``id=...`` of
``%!error``/``%!warning``, a ``<bug-id>`` after ``%!test``/``%!xtest``/
``%!assert``, the whole ``%!testif`` line, ``%!endfunction`` and the ``%!#``
comment blocks of Octave's test. A ``%!`` line that does not start in column 1
is flagged: Octave's test only reads lines that begin with ``%!``, so an
indented one is silently not run.

Each finding is printed as ``file:line: message`` (ruff and MISS_HIT print
``file:line:col: ...``), then a count. Exit status 1 if anything was found,
0 on clean files.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

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
#: A quote right after one of these is a transpose, not the start of a string.
TRANSPOSE_AFTER = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_)]}.'")


def split_code(line: str) -> tuple[str, list[str]]:
    """The code of one line with string contents blanked, and notes on ``"`` and ``#``.

    Stops at a ``%`` comment, a ``#`` comment (noted) or a ``...``
    continuation; a double-quoted string is noted and blanked like a
    single-quoted one, so nothing inside either is checked.
    """
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
            notes.append("double-quoted string is Octave-only here: use single quotes")
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


def block_code(rest: str) -> str | None:
    """The code part of a ``%!`` line (given without the ``%!``), or None if it holds none."""
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


def check_lines(lines: Sequence[str]) -> list[tuple[int, str]]:
    """Findings ``(line number, message)`` for the lines of one .m file, in order."""
    found = []
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
            code = block_code(raw[2:])
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


def check(path: str) -> list[tuple[int, str]]:
    """Findings for one file; an unreadable file is one finding at line 0."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [(0, f"cannot read: {exc}")]
    return check_lines(lines)


def main(argv: Sequence[str]) -> int:
    """Check every file named in `argv`; print the findings; 1 if any, else 0."""
    total = 0
    for path in argv:
        for number, message in check(path):
            print(f"{path}:{number}: {message}")
            total += 1
    if total:
        print(f"lint: {total} Octave-only construct(s) found")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
