"""DL204: review-litigation-total."""
from __future__ import annotations

from ._identity_rule import identity_rule

check = identity_rule(
    "DL204", "review-litigation-total", "error",
    summary='Table 4, each of its three blocks (行政复议, 未经复议直接起诉, 复议后起诉): 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.',
    example='行政复议 1, 0, 0, 0 and 总计 2.',
    fix='Recount the block; the suggestion is the total the parts give.',
    summary_zh='表四的三个部分（行政复议、未经复议直接起诉、复议后起诉）分别核对：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。',
    example_zh='行政复议一栏为 1、0、0、0，总计却填 2。',
    fix_zh='重新核对该部分；建议值是各分项相加得到的总计。',
)
