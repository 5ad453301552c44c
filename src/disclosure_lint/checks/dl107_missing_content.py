"""DL107: missing-content."""
from __future__ import annotations


from ..engine.diagnostics import Finding, Severity
from ..i18n import _
from ..engine.registry import rule
from ._common import doc_anchor, edition_name, is_annual
from ..source.re_cache import compile_re

_EMPTY = compile_re(r"^[\s无。.、:：]*$")
_FEE = compile_re(r"处理费|信息处理费|收费|收取费用|未收取|费用")
_ACCOUNTABILITY = ("考核", "评议", "追究")


def _body(sec) -> str:
    parts = []
    h = sec.heading
    rest = h.text[len(h.marker.text) + len(h.title.text):].strip("。：: ") if h else ""
    if rest:
        parts.append(rest)
    for b in sec.walk_blocks():
        parts.append(b.text if hasattr(b, "ptext") else b.text())
    return "\n".join(parts)


@rule("DL107", "missing-content", "error")
def check(ctx):
    """A section without the content the edition requires.

    **What it checks.**
    - 五、存在的主要问题及改进情况 that is empty or just 无 (error).
    - From 2021: 六、其他需要报告的事项 that does not state the 信息处理费 charged (warning);
      a government's own report (各级人民政府) that does not report 工作考核、社会评议和责任追究
      (warning).
    - From 2021: 一、总体情况 that does not touch its five topics — 主动公开, 依申请公开,
      政府信息管理, 平台建设, 监督保障 (info; related words count, e.g. 平台 or 考核).

    **Why it matters.** These are the contents the 条例 and the format notice require; an empty
    “problems” section is the defect evaluators cite most often after late publication.

    **Example.** ``五、存在的主要问题及改进情况`` followed directly by ``六、…``.

    **How to fix.** State the problems and the improvements made or planned; state the fees charged
    (``共收取信息处理费0元`` when none).

    【中文】
    章节缺少格式版本要求的内容。

    **检查内容。**
    - “五、存在的主要问题及改进情况”为空或只写“无”（错误）。
    - 2021年度起：“六、其他需要报告的事项”未说明收取信息处理费的情况（警告）；人民政府本级报告未说明工作考核、
      社会评议和责任追究结果情况（警告）。
    - 2021年度起：“一、总体情况”未涉及五个方面——主动公开、依申请公开、政府信息管理、平台建设、监督保障
      （提示；相关用词也算，如“平台”“考核”）。

    **问题影响。** 这些都是《条例》和格式通知要求的内容；“存在的主要问题”一节空白，是评估中仅次于逾期发布的常见扣分项。

    **示例。** ``五、存在的主要问题及改进情况`` 后面紧接着就是 ``六、……``。

    **修改方法。** 写明存在的问题以及已采取或拟采取的改进措施；写明信息处理费收取情况（未收取的写“共收取信息处理费0元”）。
    """
    if not is_annual(ctx) or not ctx.edition.structure or not ctx.document.sections():
        return
    ed = ctx.edition
    matches = {m.spec["key"]: m.section for m in ctx.section_matches if m.spec}
    for spec in ed.sections:
        sec = matches.get(spec["key"])
        if sec is None:
            continue
        body = _body(sec)
        if spec.get("require_content") and _EMPTY.match(body):
            yield Finding(sec.heading.title.span(), _("“{heading}” has no content ({edition} requires the problems "
                                                      "found and how they were addressed)", heading=sec.heading.text,
                                                      edition=edition_name(ctx)))
        if spec.get("fee_statement") and not _FEE.search(body):
            yield Finding(sec.heading.title.span(), _("“{heading}” does not state the 信息处理费 charged ({edition}); "
                                                      "write e.g. 本年度共收取信息处理费0元", heading=sec.heading.text,
                                                      edition=edition_name(ctx)), severity=Severity.WARNING)
        topics = spec.get("topics")
        if topics and sec.children + sec.blocks:
            missing = [t[0] if isinstance(t, list) else t for t in topics
                       if not any(w in body for w in (t if isinstance(t, list) else [t]))]
            if missing:
                yield Finding(sec.heading.title.span(), _("“{heading}” does not cover {topics} ({edition} lists five "
                                                          "topics)", heading=sec.heading.text, topics="、".join(missing),
                                                          edition=edition_name(ctx)), severity=Severity.INFO)
    if ctx.info.agency_level == "government" and ed.name != "2019" and ctx.info.year and ctx.info.year >= 2021:
        text = "\n".join(b.text if hasattr(b, "ptext") else "" for b in ctx.document.blocks)
        missing = [k for k in _ACCOUNTABILITY if k not in text]
        if missing and len(missing) == len(_ACCOUNTABILITY):
            yield Finding(doc_anchor(ctx), _("a government's own report must state the results of "
                                             "工作考核、社会评议和责任追究; none of them is mentioned"),
                          severity=Severity.WARNING)
