"""nnvec says things in its own words.

The course's facts carry over (names, signatures, expected values, the 1e-9
threshold); its sentences do not. This file is the only place in the
repository that holds them: each test fails if one comes back into the code,
the docs or what the gradient check prints.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import nnvec
import pytest

ROOT = Path(__file__).resolve().parents[1]

# Sentences and banners of the course's ex4 kit, in fragments short enough to
# sit on one source line (a sentence split over two string literals is still
# caught by each of its halves).
COURSE_PHRASES = [
    "The above two columns you get should be very similar",
    "Left-Your Numerical Gradient, Right-Analytical Gradient",
    "If your backpropagation implementation is correct",
    "the relative difference will be small",
    "Feedforward Using Neural Network",
    "Loading Saved Neural Network Parameters",
    "Initializing Neural Network Parameters",
    "Evaluating sigmoid gradient",
    "Sigmoid gradient evaluated at",
    "this value should be about",
    "Loading and Visualizing Data",
    "Part 1: Loading and Visualizing Data",
    "Part 2: Loading Parameters",
    "Part 3: Compute Cost (Feedforward)",
    "Part 4: Implement Regularization",
    "Part 5: Sigmoid Gradient",
    "Part 6: Initializing Pa",
    "Part 7: Implement Backpropagation",
    "Part 8: Implement Regularization",
    "Checking Backpropagation",
    "Checking Cost Function (w/ Regularization)",
    "Cost at (fixed) debugging parameters",
    "Training Neural Network...",
    "Visualizing Neural Network",
    "Training Set Accuracy",
    "Program paused. Press enter to continue",
]

TEXT_SUFFIXES = {".m", ".py", ".md", ".sh", ".toml", ".cfg", ".txt", ".ipynb"}


def _normal(text: str) -> str:
    """Case and runs of white space do not hide a phrase."""
    return re.sub(r"\s+", " ", text).lower()


@functools.cache
def _project_files() -> tuple[Path, ...]:
    skip_dirs = {".git", ".venv", "build", "dist", "out", "__pycache__", ".hypothesis"}
    files = [ROOT / "README.md", ROOT / "Makefile"]
    for top in ("octave", "python", "tests", "scripts", "bench", "data", "notebooks"):
        for path in (ROOT / top).rglob("*"):
            if (path.is_file() and path.suffix in TEXT_SUFFIXES
                    and not skip_dirs & set(path.relative_to(ROOT).parts)
                    and not any(part.endswith(".egg-info") for part in path.parts)
                    and path.resolve() != Path(__file__).resolve()):
                files.append(path)
    return tuple(files)


@functools.cache
def _normal_text(path: Path) -> str:
    return _normal(path.read_text(encoding="utf-8", errors="replace"))


def test_the_scan_covers_the_code_and_docs():
    names = {p.relative_to(ROOT).as_posix() for p in _project_files()}
    for must in ("README.md", "octave/ex4.m", "octave/checkNNGradients.m",
                 "python/nnvec/cli/ex4.py", "python/nnvec/core/gradcheck.py", "tests/test_ex4.py",
                 "notebooks/ex4_octave.ipynb", "notebooks/ex4_python.ipynb"):
        assert must in names
    assert "tests/test_course_text.py" not in names


@pytest.mark.parametrize("phrase", COURSE_PHRASES)
def test_no_course_sentence_in_the_repository(phrase):
    found = [p.relative_to(ROOT).as_posix() for p in _project_files()
             if _normal(phrase) in _normal_text(p)]
    assert not found, f"the course's words {phrase!r} are back in: {', '.join(found)}"


def test_the_gradient_check_prints_our_own_words(capsys):
    nnvec.check_nn_gradients(0.0)
    printed = _normal(capsys.readouterr().out)
    for phrase in COURSE_PHRASES:
        assert _normal(phrase) not in printed, phrase
    # What a correct implementation shows is still said: the 1e-9 threshold.
    assert "below 1e-9" in printed
