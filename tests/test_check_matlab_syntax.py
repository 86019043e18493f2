"""scripts/check_matlab_syntax.py: Octave-only syntax found, MATLAB-clean code left alone.

The checker is stage 3 of ``make lint`` (tests/test_tooling.py runs it there,
through scripts/lint.sh); here it is loaded as a module and run on its own,
on text and on files, so every rule is tested without MISS_HIT.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "check_matlab_syntax.py"

_spec = importlib.util.spec_from_file_location("check_matlab_syntax", SCRIPT)
cms = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cms)

# (name, line 2 of a file, the messages the check must give for it, no others)
CONSTRUCTS = [
    ("dquote", 's = "abc";', ["double-quoted string"]),
    ("endif", "if x, y = 1; endif", ["'endif' is Octave-only"]),
    ("endfor", "for k = 1:2, y = k; endfor", ["'endfor' is Octave-only"]),
    ("endwhile", "while false, y = 1; endwhile", ["'endwhile' is Octave-only"]),
    ("endfunction", "function y = f(x), y = x; endfunction", ["'endfunction' is Octave-only"]),
    ("endswitch", "switch x, case 1, y = 1; endswitch", ["'endswitch' is Octave-only"]),
    ("trycatch", "try, y = 1; catch, y = 2; end_try_catch", ["'end_try_catch' is Octave-only"]),
    (
        "unwind",
        "unwind_protect, y = 1; unwind_protect_cleanup, y = 2; end_unwind_protect",
        ["'unwind_protect' is", "'unwind_protect_cleanup' is", "'end_unwind_protect' is"],
    ),
    ("plus_eq", "x += 1;", ["compound assignment"]),
    ("minus_eq", "x -= 1;", ["compound assignment"]),
    ("times_eq", "x *= 2;", ["compound assignment"]),
    ("div_eq", "x /= 2;", ["compound assignment"]),
    ("not_eq", "y = x != 1;", ["'!=' is Octave-only"]),
    ("bang", "y = !x;", ["'!' is Octave-only"]),
    ("starstar", "y = x ** 2;", ["'**' is Octave-only"]),
    ("post_inc", "x++;", ["'x++' / 'x--'"]),
    ("post_dec", "x--;", ["'x++' / 'x--'"]),
    ("pre_inc", "++x;", ["'++x' / '--x'"]),
    ("hash", "# a hash comment", ["'#' comment"]),
    ("hash_trailing", "y = 1;  # trailing", ["'#' comment"]),
    ("printf", "printf('%d\\n', 1);", ["printf is Octave-only"]),
    ("puts", "puts('a');", ["puts/fputs"]),
    ("test_bang", "%!assert (! isempty(1))", ["'!' is Octave-only"]),
    ("test_dquote", '%!test y = "s";', ["double-quoted string"]),
    ("error_code", "%!error <any> y = !1;", ["'!' is Octave-only"]),
    ("indented", "  %!assert (1, 1)", ["indented '%!' line"]),
]

CLEAN = r"""
function y = cleanThing(x)
%CLEANTHING x' * x; its strings and comments name Octave-only syntax unused.
%   y = cleanThing(x)
%
%   Comments may say endif, !=, x++, x -= 1, "quoted" or # freely.
%{
  A block comment: endif endfunction x += 1 "quoted" printf('%d')
%}
if nargin ~= 1 || ~isnumeric(x)
  error('nnvec:badInput', 'cleanThing: x must be numeric, "got" %s! #1 -- 100%%', class(x));
end
s = 'it''s ! and # and "quoted" and x++ and endif';  % endif != --
y = x' * x + 0 * numel(s);  % a transpose, not a string
z = [x', x'].';
y = y + 0 * sum(z(:)) - -0;
end

%!test
%! % x' * x of a column is its squared norm.
%! assert (cleanThing([1; 2]), 5);
%!assert (cleanThing(3), 9)
%!error <cleanThing: x must be numeric, "got" char! #1> cleanThing('a')
%!error <x must be numeric> cleanThing({})
%!# A comment block of Octave's test: endif != x++ "quoted"
"""


def found_in(text: str) -> list[tuple[int, str]]:
    return cms.check_lines(text.lstrip("\n").splitlines())


# ------------------------------------------------------------- each rule, file:line

@pytest.mark.parametrize(("name", "line", "messages"), CONSTRUCTS, ids=[c[0] for c in CONSTRUCTS])
def test_each_construct_is_reported_with_file_and_line(tmp_path, capsys, name, line, messages):
    path = tmp_path / f"c_{name}.m"
    path.write_text(f"% Octave-only construct: {name}.\n{line}\n", encoding="utf-8")
    assert cms.main([str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    found = [text for text in out if text.startswith(f"{path}:")]
    assert all(text.startswith(f"{path}:2: ") for text in found), out
    for message in messages:
        assert any(message in text for text in found), (message, out)
    assert len(found) == len(messages), out
    assert out[-1] == f"lint: {len(messages)} Octave-only construct(s) found"


def test_findings_of_several_files_and_lines(tmp_path, capsys):
    a = tmp_path / "a.m"
    a.write_text("x = 1;\nx += 1;\ny = 2;\nif x, y = !x; endif\n", encoding="utf-8")
    b = tmp_path / "b.m"
    b.write_text("z = 3;\n", encoding="utf-8")
    assert cms.main([str(a), str(b)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{a}:2: compound assignment (+= -= *= /= ^=) is Octave-only",
        f"{a}:4: 'endif' is Octave-only: use 'end' (or try/catch)",
        f"{a}:4: '!' is Octave-only: use '~'",
        "lint: 3 Octave-only construct(s) found",
    ]


def test_clean_files_print_nothing_and_exit_0(tmp_path, capsys):
    path = tmp_path / "cleanThing.m"
    path.write_text(CLEAN.lstrip("\n"), encoding="utf-8")
    assert cms.main([str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_unreadable_file_is_a_finding(tmp_path, capsys):
    path = tmp_path / "latin1.m"
    path.write_bytes(b"% caf\xe9\nx = 1;\n")
    assert cms.main([str(path), str(tmp_path / "missing.m")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}:0: cannot read:")
    assert out[1].startswith(f"{tmp_path / 'missing.m'}:0: cannot read:")


def test_command_line(tmp_path):
    """As lint.sh runs it: a script with file arguments, exit status 1 on findings."""
    bad = tmp_path / "bad.m"
    bad.write_text("x = 1;\ny = x != 2;\n", encoding="utf-8")
    good = tmp_path / "good.m"
    good.write_text("y = 1 ~= 2;\n", encoding="utf-8")
    run = [sys.executable, str(SCRIPT)]
    proc = subprocess.run([*run, str(good), str(bad)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [f"{bad}:2: '!=' is Octave-only: use '~='",
                                        "lint: 1 Octave-only construct(s) found"]
    proc = subprocess.run([*run, str(good)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert (proc.returncode, proc.stdout) == (0, "")


# ------------------------------------------------------- strings and comments

def test_strings_and_comments_are_not_flagged():
    assert found_in(CLEAN) == []


@pytest.mark.parametrize("line", [
    "y = x';",                     # transpose after a name
    "y = x'';",                    # two transposes
    "y = [x', x'].';",             # after ], and a dot-transpose
    "y = f(x)' * a{1}';",          # after ) and }
    "s = 'a''b != c';",            # doubled quote inside a string
    "s = ['x += 1', ' # no'];",    # strings in a list
    "y = 1 + ...  x += 1 and endif after a continuation",
    "y = 1;  % endif x++ \"quoted\"",
    "y = -x + --0;",               # a double minus inside an expression is not --x
    "z = y ~= 1 && ~x;",
    "fprintf('%d\\n', 1);",
    "y = x.^2 - x.*2;",
])
def test_matlab_syntax_is_not_flagged(line):
    assert cms.check_lines([line]) == []


def test_split_code_blanks_strings():
    code, notes = cms.split_code("s = 'endif'; t = \"x += 1\"; u = x';  % tail")
    assert code == "s = ''; t = \"\"; u = x';  "
    assert notes == ["double-quoted string is Octave-only here: use single quotes"]


def test_block_comments():
    text = "%{\nendif x += 1\n%{\nnested ! **\n%}\nstill inside\n%}\ny = 1;\n#{\nx++\n#}\n"
    assert cms.check_lines(text.splitlines()) == [
        (9, "'#{' block comment is Octave-only: use '%{'"),
    ]


# ------------------------------------------------------------ %! test blocks

@pytest.mark.parametrize(("line", "code"), [
    ("test", ""),
    ("test <12345>", ""),                       # a bug id, not code
    ("xtest <54321> y = 1;", " y = 1;"),
    ("shared a, b", " a, b"),
    ("assert (f(1), 2)", "assert (f(1), 2)"),
    ("assert <777> (f(1), 2)", "assert (f(1), 2)"),
    ('error <f: x != 1 "quoted"> f(1)', " f(1)"),  # the pattern is text, not code
    ("error id=Octave:some-id f(1)", " f(1)"),
    ("warning <careful !> g()", " g()"),
    ("function y = h(x)", "function y = h(x)"),
    ("fail ('f(1)')", "fail ('f(1)')"),
    (" y = x ** 2;", " y = x ** 2;"),          # a continuation line of a block is code
    ("testif HAVE_X != 1", None),
    ("endfunction", None),
    ("# a comment block: endif !", None),
])
def test_block_code(line, code):
    assert cms.block_code(line) == code


def test_test_blocks_are_checked_as_code():
    text = """
function y = f(x)
y = x;
end

%!test
%! y = f(1);
%! y += 1;
%!error <y != 1> f(!1)
%!testif HAVE_FOO !=
%!# endif !
%!function z = g(x)
%!  z = x ** 2;
%!endfunction
  %!assert (f(1), 1)
#!assert (f(1), 1)
"""
    assert found_in(text) == [
        (7, "compound assignment (+= -= *= /= ^=) is Octave-only"),
        (8, "'!' is Octave-only: use '~'"),
        (12, "'**' is Octave-only: use '^'"),
        (14, "indented '%!' line: Octave's test only reads '%!' in column 1"),
        (15, "'#!' test line: use '%!'"),
    ]
