"""Models g(a; theta): the SymPy catalogue (`symbolic`, for proofs) and the numeric families (`numeric`, for engines)."""
