"""The public API (`import checker`) and the quickstart notebook that uses it."""

import json
import os
from fractions import Fraction

import pytest

import checker

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_every_public_name_resolves_and_is_documented():
    for name in checker.__all__:
        obj = getattr(checker, name)
        if name != "__version__":
            assert obj.__doc__, name
    assert set(checker.__all__) <= set(dir(checker))
    with pytest.raises(AttributeError):
        checker.no_such_name  # noqa: B018


def test_api_runs_the_same_engines_as_the_cli(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("0.1,1,1\n-0.3,0.2,-1\n0.5,-2,1\n")
    ds = checker.load(str(path))
    assert ds.X[0][0] == Fraction(1, 10)  # exact
    assert repr(ds) == "Dataset('d.csv', n=3, d=2, 2 positive)"
    bp = checker.batch_perceptron(ds)
    gd = checker.gd_linear(ds, "1e300")
    assert bp.separated and gd.separated and gd.iterations == bp.iterations
    assert "arb" in gd.arithmetic
    assert checker.certified_margin(ds).separable
    with pytest.raises(checker.InputError):
        checker.gd_linear(ds, 0)
    with pytest.raises(checker.InputError):
        checker.load(str(tmp_path / "missing.csv"))


def test_repr_of_a_large_dataset_is_one_short_line():
    ds = checker.dataset([[i, 1] for i in range(1, 2001)] + [[-1, -1]], [1] * 2000 + [-1], name="big")
    assert repr(ds) == "Dataset('big', n=2001, d=2, 2000 positive)"


def test_verify_and_check_from_python():
    res = checker.verify("SIG-LIMIT", quick=True)
    assert [r.id for r in res] == ["SIG-LIMIT"] and res[0].as_expected
    with pytest.raises(checker.InputError):
        checker.verify("NO-SUCH-CLAIM")
    r = checker.check_latex(r"\begin{align} x^2 + 1 &\ge 2x \end{align}")
    assert r.all_proved


def test_derivation_renders_with_per_step_verdicts():
    import derivations

    D = derivations.ALL["LIN-REDUCTION"]()
    tex = D._repr_latex_()
    assert tex.startswith("$$") and tex.endswith("$$")
    assert tex.count(r"\text{proved") == sum(s.status == "proved" for s in D.steps)
    assert tex.count(r"\text{cited") == sum(s.status == "cited" for s in D.steps)


def test_quickstart_notebook_runs():
    nb = json.load(open(os.path.join(ROOT, "examples", "quickstart.ipynb"), encoding="utf-8"))
    code = [("".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "code"]
    assert len(code) >= 5
    namespace: dict = {}
    for k, cell in enumerate(code):  # each cell as Jupyter runs it, in one namespace; its asserts must hold
        exec(compile(cell, f"quickstart.ipynb cell {k}", "exec"), namespace)
    assert namespace["bp"].iterations == 31 and namespace["D"].proved
