"""Data input: exact parsing, and a one-line error with exit code 2 for every kind of bad file."""

import re
from fractions import Fraction

import numpy as np
import pytest

from checker import exact_text
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


@pytest.mark.parametrize("header", ["x,y,c", "x1,y,y", "y,x,label", "target_x,b,y", "x1,x2,class"])
def test_a_header_whose_label_is_last_or_not_named_is_read(tmp_path, header):
    # 'y' as a coordinate (x, y, c) or any label-named last column: the rows are read as written
    ds = dataset.load(write(tmp_path, header + "\n1,2,1\n-3,-4,-1\n", "h.csv"))
    assert ds.X == ((1, 2), (-3, -4)) and ds.y == (1, -1)


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
    # a header that does not describe its rows: the file would be read differently from how it was written
    "labels first": ("y,x1,x2\n1,2,1\n-1,3,-1\n", "column 1 is named 'y'.*last column \\('x2'\\)"),
    "Label first": ("Label,a\n1,5\n-1,-5\n", "column 1 is named 'Label'"),
    "header narrower": ("x1,x2,y\n1,2,3,1\n-1,3,4,-1\n", r"the header \(line 1\) names 3 columns but line 2 has 4"),
    "header wider": ("# made by hand\nx1,x2,x3,y\n1,2,1\n", r"the header \(line 2\) names 4 columns but line 3 has 3"),
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


@pytest.mark.parametrize("entry,char", [("\uff11", "U+FF11"), ("\u22121", "U+2212"), ("\u0661", "U+0661")])
def test_non_ascii_digits_and_signs_are_refused_not_read(tmp_path, entry, char):
    # Python's int() reads the fullwidth 1 and the Arabic-Indic 1 as 1 but refuses the minus sign U+2212: a data
    # file means one thing, so none of them is a number here
    with pytest.raises(InputError, match=re.escape(char)):
        dataset.load(write(tmp_path, f"x,y\n{entry},1\n-1,-1\n"))


@pytest.mark.parametrize("sep,word", [(" ", "spaces"), ("\t", "tabs"), (";", "semicolons"), ("  ", "spaces")])
def test_other_separators_are_named(tmp_path, sep, word):
    with pytest.raises(InputError, match=f"line 1 has 1 column; .* separated by {word}"):
        dataset.load(write(tmp_path, sep.join(["1", "2", "1"]) + "\n" + sep.join(["-1", "-2", "-1"]) + "\n"))


def test_two_columns_separated_by_spaces_are_named_too(tmp_path):
    # the smallest data set read as one column: one feature and a label
    with pytest.raises(InputError, match="line 1 has 1 column; .* separated by spaces"):
        dataset.load(write(tmp_path, "1 1\n-1 -1\n"))


def test_a_header_whose_names_hold_spaces_is_a_header(tmp_path):
    # 'feature one' is one field of a comma-separated line, not a line separated by spaces
    ds = dataset.load(write(tmp_path, "feature one,feature two,the label\n1,2,1\n-1,-3,-1\n"))
    assert ds.X == ((1, 2), (-1, -3)) and ds.y == (1, -1)


@pytest.mark.parametrize("header,words", [("label", "names 1 column but"), ("x,y", "names 2 columns but")])
def test_a_header_of_the_wrong_width_names_both_widths(tmp_path, header, words):
    with pytest.raises(InputError, match=f"the header \\(line 1\\) {words} line 2 has 3$"):
        dataset.load(write(tmp_path, header + "\n1,2,1\n-1,-3,-1\n"))


def test_a_comment_is_a_line_that_starts_with_hash_commas_and_all(tmp_path):
    ds = dataset.load(write(tmp_path, "# exported by hand, 2026, v2\nx1,y\n1,1\n# -5,1\n-1,-1\n"))
    assert ds.X == ((1,), (-1,)) and ds.y == (1, -1)
    # a row whose last value starts with '#' is a row with a bad value, never a comment dropped in silence
    with pytest.raises(InputError, match="line 3"):
        dataset.load(write(tmp_path, "1,1\n-1,-1\n2,#1\n"))


def test_a_one_word_header_is_not_taken_for_another_separator(tmp_path):
    with pytest.raises(InputError, match="line 2 has 1 column; need features and a label$"):
        dataset.load(write(tmp_path, "label\n1\n-1\n"))


def test_long_double_npz_is_read_exactly(tmp_path):
    # 3 rows of 2 (not square: rows cut at the number of columns, not of rows)
    X = np.array([[1, 2], [-1, -2], [4, 5]], dtype=np.longdouble) / np.longdouble(3)
    np.savez(tmp_path / "ld.npz", X=X, y=np.array([1, -1, 1], dtype=np.longdouble))
    ds = dataset.load(str(tmp_path / "ld.npz"))
    assert [list(r) for r in ds.X] == [[Fraction(*v.as_integer_ratio()) for v in row] for row in X]
    assert ds.y == (1, -1, 1) and (ds.n, ds.d) == (3, 2)
    if np.finfo(np.longdouble).nmant > 52:  # an 80- or 128-bit long double: float64 would drop bits of 1/3
        assert ds.X[0][0] != Fraction(float(X[0, 0]))
    bad = X.copy()
    bad[1, 0] = np.nan
    np.savez(tmp_path / "nan.npz", X=bad, y=np.array([1, -1, 1]))
    with pytest.raises(InputError, match="non-finite"):
        dataset.load(str(tmp_path / "nan.npz"))


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
    [[Fraction(1, 2**k)] for k in range(1, 61)],  # 60 nested denominators: lcm 2^60, product 2^1830
])
def test_exact_digits_is_a_tight_upper_bound(rows):
    ds = dataset.from_rows(rows, [1, -1] * (len(rows) // 2))
    ref = _digits_reference(ds)
    assert ref <= dataset.exact_digits(ds) <= ref + 1  # bit lengths overestimate the product by < 2 bits
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


def test_a_dataset_is_frozen():
    ds = dataset.from_rows([[1], [-1]], [1, -1])
    with pytest.raises(AttributeError):
        ds.y = (1, 1)
    assert ds.n == 2 and ds.d == 1  # properties, not methods


def test_signed_rows_and_radius_are_exact():
    ds = dataset.from_rows([[Fraction(1, 3), -2], [Fraction(-5, 2), 3]], [1, -1])
    assert ds.signed_rows() == [[Fraction(1, 3), -2], [Fraction(5, 2), -3]]
    # R^2 = max(1/9 + 4, 25/4 + 9): the larger row, squared entries summed exactly
    assert ds.radius_squared() == Fraction(25, 4) + 9
    assert dataset.from_rows([[3, 4], [1, 0]], [1, -1]).radius_squared() == 25


@pytest.mark.parametrize("X,y,expected", [
    ([], [], "data: no samples"),
    ([[1], [2]], [1], "data: 2 rows but 1 labels"),
    ([[1]], [1, -1], "data: 1 rows but 2 labels"),
    ([[], []], [1, -1], "samples have no features"),
    ([[1]], [1], r"only one class present \(all labels are \+1\)"),
    ([[1], [2]], [-1, -1], r"only one class present \(all labels are -1\)"),
    ([[1, 2], [3, 4, 5], [6, 7]], [1, -1, 1], r"row 2 has 3 features, expected 2 \(ragged rows\)"),
    ([[1, 2, 3], [4, 5], [6, 7, 8]], [1, -1, 1], r"row 2 has 2 features, expected 3"),
    ([[1, 2], [3, 4], [5, 6, 7]], [1, -1, 1], r"row 3 has 3 features, expected 2"),
])
def test_from_rows_refuses_with_the_exact_reason(X, y, expected):
    with pytest.raises(InputError, match=expected):
        dataset.from_rows(X, y)


def test_one_feature_and_one_row_per_class_is_enough():
    ds = dataset.from_rows([[5], [-5]], [1, -1])
    assert (ds.n, ds.d) == (2, 1)


def test_the_default_size_limit_is_the_documented_one():
    # MAX_EXACT_DIGITS (20000 decimal digits) is what the CLI's --max-digits help promises
    assert dataset.MAX_EXACT_DIGITS == 20_000
    small = dataset.from_rows([[10**19000], [-1]], [1, -1])
    dataset.check_exact_size(small)
    big = dataset.from_rows([[10**21000], [-1]], [1, -1])
    with pytest.raises(InputError, match="more than 20000 digits"):
        dataset.check_exact_size(big)


@pytest.mark.parametrize("k", [1, 50, 400, 3000])
def test_exact_digits_of_a_power_of_ten(k):
    ds = dataset.from_rows([[10**k], [Fraction(1, 10**k)]], [1, -1])
    ref = 2 * k + 1  # 10^k over the common denominator 10^k
    assert ref <= dataset.exact_digits(ds) <= ref + 2


def test_the_common_denominator_starts_at_one():
    ds = dataset.from_rows([[Fraction(1, 3)], [-1]], [1, -1])  # D * y_i a_i = 1 and -3: one digit
    assert dataset.exact_digits(ds) == 1


@pytest.mark.parametrize("k", [1, 2, 9, 10, 11, 99, 1000])
def test_exact_digits_of_an_integer_power_of_ten_is_exact(k):
    # D = 1 adds one bit: (bitlen(10^k) + 1) / log2(10) < k + 0.61, so the bound is exactly k + 1
    ds = dataset.from_rows([[10**k], [-1]], [1, -1])
    assert dataset.exact_digits(ds) == k + 1


def test_exact_digits_stops_early_only_past_the_limit():
    # 200 coprime denominators (each under 12 bits, 3.7 digits): their LCM has ~ 200 * 3 digits
    primes = [p for p in range(1000, 3000) if all(p % q for q in range(2, int(p**0.5) + 1))][:200]
    ds = dataset.from_rows([[Fraction(10**40 + 1, p)] for p in primes], [1, -1] * 100)
    full = dataset.exact_digits(ds)
    assert full >= 600
    assert dataset.exact_digits(ds, stop_above=full) == full  # never stops before reaching the limit
    for limit in (100, 250):
        early = dataset.exact_digits(ds, stop_above=limit)
        assert limit < early <= limit + 5  # stopped at the first denominator that took the bound past the limit


def test_empty_files_are_empty_in_either_format(tmp_path):
    for name in ("e.csv", "e.npz"):
        (tmp_path / name).write_bytes(b"")
        with pytest.raises(InputError, match=f"{name}: empty file"):
            dataset.load(str(tmp_path / name))
    (tmp_path / "one.csv").write_bytes(b"5")
    with pytest.raises(InputError, match="need features and a label"):
        dataset.load(str(tmp_path / "one.csv"))


@pytest.mark.parametrize("text,expected", [
    ("x,y,label\n1,2,1\n\n\n3,abc,-1\n", r"d.csv: line 5\b"),
    ("1,2,1\n\n3,4,-1,7\n", r"line 3 has 4 columns, expected 3 \(ragged rows\)"),
    ("1,2,1\n3,-1\n", r"line 2 has 2 columns, expected 3"),
    ("x\n\n5\n6\n", r"line 3 has 1 column; need features and a label"),
])
def test_csv_errors_give_the_file_line_counting_blank_lines(tmp_path, text, expected):
    with pytest.raises(InputError, match=expected):
        dataset.load(write(tmp_path, text))


def test_a_label_error_shows_the_label_exactly(tmp_path):
    with pytest.raises(InputError, match=r"label 1/2 is not -1 or \+1"):
        dataset.load(write(tmp_path, "1,1,0.5\n3,4,-1\n"))
    with pytest.raises(InputError, match=r"label 3 is not -1 or \+1"):
        dataset.load(write(tmp_path, "1,1,3.0\n3,4,-1\n"))


def test_non_utf8_and_non_csv_text_are_named(tmp_path):
    (tmp_path / "latin.csv").write_bytes(b"1,\xe9,1\n2,3,-1\n")
    with pytest.raises(InputError, match="not a UTF-8 text file"):
        dataset.load(str(tmp_path / "latin.csv"))
    huge_field = '"' + "1" * 200_000 + '"'  # beyond the csv module's field limit
    path = write(tmp_path, f"{huge_field},1\n2,-1\n")
    with pytest.raises(InputError, match="not a CSV file"):
        dataset.load(path)


def test_to_csv_writes_a_header_and_integers_without_denominators(tmp_path):
    ds = dataset.from_rows([[3, Fraction(1, 2)], [-4, Fraction(-7, 3)]], [1, -1])
    path = tmp_path / "o.csv"
    dataset.to_csv(ds, str(path))
    assert path.read_text().splitlines() == ["x1,x2,y", "3,1/2,1", "-4,-7/3,-1"]


@pytest.mark.parametrize("head", [b"AAAA", b"\x00\x00\x00\x00", b"ZZZZ", b"PK\x05\x06"])
def test_only_a_zip_archive_is_read_as_npz(tmp_path, head):
    p = tmp_path / "h.npz"
    p.write_bytes(head + b"rest of the file")
    with pytest.raises(InputError, match="not an NPZ file"):
        dataset.load(str(p))


def test_npz_object_arrays_are_never_unpickled(tmp_path):
    p = tmp_path / "obj.npz"
    np.savez(p, X=np.array([[1, 2], [3, 4]], dtype=object), y=np.array([1, -1]))
    with pytest.raises(InputError, match="cannot read NPZ"):
        dataset.load(str(p))


@pytest.mark.parametrize("arrays,expected", [
    ({"X": np.zeros((2, 2, 2)), "y": np.array([1, -1])}, r"X must be 2-dimensional, got shape \(2, 2, 2\)"),
    ({"X": np.array([[1.0], [2.0]]), "y": np.array([[1], [-1]])}, r"y must be 1-dimensional with 2 entries"),
    ({"X": np.array([[1.0], [2.0]]), "y": np.array(1)}, r"y must be 1-dimensional with 2 entries, got shape \(\)"),
    ({"X": np.ones((300, 1)), "y": np.ones(299)}, r"y must be 1-dimensional with 300 entries, got shape \(299,\)"),
    ({"X": np.array([["a"], ["b"]]), "y": np.array([1, -1])}, "X and y must be numeric arrays"),
    ({"X": np.array([[1.0], [2.0]]), "y": np.array(["1", "-1"])}, "X and y must be numeric arrays"),
])
def test_npz_shapes_and_types_are_checked(tmp_path, arrays, expected):
    p = tmp_path / "s.npz"
    np.savez(p, **arrays)
    with pytest.raises(InputError, match=expected):
        dataset.load(str(p))


def test_the_exponent_limit_is_a_million_inclusive():
    assert exact_text.MAX_EXPONENT == 1_000_000  # the rule data files, options and `% assume:` share
    assert dataset.exact_fraction("1e1000000") == 10**1000000
    assert dataset.exact_fraction("1e-1000000") == Fraction(1, 10**1000000)
    for text, exponent in [("1e1000001", "1000001"), ("2E-1000001", "-1000001"), ("-7.5e+2000000", "+2000000")]:
        with pytest.raises(OverflowError, match=f"the exponent \\{exponent} is beyond" if exponent[0] == "+"
                           else f"the exponent {exponent} is beyond"):
            dataset.exact_fraction(text)
    with pytest.raises(ValueError):  # p/q takes integers only: an exponent there is not a number at all
        dataset.exact_fraction("3/1e2")


def test_large_counts_are_compared_by_value(tmp_path):
    # 300 > 256: Python caches small ints, so only a size past 256 tells `!=` from `is not`
    n, d = 300, 300
    X = [[(i + j) % 7 - 3 for j in range(d)] for i in range(n)]
    y = [1 if i % 2 else -1 for i in range(n)]
    ds = dataset.from_rows(X, y)
    assert (ds.n, ds.d) == (n, d)
    path = tmp_path / "wide.csv"
    dataset.to_csv(ds, str(path))
    assert dataset.load(str(path)).X == ds.X
    npz = tmp_path / "wide.npz"
    np.savez(npz, X=np.array(X, dtype=np.int64), y=np.array(y))
    assert dataset.load(str(npz)).y == ds.y


@pytest.mark.parametrize("header", [False, True])
def test_the_entry_limit_counts_values_not_a_header_and_is_inclusive(tmp_path, header):
    """3 rows of 3 values are 9 values: --max-entries 9 reads them, 8 refuses them, with or without a header line
    (a header holds names, not values)."""
    path = tmp_path / "d.csv"
    path.write_text(("a,b,y\n" if header else "") + "1,2,1\n-1,-3,-1\n2,1,1\n")
    assert dataset.load(str(path), max_entries=9).n == 3
    with pytest.raises(InputError, match=r"more than 8 values \(rows times columns\), the limit.*--max-entries"):
        dataset.load(str(path), max_entries=8)


def test_the_entry_limit_holds_for_npz_and_stops_a_csv_early(tmp_path):
    X = np.arange(12).reshape(6, 2) + 1
    y = np.array([1, -1] * 3)
    npz = tmp_path / "d.npz"
    np.savez(npz, X=X, y=y)
    assert dataset.load(str(npz), max_entries=18).n == 6
    with pytest.raises(InputError, match="more than 17 values"):
        dataset.load(str(npz), max_entries=17)
    # the limit is checked as lines are read: a bad value after it is never reached
    path = tmp_path / "long.csv"
    path.write_text("1,1\n" * 10 + "oops,1\n")
    with pytest.raises(InputError, match="more than 10 values"):
        dataset.load(str(path), max_entries=10)


def test_max_entries_flag(tmp_path, capsys):
    path = tmp_path / "d.csv"
    path.write_text("1,2,1\n-1,-3,-1\n2,1,1\n")
    for command in (["run", "--algo", "batch-perceptron"], ["margin"], ["bounds"], ["gap", "--gamma", "10"]):
        assert main(command + ["--data", str(path), "--max-entries", "8"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "more than 8 values" in err
        assert main(command + ["--data", str(path), "--max-entries", "0"]) == 2
        assert "--max-entries must be at least 1" in capsys.readouterr().err
    assert main(["run", "--algo", "batch-perceptron", "--data", str(path), "--max-entries", "9"]) == 0


def test_comment_lines_are_skipped_and_a_trailing_comment_is_refused(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("# generated by a script\n  # seed 3\nx1,x2,y\n1,2,1\n# the negative class\n-1,-3,-1\n")
    ds = dataset.load(str(path))
    assert (ds.n, ds.d, ds.y) == (2, 2, (1, -1)) and ds.X[1] == (Fraction(-1), Fraction(-3))
    path.write_text("1,2,1 # positive\n-1,-3,-1\n")
    with pytest.raises(InputError, match=r"line 1: '1 # positive' is not a number"):
        dataset.load(str(path))
    path.write_text("# only a comment\n")
    with pytest.raises(InputError, match="empty file"):
        dataset.load(str(path))


def test_a_ragged_row_of_one_column_is_named_in_the_singular(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("1,2,1\n-1,-3,-1\n7\n")
    with pytest.raises(InputError, match=r"line 3 has 1 column, expected 3 \(ragged rows\)"):
        dataset.load(str(path))
