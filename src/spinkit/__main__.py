"""``python -m spinkit`` is the ``spinkit`` command."""

from spinkit.cli import main

raise SystemExit(main())
