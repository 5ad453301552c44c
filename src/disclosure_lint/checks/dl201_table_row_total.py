"""DL201: table-row-total."""
from __future__ import annotations

from ._identity_rule import identity_rule

check = identity_rule(
    "DL201", "table-row-total", "error",
    summary='Table 3, each row: 总计 equals the sum of the six applicant columns.',
    example='A row reads 自然人 5, 商业企业 2, the rest 0, 总计 8: `总计 8 ≠ 5 + 2 + 0 + 0 + 0 + 0 = 7`.',
    fix='Recount the row; the suggestion is the total that the parts give. When one wrong cell breaks its row and its column, the finding points at that cell instead.',
    summary_zh='表三逐行核对：总计等于六类申请人（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）之和。',
    example_zh='某行自然人 5、商业企业 2、其余为 0，总计却填 8：`总计 8 ≠ 5 + 2 + 0 + 0 + 0 + 0 = 7`。',
    fix_zh='重新核对该行；建议值是各分项相加得到的总计。如果是一个单元格填错、同时破坏了所在行和所在列，问题会直接定位到该单元格。',
)
