"""`gdpc dataset FAMILY --out FILE.csv`: write a named data family as exact CSV."""

from __future__ import annotations

from checker.data import dataset, families
from checker.files import check_outputs


def main(args) -> int:
    check_outputs(args, "out")
    options = {o.flag.lstrip("-"): getattr(args, o.flag.lstrip("-")) for o in families.FAMILIES[args.family].options}
    ds = families.build(args.family, options)
    dataset.to_csv(ds, args.out)
    print(f"wrote {args.out}: {ds.name}, n = {ds.n}, d = {ds.d}")
    return 0
