"""DL006: not-a-report."""
from __future__ import annotations


from ..engine.diagnostics import Finding
from ..i18n import _
from ..engine.registry import rule
from ..source import Span
from ..source.re_cache import compile_re

# What a report's title says (simplified and traditional): an annual report, a work summary, or
# at least the subject, government information disclosure.
_TITLE = compile_re(r"年度报告|年度報告|年报|年報|工作总结|工作總結|情况汇报|情況匯報|政府信息公开|政府信息公開|"
                    r"政务公开|政務公開|信息公开工作|信息公開工作")
_HEAD_PARAGRAPHS = 8


def _has_title(doc) -> bool:
    if doc.title is not None and _TITLE.search(doc.title.value):
        return True
    for i, p in enumerate(doc.paragraphs()):
        if i >= _HEAD_PARAGRAPHS:
            break
        if _TITLE.search(p.text):
            return True
    return False


def _has_known_section(ctx) -> bool:
    from ..document.structure import match_sections

    sections = ctx.document.sections()
    if not sections:
        return False
    for ed in ctx.editions.values():
        if ed.sections and any(m.spec is not None and m.exact for m in match_sections(sections, ed)):
            return True
    return False


def _has_known_table(ctx) -> bool:
    from ..document.tables import match_tables

    if not ctx.document.tables():
        return False
    return any(match_tables(ctx.document, ed) for ed in ctx.editions.values() if ed.tables)


@rule("DL006", "not-a-report", "warning")
def not_a_report(ctx):
    """The input does not look like an information-disclosure report at all.

    **What it checks.** A file with content, but with no report title (年度报告, 工作总结,
    政府信息公开 … in the title or the first lines), no section heading of any edition and no
    table of any edition's schemas. One finding for the whole file.

    **Why it matters.** Without this, a shopping list, a news page or the wrong file in a crawl
    passes every check ("All checks passed"), because the other rules find nothing they know to
    check. An evaluator should be told that nothing was checked.

    **Example.** A page that holds only ``今天买了苹果、香蕉和牛奶。`` →
    ``this does not look like an information-disclosure report …``.

    **How to fix.** Lint the report itself (the page that holds its text, not an index page or an
    attachment link); if it is a report, give it its title, e.g.
    ``某某局2023年政府信息公开工作年度报告``.

    【中文】

    输入内容看起来根本不是政府信息公开工作年度报告。

    **检查内容。** 文件有内容，但既没有报告标题（标题或开头几行中没有“年度报告”“工作总结”“政府信息
    公开”等字样），也没有任何版本模板中的章节标题，也没有任何版本模板中的统计表格。全文只报告一次。

    **为什么重要。** 否则购物清单、新闻页面或爬取时抓错的文件会“通过全部检查”，因为其他规则找不到
    可检查的内容。评估人员应当知道这份文件实际上没有被检查。

    **示例。** 页面只有“今天买了苹果、香蕉和牛奶。”→“看起来不是政府信息公开工作年度报告……”。

    **如何修改。** 检查报告正文本身（包含报告文字的页面，而不是栏目列表页或附件链接）；如果确是年度
    报告，请补上标题，例如“某某局2023年政府信息公开工作年度报告”。
    """
    doc = ctx.document
    if doc.source.binary or not doc.blocks:
        return  # DL001 / DL003 say what is wrong
    if not any((b.text.strip() if hasattr(b, "ptext") else b.rows) for b in doc.blocks):
        return
    if _has_title(doc) or _has_known_section(ctx) or _has_known_table(ctx):
        return
    first = doc.blocks[0].span
    yield Finding(Span(first.start, first.start),
                  _("this does not look like an information-disclosure report: no report title, no section "
                    "heading and no table of any edition was found, so nothing was checked"))
