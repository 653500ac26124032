"""The one error type that reaches users as a single line and exit code 2."""


class InputError(Exception):
    """Bad user input: printed as one line by the CLI, never as a traceback."""

    exit_code = 2
