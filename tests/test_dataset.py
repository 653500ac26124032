"""Data input: exact parsing, and a one-line error with exit code 2 for every kind of bad file."""

from fractions import Fraction

import numpy as np
import pytest

from checker.cli import main
from checker.data import dataset
from checker.errors import InputError


def write(tmp_path, text, name="d.csv"):
    p = tmp_path / name
    p.write_text(text)
    return str(p)


def test_decimals_are_exact_rationals(tmp_path):
    ds = dataset.load(write(tmp_path, "x1,x2,y\n0.1,3/7,1\n-2e-3,5,-1\n"))
    assert ds.X[0] == (Fraction(1, 10), Fraction(3, 7))
    assert ds.X[1] == (Fraction(-1, 500), Fraction(5))
    assert ds.y == (1, -1)


def test_header_is_optional(tmp_path):
    with_header = dataset.load(write(tmp_path, "a,b,label\n1,2,1\n3,4,-1\n", "h.csv"))
    without = dataset.load(write(tmp_path, "1,2,1\n3,4,-1\n", "n.csv"))
    assert with_header.X == without.X and with_header.y == without.y


def test_labels_equal_to_one_in_any_notation(tmp_path):
    ds = dataset.load(write(tmp_path, "1,1.0\n2,-1/1\n"))
    assert ds.y == (1, -1)


BAD_CSV = {
    "empty": ("", "empty file"),
    "blank lines only": ("\n\n", "empty file"),
    "header only": ("x,y\n", "header only"),
    "ragged": ("1,2,1\n3,-1\n", "ragged"),
    "non-numeric": ("1,2,1\n3,abc,-1\n", "not a number"),
    "nan": ("1,nan,1\n3,4,-1\n", "NaN or inf"),
    "inf": ("1,2,1\n-inf,4,-1\n", "NaN or inf"),
    "label 0": ("1,2,0\n3,4,-1\n", r"not -1 or \+1"),
    "label 2": ("1,2,2\n3,4,-1\n", r"not -1 or \+1"),
    "label 1/2": ("1,2,1/2\n3,4,-1\n", r"not -1 or \+1"),
    "one class": ("1,2,1\n3,4,1\n", "only one class"),
    "one column": ("1\n-1\n", "need features and a label"),
    "division by zero": ("1,2/0,1\n3,4,-1\n", "division by zero"),
}


@pytest.mark.parametrize("case", sorted(BAD_CSV))
def test_bad_csv_is_one_line_exit_2(tmp_path, capsys, case):
    text, expected = BAD_CSV[case]
    path = write(tmp_path, text)
    with pytest.raises(InputError, match=expected):
        dataset.load(path)
    code = main(["run", "--data", path, "--algo", "batch-perceptron"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("gdpc: error: ") and "Traceback" not in err


def test_missing_file_and_directory(tmp_path, capsys):
    assert main(["run", "--data", str(tmp_path / "nope.csv"), "--algo", "perceptron"]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["run", "--data", str(tmp_path), "--algo", "perceptron"]) == 2
    assert "directory" in capsys.readouterr().err


def test_npz_floats_are_their_exact_binary_values(tmp_path):
    p = tmp_path / "d.npz"
    np.savez(p, X=np.array([[0.1, 2.0], [-1.5, 0.25]]), y=np.array([1, -1]))
    ds = dataset.load(str(p))
    assert ds.X[0][0] == Fraction(0.1)  # the double nearest 1/10, not 1/10
    assert ds.X[1] == (Fraction(-3, 2), Fraction(1, 4))


@pytest.mark.parametrize(
    "arrays,expected",
    [
        ({"X": np.array([[np.nan, 1.0], [1.0, 2.0]]), "y": np.array([1, -1])}, "NaN or inf"),
        ({"X": np.array([[1.0, 1.0], [1.0, 2.0]]), "y": np.array([1, 3])}, r"not -1 or \+1"),
        ({"A": np.array([[1.0]]), "y": np.array([1])}, "must hold arrays"),
        ({"X": np.array([1.0, 2.0]), "y": np.array([1, -1])}, "2-dimensional"),
        ({"X": np.array([[1.0], [2.0]]), "y": np.array([1, -1, 1])}, "1-dimensional with 2"),
    ],
)
def test_bad_npz(tmp_path, arrays, expected):
    p = tmp_path / "bad.npz"
    np.savez(p, **arrays)
    with pytest.raises(InputError, match=expected):
        dataset.load(str(p))


def test_corrupt_npz(tmp_path):
    p = tmp_path / "c.npz"
    p.write_bytes(b"not a zip archive at all")
    with pytest.raises(InputError, match="not an NPZ file"):
        dataset.load(str(p))
    p.write_bytes(b"PK\x03\x04 a zip header and then garbage")
    with pytest.raises(InputError, match="cannot read NPZ"):
        dataset.load(str(p))


def test_csv_round_trip(tmp_path):
    ds = dataset.from_rows([[Fraction(1, 3), -2], [Fraction(7, 5), 0]], [1, -1])
    path = str(tmp_path / "r.csv")
    dataset.to_csv(ds, path)
    assert dataset.load(path).X == ds.X


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffx1,y\n1,1\n-1,-1\n".encode("utf-8"))
    ds = dataset.load(str(path))
    assert ds.X == ((1,), (-1,)) and ds.y == (1, -1)


def test_underscored_numbers_are_refused(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("x,y\n1_000,1\n-1,-1\n")
    with pytest.raises(InputError, match="1_000"):
        dataset.load(str(path))


def test_a_5000_digit_integer_is_a_number(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("x,y\n" + "1" + "0" * 5000 + ",1\n-1,-1\n")
    assert dataset.load(str(path)).X[0][0] == 10**5000


# -- survivors of mutation testing (quality/MUTATION.md): each test pins one behaviour exactly ---------------------
def test_errors_name_the_row_that_is_wrong():
    rows = [[1, 2], [3, 4], ["x", 5], [6, 7]]
    with pytest.raises(InputError, match=r"row 3\b"):
        dataset.from_rows(rows, [1, -1, 1, -1])
    with pytest.raises(InputError, match=r"row 4\b"):
        dataset.from_rows([[1], [2], [3], [4]], [1, -1, 1, 2])
    with pytest.raises(InputError, match=r"row 2 has 1 features"):
        dataset.from_rows([[1, 2], [3], [4, 5]], [1, -1, 1])


def test_repr_counts_the_positive_samples():
    ds = dataset.from_rows([[1], [2], [3], [-1]], [1, 1, 1, -1], "four")
    assert repr(ds) == "Dataset('four', n=4, d=1, 3 positive)"


def _digits_reference(ds) -> int:
    """Decimal digits of D * max|numerator| exactly, D the least common denominator."""
    from math import lcm

    D = lcm(*{v.denominator for row in ds.X for v in row})
    return len(str(D * max(abs(v.numerator) for row in ds.X for v in row)))


@pytest.mark.parametrize("rows", [
    [[Fraction(1, 3), Fraction(5)], [Fraction(1, 7), 1]],
    [[Fraction(10**40, 9)], [Fraction(1, 10**30)]],
    [[Fraction(1, 2), Fraction(1, 4)], [Fraction(3, 8), 1]],  # denominators sharing factors: lcm 8, not 64
    [[7], [-123456789]],
])
def test_exact_digits_is_a_tight_upper_bound(rows):
    ds = dataset.from_rows(rows, [1, -1])
    ref = _digits_reference(ds)
    assert ref <= dataset.exact_digits(ds) <= ref + 2
    assert dataset.exact_digits(ds, stop_above=10**6) == dataset.exact_digits(ds)


def test_exact_size_limit_is_inclusive():
    ds = dataset.from_rows([[Fraction(10**40, 9)], [Fraction(1, 10**30)]], [1, -1])
    digits = dataset.exact_digits(ds)
    dataset.check_exact_size(ds, max_digits=digits)  # exactly at the limit: accepted
    with pytest.raises(InputError, match=f"more than {digits - 1} digits"):
        dataset.check_exact_size(ds, max_digits=digits - 1)


@pytest.mark.parametrize("n_labels", [2, 4])
def test_npz_with_the_wrong_number_of_labels_is_refused(tmp_path, n_labels):
    path = tmp_path / "d.npz"
    np.savez(path, X=np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), y=np.array([1, -1, 1, -1][:n_labels]))
    with pytest.raises(InputError, match="y must be 1-dimensional with 3 entries"):
        dataset.load(str(path))
