"""An example dlint plugin with one rule. Install it (``pip install examples/plugin``) and run dlint."""
from __future__ import annotations

import re

from disclosure_lint.engine.diagnostics import Finding
from disclosure_lint.engine.registry import rule
from disclosure_lint.source import Span

_CONTACT = re.compile(r"电话|联系方式|邮箱|电子邮件|地址")


@rule("XPL001", "no-contact", "info")
def no_contact(ctx):
    """The report gives no telephone, e-mail or address for questions about it.

    **What it checks.** The report text mentions none of 电话, 联系方式, 邮箱, 电子邮件, 地址.

    **Why it matters.** Readers with questions about the report should know whom to ask.

    **Example.** A report that ends without “如对本报告有任何疑问，请与…联系（电话：…）”.

    **How to fix.** Add the office's telephone and address to the introduction.
    """
    doc = ctx.document
    text = "\n".join(p.text for p in doc.paragraphs())
    if text and not _CONTACT.search(text):
        at = doc.title.span if doc.title else Span(0, 0)
        yield Finding(at, "the report gives no contact (telephone, e-mail or address) for questions about it")
