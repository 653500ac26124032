"""`gdpc bounds`: every perceptron variant's iteration count on a data file next to its proved bound."""

from __future__ import annotations

from checker.analysis.iteration_bounds import BOUNDS, check_bound
from checker.arith import using
from checker.commands import inputs
from checker.commands.output import emit
from checker.engines.margin import certified_margin
from checker.files import check_outputs
from checker.report import text


def main(args) -> int:
    check_outputs(args, "json")
    gamma = inputs.fraction("--gamma", args.gamma)
    ds = inputs.load(args)
    cert = certified_margin(ds)
    if not cert.separable:  # a valid input whose answer is "no bound applies": exit 1 with the certificate
        emit(args, {"margin": cert.to_json()}, "no bound applies: " + text.margin_line(cert.to_json(), False))
        return 1
    with using(args.arith):
        rows = [check_bound(cid, ds, cert, gamma).to_json() for cid in BOUNDS]
    emit(args, {"margin": cert.to_json(), "gamma": args.gamma, "bounds": rows},
         text.bounds_table(cert.to_json(), ds.radius_squared(), rows))
    return 0 if all(r["verdict"] == "holds" for r in rows) else 1
