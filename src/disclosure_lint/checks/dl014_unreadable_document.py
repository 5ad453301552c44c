"""DL014: unreadable-document."""
from __future__ import annotations

from ..engine.diagnostics import Finding, Severity
from ..engine.registry import rule


@rule("DL014", "unreadable-document", "error")
def check(ctx):
    """A .docx or PDF that is damaged, truncated or encrypted, so its text could not be read.

    **What it checks.** The reader could not get the text out: a truncated download, a ZIP archive
    or XML part that is damaged, a PDF whose structure is broken or that needs a password. Nothing
    in the file was checked; the finding says what went wrong. A PDF whose fonts do not map more
    than a fifth of their glyphs to characters was read only in part: a warning. So was a page whose
    text is in a font the PDF does not embed where this machine has no font for some of its characters
    and pdfminer could not read the page either (install a Chinese font, or lint the .docx or HTML).
    A PDF page whose content stream is damaged (it does not decode, or PDFium cannot parse it) is read as
    empty by PDFium without a word: such pages are named, as a warning, or as the error when no page holds
    text; blank pages are not.

    **Why it matters.** A damaged attachment is a damaged publication: readers cannot open it either.

    **Example.** ``report.pdf`` cut off half-way by a failed upload.

    **How to fix.** Export the document again from the word processor and re-upload it; publish PDFs
    without a password.

    【中文】

    .docx 或 PDF 文件损坏、不完整或已加密，无法读取其中的文字。

    **检查内容。** 读取器无法取出文字：下载不完整、ZIP 压缩包或 XML 部件损坏、PDF 结构损坏或需要密码。
    文件中的内容均未检查；结果会说明出错原因。PDF 字体中超过五分之一的字形无法对应到文字时，只读取了
    部分内容，给出警告。某页文字使用 PDF 未嵌入的字体、本机缺少其中部分字符的字体且 pdfminer 也无法读取
    该页时，同样只读取了部分内容，给出警告（请安装中文字体，或改为检查 .docx 或 HTML 版本）。
    PDF 某页的内容流已损坏（无法解码，或 PDFium 无法解析）时，PDFium 会不加提示地把该页读成空白页：
    这些页面会被列出，给出警告；没有任何页面含有文字时给出错误。空白页不会被列出。

    **为什么重要。** 附件损坏即发布内容损坏：公众同样无法打开。

    **示例。** 上传失败、只保存了一半的 ``report.pdf``。

    **如何修改。** 从文字处理软件重新导出并上传；发布的 PDF 不要设置密码。
    """
    for code, msg, span in ctx.document.problems:
        if code == "DL014":  # nothing read: an error; read in part (glyphs without characters): a warning
            yield Finding(span, msg, severity=Severity.WARNING if ctx.document.blocks else None)
