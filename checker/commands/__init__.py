"""What each `gdpc` subcommand does with its parsed arguments: one module per command, each exposing `main(args)`.

`checker/cli.py` imports only the module of the command it runs (its `COMMANDS` table), so a command loads only
what it uses: `gdpc run` never loads SymPy, and `gdpc --version` loads none of these (tests/test_startup.py).
Every `main` returns the exit code: 0 every requested check holds (or the run separated), 1 a check failed or the
data was not separated, 2 bad input.
"""
