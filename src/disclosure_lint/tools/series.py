"""Synthetic series: consistent reports of many agencies over several years, with planted defects.

Built on :mod:`disclosure_lint.tools.synth`: each agency's table 3 carries last year's 结转下年度 into this
year's 上年结转, table 2 chains (现行有效 = last year's + 制发 − 废止; in the 2019 format
对外公开总数量 and 上一年项目数量), and each report gets its own 存在的主要问题 paragraph, so a
consistent corpus has no cross-report finding except those planted:

* ``breaks``: ``(agency, year)`` — 上年结转 (自然人) one more than last year's 结转下年度 (DL601);
* ``copies``: ``(agency, year, from_agency, from_year)`` — the problems paragraph copied (DL605).

Used by tests/test_corpus.py and benchmarks/corpus_bench.py.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from .synth import ReportSpec, render_html

__all__ = ["agency_name", "SeriesReport", "generate_corpus", "generate_corpus_range"]

_DIGITS = "甲乙丙丁戊己庚辛壬癸"
_WORDS = ("规范", "公开", "目录", "解读", "回应", "关切", "平台", "网站", "栏目", "政策", "文件", "标准", "流程", "考核",
          "培训", "队伍", "制度", "机制", "基层", "重点", "领域", "财政", "预算", "决算", "审批", "服务", "事项", "清单",
          "信息", "发布", "更新", "维护", "整改", "督查", "指导", "协调", "统筹", "落实", "责任", "分工", "质量", "时效",
          "形式", "图解", "视频", "新闻", "媒体", "渠道", "群众", "企业", "办事", "指南", "查询", "窗口", "档案", "保密",
          "审查", "属性", "源头", "动态", "调整", "评议", "监督", "保障", "数据", "开放", "共享", "互动", "留言", "答复")


def agency_name(i: int) -> str:
    digits = ""
    n = i
    while True:
        digits = _DIGITS[n % 10] + digits
        n //= 10
        if not n:
            break
    return f"{digits}县人民政府"


def _clause(rng: random.Random, lead: str) -> str:
    return lead + "".join(rng.sample(_WORDS, 15))


def _problems(seed: int, a: int, y: int) -> str:
    """The report's own 存在的主要问题 paragraph (another report's when a copy is planted)."""
    rng = random.Random(f"{seed}/{a}/{y}/problems")
    return "（三）" + _clause(rng, "一是") + "；" + _clause(rng, "二是") + "。"


@dataclass
class SeriesReport:
    path: str       # relative: <agency index>/<year>.html
    agency: str
    year: int
    html: str


def generate_corpus(agencies: int, years: list[int], *, seed: int = 0, breaks=(), copies=(),
                    wrapper: bool = False) -> list[SeriesReport]:
    """Agencies 0 … agencies−1, each a consistent series over *years* (see the module docstring)."""
    return list(generate_corpus_range(0, agencies, years, seed=seed, breaks=breaks, copies=copies, wrapper=wrapper))


def generate_corpus_range(first: int, last: int, years: list[int], *, seed: int = 0, breaks=(), copies=(),
                          wrapper: bool = False):
    """The series of agencies first … last−1 (a slice of a larger corpus, for parallel generation)."""
    breaks = set(map(tuple, breaks))
    copy_of = {(a, y): (fa, fy) for a, y, fa, fy in copies}
    for a in range(first, last):
        rng = random.Random(f"{seed}/{a}")
        name = agency_name(a)
        carry: dict | None = None
        t2_2021 = {"规章": [0, 0, rng.randint(0, 5)], "行政规范性文件": [0, 0, rng.randint(10, 200)]}
        t2_2019 = {"规章": [0, 0, rng.randint(0, 5)], "规范性文件": [0, 0, rng.randint(10, 200)],
                   "行政许可": [rng.randint(20, 90), 0, rng.randint(100, 2000)], "行政事业性收费": [rng.randint(1, 9), 0]}
        prev_year = None
        for y in sorted(years):
            if y >= 2021:
                for label, v in t2_2021.items():
                    made, gone = rng.randint(0, 9), rng.randint(0, 3)
                    gone = min(gone, v[2] + made)
                    t2_2021[label] = [made, gone, v[2] + made - gone]
                table2 = {k: list(v) for k, v in t2_2021.items()}
            else:
                for label in ("规章", "规范性文件"):
                    v = t2_2019[label]
                    new = rng.randint(0, 9)
                    t2_2019[label] = [new, new, v[2] + new]
                for label in ("行政许可", "行政事业性收费"):
                    v = t2_2019[label]
                    base = v[0] + v[1] if prev_year is not None else v[0]
                    delta = rng.randint(-2, 2) if base > 2 else 0
                    t2_2019[label] = [base, delta] + v[2:]
                table2 = {k: list(v) for k, v in t2_2019.items()}
            carried = dict(carry) if carry is not None and prev_year == y - 1 \
                else None
            if carried is not None and (a, y) in breaks:
                carried["natural"] = carried.get("natural", 0) + 1
            text = _problems(seed, *copy_of.get((a, y), (a, y)))
            spec = ReportSpec(year=y, agency=name, seed=rng.randint(0, 10**9), wrapper=wrapper, carried_in=carried,
                              table2=table2, extra={5: [text]})
            from .synth import _model

            m = _model(spec)
            carry = {c: m["v3"][("carry_next", c)] for c in m["cols"]}
            yield SeriesReport(f"{a}/{y}.html", name, y, render_html(spec))
            prev_year = y
