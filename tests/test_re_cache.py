"""source.re_cache: a pattern rebuilt from the shipped cache is the pattern re.compile builds, the cache holds
every pattern the examples need, and a damaged or foreign cache only makes compile_re plain re.compile."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_lint.source import re_cache
from disclosure_lint.source.re_cache import compile_re

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = re_cache.read(re_cache.CACHE_FILE)
FOR_THIS_PYTHON = pytest.mark.skipif(
    not SHIPPED, reason=f"the shipped regex cache is for another Python than {re_cache.cache_key()}")

SAMPLES = [
    "", "x", "2021年度政府信息公开工作报告", "本年新收政府信息公开申请12件，其中：网上申请3件，办结率100%。",
    "一、总体情况\n（二）主动公开政府信息情况\n3．其他", "统计期限自2021年1月1日起至2021年12月31日止。",
    "&nbsp;&#160;\u200b\xa0\ufeff<p class=\"x\" style='y'>12 345</p>", "共计 1,234.5 万元 ６７ 件 十二", "\x00\x1f\x7f\x9f",
    "行政复议3件，行政诉讼2件，答复总数为5件；收到申请12件。问题：存在的主要问题 下一步工作计划",
]


def rebuilt(entries: dict, key: tuple) -> re.Pattern:
    """The pattern as compile_re rebuilds it from ``entries`` (no fallback)."""
    return re_cache._rebuild(key[1], *entries[key])


def same_behaviour(a: re.Pattern, b: re.Pattern) -> None:
    assert a == b  # re.Pattern.__eq__: same pattern, flags and code
    assert (a.flags, a.groups, dict(a.groupindex)) == (b.flags, b.groups, dict(b.groupindex))
    samples = [s.encode("utf-8", "surrogatepass") for s in SAMPLES] if isinstance(a.pattern, bytes) else SAMPLES
    for s in samples:
        assert [(m.span(), m.groups()) for m in a.finditer(s)] == [(m.span(), m.groups()) for m in b.finditer(s)]


@FOR_THIS_PYTHON
@pytest.mark.parametrize("key", sorted(SHIPPED, key=repr), ids=lambda k: repr(k[1])[:40])
def test_every_entry_is_the_pattern_re_compiles(key):
    same_behaviour(rebuilt(SHIPPED, key), re.compile(key[1], key[2]))


@FOR_THIS_PYTHON
def test_linting_the_examples_compiles_nothing_missing_from_the_cache():
    """Fails when a pattern is added or changed without regenerating the cache (the staleness test)."""
    probe = (
        "import sys\n"
        "from disclosure_lint.source import re_cache\n"
        "from disclosure_lint.tools.re_cache import import_everything, lazy_patterns, lint_everything\n"
        "import_everything()\n"
        f"lint_everything([{str(ROOT / 'examples')!r}, {str(ROOT / 'tests' / 'fixtures')!r}], formats=('concise', 'json'))\n"
        "entries = re_cache.read(re_cache.CACHE_FILE)\n"
        "lacking = [k for k in dict.fromkeys([*re_cache.missed, *lazy_patterns()]) if k not in entries]\n"
        "print('\\n'.join(repr(k[1]) for k in lacking))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.strip() == "", ("patterns compiled without the cache; regenerate it with "
                               "`python -m disclosure_lint.tools.re_cache`:\n" + out)


def _fresh(monkeypatch, path) -> None:
    monkeypatch.setattr(re_cache, "CACHE_FILE", str(path))
    monkeypatch.setattr(re_cache, "_entries", None)
    monkeypatch.setattr(re_cache, "missed", {})


PATTERNS = [(r"(?P<n>\d+)\s*件", 0), (r"[一二三四五六七八九十]{1,3}、", 0), (r"abc|d(e)f", re.I), (rb"<meta\b[^>]*>", re.I)]


def _cache_text(patterns=PATTERNS) -> str:
    from disclosure_lint.tools.re_cache import entry

    return re_cache.file_text([entry(p, int(f)) for p, f in patterns])


def test_a_written_cache_is_read_back_and_used(tmp_path, monkeypatch):
    path = tmp_path / "re_cache.txt"
    path.write_text(_cache_text(), encoding="ascii", newline="\n")
    _fresh(monkeypatch, path)
    for p, f in PATTERNS:
        same_behaviour(compile_re(p, f), re.compile(p, f))
    assert re_cache.missed == {}  # all four came from the file


def _damaged(text: str) -> dict[str, str]:
    codes_at = text.rindex("\n", 0, len(text) - 1) + 1  # the code section is the last line
    flip = codes_at + 40
    digit = "1" if text[flip] != "1" else "2"
    first_index = text.index("\n") + 1
    return {
        "another Python": text.replace(re_cache.cache_key(), "cpython 3.99 0 4 little 4", 1),
        "a code digit changed": text[:flip] + digit + text[flip + 1:],
        "final flags changed": text[:first_index] + text[first_index:].replace("\ts\t0\t32\t", "\ts\t0\t34\t", 1),
        "truncated": text[: len(text) // 2],
        "garbage": "\x00\x01 not a cache \t\t\n" * 5,
        "empty": "",
        "wrong count": text.replace(f" {len(PATTERNS)}\n", " 999\n", 1),
    }


@pytest.mark.parametrize("damage", ["another Python", "a code digit changed", "final flags changed", "truncated",
                                    "garbage", "empty", "wrong count", "no file", "not ASCII"])
def test_a_damaged_or_foreign_cache_falls_back_to_re_compile(tmp_path, monkeypatch, damage):
    path = tmp_path / "re_cache.txt"
    if damage == "not ASCII":
        path.write_bytes(b"\xff\xfe" + _cache_text().encode())
    elif damage != "no file":
        path.write_text(_damaged(_cache_text())[damage], encoding="ascii", errors="replace", newline="\n")
    _fresh(monkeypatch, path)
    for p, f in PATTERNS:
        same_behaviour(compile_re(p, f), re.compile(p, f))
    if damage in ("a code digit changed", "final flags changed"):  # the CRC of that entry fails: that one falls back
        assert len(re_cache.missed) == 1
    elif damage != "truncated":
        assert len(re_cache.missed) == len(PATTERNS)


@pytest.mark.parametrize("mutation", ["code", "final flags", "groups", "group names"])
def test_the_oracle_catches_a_wrong_entry_even_with_a_valid_crc(mutation):
    """What test_every_entry_is_the_pattern_re_compiles would say of a wrong cache written with valid CRCs
    (a wrong tool, not a damaged file): the rebuilt pattern differs, or _sre refuses the code."""
    p, f = r"(?P<n>\d+)\s*件", 0
    from disclosure_lint.tools.re_cache import entry

    fields, hex_code = entry(p, f)
    parts = fields.split("\t")
    if mutation == "code":  # the literal 件 (U+4EF6) becomes 仵 (U+4EF5): still valid code
        assert "f64e0000" in hex_code
        hex_code = hex_code.replace("f64e0000", "f54e0000")
    elif mutation == "final flags":
        parts[3] = str(int(parts[3]) | int(re.I))
    elif mutation == "groups":
        parts[4] = "2"
    else:
        parts[5] = "m"
    entries = re_cache.read_text(re_cache.file_text([("\t".join(parts), hex_code)]))
    (key,) = entries
    try:
        got = rebuilt(entries, key)
    except Exception:
        return  # _sre.compile refused it: compile_re would fall back
    with pytest.raises(AssertionError):
        same_behaviour(got, re.compile(p, f))


def test_lazy_patterns_go_through_the_cache(monkeypatch):
    from disclosure_lint.source.lazy_re import lazy

    monkeypatch.setattr(re_cache, "asked", {})
    p = lazy(r"(\d+)件甲", re.I)
    assert p.search("12件甲").group(1) == "12"
    assert list(re_cache.asked) == [(str, r"(\d+)件甲", int(re.I))]
