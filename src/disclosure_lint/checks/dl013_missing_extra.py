"""DL013: missing-extra."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Severity
from ..engine.registry import rule


@rule("DL013", "missing-extra", "error")
def check(ctx):
    """A format was linted without the optional libraries it needs.

    **What it checks.** PDF input needs the ``pdf`` extra (pypdfium2 for the text layer, pdfplumber
    for tables). Without pypdfium2 the PDF is not read at all; without pdfplumber its prose is
    checked but its tables are not recovered, and this finding says so rather than passing silently.

    **Why it matters.** A clean result for a file that was not (fully) read would be false comfort.

    **Example.** ``pip install disclosure-lint`` then ``dlint report.pdf``.

    **How to fix.** ``pip install 'disclosure-lint[pdf]'``.

    【中文】

    检查某种格式所需的可选依赖库未安装。

    **检查内容。** 检查 PDF 需要 ``pdf`` 扩展（文字层用 pypdfium2，表格用 pdfplumber）。缺少 pypdfium2
    时完全无法读取 PDF；缺少 pdfplumber 时只检查正文、不恢复表格，本规则会明确说明，而不是静默通过。

    **为什么重要。** 对未读取（或未完整读取）的文件给出“无问题”的结论，会造成误导。

    **示例。** 执行 ``pip install disclosure-lint`` 后运行 ``dlint report.pdf``。

    **如何修改。** 执行 ``pip install 'disclosure-lint[pdf]'``。
    """
    for code, msg, span in ctx.document.problems:
        if code == "DL013":  # the prose was read without the tables: a warning; nothing read: an error
            yield Finding(span, msg, severity=Severity.WARNING if ctx.document.blocks else None)
