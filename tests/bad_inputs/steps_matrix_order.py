import sympy as sp

x = sp.Symbol("x", real=True)
# an order between vectors has no one meaning (entrywise? Loewner?): unparsed, never refuted or proved
STEPS = [(sp.Matrix([x, 1]), "<=", sp.Matrix([x, 2]))]
