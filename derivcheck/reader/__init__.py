"""The reader: LaTeX display environments (or a Python STEPS list) into steps, or a reason it cannot read them."""
