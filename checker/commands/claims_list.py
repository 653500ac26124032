"""`gdpc list`: the registered claims (or the model catalogue, or the claim catalogue as Markdown)."""

from __future__ import annotations

from checker.claims import runner
from checker.commands.output import emit
from checker.files import check_outputs
from checker.models.numeric import CATALOG, DESCRIPTIONS
from checker.report import text


def main(args) -> int:
    check_outputs(args, "json")
    claims = runner.load_builtin().values()
    if args.models:
        emit(args, [{"model": name, "description": DESCRIPTIONS[name]} for name in CATALOG],
             "\n".join(f"{name:<16} {DESCRIPTIONS[name]}" for name in CATALOG))
    elif args.markdown:
        print(text.claims_markdown(claims), end="")
    else:
        emit(args, [{"id": c.id, "statement": c.statement, "expect": c.expect, "references": list(c.references),
                     "checks": [f"{k.kind}:{k.name}" for k in c.checks]} for c in claims], text.claims_list(claims))
    return 0
