"""Exact data input: CSV and NPZ files parsed into rational data sets.

Every number enters as a `Fraction` (the CSV text "0.1" is exactly 1/10; an NPZ
float is the exact binary rational it stores), so nothing downstream depends
on float rounding. All validation lives here and raises `InputError` with a
one-line message.
"""

from __future__ import annotations

import csv
import math
import os
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from checker.choices import MAX_ENTRIES, MAX_EXACT_DIGITS
from checker.errors import InputError
from checker.exact_text import exact_fraction
from checker.files import check_input, text_buffer, write_atomic

_NONFINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}


@dataclass(frozen=True)
class Dataset:
    """Samples a_i (rows of `X`) with labels y_i in {-1, +1}, all exact."""

    X: tuple[tuple[Fraction, ...], ...]
    y: tuple[int, ...]
    name: str = "data"

    def __repr__(self) -> str:  # the rows can be millions of Fractions: a notebook shows what the data is
        pos = sum(1 for v in self.y if v > 0)
        return f"Dataset({self.name!r}, n={self.n}, d={self.d}, {pos} positive)"

    @property
    def n(self) -> int:
        return len(self.y)

    @property
    def d(self) -> int:
        return len(self.X[0])

    def signed_rows(self) -> list[list[Fraction]]:
        """The vectors y_i a_i, whose inner products with p are the margins."""
        return [[yi * v for v in row] for row, yi in zip(self.X, self.y)]

    def radius_squared(self) -> Fraction:
        """R^2 = max_i ||a_i||^2, exact."""
        return max(sum((v * v for v in row), Fraction(0)) for row in self.X)


def from_rows(X: Sequence[Sequence], y: Sequence, name: str = "data") -> Dataset:
    """Validate and freeze in-memory data (ints, Fractions, exact strings or floats)."""
    if len(X) == 0:
        raise InputError(f"{name}: no samples")
    if len(X) != len(y):
        raise InputError(f"{name}: {len(X)} rows but {len(y)} labels")
    d = len(X[0])
    if d == 0:
        raise InputError(f"{name}: samples have no features")
    rows = []
    for i, row in enumerate(X):
        if len(row) != d:
            raise InputError(f"{name}: row {i + 1} has {len(row)} features, expected {d} (ragged rows)")
        rows.append(tuple(_exact(v, f"{name}: row {i + 1}") for v in row))
    labels = tuple(_label(v, f"{name}: row {i + 1}") for i, v in enumerate(y))
    if len(set(labels)) < 2:
        raise InputError(f"{name}: only one class present (all labels are {labels[0]:+d})")
    return Dataset(tuple(rows), labels, name)


def exact_digits(ds: Dataset, stop_above: int | None = None) -> int:
    """Decimal digits (an upper bound) of the integers D * y_i a_i that the exact engines work with, D the least
    common denominator; stops early once the bound passes `stop_above` (the LCM of many denominators explodes)."""
    bits_per_digit = math.log2(10)
    num_bits = max(abs(v.numerator).bit_length() for row in ds.X for v in row)
    D = 1
    for den in {v.denominator for row in ds.X for v in row}:
        D = D * den // math.gcd(D, den)
        if stop_above is not None and (D.bit_length() + num_bits) / bits_per_digit > stop_above:
            break
    return int((D.bit_length() + num_bits) / bits_per_digit) + 1


def check_exact_size(ds: Dataset, max_digits: int = MAX_EXACT_DIGITS) -> None:
    """Refuse, before any work, data whose exact integers are too long to compute with in reasonable time."""
    digits = exact_digits(ds, stop_above=max_digits)
    if digits > max_digits:
        raise InputError(f"{ds.name}: exact arithmetic on these data needs integers of more than {max_digits} digits "
                         f"(at least {digits}: the entries' numerators times their common denominator), above the "
                         f"limit {max_digits}; pass --max-digits {digits} to try anyway")


def load(path: str, max_entries: int = MAX_ENTRIES) -> Dataset:
    """Load a CSV (`x_1,...,x_d,y`, optional header) or an NPZ (arrays X, y), of at most `max_entries` values."""
    check_input(path, "data file")
    if os.path.getsize(path) == 0:
        raise InputError(f"{path}: empty file")
    if path.endswith(".npz"):
        return _load_npz(path, max_entries)
    return _load_csv(path, max_entries)


def _too_many(name: str, max_entries: int) -> InputError:
    return InputError(f"{name}: more than {max_entries} values (rows times columns), the limit: exact arithmetic "
                      f"on so many would not finish in reasonable time; pass --max-entries N to try anyway")


def _load_csv(path: str, max_entries: int = MAX_ENTRIES) -> Dataset:
    name = os.path.basename(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:  # -sig: a spreadsheet's byte-order mark is fine
            lines: list[tuple[int, list[str]]] = []
            entries = 0  # values after the first line (a header, or not: decided below)
            for k, row in enumerate(csv.reader(fh)):  # counted as read: a 10^8-value file is refused, not held
                if any(c.strip() for c in row) and not row[0].lstrip().startswith("#"):  # '#': a comment line
                    entries += len(row) if lines else 0
                    if entries > max_entries:
                        raise _too_many(name, max_entries)
                    lines.append((k + 1, row))
    except UnicodeDecodeError:
        raise InputError(f"{name}: not a UTF-8 text file") from None
    except csv.Error as exc:
        raise InputError(f"{name}: not a CSV file ({exc})") from None
    if not lines:
        raise InputError(f"{name}: empty file")
    first_no, first = lines[0]
    if len(first) == 1 and len(_OTHER_SEPARATOR.split(first[0].strip())) > 1:
        raise InputError(f"{name}: line {first_no} has 1 column; need features and a label, separated by commas "
                         f"(this line is separated by {_separator_name(first[0])})")
    parsed_first = [_try_number(c) for c in first]
    if all(v is None for v in parsed_first):
        lines = lines[1:]  # a header: every field is text
        if not lines:
            raise InputError(f"{name}: header only, no samples")
        _check_header(name, first_no, first, lines[0])
    elif entries + len(first) > max_entries:
        raise _too_many(name, max_entries)
    width = len(lines[0][1])
    if width < 2:
        raise InputError(f"{name}: line {lines[0][0]} has {width} column; need features and a label")
    X, y = [], []
    for line_no, row in lines:
        if len(row) != width:
            raise InputError(f"{name}: line {line_no} has {len(row)} column{'s' if len(row) != 1 else ''}, "
                             f"expected {width} (ragged rows)")
        values = [_exact(c, f"{name}: line {line_no}") for c in row]
        X.append(values[:-1])
        y.append(_label(values[-1], f"{name}: line {line_no}"))
    return from_rows(X, y, name)


_LABEL_NAMES = {"y", "label", "labels", "target", "class"}


def _check_header(name: str, header_no: int, header: list[str], data: tuple[int, list[str]]) -> None:
    """A header that does not describe the rows below it means the file is read differently from how it was
    written: its width must be the rows' width, and it must not name its first column the label (y is read from
    the last)."""
    line_no, row = data
    if len(header) != len(row):
        raise InputError(f"{name}: the header (line {header_no}) names {len(header)} column"
                         f"{'s' if len(header) != 1 else ''} but line {line_no} has {len(row)}")
    first, last = (header[j].strip().lower() in _LABEL_NAMES for j in (0, -1))
    # labels first is how many tools export; a 'y' elsewhere may be a coordinate (x, y, class)
    if first and not last:
        raise InputError(f"{name}: column 1 is named {header[0].strip()!r}, but the label is read from the last "
                         f"column ({header[-1].strip()!r}): move the labels to the last column")


_OTHER_SEPARATOR = re.compile(r"[;\t]|\s+")  # what other tools separate values with: a line read as one column


def _separator_name(line: str) -> str:
    return "semicolons" if ";" in line else "tabs" if "\t" in line else "spaces"


def _load_npz(path: str, max_entries: int = MAX_ENTRIES) -> Dataset:
    name = os.path.basename(path)
    with open(path, "rb") as fh:
        if fh.read(4) != b"PK\x03\x04":  # numpy would call anything else "pickled data"
            raise InputError(f"{name}: not an NPZ file (an NPZ is a zip archive of arrays X and y, np.savez)")
    try:
        with np.load(path, allow_pickle=False) as archive:
            if "X" not in archive or "y" not in archive:
                raise InputError(f"{name}: NPZ must hold arrays 'X' and 'y' (found {sorted(archive.files)})")
            X, y = archive["X"], archive["y"]
    except InputError:
        raise
    except Exception as exc:  # numpy raises several types for a corrupt archive
        raise InputError(f"{name}: cannot read NPZ ({type(exc).__name__}: {exc})") from None
    if X.ndim != 2:
        raise InputError(f"{name}: X must be 2-dimensional, got shape {X.shape}")
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise InputError(f"{name}: y must be 1-dimensional with {X.shape[0]} entries, got shape {y.shape}")
    if X.dtype.kind not in "iuf" or y.dtype.kind not in "iuf":
        raise InputError(f"{name}: X and y must be numeric arrays")
    if X.size + y.size > max_entries:
        raise _too_many(name, max_entries)
    return from_rows(_exact_list(X, name), _exact_list(y, name), name)


def _exact_list(a: np.ndarray, name: str) -> list:
    """The array's values as Python numbers, exactly: tolist() turns a long double (80 or 128 bits) into a
    float64 and drops its last bits, so those are taken apart into the integer ratio they store."""
    if a.dtype.kind != "f" or a.dtype.itemsize <= 8:
        return a.tolist()
    if not np.isfinite(a).all():
        raise InputError(f"{name}: non-finite value in the {a.dtype} array (NaN or inf)")
    flat = [Fraction(*v.as_integer_ratio()) for v in a.reshape(-1)]
    return [flat[i:i + a.shape[1]] for i in range(0, len(flat), a.shape[1])] if a.ndim == 2 else flat


def _try_number(text: str) -> Fraction | None:
    try:
        return _exact(text, "")
    except InputError:
        return None


def _exact(value, where: str) -> Fraction:
    """One exact rational from an int, Fraction, float or text; errors name the place."""
    if type(value) is Fraction:  # already exact (from_rows re-validating parsed rows): no copy
        return value
    if isinstance(value, bool):
        raise InputError(f"{where}: boolean value {value!r} is not a number")
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"{where}: non-finite value {value!r} (NaN or inf)")
        return Fraction(value)
    text = str(value).strip()
    if text.lower() in _NONFINITE:
        raise InputError(f"{where}: non-finite value {text!r} (NaN or inf)")
    if not text:
        raise InputError(f"{where}: empty value")
    if not text.isascii():  # Python reads the fullwidth '１' as 1 but not the minus sign '−': neither is data
        ch = next(c for c in text if not c.isascii())
        raise InputError(f"{where}: {text!r} is not a number (the character {ch!r}, U+{ord(ch):04X}, is not ASCII: "
                         "write digits 0-9, '-', '.', 'e' or p/q)")
    if "_" in text:  # Python would read 1_000 as 1000; a data file should not depend on that
        raise InputError(f"{where}: {text!r} is not a number (digits, a decimal point, an exponent or p/q; no _)")
    try:
        return exact_fraction(text)
    except ZeroDivisionError:
        raise InputError(f"{where}: division by zero in {text!r}") from None
    except OverflowError as exc:
        raise InputError(f"{where}: {text!r}: {exc}") from None
    except ValueError:
        raise InputError(f"{where}: {text!r} is not a number (use integers, decimals or p/q)") from None


def _label(value, where: str) -> int:
    v = _exact(value, where)
    if v not in (1, -1):
        raise InputError(f"{where}: label {_show(v)} is not -1 or +1")
    return int(v)


def _show(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"


def to_csv(ds: Dataset, path: str) -> None:
    """Write a data set exactly (integers or p/q), with a header row."""
    header = [f"x{j + 1}" for j in range(ds.d)] + ["y"]
    buffer = text_buffer()
    w = csv.writer(buffer)
    w.writerow(header)
    for row, yi in zip(ds.X, ds.y):
        w.writerow([_show(v) for v in row] + [str(yi)])
    write_atomic(path, buffer.getvalue())


def fraction_str(v: Fraction) -> str:
    """Exact text form used in every report: "p/q" or an integer."""
    return _show(Fraction(v))
