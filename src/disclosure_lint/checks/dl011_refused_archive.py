"""DL011: refused-archive."""
from __future__ import annotations

from ..engine.diagnostics import Finding
from ..engine.registry import rule


@rule("DL011", "refused-archive", "error")
def check(ctx):
    """A .docx (or other ZIP archive) dlint refuses to open.

    **What it checks.** Before anything is decompressed, the archive's directory is checked: more
    than 5000 entries, more than 64 MB declared for one entry or 256 MB in all, an entry over 1 MB
    that expands more than 200-fold, or an entry larger than it declares is a zip bomb. Macros (a
    ``.docm``, ``vbaProject.bin``, a macro-enabled content type) and external relationships other
    than hyperlinks (a remote template, a linked OLE object or frame) are refused too, and so is a
    ZIP archive that is not a Word document.

    **Why it matters.** A report is text and tables; an archive built to exhaust memory, or a
    document that runs code or fetches content when opened, is not something to publish.

    **Example.** ``report.docm`` → ``refused: the document contains macros``.

    **How to fix.** Save the report as a plain ``.docx`` (File → Save As → Word Document), remove
    the linked template or object, or lint the report's HTML or PDF.

    【中文】

    dlint 拒绝打开的 .docx（或其他 ZIP 压缩包）。

    **检查内容。** 解压前先检查压缩包目录：条目超过 5000 个、单个条目声明超过 64 MB 或合计超过
    256 MB、大于 1 MB 的条目压缩比超过 200 倍、条目实际大小超过声明大小，均视为“压缩炸弹”。含宏的文档
    （``.docm``、``vbaProject.bin``、启用宏的内容类型）、除超链接以外的外部关系（远程模板、链接的 OLE
    对象或框架），以及不是 Word 文档的 ZIP 压缩包，同样拒绝读取。

    **为什么重要。** 年度报告只有文字和表格；为耗尽内存而构造的压缩包，或打开时会运行代码、从外部获取
    内容的文档，都不应发布。

    **示例。** ``report.docm`` → ``refused: the document contains macros``。

    **如何修改。** 将报告另存为不含宏的 ``.docx``，删除链接的模板或对象，或改为检查报告的 HTML 或 PDF。
    """
    for code, msg, span in ctx.document.problems:
        if code == "DL011":
            yield Finding(span, msg)
