"""`gdpc derive`: the claims' SymPy-checked derivations, as a table, JSON or a standalone LaTeX document."""

from __future__ import annotations

import derivations
from checker.commands.output import emit
from checker.errors import InputError
from checker.files import check_outputs, write_atomic
from checker.report import text


def main(args) -> int:
    check_outputs(args, "latex", "json")
    ids = args.ids or list(derivations.ALL)
    unknown = [i for i in ids if i not in derivations.ALL]
    if unknown:
        raise InputError(f"no derivation for {', '.join(unknown)} (have {', '.join(derivations.ALL)})")
    built = [derivations.ALL[i]() for i in ids]
    if args.latex:
        write_atomic(args.latex, text.derivations_document(built))
    emit(args, [{"id": d.claim_id, "proved": d.proved, "steps": [s.to_json() for s in d.steps]} for d in built],
         "\n".join(text.derive_line(d) for d in built) + (f"\nwrote {args.latex}" if args.latex else ""))
    return 0 if all(d.proved for d in built) else 1
