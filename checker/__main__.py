"""`python -m checker` is the `gdpc` command."""

from checker.cli import entry

entry()
