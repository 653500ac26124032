"""MkDocs hooks: the pages generated at build time, so that each fact has one source.

- `cli.md`, the command-line reference, from the argparse parser itself (`checker.cli`), every command's `--help`;
- the claims catalogue, the architecture, the proof notes and the mutation results from the repository's own
  Markdown files (CLAIMS.md, which `gdpc list --markdown` writes; ARCHITECTURE.md; proofs_notes/; quality/MUTATION.md),
  their links rewritten to the pages they became; a link to a file that is not a page becomes its path in code.

Only the parser is imported (no engine, no SymPy), so the build stays quick and works offline.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import sys

from mkdocs.structure.files import File

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from checker.cli import _parser  # noqa: E402  (the parser only: light by design, tests/test_startup.py)

# repository file -> the docs page it becomes
PAGES = {"CLAIMS.md": "catalogue.md", "ARCHITECTURE.md": "architecture.md", "quality/MUTATION.md": "mutation.md"}
PAGES.update({f"proofs_notes/{name}": "proofs/" + ("index.md" if name == "README.md" else name)
              for name in sorted(os.listdir(os.path.join(ROOT, "proofs_notes"))) if name.endswith(".md")})
GENERATED = ["cli.md", *PAGES.values()]  # the pages that exist only in the built site
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def cli_reference() -> str:
    """Every command's --help, as argparse prints it (80 columns), under one heading per command."""
    os.environ["COLUMNS"] = "100"
    parser = _parser()
    out = ["# Command-line reference", "",
           "Generated from the parser at build time: each section is the command's own `--help`. "
           "The guide to what the commands compute is [Running the algorithms](commands.md).", "",
           "```text", parser.format_help().rstrip(), "```", ""]
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, cmd in sub.choices.items():
        out += [f"## gdpc {name}", "", "```text", cmd.format_help().rstrip(), "```", ""]
        nested = [a for a in cmd._actions if isinstance(a, argparse._SubParsersAction)]
        for fam_name, fam in (nested[0].choices.items() if nested else []):
            out += [f"### gdpc {name} {fam_name}", "", "```text", fam.format_help().rstrip(), "```", ""]
    return "\n".join(out)


def page_from_repository(source: str, page: str) -> str:
    """The repository file `source` as the docs page `page`, with its links pointing at pages."""
    text = open(os.path.join(ROOT, source), encoding="utf-8").read()

    def relink(m: re.Match) -> str:
        label, target = m.group(1), m.group(2)
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            return m.group(0)
        path, _, anchor = target.partition("#")
        repo_path = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        if repo_path.endswith("/") or os.path.isdir(os.path.join(ROOT, repo_path)):
            repo_path = posixpath.join(repo_path, "README.md")
        if repo_path in PAGES:
            rel = posixpath.relpath(PAGES[repo_path], posixpath.dirname(page) or ".")
            return f"[{label}]({rel}{'#' + anchor if anchor else ''})"
        return f"{label} (`{posixpath.normpath(posixpath.join(posixpath.dirname(source), path))}`)"

    return LINK.sub(relink, text)


def on_files(files, config):
    generated = {"cli.md": cli_reference()}
    generated.update({page: page_from_repository(source, page) for source, page in PAGES.items()})
    for page, content in generated.items():
        files.append(File.generated(config, page, content=content))
    return files
