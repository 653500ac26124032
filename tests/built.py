"""Each built-in derivation built once per test process, for the tests that read them.

Building a derivation runs its SymPy proofs (seconds to tens of seconds each, ACCEL's the longest), and several
tests read the same derivations; they share this cache and the `derivations` xdist group, so that `make test`
builds each one once rather than once per test.
"""

import functools

import derivations

GROUP = "derivations"  # @pytest.mark.xdist_group(GROUP): one worker builds and reads them all


@functools.cache
def derivation(claim_id: str):
    return derivations.ALL[claim_id]()


def all_derivations() -> list:
    return [derivation(claim_id) for claim_id in derivations.ALL]
