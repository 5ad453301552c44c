"""Encoding detection off the fast path: Big5, BOM-less UTF-16, short GBK; undecodable bytes stay
reported as DL001; the fast path never imports the detector."""
from __future__ import annotations

import subprocess
import sys

import pytest

from disclosure_lint import lint_bytes
from disclosure_lint.source import decode

from .conftest import seed

REPORT = seed(2).read_text(encoding="utf-8")
TRAD = ("某縣2021年政府信息公開工作年度報告\n一、總體情況\n本年度共收到政府信息公開申請12件，辦結11件。\n"
        "二、主動公開政府信息情況\n三、收到和處理政府信息公開申請情況\n")


def test_big5_is_read_as_big5():
    r = decode(TRAD.encode("big5"))
    assert (r.text, r.encoding, r.problems) == (TRAD, "big5", [])


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(enc):
    r = decode(REPORT.encode(enc))
    assert r.text == REPORT and r.encoding == enc and r.binary is None
    assert any(d.code == "DL303" for d in lint_bytes(REPORT.encode(enc), kind="text"))


def test_utf16_traditional_without_bom():
    assert decode(TRAD.encode("utf-16-le")).text == TRAD


def test_gbk_lines_that_are_also_valid_big5_stay_gbk():
    n = 0
    for line in REPORT.splitlines():
        data = line.encode("gbk", "ignore")
        try:
            data.decode("big5")
        except UnicodeDecodeError:
            continue
        if data.isascii():
            continue
        n += 1
        assert decode(data).text == line.encode("gbk", "ignore").decode("gbk"), line
    assert n > 10


def test_undecodable_bytes_are_still_reported():
    data = "一、总体情况\n".encode() + b"\xff\xfe\xfa\x80\x81" * 3 + "本年".encode("gbk")
    ds = lint_bytes(data, kind="text", select=["DL001"])
    assert [d.code for d in ds] == ["DL001"] and "U+FFFD" in ds[0].message


def test_fast_path_does_not_import_the_detector():
    code = ("import sys; from disclosure_lint.source import decode; "
            "decode('某局2021年报告'.encode()); decode('<meta charset=gbk>报告'.encode('gbk')); "
            "decode('报告 总体情况 申请'.encode('gb18030') + b'\\x81\\x30\\x81\\x30'); "
            "print(any(m in sys.modules for m in ('bs4', 'charset_normalizer', "
            "'disclosure_lint.source.encoding_detect')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "False"


def test_detector_fallback_prints_nothing_on_stderr(tmp_path):
    """UnicodeDammit logs a warning when it falls back to U+FFFD; DL001 says it, stderr stays clean."""
    data = b"\x93\xfa\x96\x7b" + bytes(range(0x80, 0x100)) * 3 + "年度报告".encode("utf-8")[:-1] + b"\x00\xff" * 3
    f = tmp_path / "odd.txt"
    f.write_bytes(data)
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", "--isolated", "--format", "concise", str(f)],
                       capture_output=True, text=True, timeout=120)
    assert p.stderr == "" and "DL001" in p.stdout, (p.stdout, p.stderr)
