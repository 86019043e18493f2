"""``python -m nnvec``: the command line (see ``nnvec.cli``)."""

from .cli import main

raise SystemExit(main())
