"""Generate ``docs/rules.md`` from the rules' docstrings: ``python -m disclosure_lint.docgen``.

The same docstrings are printed by ``dlint explain CODE``; a test fails when the file is stale.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .registry import all_rules


def render() -> str:
    rules = [r for r in all_rules() if r.plugin == "builtin"]
    out = ["# Rule reference", "",
           "Generated from the rules' docstrings by `python -m disclosure_lint.docgen`; do not edit by hand.",
           "`dlint explain CODE` prints the same text.", "",
           "| code | name | default severity | summary |", "|---|---|---|---|"]
    for r in rules:
        out.append(f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity.value} | {r.summary} |")
    out.append("")
    for r in rules:
        out += [f"## {r.code} {r.name}", "", f"Default severity: **{r.severity.value}**.", "", r.doc, ""]
    return "\n".join(out).rstrip() + "\n"


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
