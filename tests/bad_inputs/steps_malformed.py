STEPS = [("x+", "=", "x")]
