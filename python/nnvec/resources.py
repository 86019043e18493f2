"""Where nnvec finds its Octave files and its bundled data sets, installed or not.

Both sit inside the package, as ``nnvec/octave`` (with ``private/``) and
``nnvec/data``, and are found through ``importlib.resources``, never through
the location of the source tree:

- in a wheel (``pip wheel .``, ``python -m build``) they are real files,
  copied in by hatchling's ``force-include`` (pyproject.toml);
- in the repository (the editable install, ``make``, the tests) there is
  nothing inside the package: they are the checkout's top-level ``octave/``
  and ``data/``, beside ``python/`` (no links, so every file exists once).

Octave must read the .m files from disk, so a package imported from a zip
file is refused with a clear error.
"""

from __future__ import annotations

from importlib import metadata, resources
from pathlib import Path

__all__ = ["data_dir", "octave_dir", "version"]

_PACKAGE = "nnvec"
__version__ = "0.1.0"  # the one place it is written: pyproject.toml and nnvec.__version__ read it


def _folder(name: str) -> Path:
    where = resources.files(_PACKAGE) / name
    if not isinstance(where, Path):
        raise OSError(f"nnvec: the package's {name}/ folder is at {where}, which is not a "
                      "folder on disk (a zip import?): install nnvec with pip")
    if where.is_dir():  # an installed wheel
        return where.resolve()
    checkout = Path(__file__).resolve().parents[2]  # python/nnvec/resources.py
    if (checkout / "pyproject.toml").is_file() and (checkout / name).is_dir():
        return checkout / name
    raise OSError(f"nnvec: the package's {name}/ folder is missing: {where} (a wheel carries "
                  f"it; a checkout has {name}/ beside python/)")


def octave_dir() -> Path:
    """The folder of nnvec's Octave functions (``addpath`` it; ``private/`` is inside).

    Returns
    -------
    path : pathlib.Path
        Absolute: the repository's ``octave/`` in a checkout,
        ``site-packages/nnvec/octave`` in an installed wheel.

    Raises
    ------
    OSError
        When the folder is missing or not on disk.
    """
    return _folder("octave")


def data_dir() -> Path:
    """The folder of the bundled data sets (``digits.mat``; see its README.md).

    Returns
    -------
    path : pathlib.Path
        Absolute: the repository's ``data/`` in a checkout,
        ``site-packages/nnvec/data`` in an installed wheel.

    Raises
    ------
    OSError
        When the folder is missing or not on disk.
    """
    return _folder("data")


def version() -> str:
    """nnvec's version: the installed distribution's, else ``__version__`` above.

    The second case is a source tree put on ``sys.path`` by hand (as the
    benchmark does), with no installed metadata.
    """
    try:
        return metadata.version(_PACKAGE)
    except metadata.PackageNotFoundError:
        return __version__
