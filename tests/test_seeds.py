"""What the issues promise on the seeds, checked end to end (the seeds are copied in fixtures/)."""
import re

import pytest

from disclosure_lint import lint_path

from .conftest import seed


def run(n):
    path = seed(n)
    text = path.read_text(encoding="utf-8")
    return text, lint_path(path)


def spans(text, diags, code):
    return [text[d.span.start:d.span.end] for d in diags if d.code == code]


def test_seed_002():
    text, ds = run(2)
    assert spans(text, ds, "DL303") == ["2021年12月30日"]
    assert not [d for d in ds if d.code.startswith("DL1")]
    assert not [d for d in ds if d.code[:3] in ("DL2", "DL4")]


def test_seed_003():
    text, ds = run(3)
    assert spans(text, ds, "DL211") == ["860"]
    assert spans(text, ds, "DL305") == ["12月底"]


def test_seed_004():
    text, ds = run(4)
    d = next(d for d in ds if d.code == "DL103")
    line = text[:d.span.start].count("\n") + 1
    assert text.splitlines()[line - 1].startswith("三、提高")
    assert d.suggestion == "三是"  # the third item of the 一是…二是 list above, not a 五、


def test_seed_001():
    _, ds = run(1)
    assert not [d for d in ds if d.code.startswith(("DL1", "DL3"))]


def test_seed_000_pinyin_and_script():
    text, ds = run(0)
    annotations = re.findall(r"(?<=[\u4e00-\u9fff])\([a-z\u00e0-\u00fc\u0101-\u01dc]+\)", text)
    per_paragraph = [d for d in ds if d.code == "DL501" and "machine-converted" not in d.message]
    summary = [d for d in ds if d.code == "DL501" and "machine-converted" in d.message]
    # one finding per paragraph (not one per character), counting its annotations; one summary
    assert 1 < len(per_paragraph) < len(annotations) / 3
    counts = [int(m.group(1)) if (m := re.match(r"(\d+) pinyin", d.message)) else 1 for d in per_paragraph]
    assert sum(counts) == len(annotations)
    assert len(summary) == 1 and f"{len(annotations)} pinyin annotations" in summary[0].message
    for d in per_paragraph:
        covered = text[d.span.start:d.span.end]
        assert re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)$", covered)
        assert d.suggestion is None or (d.suggestion and "(" not in d.suggestion)
    assert any(d.code == "DL502" for d in ds)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_simplified_seeds_have_no_script_findings(n):
    _, ds = run(n)
    assert not [d for d in ds if d.code in ("DL501", "DL502")]
