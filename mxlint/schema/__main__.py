"""``python -m mxlint.schema [--builtin]``: print the configuration's JSON Schema."""

from __future__ import annotations

import sys

from mxlint.registry import PluginError, load_registry
from mxlint.schema import build_schema, render


def main(argv: list[str]) -> int:
    if argv not in ([], ["--builtin"]):
        print("usage: python -m mxlint.schema [--builtin]", file=sys.stderr)
        return 2
    try:
        registry = load_registry()
    except PluginError as error:  # one line, as the CLI gives it
        print(f"mxlint: error: {error}", file=sys.stderr)
        return 2
    rules = [rule for rule in registry if rule.origin == "builtin" or not argv]
    sys.stdout.write(render(build_schema(rules)))
    return 0


sys.exit(main(sys.argv[1:]))
