"""The README's Python examples run as written."""

import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _python_blocks():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_model_example_runs(capsys):
    block = next(b for b in _python_blocks() if "Model.from_expression" in b)
    exec(compile(block, "README.md", "exec"), {})
    assert "mistake_sets_agree" in capsys.readouterr().out


def test_claims_example_is_the_shipped_file():
    block = next(b for b in _python_blocks() if "BP-SCALE-INVARIANT" in b)
    shipped = open(os.path.join(ROOT, "examples", "my_claims.py"), encoding="utf-8").read()
    code_lines = [line for line in shipped.splitlines() if line.strip() and not line.startswith('"""')]
    assert [line for line in block.splitlines() if line.strip()] == code_lines
