"""``python -m mathreg``: see :mod:`mathreg.cli`."""

import sys

from mathreg.cli import main

sys.exit(main())
