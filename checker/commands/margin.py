"""`gdpc margin`: the certified maximum margin of a data file, or the exact certificate that it is not separable."""

from __future__ import annotations

from checker.commands import inputs
from checker.commands.output import emit
from checker.engines.margin import certified_margin
from checker.files import check_outputs
from checker.report import text


def main(args) -> int:
    check_outputs(args, "json")
    ds = inputs.load(args)
    cert = certified_margin(ds)
    out = dict(cert.to_json(), data={"file": args.data, "n": ds.n, "d": ds.d})
    emit(args, out, text.margin_line(out, cert.separable))
    return 0 if cert.separable else 1
