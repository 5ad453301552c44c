"""DL203: table-outcome-total."""
from __future__ import annotations

from ._identity_rule import identity_rule

check = identity_rule(
    "DL203", "table-outcome-total", "error",
    summary='Table 3, each column: （七）总计 equals the sum of every outcome row: （一）,（二）, and the numbered rows under （三）to（六）.',
    example='（一）予以公开 3 + （四）1. 本机关不掌握 2 = 5, but （七）总计 says 6.',
    fix='Add up the outcome rows again; a row left out of the total is the usual cause.',
    summary_zh='表三逐列核对：（七）总计等于各办理结果行之和：（一）、（二），以及（三）至（六）下的各编号行。',
    example_zh='（一）予以公开 3 + （四）1. 本机关不掌握相关政府信息 2 = 5，但（七）总计填 6。',
    fix_zh='重新合计各办理结果行；最常见的原因是某一行漏计入总计。',
)
