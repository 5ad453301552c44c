"""The chains between one year's report and the next, evaluated once for DL601–DL603 and DL608.

Every chain compares a report with its agency's report for the year before (``CorpusContext.pairs``).
A chain whose cells are all numbers is checked; a chain with a blank, “—” or text cell is not, and
says so (DL608): blank is not zero across reports either. A table missing from either report is
skipped without a word (the single-report rules already report missing tables).
"""
from __future__ import annotations

from ..source.dataclass_cache import dataclass
TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import

from ..engine.diagnostics import Finding, Related
from ..i18n import _

if TYPE_CHECKING:  # the rule modules import this one for their codes: a single report never needs summaries
    from .summary import CellFact, ReportSummary

__all__ = ["ChainResult", "evaluate_chains", "CARRY", "IN_FORCE", "CUMULATIVE", "UNCHECKED"]

CARRY, IN_FORCE, CUMULATIVE, UNCHECKED = "DL601", "DL602", "DL603", "DL608"

T3_COLUMN_NAMES = {"natural": "自然人", "commercial": "商业企业", "research": "科研机构", "welfare": "社会公益组织",
                   "legal": "法律服务机构", "other": "其他", "total": "总计"}
T2_ROW_NAMES = {"rules": "规章", "normative": "规范性文件", "licensing": "行政许可", "other_services": "其他对外管理服务事项",
                "penalty": "行政处罚", "coercion": "行政强制", "fees": "行政事业性收费"}


@dataclass
class ChainResult:
    code: str
    report: ReportSummary      # the later report: the finding sits on it
    finding: Finding


def _fmt(v) -> str:
    return str(v)


_STATE = {"blank": _("blank cell"), "na": _("not-applicable cell (— or /)")}


def _unchecked(later: ReportSummary, earlier: ReportSummary, what: str, cells: list[tuple[ReportSummary, CellFact]]):
    own = [c for r, c in cells if r is later]
    span = own[0].loc.span if own else later.anchor.span
    related = [Related(c.loc.span, _STATE.get(c.state) or _("not a number"), None if r is later else r.path)
               for r, c in cells]
    msg = _("the {what} chain from the {year} report could not be checked: {n} cell(s) are blank or not numbers",
            what=what, year=earlier.identity.year, n=len(cells))
    return ChainResult(UNCHECKED, later, Finding(span, msg, related, path=later.path))


def _carry(earlier: ReportSummary, later: ReportSummary, out: list) -> None:
    cols = [k.split(".", 2)[2] for k in later.cells if k.startswith("t3.carried.")]
    if not cols or not any(k.startswith("t3.carry_next.") for k in earlier.cells):
        return
    blanks = []
    for c in cols:
        now, before = later.cells.get(f"t3.carried.{c}"), earlier.cells.get(f"t3.carry_next.{c}")
        if now is None or before is None:
            continue
        if now.number is None or before.number is None:
            blanks += [(r, x) for r, x in ((later, now), (earlier, before)) if x.number is None]
            continue
        if now.number != before.number:
            name = T3_COLUMN_NAMES.get(c, c)
            msg = _("上年结转 ({column}) is {now}, but the {year} report carried {before} forward (结转下年度继续办理)",
                    column=name, now=_fmt(now.number), year=earlier.identity.year, before=_fmt(before.number))
            rel = [Related(before.loc.span, _("结转下年度继续办理 ({column}) in the {year} report: {value}",
                                              column=name, year=earlier.identity.year, value=_fmt(before.number)),
                           earlier.path)]
            out.append(ChainResult(CARRY, later, Finding(now.loc.span, msg, rel, suggestion=_fmt(before.number),
                                                         path=later.path)))
    if blanks:
        out.append(_unchecked(later, earlier, "上年结转", blanks))


# (row keys, this year's additions, this year's removals or None, the running total, the carried total,
#  edition): the running total of year Y = running total of Y-1 + additions(Y) - removals(Y).
_IN_FORCE_2021 = ("本年制发件数", "本年废止件数", "现行有效件数")
_IN_FORCE_2019 = ("本年新公开数量", None, "对外公开总数量")


def _in_force(earlier: ReportSummary, later: ReportSummary, out: list) -> None:
    ed = later.identity.edition
    if ed != earlier.identity.edition or ed not in ("2019", "2021"):
        return
    blanks = []
    rows = ["rules", "normative"]
    add_c, rem_c, tot_c = _IN_FORCE_2021 if ed == "2021" else _IN_FORCE_2019
    for r in rows:
        tot, add = later.cells.get(f"t2.{r}.{tot_c}"), later.cells.get(f"t2.{r}.{add_c}")
        rem = later.cells.get(f"t2.{r}.{rem_c}") if rem_c else None
        before = earlier.cells.get(f"t2.{r}.{tot_c}")
        if tot is None or add is None or before is None or (rem_c and rem is None):
            continue
        terms = [(later, tot), (later, add), (earlier, before)] + ([(later, rem)] if rem is not None else [])
        if any(x.number is None for _r, x in terms):
            blanks += [(rr, x) for rr, x in terms if x.number is None]
            continue
        want = before.number + add.number - (rem.number if rem is not None else 0)
        if tot.number != want:
            name = "行政规范性文件" if (r == "normative" and ed == "2021") else T2_ROW_NAMES[r]
            if rem is not None:
                arith = f"{before.number} + {add.number} − {rem.number} = {want}"
            else:
                arith = f"{before.number} + {add.number} = {want}"
            msg = _("{total} of {row} is {now}, but last year's {before} plus this year's change gives {arith}",
                    total=tot_c, row=name, now=tot.number, before=before.number, arith=arith)
            rel = [Related(before.loc.span, _("{total} of {row} in the {year} report: {value}", total=tot_c, row=name,
                                              year=earlier.identity.year, value=before.number), earlier.path),
                   Related(add.loc.span, _("{column} this year: {value}", column=add_c, value=add.number))]
            if rem is not None:
                rel.append(Related(rem.loc.span, _("{column} this year: {value}", column=rem_c, value=rem.number)))
            out.append(ChainResult(IN_FORCE, later, Finding(tot.loc.span, msg, rel, suggestion=str(want),
                                                            path=later.path)))
    if ed == "2019":  # 上一年项目数量 (Y) = 上一年项目数量 (Y-1) + 本年增/减 (Y-1)
        for r in ("licensing", "other_services", "penalty", "coercion", "fees"):
            now, base, delta = (later.cells.get(f"t2.{r}.上一年项目数量"), earlier.cells.get(f"t2.{r}.上一年项目数量"),
                                earlier.cells.get(f"t2.{r}.本年增/减"))
            if now is None or base is None or delta is None:
                continue
            terms = [(later, now), (earlier, base), (earlier, delta)]
            if any(x.number is None for _r, x in terms):
                blanks += [(rr, x) for rr, x in terms if x.number is None]
                continue
            want = base.number + delta.number
            if now.number != want:
                name = T2_ROW_NAMES[r]
                msg = _("上一年项目数量 of {row} is {now}, but the {year} report's {base} and 本年增/减 {delta} give {want}",
                        row=name, now=now.number, year=earlier.identity.year, base=base.number, delta=delta.number,
                        want=want)
                rel = [Related(base.loc.span, _("上一年项目数量 of {row} in the {year} report: {value}", row=name,
                                                year=earlier.identity.year, value=base.number), earlier.path),
                       Related(delta.loc.span, _("本年增/减 of {row} in the {year} report: {value}", row=name,
                                                 year=earlier.identity.year, value=delta.number), earlier.path)]
                out.append(ChainResult(IN_FORCE, later, Finding(now.loc.span, msg, rel, suggestion=str(want),
                                                                path=later.path)))
    if blanks:
        out.append(_unchecked(later, earlier, "现行有效", blanks))


def _cumulative(earlier: ReportSummary, later: ReportSummary, out: list) -> None:
    if not earlier.stats or not later.stats:
        return
    blanks = []
    for key, cols in later.stats.items():
        prev = earlier.stats.get(key)
        if prev is None:
            continue
        now, this_year, before = cols["cumulative"], cols["year"], prev["cumulative"]
        terms = [(later, now), (later, this_year), (earlier, before)]
        if any(x.number is None for _r, x in terms):
            blanks += [(r, x) for r, x in terms if x.number is None]
            continue
        want = before.number + this_year.number
        if now.number == want:
            continue
        label = now.label or key
        if now.number < before.number:
            msg = _("历年累计 of “{row}” falls from {before} (the {year} report) to {now}; a running total never falls",
                    row=label, before=before.number, year=earlier.identity.year, now=now.number)
        else:
            msg = _("历年累计 of “{row}” is {now}, but the {year} report's {before} plus 本年度 {add} gives {want}",
                    row=label, now=now.number, year=earlier.identity.year, before=before.number,
                    add=this_year.number, want=want)
        rel = [Related(before.loc.span, _("历年累计 in the {year} report: {value}", year=earlier.identity.year,
                                          value=before.number), earlier.path),
               Related(this_year.loc.span, _("本年度: {value}", value=this_year.number))]
        out.append(ChainResult(CUMULATIVE, later, Finding(now.loc.span, msg, rel, suggestion=str(want),
                                                          path=later.path)))
    if blanks:
        out.append(_unchecked(later, earlier, "历年累计", blanks))


def evaluate_chains(ctx) -> list[ChainResult]:
    out: list[ChainResult] = []
    for _series, earlier, later in ctx.pairs():
        _carry(earlier, later, out)
        _in_force(earlier, later, out)
        _cumulative(earlier, later, out)
    return out
