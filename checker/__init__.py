"""gdpc: prove and test claims about gradient descent and perceptron algorithms.

The package is organised one concept per module: `dataset` (exact input),
`integer_engine` (exact integer carriers for rational data), `perceptron`
(the perceptron family), see ARCHITECTURE.md,
`registry` (claims and their checks), `report` (JSON/Markdown/LaTeX) and `cli`.
"""

__version__ = "0.1.0"
