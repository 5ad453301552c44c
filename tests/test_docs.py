from disclosure_lint.tools.docgen import render

from .conftest import ROOT


def test_rule_reference_is_up_to_date():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render(), "docs/rules.md is stale: run `python -m disclosure_lint.tools.docgen`"
    current = (ROOT / "docs" / "rules.zh.md").read_text(encoding="utf-8")
    assert current == render("zh"), "docs/rules.zh.md is stale: run `python -m disclosure_lint.tools.docgen`"


def test_every_rule_docstring_has_the_four_parts():
    from disclosure_lint.engine.registry import all_rules

    for r in all_rules():
        if r.plugin != "builtin":
            continue
        for part in ("What it checks", "Why it matters", "Example", "How to fix"):
            assert part in r.doc, (r.code, part)


def test_readme_quick_start_has_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [ln for ln in block.strip().splitlines() if ln.strip()]
    assert len(lines) == 2
    assert "dlint examples/" in lines[0] and "pytest" in lines[1]
    target = lines[0].split("dlint ", 1)[1].split()[0]
    assert (ROOT / target).is_file()
