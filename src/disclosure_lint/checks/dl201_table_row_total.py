"""DL201: table-row-total."""
from __future__ import annotations

from ..arith import identity_rule

check = identity_rule(
    "DL201", "table-row-total", "error",
    summary='Table 3, each row: 总计 equals the sum of the six applicant columns.',
    example='A row reads 自然人 5, 商业企业 2, the rest 0, 总计 8: `总计 8 ≠ 5 + 2 + 0 + 0 + 0 + 0 = 7`.',
    fix='Recount the row; the suggestion is the total that the parts give. When one wrong cell breaks its row and its column, the finding points at that cell instead.',
)
