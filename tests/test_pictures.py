"""Pictures a notebook shows (#20 item 5): every plot returns its Figure, takes ``ax=``,
writes a file only when given a path (aside, then renamed); Octave's ``displayData``
writes a PNG only when given a file name."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from matplotlib.figure import Figure
from nnvec.io import files
from nnvec.io.display import display_array, display_data, new_figure, plot_cost_history
from nnvec.io.evaluate import confusion_matrix, plot_confusion_matrix, plot_misclassified
from numpy.testing import assert_array_equal

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

_X = np.random.default_rng(0).random((12, 16))
_T = np.tile(np.arange(1, 5), 3)
_P = np.roll(_T, 1)

#: Each plotting function, called with the keyword arguments it is given.
PLOTS = {
    "plot_cost_history": lambda **kw: plot_cost_history([3.0, 2.0, 1.5, 1.2], **kw),
    "plot_confusion_matrix": lambda **kw: plot_confusion_matrix(
        confusion_matrix(_T, _P, 4), **kw),
    "plot_misclassified": lambda **kw: plot_misclassified(_X, _T, _P, (4, 4), **kw),
    "display_data": lambda **kw: display_data(_X, (4, 4), **kw),
}


def drawn(ax) -> bool:
    """Whether anything was drawn into `ax`."""
    return bool(ax.lines or ax.images or ax.child_axes or ax.texts)


@pytest.mark.parametrize("name", PLOTS)
def test_returns_a_figure_that_ipython_shows(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fig = PLOTS[name]()
    assert isinstance(fig, Figure)
    assert drawn(fig.axes[0])
    # Jupyter shows it inline: IPython's PNG formatter renders it (no pyplot needed)
    assert fig._repr_png_()[:8] == PNG_MAGIC
    formatters = pytest.importorskip("IPython.core.formatters")
    assert formatters.PNGFormatter()(fig)[:8] == PNG_MAGIC
    assert os.listdir(tmp_path) == []  # no path: no file


@pytest.mark.parametrize("name", PLOTS)
def test_draws_into_the_given_axes(name):
    fig = new_figure((8, 4))
    left, right = fig.subplots(1, 2)
    assert PLOTS[name](ax=right) is fig
    assert drawn(right) and not drawn(left)
    assert len([a for a in fig.axes if a.get_figure(root=True) is fig]) == 2


@pytest.mark.parametrize("name", PLOTS)
def test_given_axes_of_a_plain_figure(name):
    # an Axes of any matplotlib Figure (here without a canvas of nnvec's)
    fig = Figure()
    ax = fig.add_subplot()
    assert PLOTS[name](ax=ax) is fig
    assert drawn(ax)


@pytest.mark.parametrize("name", PLOTS)
def test_bad_axes(name):
    with pytest.raises(TypeError, match=f"{name}: ax must be a matplotlib Axes or None, got "):
        PLOTS[name](ax="left")


@pytest.mark.parametrize("name", PLOTS)
def test_path_writes_aside(name, tmp_path, monkeypatch):
    renamed = []
    real_replace = os.replace

    def spy(src, dst):
        renamed.append((os.fspath(src), os.fspath(dst)))
        assert os.path.dirname(os.fspath(src)) == str(tmp_path)  # aside, in the same folder
        return real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", spy)
    target = tmp_path / "picture.png"
    target.write_bytes(b"old")
    fig = PLOTS[name](path=target)
    assert isinstance(fig, Figure)
    assert target.read_bytes()[:8] == PNG_MAGIC
    assert [dst for _, dst in renamed] == [str(target)]
    assert os.listdir(tmp_path) == ["picture.png"]  # no temporary file left


def test_display_data_png_is_the_grid(tmp_path):
    """display_data's file is the grid pixel for pixel (as before), its Figure shows the grid."""
    from matplotlib.image import imread

    A = display_array(_X, (4, 4))
    fig = display_data(_X, (4, 4), path=tmp_path / "grid.png", scale=2)
    img = imread(tmp_path / "grid.png")
    assert img.shape[:2] == (2 * A.shape[0], 2 * A.shape[1])
    assert_array_equal(fig.axes[0].images[0].get_array(), A)


def test_no_pyplot_no_window():
    """Drawing never imports pyplot (no GUI backend, no window), in a fresh interpreter."""
    code = ("import sys, numpy as np\n"
            "from nnvec.io.display import display_data, plot_cost_history\n"
            "display_data(np.eye(4), (2, 2)); plot_cost_history([2.0, 1.0])._repr_png_()\n"
            "assert 'matplotlib.pyplot' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, env=os.environ.copy())


@pytest.mark.octave
def test_octave_display_data_writes_only_when_asked(oc, tmp_path):
    here = oc.pwd()
    try:
        oc.cd(str(tmp_path))
        h, A = oc.displayData(_X, 4.0, nout=2)
        assert os.listdir(tmp_path) == []  # headless octave-cli: nothing drawn, nothing written
        assert_array_equal(A, display_array(_X, (4, 4)))
        if len(np.atleast_1d(oc.available_graphics_toolkits())) == 0:
            assert np.size(h) == 0
        oc.displayData(_X, 4.0, str(tmp_path / "asked.png"), nout=2)
        assert os.listdir(tmp_path) == ["asked.png"]
    finally:
        oc.cd(here)
