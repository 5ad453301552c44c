"""DL602: in-force-chain (cross-report)."""
from __future__ import annotations

from ..engine.registry import corpus_rule


@corpus_rule("DL602", "in-force-chain", "warning")
def check(ctx):
    """现行有效件数 is not last year's plus this year's 制发 minus 废止 (table 2, across reports).

    **What it checks.** For 规章 and 行政规范性文件 in the 2021 format: 现行有效件数 (Y) =
    现行有效件数 (Y−1) + 本年制发件数 (Y) − 本年废止件数 (Y). In the 2019 format: 对外公开总数量 (Y) =
    对外公开总数量 (Y−1) + 本年新公开数量 (Y), and 上一年项目数量 (Y) = 上一年项目数量 (Y−1) +
    本年增/减 (Y−1) for 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制 and 行政事业性收费. Only
    reports of the same format are chained. Related places: last year's figure (other file) and
    this year's 制发 / 废止.

    **Why it matters.** The documents in force at the end of a year are those in force a year before,
    plus those issued, minus those repealed. A gap means documents were counted twice, lost, or
    corrected without a word. A warning: corrections (a clean-up of the catalogue) do happen.

    **Example.** 2021: 行政规范性文件 现行有效 665; 2022: 制发 40, 废止 5, 现行有效 690 (expected 700).

    **How to fix.** Check the catalogue of documents in force; state any correction in the report.

    【中文】
    主动公开表中“现行有效件数”不等于上年现行有效件数加本年制发件数减本年废止件数（跨年度核对）。

    **检查内容。** 2021年格式的规章、行政规范性文件：现行有效件数(Y) = 现行有效件数(Y−1) +
    本年制发件数(Y) − 本年废止件数(Y)。2019年格式：对外公开总数量(Y) = 对外公开总数量(Y−1) +
    本年新公开数量(Y)；行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业性收费的
    上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1)。只在同一格式的报告之间核对。

    **为何重要。** 年末现行有效的文件，等于上年末现行有效的文件加本年制发、减本年废止；不一致说明
    重复统计、漏统或未加说明的更正。因确有清理更正的情况，定为警告。

    **示例。** 2021年行政规范性文件现行有效665件；2022年制发40件、废止5件，现行有效却为690件（应为700件）。

    **修改方法。** 核对现行有效文件目录；如有更正，应在报告中说明。
    """
    from ..corpus.chains import IN_FORCE  # here: the corpus layer loads only when a corpus stage runs

    for r in ctx.chains:
        if r.code == IN_FORCE:
            yield r.finding
