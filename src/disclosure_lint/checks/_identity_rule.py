"""The rules that report the failures of one declared identity (DL201–DL204), defined from the edition
files' identities: the findings come from :func:`..facts.identity_report.identity_findings` (once per report, on the
Context); each rule passes on those with its code, and its documentation is made from one template."""
from __future__ import annotations

from ..engine.registry import rule

__all__ = ["identity_rule"]


_IDENTITY_DOC = """{summary}

**What it checks.** The identity is declared in the edition file (`rules/<edition>.toml`,
`[[identities]]` with `code = "{code}"`) and evaluated in exact decimal arithmetic. Blank and
not-applicable cells are never read as zero, but they are not negative either: an identity with
blank cells on one side is an error when that side's present cells already exceed the other side
(a 总计 below the sum of its present parts); otherwise it cannot be checked, and one info finding
per table says which cells were blank (DL010). When an identity fails, the finding points at the
one cell that no identity which holds confirms, with the value that fixes it; when it cannot tell
(a table-4 block has no second identity), it points at the total, names every part, and says that
any of them may be wrong, without a suggestion.

**Why it matters.** These relations (勾稽关系) are what evaluators check first; a table that does
not reconcile is marked down as 数据不准确 whatever the prose says.

**Example.** {example}

**How to fix.** {fix}
"""

_IDENTITY_DOC_ZH = """{summary}

**检查内容。** 该勾稽关系在格式版本文件中声明（`rules/<edition>.toml` 中 `code = "{code}"` 的
`[[identities]]`），按精确的十进制算术核对。空白和不适用的单元格从不按零计算：含空白项的等式不核验，
每张表给出一条提示，说明哪些单元格为空白（DL010）。

**问题影响。** 勾稽关系是评估人员首先核对的内容；表内数据对不上，无论正文怎么写，都会被认定为“数据不准确”。

**示例。** {example}

**修改方法。** {fix}
"""


def identity_rule(code: str, name: str, severity: str, *, summary: str, example: str, fix: str,
                  summary_zh: str | None = None, example_zh: str | None = None, fix_zh: str | None = None):
    """Define and register the rule that reports the failures of one declared identity (the ``*_zh``
    texts make the Chinese part of its documentation)."""
    def check(ctx):
        for f in ctx.identity_findings:
            if f.code == code:
                yield f

    check.__doc__ = _IDENTITY_DOC.format(summary=summary, code=code, example=example, fix=fix)
    if summary_zh:
        check.__doc__ += "\n【中文】\n" + _IDENTITY_DOC_ZH.format(summary=summary_zh, code=code,
                                                                 example=example_zh or example, fix=fix_zh or fix)
    check.__name__ = check.__qualname__ = f"check_{code.lower()}"
    return rule(code, name, severity)(check)
