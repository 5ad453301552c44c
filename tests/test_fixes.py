"""Safe fixes: --diff changes nothing, --fix keeps the encoding, the line endings and every byte outside
the fixed ranges, is idempotent, writes atomically and never touches a file with a read problem; a fix
never changes a number the facts read."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

from hypothesis import example, given, strategies as st

from disclosure_lint.engine.diagnostics import Edit
from disclosure_lint.facts.numbers import document_numbers
from disclosure_lint.cli.fix import fix_bytes, fix_text, line_edits
from disclosure_lint.engine.fixes import apply_to_bytes, choose_edits, edit_for
from disclosure_lint.engine.options import Options
from disclosure_lint.document.parse import parse_text
from disclosure_lint.source.ptext import PTextBuilder
from disclosure_lint.source import Source, Span

from .conftest import ROOT

GBK_PAGE = ('<html><head><meta charset="gbk"><title>2021年度报告</title></head><body>\r\n'
            '<p>2021年政府信息公開工作年度報(bào)告</p>\r\n'
            '<p>本年度共收到申请２８件,其中依申请公开&#8203;政府信息１２件。</p>\r\n'
            '<p>三(sān)十件，&#22577;告</p>\r\n</body></html>\r\n')


def dlint(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "disclosure_lint", "--no-progress", "--isolated", *args],
                          capture_output=True, cwd=cwd)


def changed_ranges(old: bytes, new: bytes) -> tuple[bytes, bytes, bytes]:
    """The common prefix, the common suffix, and what lies between in *old*."""
    i = 0
    while i < min(len(old), len(new)) and old[i] == new[i]:
        i += 1
    j = 0
    while j < min(len(old), len(new)) - i and old[-1 - j] == new[-1 - j]:
        j += 1
    return old[:i], old[len(old) - j:], old[i:len(old) - j]


def test_gbk_page_stays_gbk_with_crlf_and_only_the_fixed_bytes_change(tmp_path):
    data = GBK_PAGE.encode("gbk")
    path = tmp_path / "r.html"
    path.write_bytes(data)
    os.chmod(path, 0o640)
    p = dlint("--diff", str(path))
    assert p.returncode == 1 and path.read_bytes() == data  # --diff changes nothing
    diff = p.stdout.decode("utf-8")
    assert "-<p>2021年政府信息公開工作年度報(bào)告</p>" in diff and "+<p>2021年政府信息公开工作年度报告</p>" in diff
    p = dlint("--fix", str(path))
    new = path.read_bytes()
    text = new.decode("gbk")  # still GBK: would raise otherwise
    assert "公开工作年度报告" in text and "28件，其中依申请公开政府信息12件" in text
    assert "三(sān)十件" in text       # next to a figure: left as a suggestion
    assert "&#22577;" not in text and "报告</p>" in text  # an entity is replaced whole
    assert new.count(b"\r\n") == data.count(b"\r\n") and b"\n" not in new.replace(b"\r\n", b"")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert not [f for f in os.listdir(tmp_path) if f != "r.html"]  # no temporary file left behind
    # every byte outside the edited ranges is the same: the lines without a fix are identical
    old_lines, new_lines = data.split(b"\r\n"), new.split(b"\r\n")
    assert old_lines[0] == new_lines[0] and old_lines[-2:] == new_lines[-2:]
    assert b"DL501" in p.stdout  # what is left is reported
    # idempotent: a second run changes nothing
    p = dlint("--fix", str(path))
    assert path.read_bytes() == new
    assert dlint("--diff", str(path)).returncode == 0


def test_edits_touch_only_their_byte_ranges():
    data = GBK_PAGE.encode("gbk")
    src = Source.from_bytes(data, "r.html")
    out = fix_bytes(data, "r.html", Options())
    assert out.refused is None and out.changed and out.encoding == "gb18030"
    # apply one edit and compare byte for byte
    k = src.text.index("開")
    new, n = apply_to_bytes(data, src, [Edit(Span(k, k + 1), "开")])
    assert n == 1
    head, tail, middle = changed_ranges(data, new)
    assert middle == "開".encode("gbk") and head == src.text[:k].encode("gbk")
    assert new == data.replace("開".encode("gbk"), "开".encode("gbk"), 1)


def test_bom_and_utf16_are_kept():
    text = "政府信息公開工作年度報告\r\n本年度共收到申请２８件\r\n"
    for data in (b"\xef\xbb\xbf" + text.encode("utf-8"), b"\xff\xfe" + text.encode("utf-16-le")):
        out = fix_bytes(data, "r.txt", Options())
        assert out.refused is None and out.new[:2] == data[:2]
        assert out.new.decode(out.encoding if not data.startswith(b"\xef") else "utf-8-sig").lstrip("\ufeff") == \
            "政府信息公开工作年度报告\r\n本年度共收到申请28件\r\n"


def test_never_written_when_the_file_had_a_read_problem(tmp_path):
    bad = "政府信息公開工作年度報告\n".encode("utf-8") + b"\xff\xfe\x00garbage\x81\n"
    path = tmp_path / "bad.txt"
    path.write_bytes(bad)
    out = fix_bytes(bad, str(path), Options())
    assert out.refused and not out.changed
    p = dlint("--fix", str(path))
    assert path.read_bytes() == bad
    assert b"not fixed" in p.stderr
    assert dlint("--diff", str(path)).returncode == 2


def test_entity_edits_replace_the_whole_reference_or_nothing():
    b = PTextBuilder()
    b.add_literal("本年", 0)
    b.add_mapped("報", 2, 10)          # &#22577;
    b.add_mapped(" ", 10, 13)          # a collapsed run of white space
    pt = b.build()
    src = Source("本年&#22577;  \n")
    e = edit_for(src, pt, 2, 3, "报")
    assert e == Edit(Span(2, 10), "报")
    assert edit_for(src, pt, 3, 4, "") is None  # collapsed white space: not the text the rule read


def test_overlapping_fixes_are_not_both_chosen():
    from disclosure_lint.engine.diagnostics import Diagnostic, Fix, Severity

    def diag(*edits):
        return Diagnostic(None, "DL599", "x", Severity.INFO, "m", Span(0, 0), fix=Fix(tuple(edits)))

    a = diag(Edit(Span(0, 2), "x"), Edit(Span(5, 6), ""))
    b = diag(Edit(Span(1, 3), "y"))
    c = diag(Edit(Span(8, 9), "z"))
    assert choose_edits([b, a, c]) == [Edit(Span(0, 2), "x"), Edit(Span(5, 6), ""), Edit(Span(8, 9), "z")]


def test_line_edits_rebuild_the_text():
    old = "a\r\n報告\nc\n"
    new = "a\r\n报告\nc\n"
    edits = line_edits(old, new)
    assert edits == [(3, 6, "报告\n")]


def test_examples_fix_cleanly(tmp_path):
    """The example reports have no hygiene defects: --diff shows nothing for them."""
    for name in ("clean-2021.html", "defects-2022.html"):
        p = dlint("--diff", str(ROOT / "examples" / name))
        assert p.returncode == 0 and p.stdout == b"", p.stdout[:500]


def test_precommit_fix_hook(tmp_path):
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    check = next(h for h in hooks if h["id"] == "dlint")
    fix = next(h for h in hooks if h["id"] == "dlint-fix")
    assert "--fix" not in check["entry"] and "--fix" in fix["entry"].split()
    assert fix["files"] == check["files"]


# ---- a fix never changes a number ------------------------------------------------------------------

_PIECES = st.sampled_from([
    "政府", "信息", "公开", "報", "告", "開", "據", "萬", "兩", "億", "約", "過", "(bào)", "(sān)", "(shí)",
    "3", "28", "1,234", "１２", "２", "．", "5", "三", "十", "二", "件", "条", "元", "万元", "%", "％", "年", "月",
    "余", "多", "左右", "约", "超过", ",", ";", ":", "(", ")", "（", "）", "，", "。", "\u200b", "\u00a0", " ",
    "\n", "中", "其", "共", "收到", "申请",
])


_NUMERAL = st.sampled_from(["三", "十", "兩", "萬", "二", "3", "２", "千", "百", "零", ""])
_AROUND = st.sampled_from(["", "(sān)", "(shí)", "(wàn)", "\u200b", "\u00a0", ",", "約", "過"])
_UNIT = st.sampled_from(["件", "條", "条", "個", "元", "萬元", "%", "年", "餘件", ""])
# figures with annotations, traditional characters and junk around and inside them
_NUMBERISH = st.builds(lambda *parts: "".join(parts), _AROUND, _NUMERAL, _AROUND, _NUMERAL, _AROUND, _UNIT, _AROUND)


def _numbers(text: str):
    doc = parse_text(text, kind="text")
    return sorted((str(n.value), n.unit or "") for n in document_numbers(doc))


@example(["三(sān)十件"])
@example(["兩千件，其中超過3件"])
@given(st.lists(st.one_of(_PIECES, _NUMBERISH), min_size=1, max_size=30))
def test_fixes_never_change_a_number(pieces):
    text = "".join(pieces)
    fixed, _n = fix_text(text, None, Options())
    assert _numbers(fixed) == _numbers(text), (text, fixed)


def test_a_symlink_stays_a_link(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("政府信息公開工作年度報告\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    dlint("--fix", str(link))
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "政府信息公开工作年度报告\n"


def test_duplicated_passage_is_an_editor_fix_never_applied_by_fix_and_no_empty_suggestion():
    from disclosure_lint import lint_text

    text = "一、总体情况\n聚焦新中国成立70周年平潭专场新闻发布会聚焦新中国成立70周年平潭专场新闻发布会。\n"
    ds = [d for d in lint_text(text, kind="text", select=["DL503"])]
    assert ds and all(d.suggestion is None for d in ds)
    d = ds[0]
    assert d.fix is not None and not d.fix.safe and d.fix.edits[0].replacement == ""
    assert choose_edits(ds) == [] and choose_edits(ds, safe_only=False) == list(d.fix.edits)
    assert fix_text(text, None, Options())[0] == text
