"""Generate the rule reference from the rules' docstrings: ``python -m disclosure_lint.tools.docgen``.

Writes ``docs/rules.md`` (English) and ``docs/rules.zh.md`` (Chinese, from each docstring's
【中文】 part). The same texts are printed by ``dlint explain CODE [--lang zh]``; a test fails when
either file is stale.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..i18n import rule_doc, rule_summary, rule_title, severity_label, use_language
from ..engine.registry import all_rules

FILES = {"en": "rules.md", "zh": "rules.zh.md"}


def render(lang: str = "en") -> str:
    rules = [r for r in all_rules() if r.plugin == "builtin"]
    with use_language(lang):
        if lang == "zh":
            out = ["# 规则说明", "",
                   "本文件由 `python -m disclosure_lint.tools.docgen` 根据各规则的文档字符串生成，请勿手工编辑。",
                   "`dlint explain 规则代码 --lang zh` 输出相同内容。English: [rules.md](rules.md)。", "",
                   "| 代码 | 名称 | 标识 | 默认级别 | 说明 |", "|---|---|---|---|---|"]
            for r in rules:
                out.append(f"| [{r.code}](#{r.code.lower()}) | {rule_title(r)} | `{r.name}` | "
                           f"{severity_label(r.severity)} | {rule_summary(r)} |")
            out.append("")
            for r in rules:
                out += [f"## {r.code}", "", f"**{rule_title(r)}**（`{r.name}`），默认级别：**{severity_label(r.severity)}**。",
                        "", rule_doc(r), ""]
        else:
            out = ["# Rule reference", "",
                   "Generated from the rules' docstrings by `python -m disclosure_lint.tools.docgen`; do not edit by hand.",
                   "`dlint explain CODE` prints the same text. 中文版：[rules.zh.md](rules.zh.md).", "",
                   "| code | name | default severity | summary |", "|---|---|---|---|"]
            for r in rules:
                out.append(f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.severity.value} | "
                           f"{rule_summary(r)} |")
            out.append("")
            for r in rules:
                out += [f"## {r.code} {r.name}", "", f"Default severity: **{r.severity.value}**.", "", rule_doc(r), ""]
    return "\n".join(out).rstrip() + "\n"


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parents[3] / "docs"
    for lang, name in FILES.items():
        target = folder / name
        target.write_text(render(lang), encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
