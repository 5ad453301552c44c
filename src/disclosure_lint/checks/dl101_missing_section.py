"""DL101: missing-section."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Severity
from ..facts.script import to_simplified
from ..i18n import _
from ..document.normalize import PINYIN
from ..engine.registry import rule
from ..source import Span
from ._common import cn_number, doc_anchor, edition_name, is_annual


@rule("DL101", "missing-section", "error")
def check(ctx):
    """A section the edition requires is absent.

    **What it checks.** For the 2019 and 2021 formats, each of the six sections
    (一、总体情况 … 六、其他需要报告的事项) must be present as a top-level heading, in the standard
    wording or an accepted variant (see ``rules/<edition>.toml``). For reports up to 2018 (the 2008
    条例, free form) each of the six items of 第三十二条 must be covered somewhere in the text;
    mentions that only share a word with an item do not cover it (价格和收费信息3条, 行政事业性收费信息,
    减免税 are not the item 政府信息公开的收费及减免情况).
    Work summaries (工作总结, 情况汇报) have no required sections.

    **Why it matters.** The 条例 (第五十条; 2008: 第三十二条) lists what an annual report must
    contain; a report without, say, 存在的主要问题及改进情况 is incomplete by law.

    **Example.** A 2023 report whose headings go 一 … 四, 六: ``missing section
    五、存在的主要问题及改进情况 (the 2021 edition), expected between 四 and 六``.

    **How to fix.** Add the section with its standard heading; write 无 only where the template
    allows it.

    【中文】
    缺少格式版本要求的章节。

    **检查内容。** 2019版和2021版格式要求报告包含六个一级章节（一、总体情况 …… 六、其他需要报告的事项），
    标题使用规范表述或可接受的变体（见 ``rules/<edition>.toml``）。2018年度及以前的报告（2008年《条例》，格式不固定），
    第三十二条列出的六项内容须在正文中有所涉及。工作总结、情况汇报不要求固定章节。

    **问题影响。** 《条例》（第五十条；2008年版为第三十二条）规定了年度报告必须包含的内容；缺少“存在的主要问题及改进情况”
    等章节的报告，在法律意义上是不完整的。

    **示例。** 2023年度报告的标题依次为一至四、六：``缺少章节“五、存在的主要问题及改进情况”（2021版格式）；应位于“六、……”之前``。

    **修改方法。** 按规范标题补上该章节；只有模板允许时才可写“无”。
    """
    if not is_annual(ctx):
        return
    ed = ctx.edition
    doc = ctx.document
    if not ed.structure:
        text = PINYIN.sub("", to_simplified("\n".join(b.text if hasattr(b, "ptext") else b.text() for b in doc.blocks)))
        for item in ed.items:
            seen = text
            for x in item.get("exclude", []):  # mentions that are not this item (收费信息3条, 减免税)
                seen = seen.replace(x, "\x00")
            if not any(k in seen for k in item.get("keywords", [])):
                yield Finding(doc_anchor(ctx), _("the report does not cover “{heading}”, an item {basis} requires "
                                                 "({edition})", heading=item["heading"],
                                                 basis=ed.data.get("legal_basis") or _("the 条例"),
                                                 edition=edition_name(ctx)),
                              severity=Severity.parse(item.get("severity", "error")))
        return
    if not doc.sections() and not doc.tables():
        return  # nothing structured to speak of (DL003 or a one-line extraction)
    matches = ctx.section_matches
    found = {m.spec["key"]: m for m in matches if m.spec}
    specs = ed.sections
    for i, spec in enumerate(specs):
        if spec["key"] in found:
            continue
        after = next((found[s["key"]] for s in reversed(specs[:i]) if s["key"] in found), None)
        before = next((found[s["key"]] for s in specs[i + 1:] if s["key"] in found), None)
        expected = f"{cn_number(spec['number'])}、{spec['heading']}"
        if before is not None:
            at = Span(before.section.heading.span.start, before.section.heading.span.start)
            where = _("expected before “{heading}”", heading=before.section.heading.text)
        elif after is not None:
            end = after.section.span.end
            at = Span(end, end)
            where = _("expected after “{heading}”", heading=after.section.heading.text)
        else:
            at, where = doc_anchor(ctx), _("no required section was found")
        yield Finding(at, _("missing section “{section}” ({edition}); {where}", section=expected,
                            edition=edition_name(ctx), where=where),
                      suggestion=expected, severity=Severity.parse(spec.get("severity", "error")))
