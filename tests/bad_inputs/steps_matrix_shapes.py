import sympy as sp

x = sp.Symbol("x", real=True)
STEPS = [(sp.Matrix([x, 1]), "=", sp.Matrix([[x, 1]])), (sp.Matrix([x, x]), "=", x)]
