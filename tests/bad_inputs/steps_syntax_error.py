STEPS = [(
