"""Evidence as data: every value a user's check may put in its evidence made into valid JSON (and so into
something a worker process can send back: a lambda or a generator cannot be pickled).

`json.dumps(default=str)` is not enough: it refuses a tuple or other non-string key outright, writes NaN and
Infinity (which JSON does not have, so other readers reject the file), and a set becomes its repr. Here keys become
strings, non-finite floats the strings "nan", "inf", "-inf", Fractions "p/q", integers past ~3900 digits their
decimal strings (Python's json.load refuses more than 4300), numpy values Python ones, sets sorted lists, and
anything else its str(); nesting past MAX_DEPTH is cut to its str(). A user's claim's evidence is also capped in
size (`capped`, MAX_EVIDENCE_BYTES).
"""

from __future__ import annotations

import json
import math
from fractions import Fraction

import numpy as np

INT_BITS = 13_000  # about 3900 digits: an integer beyond it is written as its decimal string
MAX_DEPTH = 100  # json's own encoder recurses: a deeper structure would be a RecursionError, not a report
MAX_EVIDENCE_BYTES = 1_000_000  # the JSON of one check of a user's claim: past it the evidence is cut (and says so)
EVIDENCE_HEAD = 2_000  # the characters of a cut evidence's JSON kept in the report, to show what it held


def json_text(payload, indent: int | None = 2) -> str:
    return json.dumps(safe(payload), indent=indent, allow_nan=False)


def safe(x, depth: int = 0):
    if x is None or isinstance(x, (bool, str)):
        return x
    if isinstance(x, np.generic):
        v = x.item()
        if isinstance(v, np.generic):  # a long double's item() is itself: its exact ratio (or nan, inf)
            if not isinstance(x, np.floating):  # a complex long double
                return str(x)
            v = Fraction(*x.as_integer_ratio()) if np.isfinite(x) else float(x)
        return safe(v, depth)
    if isinstance(x, int):  # a reader's json.load refuses integers of more than 4300 digits (Python's limit)
        return x if x.bit_length() <= INT_BITS else str(x)
    if isinstance(x, float):
        return x if math.isfinite(x) else ("nan" if math.isnan(x) else "inf" if x > 0 else "-inf")
    if isinstance(x, Fraction):
        return str(x)
    if depth >= MAX_DEPTH:
        return str(x)
    if isinstance(x, dict):
        return {k if isinstance(k, str) else str(safe(k, depth + 1)): safe(v, depth + 1) for k, v in x.items()}
    if isinstance(x, np.ndarray):
        return safe(x.tolist(), depth)
    if isinstance(x, (list, tuple)):
        return [safe(v, depth + 1) for v in x]
    if isinstance(x, (set, frozenset)):
        return [safe(v, depth + 1) for v in sorted(x, key=str)]
    return str(x)


def capped(evidence, limit: int = MAX_EVIDENCE_BYTES):
    """`safe(evidence)` if its JSON is at most `limit` bytes; past it, a note saying so and the JSON's beginning
    (a claims file returning 250 MB of evidence would otherwise write a report of that size)."""
    data = safe(evidence)
    text = json.dumps(data, allow_nan=False)
    size = len(text.encode("utf-8"))
    if size <= limit:
        return data
    return {"cut": f"the evidence is {size} bytes of JSON, more than the limit of {limit} bytes: only its first "
                   f"{EVIDENCE_HEAD} characters are kept", "evidence_head": text[:EVIDENCE_HEAD]}
