"""Chinese numerals in cells and prose: cn2an's reading, and the fast path that agrees with it."""
import pytest

from disclosure_lint.document.cnnum import read_cn_numeral


@pytest.mark.parametrize("text,value", [("二十七", 27), ("一万二千", 12000), ("壹佰", 100), ("两百", 200), ("十", 10),
                                        ("一百零五", 105), ("二十五万", 250000), ("零", 0), ("两", 2)])
def test_reads_counts(text, value):
    assert read_cn_numeral(text) == value


@pytest.mark.parametrize("text", ["三四", "七八", "二〇一八", "百", "万", "十十", "零五", "", "二十七件"])
def test_not_a_count(text):
    assert read_cn_numeral(text) is None


def test_fast_path_agrees_with_cn2an():
    cn2an = pytest.importorskip("cn2an")
    digits = "零一二三四五六七八九"
    for n in range(1, 200):
        if n < 10:
            s = digits[n]
        elif n < 100:
            s = ("" if n < 20 else digits[n // 10]) + "十" + (digits[n % 10] if n % 10 else "")
        else:
            s = digits[n // 100] + "百" + ("" if n % 100 == 0 else ("零" + digits[n % 10] if n % 100 < 10 else
                                                                      digits[n % 100 // 10] + "十" + (digits[n % 10] if n % 10 else "")))
        if len(s) <= 3:
            assert read_cn_numeral(s) == cn2an.cn2an(s, "normal") == n, s


def test_prose_reads_large_numerals_whole():
    from disclosure_lint.facts.numbers import find_numbers
    from disclosure_lint.source.ptext import PText

    text = "全年受理申请一万二千件，办结壹佰件，三四件不计。"
    found = [(text[f.span.start:f.span.end], int(f.value)) for f in find_numbers(PText.literal(text, 0))]
    assert found == [("一万二千", 12000), ("壹佰", 100)]
