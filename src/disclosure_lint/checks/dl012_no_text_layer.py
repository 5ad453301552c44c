"""DL012: no-text-layer."""
from __future__ import annotations

from ..engine.diagnostics import Finding
from ..engine.registry import rule


@rule("DL012", "no-text-layer", "error")
def check(ctx):
    """A PDF with no text layer: a scan, which dlint cannot read.

    **What it checks.** A PDF whose pages hold no text at all (only images) gets this one finding
    instead of an empty pass: dlint does not do OCR, so nothing in it was checked.

    **Why it matters.** A report published as a scan cannot be searched, copied or read aloud, and
    its figures cannot be checked by anyone; evaluators record image-only attachments as a defect.

    **Example.** A report printed, signed, scanned and uploaded as ``report.pdf``.

    **How to fix.** Publish the report's text (the HTML page, the .docx, or a PDF exported from the
    word processor); keep the signed scan as an extra attachment if one is needed.

    【中文】

    没有文字层的 PDF（扫描件），dlint 无法读取。

    **检查内容。** 各页只有图像、没有任何文字的 PDF，给出这一条结果，而不是“无问题”：dlint 不做 OCR
    文字识别，文件中的内容都未经检查。

    **为什么重要。** 以扫描件发布的报告无法检索、复制或朗读，其中的数据也无法核对；评估时图片式附件
    会被记为问题。

    **示例。** 打印、盖章后扫描上传的 ``report.pdf``。

    **如何修改。** 发布报告的文字版（网页、.docx，或由文字处理软件导出的 PDF）；确需盖章件的，可另附扫描件。
    """
    for code, msg, span in ctx.document.problems:
        if code == "DL012":
            yield Finding(span, msg)
