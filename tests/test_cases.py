"""Rule case files: ``tests/cases/<CODE>.yaml``, passing and failing snippets with expected spans.

Each case lints its ``source`` with only the file's rule selected (plus ``select`` if given) and
compares the findings, as ``(code, the text the primary span slices to)``, with ``expect``; a case may
also pin ``severity``, ``suggestion`` and a ``message`` substring. An empty ``expect`` means the rule
must stay silent. ``without: [module, …]`` lints as if those optional libraries were not installed.

Cross-report rules (DL6xx) use a second form: ``documents`` instead of ``source`` — two or more
``{path, source, kind}`` reports linted as one corpus — and each ``expect`` entry may also pin the
``path`` of the report the finding sits on and ``related_path`` / ``related_text``: a related place
in that other report and the text it slices to. ``reports`` maps paths to agency and year as
``[tool.dlint.reports]`` does.
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


def _corpus_case(rule, case):
    from disclosure_lint import parse_text
    from disclosure_lint.engine.context import Context
    from disclosure_lint.corpus.engine import lint_summaries
    from disclosure_lint.corpus.group import apply_overrides
    from disclosure_lint.corpus.summary import ReportSummary, summarise
    from disclosure_lint.engine.options import Options

    options = Options.from_kwargs(**dict(case.get("options", {}), select=case.get("select", [rule])))
    sources, summaries = {}, []
    for d in case["documents"]:
        sources[d["path"]] = d["source"]
        s = summarise(Context(parse_text(d["source"], kind=d.get("kind", "text"), path=d["path"]), options))
        s = ReportSummary.from_json(s.to_json())  # what the corpus stage gets is what survives JSON
        apply_overrides(s, case.get("reports"))
        summaries.append(s)
    found = [d for ds in lint_summaries(summaries, options).values() for d in ds]

    def text(path, span):
        return sources[path][span.start:span.end]

    left = list(found)
    for e in case.get("expect", []):
        def ok(d):
            if d.code != e["code"] or ("path" in e and d.path != e["path"]):
                return False
            if e.get("text") is not None and text(d.path, d.span) != e["text"]:
                return False
            if "message" in e and e["message"] not in d.message:
                return False
            if "related_path" in e:
                rel = [r for r in d.related if r.path == e["related_path"]]
                if not rel or ("related_text" in e and all(text(r.path, r.span) != e["related_text"] for r in rel)):
                    return False
            return True
        d = next((d for d in left if ok(d)), None)
        assert d is not None, (e, [(x.code, x.path, text(x.path, x.span), x.message) for x in left])
        left.remove(d)
        if "severity" in e:
            assert d.severity.value == e["severity"], d.message
        if "suggestion" in e:
            assert d.suggestion == str(e["suggestion"]), d.message
    assert not left, [(x.code, x.path, text(x.path, x.span), x.message) for x in left]


@pytest.mark.parametrize("rule,case", list(_load()))
def test_case(rule, case, monkeypatch):
    import sys

    for module in case.get("without", []):  # lint as if an optional library were not installed
        monkeypatch.setitem(sys.modules, module, None)
    if "documents" in case:
        return _corpus_case(rule, case)
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
    from disclosure_lint.engine.registry import all_rules

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
