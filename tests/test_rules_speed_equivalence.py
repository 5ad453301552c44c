"""Faster forms in the facts and rules stage (issue 17, second round) find exactly what the plain forms
they replaced find; each plain form is kept here as the reference."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from disclosure_lint.facts import script


def _traditional_chars() -> list[str]:
    keys = sorted(script.t2s_table())
    return keys[:40] + keys[-40:] + list(script._in_gb2312())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_traditional_chars() + list("的是政府信息公开年报告a1 \u3000\xa0•—\U0001f600\ud800é")),
               max_size=40))
def test_traditional_check_as_the_plain_set_test(text):
    # the reference: one hash lookup per character
    assert script._none_in(text) == script.t2s_table().keys().isdisjoint(text)
    assert script.outside_gb2312(text) == "".join(ch for ch in text if not _encodes(ch))


def _encodes(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _sentences_reference(text: str) -> list[tuple[int, int, str, int, int]]:
    """DL503's sentence loop as it was: every sentence looked at one by one."""
    from disclosure_lint.checks.dl503_duplicated_passage import _ENOUGH_CJK, _SENT, MIN_SENTENCE

    out, seen = [], {}
    for m in _SENT.finditer(text):
        s = m.group().strip()
        key = s.rstrip("。！？!?；;，, ")
        if len(key) < MIN_SENTENCE or not _ENOUGH_CJK.match(key):
            continue
        if key in seen:
            a, z = seen[key]
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            out.append((start, start + len(s), key, a, z))
        else:
            seen[key] = (m.start(), m.end())
    return out


_SENTENCE_PARTS = ["本年度共收到政府信息公开申请", "依法予以答复", "的", "是", "a", "1", " ", "\u3000", "\n", "。", "；",
                   "，", ",", "!", "？", "？ ", " 。"]


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(st.sampled_from(_SENTENCE_PARTS), max_size=30), repeat=st.integers(1, 3))
def test_repeated_sentences_as_the_plain_loop(parts, repeat):
    from disclosure_lint.checks.dl503_duplicated_passage import _repeated_sentences

    text = "".join(parts) * repeat
    assert _repeated_sentences(text) == _sentences_reference(text)


def test_repeated_sentences_sees_a_repeat():
    from disclosure_lint.checks.dl503_duplicated_passage import _repeated_sentences

    text = "本年度共收到政府信息公开申请二十件。其他。本年度共收到政府信息公开申请二十件；"
    assert _repeated_sentences(text) == _sentences_reference(text) != []


_DATE_ALPHABET = "0123456789年月日号底末初中旬上下半份-/. \u3000〇○零一二三四五六七八九十Ｏa，"


def _date_shape(matches) -> list:
    return [(m.span(), m.groupdict()) for m in matches]


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_DATE_ALPHABET, max_size=60))
def test_date_matches_as_finditer(text):
    from disclosure_lint.facts.dates import _DATE, _date_matches

    assert _date_shape(_date_matches(text)) == _date_shape(_DATE.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["2019", "2020年", "二〇二〇年", "十二月", "3月", "1日", "年底", "上半年", " ", "-", "/", ".",
                                 "12", "1", "〇", "月", "年", "号", "，", "2021-3-5", "2018.13.1"]), max_size=20))
def test_date_matches_as_finditer_on_date_pieces(parts):
    from disclosure_lint.facts.dates import _DATE, _date_matches

    text = "".join(parts)
    assert _date_shape(_date_matches(text)) == _date_shape(_DATE.finditer(text))


_DATE_START_ALPHABET = _DATE_ALPHABET + "٣\t\n２²"


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(alphabet=_DATE_START_ALPHABET, max_size=40),
                 st.lists(st.sampled_from(["2019", "二〇二〇", "十二", "1", "12", "٣", "٢٠١٩", " ", "\u3000", "\t", "年", "月", "-",
                                           "/", ".", "a", "〇", "Ｏ", "3", "3000", "²", "1²", "九"]), max_size=14).map("".join)))
def test_date_starts_as_the_start_pattern(text):
    from disclosure_lint.facts.dates import _DATE_START, _date_starts

    assert _date_starts(text) == [p for p in range(len(text)) if _DATE_START.match(text, p)]


def test_date_starts_sees_each_form():
    from disclosure_lint.facts.dates import _date_starts

    assert _date_starts("自2019年1月至12 月，2021-3-5，二〇二〇 年") == [1, 6, 9, 10, 14, 23]


def _num_with_qualifier():
    """The number pattern as it was: the qualifier (约, 超过 …) matched in front of the number, a guard first."""
    import re as _re

    from disclosure_lint.facts.numbers import _CN_FIRST, _PRE, MEASURE

    return _re.compile(
        rf"(?=[{''.join(sorted({w[0] for w in _PRE.split('|')}))}\d{_CN_FIRST}])"
        rf"(?P<pre>{_PRE})?"
        rf"(?P<num>(?<![\d.])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?|[{_CN_FIRST}]"
        r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]{0,11})"
        r"(?P<mult>万|亿)?"
        r"(?P<post>余|多)?"
        rf"(?P<unit>%|％|{MEASURE})?"
        r"(?P<post2>左右|以上|多)?"
    )


_NUM_WITH_QUALIFIER = _num_with_qualifier()


def _numbers_reference(pt, block=None):
    """find_numbers as it was: named groups read one by one, the text after a number sliced."""
    import re as _re
    from decimal import Decimal, InvalidOperation
    from sys import intern

    from disclosure_lint.document.cnnum import read_cn_numeral
    from disclosure_lint.document.normalize import ascii_digits

    _NUM = _NUM_WITH_QUALIFIER
    not_count_after = _re.compile(r"^(?:年|月|日|号|时|分|秒|季度|周年|届|级|楼|层|路|栋|室|岁|点|\.\d|[-/]\d)")
    text = ascii_digits(pt.text)
    out = []
    for m in _NUM.finditer(text):
        raw, unit, mult = m.group("num", "unit", "mult")
        if unit is None and mult is None:
            continue
        after = text[m.end("num"):m.end("num") + 3]
        if not_count_after.match(after) and not m.group("mult"):
            continue
        if raw[0] not in "0123456789":
            if not unit or unit in ("%", "％"):
                continue
            v = read_cn_numeral(raw)
            if v is None:
                continue
            value = Decimal(v)
        else:
            if len(raw.replace(",", "").split(".")[0]) > 12:
                continue
            try:
                value = Decimal(raw.replace(",", ""))
            except InvalidOperation:
                continue
            if not unit and not m.group("mult"):
                continue
        if m.group("mult") == "万":
            value *= 10000
        elif m.group("mult") == "亿":
            value *= 100000000
        approx = bool(m.group("pre") or m.group("post") or m.group("post2") or (unit and unit.startswith("余")))
        num_end = m.end("mult") if m.group("mult") else m.end("num")
        out.append((value, pt.span(m.start("num"), num_end), intern(unit.lstrip("余")) if unit else None,
                    approx, unit in ("%", "％"), m.start("num"), m.end(), num_end, block,
                    pt.text[m.start("num"):num_end]))
    return out


def _number_shape(facts) -> list[tuple]:
    return [(n.value, n.span, n.unit, n.approx, n.percent, n.start, n.end, n.num_end, n.block, n.raw) for n in facts]


_NUMBER_PARTS = ["1", "23", "0", "1,234", ",5", ".5", "12345678901234", "３", "一", "二十", "两", "百", "万", "亿", "余", "多",
                 "约", "近", "超过", "不足", "件", "条", "人次", "万元", "余件", "%", "％", "左右", "以上", "年", "月", "季度",
                 "-", "/", ".", "号", "的", "，", " ", "统一", "进一步", "大约", "将近", "接近", "不到", "逾", "大", "不", "超",
                 "〇一二三四五六七八九十"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_PARTS), max_size=16))
def test_find_numbers_as_the_plain_loop(parts):
    from disclosure_lint.facts.numbers import find_numbers
    from disclosure_lint.source.ptext import PText

    pt = PText.literal("".join(parts), 7)
    assert _number_shape(find_numbers(pt, "b")) == _numbers_reference(pt, "b")


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_PARTS), max_size=16))
def test_number_matches_as_with_the_qualifier_in_front(parts):
    # every match of the pattern that had the qualifier in front, at the same number, with the same groups;
    # a qualifier exactly where the two characters before the number end with one
    from disclosure_lint.facts.numbers import _NUM, _PRE_WORDS

    text = "".join(parts)
    old = [(m.start("num"), m.end(), bool(m.group("pre")), m.groups()[1:]) for m in _NUM_WITH_QUALIFIER.finditer(text)]
    new = [(m.start(), m.end(), text[max(0, m.start() - 2):m.start()].endswith(_PRE_WORDS), m.groups())
           for m in _NUM.finditer(text)]
    assert new == old


def test_find_numbers_sees_counts():
    from disclosure_lint.facts.numbers import find_numbers
    from disclosure_lint.source.ptext import PText

    pt = PText.literal("2021年收到申请1,234件，约8.5万元，二十件，3月", 0)
    found = find_numbers(pt)
    assert _number_shape(found) == _numbers_reference(pt) and len(found) == 3


_INLINE_PLAIN = r"(?:^|(?<=[。；;：:，,！!\s]))([一二三四五六七八九十]{1,3})是(?=[\u4e00-\u9fff“\"《（(])"


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="一二三四五六十是。；;：:，, \n！!的“《（(a1", max_size=40))
def test_inline_item_pattern_as_the_plain_one(text):
    import re as _re

    from disclosure_lint.checks.dl103_heading_numbering import _INLINE

    plain = _re.compile(_INLINE_PLAIN)
    assert [(m.span(), m.groups()) for m in _INLINE.finditer(text)] == \
        [(m.span(), m.groups()) for m in plain.finditer(text)]


def test_inline_item_pattern_finds_items():
    from disclosure_lint.checks.dl103_heading_numbering import _INLINE

    assert [m.group(1) for m in _INLINE.finditer("一是加强领导；二是完善制度，十二是公开")] == ["一", "二", "十二"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["予以公开", "部分公开", "不予公开", "其他处理", "258件", "12", "，", "占", "占比", "约占", "为",
                                 "33.9", "%", "％", "办结率", "答复率", "按时", "达到", "100"]), max_size=14))
def test_dl403_paragraph_gates(parts):
    from disclosure_lint.checks.dl403_table_share import _OUTCOME, _RATE

    text = "".join(parts)
    if _OUTCOME.search(text):
        assert "占" in text
    if _RATE.search(text):
        assert "率" in text


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["统计", "期限", "时限", "期间", "区间", "时间", "为", "是", "自", "从", "至", "止", "。", "；",
                                 " ", "2019", "年", "1", "月", "日", "12", "31", "截至", "截止", "到"]), max_size=16))
def test_period_paragraph_gates(parts):
    from disclosure_lint.checks.dl301_report_year import _PERIOD
    from disclosure_lint.checks.dl302_period_statement import _AS_OF, _PERIOD_SENTENCE

    text = "".join(parts)
    if _PERIOD_SENTENCE.search(text):
        assert ("自" in text or "从" in text) and ("期" in text or "限" in text or "间" in text)
    if _AS_OF.search(text):
        assert "截" in text
    if _PERIOD.search(text):
        assert "月" in text and "日" in text


def test_selected_rules_cache_sees_a_new_rule():
    from disclosure_lint.engine import registry
    from disclosure_lint.engine.lint import selected_rules
    from disclosure_lint.engine.options import Options

    opts = Options(select=("DL99",))
    assert [r.code for r in selected_rules(opts)] == []
    try:
        @registry.rule("DL998", "cache-probe", "info")
        def probe(ctx):
            """A rule registered by a test."""
            return ()

        assert [r.code for r in selected_rules(opts)] == ["DL998"]
        assert [r.code for r in selected_rules(Options(select=("DL99",), ignore=("DL998",)))] == []
    finally:
        registry._RULES.pop("DL998", None)
        registry._generation += 1
    assert [r.code for r in selected_rules(opts)] == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(_traditional_chars() + list("的是政府信息公开a1 ")), max_size=12), max_size=6))
def test_traditional_test_of_the_joined_paragraphs(paragraphs):
    # DL502 tests the paragraphs joined by line breaks once: no paragraph can hold what the join lacks
    joined = script.has_traditional("\n".join(paragraphs))
    assert joined == any(script.has_traditional(p) for p in paragraphs)


def _missing_reference(text: str) -> list[tuple[int, str]]:
    """DL504's loop as it was: every sentence's counted words collected first."""
    import re as _re

    from disclosure_lint.checks.dl504_missing_number import (_BARE, _BARE_SOMEWHERE, _NUMBERED, _NUMBERED_SOMEWHERE,
                                                             _NUMERALS, _WORDS)

    out = []
    if not _NUMBERED_SOMEWHERE.search(text) or not _BARE_SOMEWHERE.search(text):
        return out
    for sm in _re.finditer(r"[^。！？!?；;]+", text):
        sent = sm.group()
        counted = set(_NUMBERED.findall(sent))
        if not counted:
            continue
        for m in _BARE.finditer(sent):
            mw = m.group(1)
            if mw not in counted:
                continue
            prev = sent[m.start() - 1]
            if prev in _NUMERALS or sent[max(0, m.start() - 1):m.end()] in _WORDS:
                continue
            out.append((sm.start() + m.start(), mw))
    return out


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["资质", "条", "件", "个", "、", "，", "；", "。", "12", "３", "文件", "一", "许可证", "76", " ",
                                 "项", "次", "事项", "!", "a", ";", ",", "？", "期", "\n"]), max_size=18))
def test_missing_number_as_the_plain_loop(parts):
    from disclosure_lint.checks.dl504_missing_number import _missing

    text = "".join(parts)
    assert _missing(text) == _missing_reference(text)


def test_missing_number_finds_one():
    from disclosure_lint.checks.dl504_missing_number import _missing

    text = "公开核准企业资质条、施工许可证76条。"
    assert _missing(text) == _missing_reference(text) == [(8, "条")]


def test_missing_number_sentence_ends():
    # a measure word right before a terminator ends its sentence: _BARE does not match it there, nor
    # may the paragraph-wide search; one before 、，, inside the sentence is found in each sentence
    from disclosure_lint.checks.dl504_missing_number import _missing

    for text, want in (("许可证76条、资质条；", []), ("许可证76条、资质条;", []), ("许可证76条；资质条、", []),
                       ("资质条、许可证76条；资质条、许可证3条。", [(2, "条"), (13, "条")]),
                       ("许可证76条，资质条，许可证3件，资质件、", [(9, "条"), (19, "件")])):
        assert _missing(text) == _missing_reference(text) == want, text


@settings(max_examples=800, deadline=None)
@given(text=st.text(alphabet="，,。；;：:ab", max_size=50), chars=st.sampled_from(["，,。；;：:", "。；", "。"]),
       pos=st.integers(0, 60), reach=st.integers(1, 80))
def test_sentence_start_as_the_generator_form(text, chars, pos, reach):
    from disclosure_lint.facts.breakdowns import sentence_start

    pos = min(pos, len(text))
    lo = max(0, pos - reach)
    assert sentence_start(text, chars, pos, reach) == max(max(text.rfind(c, lo, pos) for c in chars) + 1, lo)


@settings(max_examples=500, deadline=None)
@given(keys=st.lists(st.text(alphabet="本年新制作数量.*(a", max_size=4), max_size=4),
       text=st.text(alphabet="本年新制作数量.*(a", max_size=12))
def test_dl106_label_test_as_any(keys, text):
    from disclosure_lint.checks.dl106_outdated_format import _any_of

    assert bool(_any_of(tuple(keys))(text)) == any(k in text for k in keys)


def _invisible_reference(doc):
    """DL507's search as it was: the whole source text searched, then mapped to the blocks."""
    from bisect import bisect_left

    from disclosure_lint.checks.dl507_invisible_character import (_JOINERS, _ZW_CHAR, _ZW_CHARS, _ZW_REF,
                                                                  _emoji_joiner, _in_markup, _span_key)
    from disclosure_lint.source import Span

    text = doc.source.text
    matches = [m.span() for m in _ZW_REF.finditer(text)]
    if any(ch in text for ch in _ZW_CHARS):
        matches.extend(m.span() for m in _ZW_CHAR.finditer(text))
        matches.sort()
    if not matches:
        return []
    starts = [a for a, _z in matches]
    html = doc.kind == "html"
    blocks = [b.span for b in doc.paragraphs()]
    for t in doc.tables():
        blocks.extend(c.span for c in t.cells())
    seen, out = set(), []
    for bs in sorted(set(blocks), key=_span_key):
        lo, hi = bs.start, bs.end
        k = bisect_left(starts, lo)
        if not html:
            line, _col = doc.source.line_col(lo)
            lo = doc.source.line_starts[line - 1]
            nl = text.find("\n", hi)
            hi = len(text) if nl < 0 else nl
            k = bisect_left(starts, lo)
        found = []
        while k < len(starts) and starts[k] < hi:
            a, z = matches[k]
            k += 1
            if z > hi or a in seen or a == 0 or (html and _in_markup(text, bs.start, a)):
                continue
            ch = text[a:z]
            if (ch[0] in _JOINERS and ch not in ("&shy;",)) and _emoji_joiner(text, a, z):
                continue
            seen.add(a)
            found.append(Span(a, z))
        if found:
            out.append((bs, found))
    return out


_INVISIBLE_PIECES = ["\u200b", "&#8203;", "&zwj;", "&shy;", "\u00ad", "&nbsp;", "本年度", "新收", "1", "a", " ", "&amp;",
                     "\u200d", "👨"]


@settings(max_examples=300, deadline=None)
@given(before=st.lists(st.sampled_from(_INVISIBLE_PIECES), max_size=5),
       paragraphs=st.lists(st.lists(st.sampled_from(_INVISIBLE_PIECES), max_size=8), min_size=0, max_size=4),
       cells=st.lists(st.lists(st.sampled_from(_INVISIBLE_PIECES), max_size=4), max_size=3),
       after=st.lists(st.sampled_from(_INVISIBLE_PIECES), max_size=5), kind=st.sampled_from(["html", "text"]))
def test_invisible_search_as_the_whole_text_search(before, paragraphs, cells, after, kind):
    from disclosure_lint.checks.dl507_invisible_character import _invisible
    from disclosure_lint.document.parse import parse_bytes

    body = "".join(f"<p>{''.join(p)}</p>" for p in paragraphs)
    if cells:
        body += "<table><tr>" + "".join(f"<td>{''.join(c)}</td>" for c in cells) + "</tr></table>"
    if kind == "html":
        page = f"<html><body><div class='nav'>{''.join(before)}</div>{body}<div>{''.join(after)}</div></body></html>"
    else:
        page = "".join(before) + "\n" + "\n".join("".join(p) for p in paragraphs) + "\n" + "".join(after)
    doc = parse_bytes(page.encode("utf-8"), None, kind)
    assert _invisible(doc) == _invisible_reference(doc)


def test_invisible_search_finds_one():
    from disclosure_lint.checks.dl507_invisible_character import _invisible
    from disclosure_lint.document.parse import parse_bytes

    doc = parse_bytes("<html><body><p>导航&#8203;</p><p>本年度新收\u200b申请</p></body></html>".encode(), None, "html")
    assert _invisible(doc) == _invisible_reference(doc) != []


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["收到申请", "12件", "3件", "5条", "，", "。", "；", "其中", "包括", "含", "办理中", "分别为",
                                 "共", "合计", "总计", "、", "网上申请", "其他", "占", "50%", "（", "）", " ", "中，"]),
                max_size=16))
def test_breakdown_gates(parts):
    # the words find_breakdowns looks for in a paragraph before trying the patterns at each number
    from disclosure_lint.facts.breakdowns import _AMONG, _QIZHONG, _RESPECTIVELY, _SUM_BEFORE

    text = "".join(parts)
    for pos in range(len(text) + 1):
        if _QIZHONG.match(text, pos) or _AMONG.match(text, pos) or _RESPECTIVELY.match(text, pos):
            assert "中" in text or "包括" in text or "含" in text or "分别" in text
        if _SUM_BEFORE.search(text, max(0, pos - 6), pos):
            assert "共" in text or "合计" in text or "总计" in text


class _Block:
    def __init__(self, text):
        from disclosure_lint.source.ptext import PText

        self.ptext = PText.literal(text, 0)
        self.text = text


def _breakdowns_reference(numbers):
    from disclosure_lint.facts.breakdowns import _after_whole, _before_whole

    out, by_block, blocks = [], {}, {}
    for n in numbers:
        by_block.setdefault(id(n.block), []).append(n)
        blocks[id(n.block)] = n.block
    for key, nums in by_block.items():
        block = blocks[key]
        text = block.text
        starts = [n.start for n in nums]
        items: dict = {}
        for i, w in enumerate(nums):
            if w.percent or w.unit is None:
                continue
            b = _after_whole(text, w, nums, starts, block, items)
            if b is not None:
                out.append(b)
            b = _before_whole(text, i, w, nums)
            if b is not None:
                out.append(b)
    return out


@settings(max_examples=600, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["收到申请", "12件", "3件", "9件", "5条", "，", "。", "；", "其中", "包括", "含",
                                          "分别为", "共", "合计", "、", "网上申请", "其他", "占", "50%", "（", "）", "中，"]),
                         max_size=14), max_size=3))
def test_find_breakdowns_as_the_ungated_loop(paragraphs):
    from disclosure_lint.facts.breakdowns import find_breakdowns
    from disclosure_lint.facts.numbers import find_numbers

    numbers = []
    for p in paragraphs:
        b = _Block("".join(p))
        numbers += find_numbers(b.ptext, b)
    shape = lambda bs: [(id(b.whole), [id(p) for p in b.parts], b.labels, b.complete) for b in bs]
    assert shape(find_breakdowns(None, numbers)) == shape(_breakdowns_reference(numbers))


def test_find_breakdowns_sees_one():
    from disclosure_lint.facts.breakdowns import find_breakdowns
    from disclosure_lint.facts.numbers import find_numbers

    b = _Block("收到申请12件，其中网上申请9件、其他3件。")
    numbers = find_numbers(b.ptext, b)
    found = find_breakdowns(None, numbers)
    assert len(found) == 1 and len(_breakdowns_reference(numbers)) == 1


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="政府信息公开a1", max_size=15))
def test_no_back_to_back_run_in_a_short_paragraph(text):
    # DL503 skips paragraphs shorter than 2 * MIN_RUN: no candidate place exists in them
    from disclosure_lint.checks.dl503_duplicated_passage import MIN_RUN, _CANDIDATE, _Starts

    assert len(text) < 2 * MIN_RUN
    assert _Starts(text).next(0) is None and _CANDIDATE.search(text) is None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["均", "全部", "都", "皆", "已", "已经", "获得", "予以", "被", "依法", "维持", "结案", "审结",
                                 "办结", "了", "，", "复议"]), max_size=10))
def test_dl402_words(parts):
    from disclosure_lint.checks.dl402_all_upheld import _CLOSED, _UPHELD

    text = "".join(parts)
    if _UPHELD.search(text):
        assert "维持" in text
    if _CLOSED.search(text):
        assert "结" in text


def _invalid_cell_reference(ctx):
    """DL205's per-cell loop as it was (before the fast pass over whole, non-negative counts without a
    unit), for tables other than table 3."""
    from decimal import Decimal

    from disclosure_lint.checks.dl205_invalid_cell import _row_names
    from disclosure_lint.document import Number, TextValue
    from disclosure_lint.document.cells import value_like
    from disclosure_lint.document.normalize import label_key

    out = []
    for name, view in ctx.tables.items():
        names = _row_names(ctx, name)
        columns = {}
        for (r, c), cell in view.cells.items():
            v = cell.value
            if isinstance(v, TextValue):
                out.append((v.span, "text-like" if value_like(cell.text) else "text"))
                continue
            if not isinstance(v, Number):
                continue
            flags = columns.get(c)
            if flags is None:
                header = label_key(c) if name == "table2" else c
                flags = columns[c] = (name == "table2" and "增" in header and "减" in header,
                                      name == "table2" and ("金额" in header or "万元" in header), "万元" in header)
            signed_ok, money, in_wan = flags
            if v.value < 0 and not signed_ok:
                out.append((v.span, "negative"))
            elif isinstance(v.value, Decimal) and v.value != v.value.to_integral_value() and not money:
                out.append((v.span, "fractional"))
            if money and v.unit == "元" and in_wan:
                out.append((v.span, "unit"))
    return out


_CELL_VALUES = st.one_of(
    st.integers(-3, 3).map(lambda n: ("int", n)), st.sampled_from(["0.5", "2.0", "-1.5", "3"]).map(lambda d: ("dec", d)),
    st.sampled_from(["元", "万元", "件", None]).map(lambda u: ("unit", u)), st.sampled_from(["blank", "text", "约5"]))


@settings(max_examples=400, deadline=None)
@given(table=st.sampled_from(["table2", "table4"]),
       cells=st.lists(st.tuples(st.sampled_from(["本年增/减", "处理决定数量", "金额（万元）", "万元", "review.total"]),
                                st.lists(_CELL_VALUES, min_size=1, max_size=3)), max_size=8))
def test_invalid_cell_fast_pass_as_the_plain_loop(table, cells):
    from decimal import Decimal
    from types import SimpleNamespace

    from disclosure_lint.checks.dl205_invalid_cell import check
    from disclosure_lint.document import Blank, Cell, Number, TextValue
    from disclosure_lint.document.tables import TableView
    from disclosure_lint.source import Span
    from disclosure_lint.source.ptext import PText

    grid = {}
    for k, (col, pieces) in enumerate(cells):
        value, unit, text = 1, None, "1"
        for p in pieces:  # the last piece of each kind wins
            if p == "blank":
                value, text = None, ""
            elif p in ("text", "约5"):
                value, text = "text", p
            elif p[0] == "int":
                value, text = p[1], str(p[1])
            elif p[0] == "dec":
                value, text = Decimal(p[1]), p[1]
            else:
                unit = p[1]
        span = Span(10 * k, 10 * k + 3)
        if value is None:
            v = Blank(span)
        elif value == "text":
            v = TextValue(span, text)
        else:
            v = Number(value, span, unit, text)
        grid[(f"r{k}", col)] = Cell(PText.literal(text, span.start), text, span, v)
    ctx = SimpleNamespace(tables={table: TableView(table, [], grid)}, edition=None)
    got = [f.span for f in check(ctx)]
    assert got == [s for s, _kind in _invalid_cell_reference(ctx)]


_DL401_WORDS = ["申请", "办结", "结转", "转入", "顺延", "延期", "自然人", "商业企业", "其他组织", "部分公开", "予以公开",
                "行政复议", "行政诉讼", "诉讼", "现行有效", "主动公开", "答复", "同意部分公开", "同意公开", "同意", "部分", "公开",
                "行政", "诉", "结", "转", "12件", "，", "。"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_DL401_WORDS), max_size=12))
def test_dl401_patterns_run_as_the_plain_word_tests(parts):
    from disclosure_lint.checks.dl401_prose_table import _NEEDS, _patterns_for

    text = "".join(parts)
    plain = [k for k, needs in enumerate(_NEEDS)
             if not (needs[0] not in text and (len(needs) == 1 or not any(w in text for w in needs[1:])))]
    assert _patterns_for(text) == plain


def test_dl401_patterns_run_for_each_word():
    from disclosure_lint.checks.dl401_prose_table import _NEEDS, _patterns_for

    for k, needs in enumerate(_NEEDS):
        for w in needs:
            assert k in _patterns_for("本年" + w + "3件"), (k, w)
    assert _patterns_for("本年度共计3件") == []


@settings(max_examples=1500, deadline=None)
@given(text=st.text(alphabet="ab,;:?!(（\xa0\x00中", max_size=40), chars=st.sampled_from(["(", "\xa0", ",;:?!(", "ab", ";("]),
       steps=st.lists(st.integers(0, 12), max_size=8))
def test_find_first_as_the_class_search(text, chars, steps):
    # units_with's search for a few characters, at increasing positions, as the class search it replaces
    from disclosure_lint.checks._hygiene import _chars_re, _FindFirst

    first, search = _FindFirst(text, chars), _chars_re(chars).search
    pos = 0
    for step in [0, *steps]:
        pos += step
        want, got = search(text, pos), first.at(text, pos)
        assert (got and got.start()) == (want and want.start())


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["1", "23", "٣", "²", " ", "\u3000", "\t", "件", "个", "项", "次", "申请", "，", "a", "  件"]),
                max_size=14))
def test_dl401_figure_gate_as_the_pattern(parts):
    from disclosure_lint.checks.dl401_prose_table import _FIGURE, _has_figure

    text = "".join(parts)
    assert _has_figure(text) == (_FIGURE.search(text) is not None)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["1", "٣", "²", "一", "十", "万", "亿", "余", "多", "万余", "件", "人次", "%", "％", "个", "的",
                                 " ", "，", "a", "元", "名"]), max_size=10))
def test_count_gate_found_from_its_end(parts):
    from disclosure_lint.facts.numbers import _COUNT_END, _COUNT_SOMEWHERE

    text = "".join(parts)
    assert (_COUNT_END.search(text) is None) == (_COUNT_SOMEWHERE.search(text) is None)


# ---------------------------------------------------------------------------------------------------
# The OpenCC table read by one search of the file (script._pairs), as the line-by-line reading it replaced.

def test_table_pairs_as_the_line_by_line_reading(tmp_path):
    path = script._dictionary()
    assert path is not None
    with open(path, encoding="utf-8") as fh:
        data = fh.read()
    assert script._pairs(data) == list(script._entries_by_line(path))
    assert script._entries() == list(script._entries_by_line(path))
    assert len(script._entries()) > 3000
    assert "著" not in script._traditional()  # a character that is its own candidate is left out
    assert script._traditional() == "".join(t for t, _s in script._entries_by_line(path))


_LINE_PARTS = ["著", "著", "後", "后", "a", "\t", " ", "\u3000", "\x1f", "\r", "\r\n", "\n", "\n", "\t\t", "着 著",
               "后 後", "丟", "丢", "xy", "😀", "\x85", "\x0b", "\u2028", "\x1c", "\xa0", ""]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_LINE_PARTS), max_size=24))
def test_table_pairs_on_any_lines(tmp_path_factory, parts):
    data = "".join(parts)
    with open(tmp_path_factory.mktemp("t") / "x.txt", "w", encoding="utf-8", newline="") as fh:
        fh.write(data)
        name = fh.name
    with open(name, encoding="utf-8") as fh:  # the text as the reading sees it (\r\n and \r made \n)
        read = fh.read()
    assert script._pairs(read) == list(script._entries_by_line(name))


def test_table_pairs_sees_the_forms():
    assert script._pairs("後\t后\n著\t着 著\n丟\t丢 丟\n傑\t杰 傑x\n") == [("後", "后"), ("傑", "杰")]


# ---------------------------------------------------------------------------------------------------
# Context.prose: the paragraphs' ASCII-digit texts translated as one joined text and cut again
# (normalize.ascii_digits_each), as ascii_digits on each text.

_DIGIT_TEXT = st.text(alphabet=st.sampled_from(list("０１２９．－＋，％0123456789.-+,%一件。，、 \u3000ａ😀\x00")), max_size=12)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_DIGIT_TEXT, max_size=8))
def test_ascii_digits_each_as_each_text(texts):
    from disclosure_lint.document.normalize import ascii_digits, ascii_digits_each

    assert ascii_digits_each(texts) == [ascii_digits(t) for t in texts]


def test_ascii_digits_each_translates_and_cuts():
    from disclosure_lint.document.normalize import ascii_digits_each

    assert ascii_digits_each(["共１２件，", "", "３．５％", "abc"]) == ["共12件,", "", "3.5%", "abc"]


def _prose_documents():
    import sys
    from pathlib import Path

    from .conftest import FIXTURES, SHARED
    from disclosure_lint.document.parse import parse_bytes

    paths = sorted(FIXTURES.glob("*.txt"))[:8] + sorted((SHARED / "corpus" / "real-html").glob("*.html"))
    docs = [parse_bytes(p.read_bytes(), str(p)) for p in paths]
    bench = Path(__file__).resolve().parents[1] / "benchmarks"
    sys.path.insert(0, str(bench))
    try:
        from run import corpus  # the synthetic generator, with its planted defects
    finally:
        sys.path.remove(str(bench))
    return docs + [parse_bytes(d, None, "html") for d in corpus(6)]


def test_context_prose_as_ascii_digits_of_each_paragraph():
    from disclosure_lint.document.normalize import ascii_digits
    from disclosure_lint.engine.context import Context

    seen = 0
    for doc in _prose_documents():
        ctx = Context(doc)
        assert [b for b, _t in ctx.prose] == ctx.paragraphs
        assert [t for _b, t in ctx.prose] == [ascii_digits(b.text) for b in ctx.paragraphs]
        seen += sum(t != b.text for b, t in ctx.prose)
    assert seen  # some paragraph had a full-width digit or comma to translate


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="年月日号时分秒季度周届级楼层路栋室岁点.-/1a件 ", max_size=6))
def test_not_count_guard_lets_every_match_through(text):
    # the guard is a set of first characters: wherever the pattern matches, the guard must let it through
    from disclosure_lint.facts.numbers import _NOT_COUNT_AT, _NOT_COUNT_FIRST

    for i in range(len(text) + 1):
        if _NOT_COUNT_AT.match(text, i):
            assert text[i:i + 1] in _NOT_COUNT_FIRST
