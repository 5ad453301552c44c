"""DL202: table-balance."""
from __future__ import annotations

from ._identity_rule import identity_rule

check = identity_rule(
    "DL202", "table-balance", "error",
    summary='Table 3, each column: 一（本年新收）+ 二（上年结转）=（七）总计 + 四（结转下年度继续办理）, the relation the template prints in its top-left cell.',
    example='新收 10 + 结转 2 = 12, but 总计 9 + 结转下年度 2 = 11.',
    fix='Every application received or carried over is either decided this year or carried forward: find the request that was counted twice or not at all.',
    summary_zh='表三逐列核对：一（本年新收）+ 二（上年结转）=（七）总计 + 四（结转下年度继续办理），即模板左上角单元格所印的勾稽关系。',
    example_zh='本年新收 10 + 上年结转 2 = 12，但总计 9 + 结转下年度 2 = 11。',
    fix_zh='本年收到和上年结转的每件申请，要么本年办结，要么结转下年度继续办理：找出重复统计或漏统计的那件申请。',
)
