"""The `gdpc check` engine: a researcher's derivation in, a verdict per step out.

Two halves, in layers (ARCHITECTURE.md):

* `reader/`: LaTeX (or a Python step list) into steps: tokens, the strict notation
  reader, declarations and the domains they give.
* `deciders/`: one step's verdict: the SymPy prover, the complete procedures
  (Z3, finite cases, Arb branch and bound), the verdict at a point (`judge`) and
  the counterexample search.

`verdicts` orders the deciders into one verdict per step; `files` checks a whole
file and writes the table, JSON and annotated LaTeX. `functions` holds the SymPy
functions (the sigmoid) that both halves and the claims' derivations share.
"""
