"""Rule case files: ``tests/cases/<CODE>.yaml``, passing and failing snippets with expected spans.

Each case lints its ``source`` with only the file's rule selected (plus ``select`` if given) and
compares the findings, as ``(code, the text the primary span slices to)``, with ``expect``; a case may
also pin ``severity``, ``suggestion`` and a ``message`` substring. An empty ``expect`` means the rule
must stay silent. ``without: [module, …]`` lints as if those optional libraries were not installed.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from disclosure_lint import lint_bytes, lint_text

CASES = Path(__file__).parent / "cases"


def _load():
    for f in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            yield pytest.param(data["rule"], case, id=f"{f.stem}-{i}-{case.get('name', '')}")


@pytest.mark.parametrize("rule,case", list(_load()))
def test_case(rule, case, monkeypatch):
    import sys

    for module in case.get("without", []):  # lint as if an optional library were not installed
        monkeypatch.setitem(sys.modules, module, None)
    source = case["source"]
    options = dict(case.get("options", {}))
    options.setdefault("select", case.get("select", [rule]))
    if isinstance(source, bytes):  # `source: !!binary …` for inputs that are not text
        diags = lint_bytes(source, kind=case.get("kind"), **options)
        source = diags and "" or ""
        got = [(d.code, None) for d in diags]
        assert sorted(got) == sorted((e["code"], None) for e in case.get("expect", [])), [d.message for d in diags]
        return
    diags = lint_text(source, kind=case.get("kind", "text"), **options)
    relevant = [d for d in diags if d.code.startswith(rule) or d.code in case.get("select", [])]
    left = list(relevant)
    for e in case.get("expect", []):
        d = next((d for d in left if d.code == e["code"]
                  and (e.get("text") is None or source[d.span.start:d.span.end] == e["text"])
                  and ("message" not in e or e["message"] in d.message)), None)
        assert d is not None, (e, [(x.code, source[x.span.start:x.span.end], x.message) for x in left])
        left.remove(d)
        if "severity" in e:
            assert d.severity.value == e["severity"], d.message
        if "suggestion" in e:
            assert d.suggestion == str(e["suggestion"]), d.message
    assert not left, [(x.code, source[x.span.start:x.span.end], x.message) for x in left]


def test_every_rule_has_a_case_file_with_both_sides():
    from disclosure_lint.registry import all_rules

    missing = []
    for r in all_rules():
        if r.plugin != "builtin" or r.code in ("DL000",):
            continue
        f = CASES / f"{r.code}.yaml"
        if not f.exists():
            missing.append(r.code)
            continue
        cases = yaml.safe_load(f.read_text(encoding="utf-8"))["cases"]
        assert any(c.get("expect") for c in cases), f"{r.code}: no failing case"
        assert any(not c.get("expect") for c in cases), f"{r.code}: no passing case"
    assert not missing, f"rules without a case file: {missing}"
