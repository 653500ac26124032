"""`python -m checker` is the `gdpc` command."""

import sys

from checker.cli import main

sys.exit(main())
