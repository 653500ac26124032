"""`python -m checker` is the `gdpc` command."""

import sys

from .cli import main

sys.exit(main())
