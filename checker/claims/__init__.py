"""Claims: the types (`core`), the runner (`runner`), the built-in catalogue (`catalogue`) and one module per claim.

A user's claims file needs only `from checker.claims import claim`.
"""

from checker.claims.core import Claim, ClaimResult, Context, claim

__all__ = ["Claim", "ClaimResult", "Context", "claim"]
