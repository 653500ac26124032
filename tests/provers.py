"""A stand-in for the prover a decider is given (`prove`): it proves whatever it is asked and records it, so that a
test sees what the decider asks, and only the decider's own gate stands between a step and "proved"."""

from derivcheck.deciders.problem import Outcome, Problem


class Everything:
    """Proves whatever it is asked, and records it."""

    def __init__(self):
        self.asked = []

    def __call__(self, p: Problem):
        self.asked.append(p)
        return Outcome("proved", "asked")
