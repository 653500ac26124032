"""The deciders: what proves, refutes or leaves undecided one step `lhs REL rhs` under its assumptions."""
