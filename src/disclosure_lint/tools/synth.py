"""Synthetic reports written from the edition schemas: consistent, or with planted defects.

Used for the examples, as ground truth in tests (every planted defect is known by its row and
column), and for the benchmark corpus.  ``python -m disclosure_lint.tools.synth --help``.

    >>> from disclosure_lint.tools.synth import ReportSpec, render_html
    >>> html = render_html(ReportSpec(year=2022, seed=1, plant={"t3": ("deny_3", "natural", 2)}))
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from html import escape

from ..document.editions import load_editions

__all__ = ["ReportSpec", "render_html", "render_text", "table3_numbers"]

CN_NUM = "一二三四五六七八九十"


@dataclass
class ReportSpec:
    year: int = 2022
    agency: str = "某某市人力资源和社会保障局"
    seed: int = 0
    published: str | None = None          # "YYYY-MM-DD"; default: 20 January of the next year
    signed: str | None = None             # signature date; default: the publication date
    edition: str | None = None            # default from the year
    plant: dict = field(default_factory=dict)
    filler: int = 1                       # how many times the long prose is repeated (for size)
    drop_sections: tuple[int, ...] = ()   # section numbers to leave out
    wrapper: bool = True                  # wrap the report in a CMS page
    repeat: int = 1                       # copies of the long paragraph (each its own <p>), for size
    word: bool = False                    # Word-export markup: a styled <span> per run, mso- styles
    carried_in: dict | None = None        # table 3 上年结转 per column (a series: last year's 结转下年度)
    table2: dict | None = None            # table 2 values per row label, e.g. {"规章": [0, 0, 3]} (a series)
    extra: dict = field(default_factory=dict)  # more paragraphs per section number, e.g. {5: ["…"]}


def table3_numbers(rng: random.Random, row_keys: list[str], cols: list[str]) -> dict:
    outcome = [k for k in row_keys if k not in ("new", "carried", "total", "carry_next")]
    vals: dict = {}
    parts = cols[:-1]
    for c in parts:
        for k in outcome:
            vals[(k, c)] = rng.choice([0, 0, 0, 1, 2, 3, 5, 8]) if c in ("natural", "commercial") else rng.choice([0, 0, 0, 1])
        vals[("total", c)] = sum(vals[(k, c)] for k in outcome)
        vals[("carry_next", c)] = rng.choice([0, 0, 1, 2])
        vals[("carried", c)] = min(rng.choice([0, 1, 2, 3]), vals[("total", c)] + vals[("carry_next", c)])
        vals[("new", c)] = vals[("total", c)] + vals[("carry_next", c)] - vals[("carried", c)]
    for k in row_keys:
        vals[(k, "total")] = sum(vals[(k, c)] for c in parts)
    return vals


def _edition(spec: ReportSpec):
    eds = load_editions()
    if spec.edition:
        return eds[spec.edition]
    return next(e for e in eds.values() if e.kind == "annual-report" and e.covers(spec.year) and e.tables)


def _model(spec: ReportSpec) -> dict:
    rng = random.Random(spec.seed)
    ed = _edition(spec)
    t3 = ed.tables["table3"]
    rows = [r for r in t3["rows"] if not r.get("outdated")]
    keys = [r["key"] for r in rows]
    cols = t3["columns"]
    v3 = table3_numbers(rng, keys, cols)
    v4 = {}
    for g in ed.tables["table4"]["groups"]:
        parts = [rng.choice([0, 0, 1, 2]) for _ in range(4)]
        for c, x in zip(["upheld", "corrected", "other", "pending"], parts):
            v4[(g, c)] = x
        v4[(g, "total")] = sum(parts)
    if spec.carried_in:
        for c, v in spec.carried_in.items():  # keep 一 + 二 = 总计 + 四: 新收 absorbs it, 予以公开 if need be
            v3[("carried", c)] = v
            new = v3[("total", c)] + v3[("carry_next", c)] - v
            if new < 0:
                v3[("open", c)] -= new
                v3[("total", c)] -= new
                new = 0
            v3[("new", c)] = new
        parts = cols[:-1]
        for k in keys:
            v3[(k, "total")] = sum(v3[(k, c)] for c in parts)
    for where, (r, c, delta) in ((k, v) for k, v in spec.plant.items() if k in ("t3", "t3b")):
        v3[(r, c)] += delta
    if "t4" in spec.plant:
        g, c, delta = spec.plant["t4"]
        v4[(g, c)] += delta
    pub = spec.published or f"{spec.year + 1}-01-20"
    return {"ed": ed, "rows": rows, "cols": cols, "v3": v3, "v4": v4, "rng": rng,
            "published": pub, "signed": spec.signed or pub}


def _cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def _paragraphs(spec: ReportSpec, m: dict) -> dict[int, list[str]]:
    y = spec.year
    v3, v4 = m["v3"], m["v4"]
    pub_total = 300 + m["rng"].randint(0, 500)
    a, b = pub_total // 3, pub_total // 4
    c = pub_total - a - b
    if "prose_sum" in spec.plant:
        c += spec.plant["prose_sum"]
    received = v3[("new", "total")] + (spec.plant.get("prose_received", 0))
    filler = ("坚持以公开为常态、不公开为例外，围绕中心工作和群众关切，不断加大政府信息公开力度，"
              "完善制度机制，规范公开流程，提升公开质量，切实保障人民群众的知情权、参与权、表达权和监督权。") * spec.filler
    return {
        0: [f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制，全文包括总体情况、主动公开政府信息情况、"
            f"收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分。"
            f"本报告所列数据的统计期限自{y}年1月1日至{y}年12月31日止。"],
        1: [f"{y}年，{spec.agency}深入贯彻落实《条例》，{filler}"] * spec.repeat + [
            f"（一）主动公开。全年主动公开政府信息{pub_total}条，其中政策文件{a}条、政策解读{b}条、其他信息{c}条。",
            f"（二）依申请公开。全年共收到政府信息公开申请{received}件，办结{v3[('total', 'total')]}件，"
            f"结转下年度继续办理{v3[('carry_next', 'total')]}件。",
            "（三）政府信息管理。规范公开属性源头认定，动态调整公开目录。",
            "（四）政府信息公开平台建设。加强政府网站和政务新媒体管理。",
            "（五）监督保障。将政府信息公开工作纳入年度考核，开展社会评议，未发生责任追究情况。"],
        5: ["（一）存在的主要问题。一是政策解读形式比较单一；二是公开内容的时效性有待提高。",
            f"（二）改进情况。{y + 1}年，我们将进一步丰富解读形式，加强公开工作培训。"] + list(spec.extra.get(5, [])),
        6: [f"{y}年，本机关未收取信息处理费，共收取政府信息公开处理费0元。"] + list(spec.extra.get(6, [])),
        "review": [f"全年发生政府信息公开行政复议{v4[('review', 'total')]}件，"
                   f"行政诉讼{v4[('direct', 'total')] + v4[('after', 'total')]}件。"],
    }


def _t2_html(ed, values: dict | None = None) -> str:
    if ed.name == "2021":
        blocks = [("（一）", ["本年制发件数", "本年废止件数", "现行有效件数"], [("规章", [0, 0, 3]), ("行政规范性文件", [2, 1, 15])]),
                  ("（五）", ["本年处理决定数量"], [("行政许可", [1520])]),
                  ("（六）", ["本年处理决定数量"], [("行政处罚", [37]), ("行政强制", [0])]),
                  ("（八）", ["本年收费金额（单位：万元）"], [("行政事业性收费", ["12.5"])])]
    else:
        blocks = [("（一）", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], [("规章", [0, 0, 3]), ("规范性文件", [2, 2, 15])]),
                  ("（五）", ["上一年项目数量", "本年增/减", "处理决定数量"], [("行政许可", [40, -2, 1520])]),
                  ("（八）", ["上一年项目数量", "本年增/减"], [("行政事业性收费", [3, 0])]),
                  ("（九）", ["采购项目数量", "采购总金额"], [("政府集中采购", [4, "56.2"])])]
    if values:
        blocks = [(item, heads, [(label, values.get(label, vals)) for label, vals in rows]) for item, heads, rows in blocks]
    width = 4
    out = ['<table border="1" cellspacing="0" style="border-collapse:collapse"><tbody>']
    for item, heads, rows in blocks:
        out.append(f'<tr><td colspan="{width}" style="text-align:center"><p>第二十条第{item}项</p></td></tr>')
        def spans(n):  # fill the 3 value columns: the last cell takes what is left
            return [1] * (n - 1) + [3 - (n - 1)]
        out.append("<tr><td><p>信息内容</p></td>" + "".join(f'<td colspan="{c}"><p>{h}</p></td>'
                                                        for h, c in zip(heads, spans(len(heads)))) + "</tr>")
        for label, vals in rows:
            out.append(f"<tr><td><p>{label}</p></td>" + "".join(
                f'<td colspan="{c}"><p>{v}</p></td>' for v, c in zip(vals, spans(len(vals)))) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _t3_html(m: dict) -> str:
    rows, cols, v3 = m["rows"], m["cols"], m["v3"]
    out = ['<table border="1" cellspacing="0" style="border-collapse:collapse"><tbody>',
           '<tr><td rowspan="3" colspan="3"><p>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</p></td>'
           '<td colspan="7"><p>申请人情况</p></td></tr>',
           '<tr><td rowspan="2"><p>自然人</p></td><td colspan="5"><p>法人或其他组织</p></td><td rowspan="2"><p>总计</p></td></tr>',
           "<tr><td><p>商业<br/>企业</p></td><td><p>科研<br/>机构</p></td><td><p>社会公益组织</p></td>"
           "<td><p>法律服务机构</p></td><td><p>其他</p></td></tr>"]
    outcome = [r for r in rows if r["key"] not in ("new", "carried", "carry_next")]
    groups = {"不予公开": "（三）不予公开", "无法提供": "（四）无法提供", "不予处理": "（五）不予处理", "其他处理": "（六）其他处理"}
    top_labels = {"new": "一、本年新收政府信息公开申请数量", "carried": "二、上年结转政府信息公开申请数量",
                  "carry_next": "四、结转下年度继续办理"}
    simple = {"open": "（一）予以公开", "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
              "total": "（七）总计", "other_1": "（六）其他处理"}
    seen_group = set()
    first_outcome = True

    def nums(key):
        return "".join(f'<td><p>{v3[(key, c)]}</p></td>' for c in cols)

    for r in rows:
        k = r["key"]
        if k in top_labels:
            out.append(f'<tr><td colspan="3"><p>{top_labels[k]}</p></td>{nums(k)}</tr>')
            continue
        lead = ""
        if first_outcome:
            lead = f'<td rowspan="{len(outcome)}"><p>三、本年度办理结果</p></td>'
            first_outcome = False
        g = r.get("group")
        if g:
            n = sum(1 for x in rows if x.get("group") == g)
            idx = [x["key"] for x in rows if x.get("group") == g].index(k) + 1
            gcell = "" if g in seen_group else f'<td rowspan="{n}"><p>{groups[g]}</p></td>'
            seen_group.add(g)
            out.append(f'<tr>{lead}{gcell}<td><p>{idx}.{r["label"] if k != "deny_3" else "危及“三安全一稳定”"}</p></td>{nums(k)}</tr>')
        else:
            out.append(f'<tr>{lead}<td colspan="2"><p>{simple.get(k, r["label"])}</p></td>{nums(k)}</tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


def _t4_html(m: dict) -> str:
    v4 = m["v4"]
    heads = "".join(f"<td><p>{h}</p></td>" for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    vals = "".join(f"<td><p>{v4[(g, c)]}</p></td>" for g in ("review", "direct", "after")
                   for c in ("upheld", "corrected", "other", "pending", "total"))
    return ('<table border="1" cellspacing="0"><tbody>'
            '<tr><td colspan="5" rowspan="2"><p>行政复议</p></td><td colspan="10"><p>行政诉讼</p></td></tr>'
            '<tr><td colspan="5"><p>未经复议直接起诉</p></td><td colspan="5"><p>复议后起诉</p></td></tr>'
            f"<tr>{heads}{heads}{heads}</tr><tr>{vals}</tr></tbody></table>")


_MSO = ("font-family:仿宋_GB2312;mso-hansi-font-family:Calibri;color:rgb(51,51,51);letter-spacing:0.0000pt;"
        "font-size:16.0000pt;mso-font-kerning:0.0000pt;background:rgb(255,255,255);mso-shading:rgb(255,255,255);")


def _word_p(text: str) -> str:
    """A paragraph as Word exports it: one styled span per run of a dozen characters."""
    runs = [text[i:i + 12] for i in range(0, len(text), 12)]
    spans = "".join(f'<span style="{_MSO}">{escape(r)}</span>' for r in runs)
    return (f'<p class="MsoNormal" style="margin:0pt;text-indent:32.0000pt;mso-pagination:widow-orphan;'
            f'line-height:28.0000pt;mso-line-height-rule:exactly;">{spans}<span style="{_MSO}"><o:p></o:p></span></p>')


HEADINGS = {1: "一、总体情况", 2: "二、主动公开政府信息情况", 3: "三、收到和处理政府信息公开申请情况",
            4: "四、政府信息公开行政复议、行政诉讼情况", 5: "五、存在的主要问题及改进情况", 6: "六、其他需要报告的事项"}


def render_html(spec: ReportSpec) -> str:
    m = _model(spec)
    p = _paragraphs(spec, m)
    title = f"{spec.agency}{spec.year}年政府信息公开工作年度报告"
    body = [f'<p class="MsoNormal" style="text-align:center"><span style="font-size:22pt">{escape(title)}</span></p>']
    body += [f'<p class="MsoNormal"><span style="mso-spacerun:yes">&nbsp;</span>{escape(x)}<o:p></o:p></p>' for x in p[0]]
    for n in range(1, 7):
        if n in spec.drop_sections:
            continue
        body.append(f'<p class="MsoNormal"><b><span style="font-family:黑体">{HEADINGS[n]}</span></b></p>')
        for x in p.get(n, []):
            body.append(_word_p(x) if spec.word else f'<p class="MsoNormal"><span lang="EN-US">{escape(x)}</span></p>')
        if n == 2:
            body.append(_t2_html(m["ed"], spec.table2))
        if n == 3:
            body.append(_t3_html(m))
        if n == 4:
            body += [f"<p>{escape(x)}</p>" for x in p["review"]]
            body.append(_t4_html(m))
    body.append(f'<p style="text-align:right">{escape(spec.agency)}</p>')
    body.append(f'<p style="text-align:right">{_cn_date(m["signed"])}</p>')
    content = "\n".join(body)
    if not spec.wrapper:
        return f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{escape(title)}</title></head><body>\n{content}\n</body></html>\n'
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{escape(title)}_政府信息公开年报</title>
<style>.nav {{ color: red }}</style>
<script>var x = "<p>一、不是正文</p>";</script>
</head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开年报</a></div>
<table class="xxgk-meta">
<tr><td>索引号：</td><td>11330000MB0000000X/{m["published"][:4]}-00012</td><td>发布机构：</td><td>{escape(spec.agency)}</td></tr>
<tr><td>成文日期：</td><td>{m["signed"]}</td><td>发布日期：</td><td>{m["published"]}</td></tr>
</table>
<div class="article">
<h1 class="title">{escape(title)}</h1>
<div class="article_content TRS_Editor">
{content}
</div>
</div>
<div class="footer"><p>主办单位：某某市人民政府办公室　版权所有　浙ICP备00000000号</p></div>
</body>
</html>
"""


def render_text(spec: ReportSpec) -> str:
    """The same report as a text extraction in the seeds' style (tables as ``|`` rows)."""
    from ..document.parse import parse_text

    doc = parse_text(render_html(spec), kind="html")
    lines = []
    if doc.title:
        lines.append(doc.title.value)
    for b in doc.blocks:
        if hasattr(b, "rows"):
            for r in b.rows:
                seen = []
                for c in r.cells:
                    if c not in seen:
                        seen.append(c)
                lines.append(" | ".join(c.text for c in seen) + " |")
        elif b.text != (doc.title.value if doc.title else None):
            lines.append(b.text)
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    import argparse
    import json

    ap = argparse.ArgumentParser(prog="python -m disclosure_lint.tools.synth", description=__doc__.splitlines()[0])
    ap.add_argument("--year", type=int, default=2022)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--agency", default=ReportSpec.agency)
    ap.add_argument("--published")
    ap.add_argument("--signed")
    ap.add_argument("--filler", type=int, default=1)
    ap.add_argument("--plant", default="{}", help='JSON, e.g. {"t3": ["deny_3", "natural", 2]}')
    ap.add_argument("--text", action="store_true", help="write the text extraction instead of HTML")
    a = ap.parse_args(argv)
    spec = ReportSpec(a.year, a.agency, a.seed, a.published, a.signed, plant={k: tuple(v) if isinstance(v, list) else v
                      for k, v in json.loads(a.plant).items()}, filler=a.filler)
    print(render_text(spec) if a.text else render_html(spec), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
