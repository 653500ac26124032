"""A check's evidence in every report is valid JSON, whatever a user's check puts in it, and it survives the trip
back from a worker process (checker/claims/evidence.py)."""

import json
import subprocess
import sys
import textwrap
from fractions import Fraction

import numpy as np
import sympy as sp

from checker.claims.evidence import MAX_DEPTH, json_text, safe


def test_every_value_becomes_valid_json():
    deep = [1]
    for _ in range(3 * MAX_DEPTH):
        deep = [deep]
    ev = {"obj": object(), "nan": float("nan"), "inf": float("inf"), "minf": -float("inf"), "set": {3, 1, 2},
          "frac": Fraction(-1, 3), "arr": np.arange(3), "np": np.float64(0.5), "npbool": np.bool_(True),
          "expr": sp.sqrt(2), "bytes": b"\xff", 3: "int key", (1, 2): "tuple key", "deep": deep,
          "big": 10**5000, "ok": [1, 2.5, "s", None, True]}
    text = json_text(ev)
    back = json.loads(text)  # strict: allow_nan=False wrote no NaN, and every key is a string
    assert back["nan"] == "nan" and back["inf"] == "inf" and back["minf"] == "-inf"
    assert back["set"] == [1, 2, 3] and back["frac"] == "-1/3" and back["arr"] == [0, 1, 2]
    assert back["np"] == 0.5 and back["npbool"] is True and back["expr"] == "sqrt(2)"
    assert back["3"] == "int key" and back["[1, 2]"] == "tuple key" and back["ok"] == [1, 2.5, "s", None, True]
    assert back["big"] == str(10**5000)  # Python's json.load refuses an integer of 5001 digits
    assert safe(10**3000) == 10**3000  # below the limit an integer stays one
    assert "NaN" not in text and "Infinity" not in text
    assert safe(np.longdouble(1) / 3) == str(Fraction(*(np.longdouble(1) / 3).as_integer_ratio()))  # item() is itself
    assert safe(np.longdouble("nan")) == "nan"
    z = np.clongdouble(1 + 2j)  # its item() is itself too, and it has no integer ratio
    assert safe(z) == str(z) and json.loads(json_text({"z": z})) == {"z": str(z)}


def test_a_users_unpicklable_and_unjsonable_evidence_in_every_report(tmp_path):
    path = tmp_path / "c.py"
    path.write_text(textwrap.dedent("""
        from checker.claims import claim
        T = claim("USER-EV", "evidence that neither pickle nor json takes as it is")
        @T.numeric
        def n(ctx):
            return True, {"f": lambda x: x, (1, 2): float("nan"), "s": {2, 1}}
    """))
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.json"
        r = subprocess.run([sys.executable, "-m", "checker", "verify", "--claims-file", str(path), "--claim",
                            "USER-EV", "--jobs", jobs, "--json", str(out), "--markdown", str(tmp_path / "r.md")],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        ev = json.loads(out.read_text())["claims"][0]["checks"][0]["evidence"]
        assert ev["[1, 2]"] == "nan" and ev["s"] == [1, 2] and ev["f"].startswith("<function")
