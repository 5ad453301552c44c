"""Input rules: what the reader could not read."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Severity
from ..i18n import _
from ..engine.registry import rule
from ..source import Span


def _problems(ctx, code):
    for c, msg, span in ctx.document.problems:
        if c == code:
            yield c, msg, span


@rule("DL001", "undecodable-input", "error")
def undecodable_input(ctx):
    """Input that cannot be decoded as text, or is not text at all.

    **What it checks.** The bytes are decoded in a fixed order: byte-order mark, the page's own
    declaration (``<meta charset>``, ``http-equiv``, XML declaration), strict UTF-8, then GB18030
    (which covers GBK and GB2312), Big5 or UTF-16 without a byte-order mark, told apart by their
    byte layout or, where that does not decide, by beautifulsoup4's ``UnicodeDammit`` backed by
    charset-normalizer, then a last resort that never fails. This rule reports binary input dlint
    has no reader for (a .doc, an image; .docx and PDF files are read), a declaration that lies,
    and any use of the last resort.

    **Why it matters.** A report that cannot be decoded cannot be checked; a page whose declared
    charset is wrong shows mojibake to some readers.

    **Example.** ``dlint report.doc`` → ``DL001 the input is not a text report: it looks like an OLE file``.

    **How to fix.** Lint the HTML page or a text extraction; fix the page's ``<meta charset>``.

    【中文】
    输入无法解码为文本，或根本不是文本。

    **检查内容。** 按固定顺序确定文件编码：字节顺序标记（BOM）、页面自身的声明（``<meta charset>``、
    ``http-equiv``、XML 声明）、严格 UTF-8、GB18030（兼容 GBK 和 GB2312），最后是一种不会失败的兜底解码。
    本规则报告二进制输入（PDF、Word 文件、图片）、与实际编码不符的声明，以及任何动用了兜底解码的情况。

    **问题影响。** 无法解码的报告无法检查；页面声明的字符集错误，部分读者看到的就是乱码。

    **示例。** ``dlint report.pdf`` → ``DL001 输入不是文本格式的报告，看起来是PDF 文件``。

    **修改方法。** 检查 HTML 页面或文本提取结果；修正页面的 ``<meta charset>`` 声明。
    """
    for _code, msg, span in _problems(ctx, "DL001"):
        sev = Severity.ERROR if ctx.document.source.binary or "U+FFFD" in msg else Severity.WARNING
        yield Finding(span, msg, severity=sev)


@rule("DL002", "unresolvable-table", "warning")
def unresolvable_table(ctx):
    """A table whose rows cannot be resolved into a clean grid.

    **What it checks.** Row and column spans are expanded into a grid. Overlapping cells, spans that
    run past the table, absurd ``colspan`` values and ragged rows (rows narrower than the table) are
    reported; the grid is still built, clipped where needed, so other rules can run.

    **Why it matters.** Numbers in a malformed grid may be read under the wrong column header, so
    arithmetic checks on that table are less reliable.

    **Example.** A ``<td rowspan="30">`` in a table of 20 rows.

    **How to fix.** Re-export the table from the word processor, or repair the spans by hand.

    【中文】
    表格的行列无法还原为规整的网格。

    **检查内容。** 将跨行、跨列的单元格展开为网格，报告单元格重叠、跨行跨列超出表格范围、
    ``colspan`` 数值异常以及各行列数不齐（某些行窄于整表）。网格仍会生成（必要时截断），其他规则照常运行。

    **问题影响。** 网格错乱时，数字可能被归到错误的栏目下，该表的勾稽关系核验结果可信度降低。

    **示例。** 一张只有 20 行的表里出现 ``<td rowspan="30">``。

    **修改方法。** 从文字处理软件重新导出表格，或手工修正跨行跨列设置。
    """
    shifted = _shifted_row_spans(ctx)
    lost = _tables_with_a_deleted_row(ctx)
    for _code, msg, span in _problems(ctx, "DL002"):
        if span in shifted and msg.startswith(f"{shifted[span]} of "):
            continue  # the narrow rows are the ones DL109 reports, with where their gap is
        if msg.endswith("ragged rows") and any(t.span.start <= span.start < t.span.end for t in lost):
            continue  # a row deleted under a group cell: DL105 names the row; the ragged rows follow from it
        yield Finding(span, msg)


def _tables_with_a_deleted_row(ctx) -> list:
    from ..document.tables import missing_rows

    try:
        views, edition = ctx.tables, ctx.edition
    except Exception:
        return []
    out = []
    for view in views.values():
        schema = edition.tables.get(view.name, {}) if edition else {}
        if 0 < len(missing_rows(view, schema)) <= 3:
            out.extend(view.tables)
    return out


def _shifted_row_spans(ctx) -> dict:
    """First row span → number of short rows, for the tables whose narrow rows DL109 explains."""
    out = {}
    try:
        views = ctx.tables
    except Exception:  # no edition: nothing matched
        return out
    for view in views.values():
        for t in view.tables:
            rows = [sh.row for sh in getattr(view, "shifted", []) if any(sh.row is r for r in t.rows)]
            if rows:
                out[min(rows, key=lambda r: r.index).span] = len(rows)
    return out


@rule("DL003", "no-report-content", "error")
def no_report_content(ctx):
    """No report content found in the input.

    **What it checks.** After the page furniture (navigation, footer) is set aside, some paragraphs
    or tables must remain.

    **Why it matters.** An empty page, an error page or a page whose report is only an attached PDF
    cannot be checked, and a published report with no text is itself a defect.

    **Example.** A CMS page whose body is only ``<iframe src="report.pdf">``.

    **How to fix.** Publish the report text in the page, not only as an attachment.

    【中文】
    输入中没有找到报告正文。

    **检查内容。** 剔除页面框架（导航栏、页脚等）后，应至少留有段落或表格。

    **问题影响。** 空白页、报错页，或正文只是一个 PDF 附件的页面，都无法检查；已发布的报告没有正文，本身就是问题。

    **示例。** 某网站页面正文只有 ``<iframe src="report.pdf">``。

    **修改方法。** 在页面中发布报告全文，不要只挂附件。
    """
    doc = ctx.document
    if doc.source.binary:
        return
    if not any(b.text.strip() if hasattr(b, "ptext") else b.rows for b in doc.blocks):
        yield Finding(Span(0, 0), _("no report content was found in the input"))


@rule("DL009", "unused-suppression", "warning")
def unused_suppression(ctx):
    """A ``dlint:`` suppression comment that suppresses nothing, or names no codes.

    **What it checks.** Every ``<!-- dlint: disable=… -->``, ``disable-next=…`` and
    ``disable-file=…`` directive must name codes, and must silence at least one finding of each
    code it names. (The engine reports this rule; it sees every finding.)

    **Why it matters.** A stale suppression hides the next real defect in the same place.

    **Example.** ``<!-- dlint: disable=DL201 -->`` above a table whose totals are right.

    **How to fix.** Remove the directive, or narrow it to the codes that still fire.

    【中文】
    ``dlint:`` 屏蔽注释没有屏蔽任何问题，或没有写明规则代码。

    **检查内容。** 每条 ``<!-- dlint: disable=… -->``、``disable-next=…`` 和 ``disable-file=…`` 注释都必须写明规则代码，
    且所列每个代码都至少屏蔽了一个问题。（本规则由检查引擎报告，因为只有引擎能看到全部问题。）

    **问题影响。** 过时的屏蔽注释会把同一位置今后出现的真实问题也一并掩盖。

    **示例。** 表格合计完全正确，其上方却仍有 ``<!-- dlint: disable=DL201 -->``。

    **修改方法。** 删除该注释，或只保留仍会报出问题的规则代码。
    """
    return ()
