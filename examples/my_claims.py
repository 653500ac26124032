"""A researcher's own claim, checked numerically and by property: `gdpc verify --claims-file examples/my_claims.py`."""
from fractions import Fraction

from hypothesis import strategies as st

from checker.claims import claim
from checker.data.dataset import from_rows
from checker.data.named import bp_lower
from checker.data.strategies import separable_datasets
from checker.engines import perceptron

SCALE = claim("BP-SCALE-INVARIANT", "Scaling every a_i by c > 0 leaves the Batch Perceptron's iteration count unchanged.")

def scaled(ds, c):
    return from_rows([[c * v for v in row] for row in ds.X], ds.y)

@SCALE.numeric
def on_bp_lower(ctx):
    ds = bp_lower(101)
    counts = [perceptron.batch_perceptron(scaled(ds, c)).iterations for c in (Fraction(1), Fraction(3, 7), Fraction(10**9))]
    return len(set(counts)) == 1, {"iterations": counts}

@SCALE.property(separable_datasets(), st.fractions(min_value=Fraction(1, 100), max_value=100), examples=200)
def any_scale(ds, c):
    assert perceptron.batch_perceptron(scaled(ds, c)).iterations == perceptron.batch_perceptron(ds).iterations
