"""The scorecard: one self-contained HTML page for a whole run (no network: inline CSS, inline SVG, a
few lines of inline script to sort the table).

A summary (reports read, by edition and agency level; findings by severity and rule), charts made with
Altair (Vega-Lite) and rendered to SVG by vl-convert (the ``report`` extra), a sortable table of the
reports with their score (docs/scorecard.md), and per report its findings with the text they quote.
Without the extra the page is written without charts and says so.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from html import escape

from .score import PER_RULE_CAP, WEIGHTS, report_score
from ..i18n import _
from ..source.re_cache import compile_re

__all__ = ["render", "charts", "MAX_FINDINGS_SHOWN"]

MAX_FINDINGS_SHOWN = 300      # per report; the CSV and JSON formats carry them all
MAX_QUOTE = 160               # characters of quoted text shown per finding
_CONTROL = compile_re(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:24px auto;max-width:1200px;color:#1f2933;background:#fff;line-height:1.5}
h1{font-size:26px;margin:0 0 4px} h2{font-size:20px;margin:28px 0 8px;border-bottom:2px solid #e4e7eb}
.meta{color:#616e7c} .cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid #cbd2d9;border-radius:8px;padding:10px 16px;min-width:130px;background:#f5f7fa}
.card b{display:block;font-size:26px} table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #e4e7eb;padding:4px 8px;text-align:left;vertical-align:top;font-size:14px}
th{background:#f0f4f8;cursor:pointer;user-select:none} th.num,td.num{text-align:right}
.error{color:#ba2525;font-weight:bold} .warning{color:#b44d12;font-weight:bold} .info{color:#0b69a3}
.charts{display:flex;flex-wrap:wrap;gap:16px} .chart{border:1px solid #e4e7eb;border-radius:8px;padding:8px}
details{margin:6px 0;border:1px solid #e4e7eb;border-radius:6px;padding:4px 10px}
summary{cursor:pointer;font-weight:bold} q{background:#fff3c4;quotes:none;padding:0 2px}
.small{font-size:12px;color:#616e7c} .score-low{background:#ffe3e3} .score-mid{background:#fff3c4}
.score-high{background:#e3f9e5}
"""

_SORT_JS = """
document.querySelectorAll('table.sortable th').forEach(function(th,i){th.addEventListener('click',function(){
var t=th.closest('table'),b=t.tBodies[0],rows=Array.from(b.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
rows.sort(function(x,y){var a=x.cells[i].dataset.v||x.cells[i].textContent,c=y.cells[i].dataset.v||y.cells[i].textContent;
var na=parseFloat(a),nc=parseFloat(c);var r=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c,'zh');return asc?r:-r;});
rows.forEach(function(r){b.appendChild(r);});});});
"""


def _e(s) -> str:
    return escape(_CONTROL.sub("", "" if s is None else str(s)), quote=True)


def _report_rows(results):
    out = []
    for i, res in enumerate(results):
        rep = res.report or {}
        sev = Counter(d.severity.value for d in res.diagnostics)
        out.append({"i": i, "res": res, "path": res.path, "agency": rep.get("agency") or "",
                    "year": rep.get("year"), "edition": rep.get("edition") or "",
                    "level": rep.get("agency_level") or "", "errors": sev["error"], "warnings": sev["warning"],
                    "infos": sev["info"], "score": report_score(res.diagnostics, res.error)})
    return out


def charts(results) -> list[tuple[str, str]]:
    """(title, inline SVG) for each chart; empty when the ``report`` extra is missing."""
    try:
        import altair as alt
        import vl_convert as vlc
    except ImportError:
        return []
    rows = _report_rows(results)
    by_rule: Counter = Counter()
    by_agency: Counter = Counter()
    by_year: Counter = Counter()
    failing: dict[str, set] = defaultdict(set)
    for r in rows:
        for d in r["res"].diagnostics:
            by_rule[d.code] += 1
            by_agency[r["agency"] or _("(unknown agency)")] += 1
            by_year[str(r["year"]) if r["year"] else _("(unknown year)")] += 1
            if d.severity.value != "info":
                failing[d.code].add(r["i"])
    n = max(1, len(rows))
    specs = []

    def bar(data, x, y, title, xtitle, ytitle, sort="-x", fmt=None, top=40):
        data = data[:top]
        if not data:
            return
        enc_x = alt.X(f"{x}:Q", title=xtitle, axis=alt.Axis(format=fmt) if fmt else alt.Axis())
        chart = (alt.Chart(alt.Data(values=data), title=title)
                 .mark_bar(color="#2680c2")
                 .encode(x=enc_x, y=alt.Y(f"{y}:N", sort=sort, title=ytitle),
                         tooltip=[alt.Tooltip(f"{y}:N"), alt.Tooltip(f"{x}:Q", format=fmt or "d")])
                 .properties(width=420, height=max(60, 18 * len(data))))
        specs.append((title, chart))

    bar([{"rule": c, "n": k} for c, k in by_rule.most_common()], "n", "rule",
        _("Findings per rule"), _("findings"), _("rule"))
    bar([{"agency": a, "n": k} for a, k in by_agency.most_common()], "n", "agency",
        _("Findings per agency"), _("findings"), _("agency"), top=30)
    bar([{"year": y, "n": k} for y, k in sorted(by_year.items())], "n", "year",
        _("Findings per report year"), _("findings"), _("report year"), sort="ascending")
    bar([{"rule": c, "share": 1 - len(failing[c]) / n} for c in sorted(failing)], "share", "rule",
        _("Share of reports that pass each check"), _("share of reports"), _("rule"), sort="x", fmt=".0%")
    out = []
    for title, chart in specs:
        try:
            svg = vlc.vegalite_to_svg(chart.to_dict())
        except Exception:  # a chart that cannot be drawn must not lose the page
            continue
        out.append((title, svg))
    return out


def _score_class(score) -> str:
    if score is None:
        return ""
    return "score-high" if score >= 90 else "score-mid" if score >= 60 else "score-low"


def _labels() -> dict[str, str]:
    """The page's fixed words in the active language (literal _() calls, so that Babel extracts them)."""
    return {
        "Charts": _("Charts"),
        "Findings by report": _("Findings by report"),
        "No findings: nothing to chart.": _("No findings: nothing to chart."),
        "Reports": _("Reports"),
        "Summary": _("Summary"),
        "code": _("code"),
        "dlint scorecard": _("dlint scorecard"),
        "findings": _("findings"),
        "line:column": _("line:column"),
        "message": _("message"),
        "reports": _("reports"),
        "rule": _("rule"),
        "score": _("score"),
        "severity": _("severity"),
        "suggestion": _("suggestion"),
        "text": _("text"),
    }


def render(results, stream, **kw) -> None:
    L = _labels()
    results = list(results)
    rows = _report_rows(results)
    diags = [d for r in results for d in r.diagnostics]
    sev = Counter(d.severity.value for d in diags)
    by_rule: Counter = Counter((d.code, d.name, d.severity.value) for d in diags)
    by_edition = Counter(r["edition"] or _("(none)") for r in rows)
    by_level = Counter(r["level"] or _("(unknown)") for r in rows)
    scored = [r["score"] for r in rows if r["score"] is not None]
    w = stream.write
    w("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
    w(f"<title>{_e(L['dlint scorecard'])}</title><style>{_CSS}</style></head><body>\n")
    w(f"<h1>{_e(L['dlint scorecard'])}</h1>")
    made = _("Made {when} by dlint.", when=_dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
    w(f"<p class=\"meta\">{_e(made)}</p>\n")
    w("<div class=\"cards\">")
    cards = [(_("reports read"), len(rows)), (_("errors"), sev["error"]), (_("warnings"), sev["warning"]),
             (_("information"), sev["info"]),
             (_("mean score"), f"{sum(scored) / len(scored):.1f}" if scored else "—"),
             (_("reports with no error or warning"), sum(1 for r in rows if not r["errors"] and not r["warnings"]))]
    for label, value in cards:
        w(f"<div class=\"card\"><b>{_e(value)}</b>{_e(label)}</div>")
    w("</div>\n")

    w(f"<h2>{_e(L['Summary'])}</h2><div class=\"charts\">")
    for title, counter in ((_("Reports by edition"), by_edition), (_("Reports by agency level"), by_level)):
        w(f"<div><table><thead><tr><th>{_e(title)}</th><th class=\"num\">{_e(L['reports'])}</th></tr></thead><tbody>")
        for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            w(f"<tr><td>{_e(k)}</td><td class=\"num\">{v}</td></tr>")
        w("</tbody></table></div>")
    w("</div>\n")
    w(f"<table class=\"sortable\"><thead><tr><th>{_e(L['code'])}</th><th>{_e(L['rule'])}</th>"
      f"<th>{_e(L['severity'])}</th><th class=\"num\">{_e(L['findings'])}</th></tr></thead><tbody>")
    for (code, name, s), k in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        w(f"<tr><td>{_e(code)}</td><td>{_e(name)}</td><td class=\"{s}\">{_e(s)}</td><td class=\"num\">{k}</td></tr>")
    w("</tbody></table>\n")

    drawn = charts(results) if diags else []
    w(f"<h2>{_e(L['Charts'])}</h2>")
    if drawn:
        w("<div class=\"charts\">")
        for title, svg in drawn:
            w(f"<figure class=\"chart\" aria-label=\"{_e(title)}\">{svg}</figure>")
        w("</div>\n")
    elif diags:
        note = _("Charts need the report extra: pip install 'disclosure-lint[report]'.")
        w(f"<p class=\"small\">{_e(note)}</p>")
    else:
        w(f"<p class=\"small\">{_e(L['No findings: nothing to chart.'])}</p>")

    score_note = _("Score = 100 − {e} per error − {w} per warning, at most {cap} findings of one rule counted; "
                   "see docs/scorecard.md. Click a column to sort.", e=WEIGHTS["error"], w=WEIGHTS["warning"],
                   cap=PER_RULE_CAP)
    w(f"<h2>{_e(L['Reports'])}</h2><p class=\"small\">"
      f"{_e(score_note)}</p>")
    heads = [(_("report"), ""), (_("agency"), ""), (_("year"), "num"), (_("edition"), ""), (_("level"), ""),
             (_("errors"), "num"), (_("warnings"), "num"), (_("information"), "num"), (_("score"), "num")]
    w("<table class=\"sortable\" id=\"reports\"><thead><tr>")
    for h, cls in heads:
        w(f"<th class=\"{cls}\">{_e(h)}</th>")
    w("</tr></thead><tbody>")
    for r in rows:
        score = r["score"]
        w(f"<tr><td><a href=\"#r{r['i']}\">{_e(r['path'])}</a></td><td>{_e(r['agency'])}</td>"
          f"<td class=\"num\">{_e(r['year'] or '')}</td><td>{_e(r['edition'])}</td><td>{_e(r['level'])}</td>"
          f"<td class=\"num\">{r['errors']}</td><td class=\"num\">{r['warnings']}</td><td class=\"num\">{r['infos']}</td>"
          f"<td class=\"num {_score_class(score)}\" data-v=\"{-1 if score is None else score}\">"
          f"{'—' if score is None else score}</td></tr>")
    w("</tbody></table>\n")

    w(f"<h2>{_e(L['Findings by report'])}</h2>")
    for r in rows:
        res = r["res"]
        n = len(res.diagnostics)
        count = _("{n} findings", n=n)
        w(f"<details id=\"r{r['i']}\"{' open' if n and len(rows) <= 20 else ''}><summary>{_e(r['path'])} — "
          f"{_e(count)}, {_e(L['score'])} {'—' if r['score'] is None else r['score']}</summary>")
        if res.error:
            w(f"<p class=\"error\">{_e(res.error)}</p>")
        if n:
            w(f"<table><thead><tr><th>{_e(L['line:column'])}</th><th>{_e(L['code'])}</th><th>{_e(L['severity'])}</th>"
              f"<th>{_e(L['message'])}</th><th>{_e(L['text'])}</th></tr></thead><tbody>")
            for d in res.diagnostics[:MAX_FINDINGS_SHOWN]:
                p = res.start(d.span)
                quote = res.text(d.span)
                if len(quote) > MAX_QUOTE:
                    quote = quote[:MAX_QUOTE] + "…"
                sugg = f"<br><span class=\"small\">{_e(L['suggestion'])}: {_e(d.suggestion)}</span>" \
                    if d.suggestion else ""
                w(f"<tr><td>{p.line}:{p.column}</td><td>{_e(d.code)}</td><td class=\"{d.severity.value}\">"
                  f"{_e(d.severity.value)}</td><td>{_e(d.message)}{sugg}</td><td><q>{_e(quote)}</q></td></tr>")
            w("</tbody></table>")
            if n > MAX_FINDINGS_SHOWN:
                more = _("… and {k} more (the CSV and JSON formats list them all).", k=n - MAX_FINDINGS_SHOWN)
                w(f"<p class=\"small\">{_e(more)}</p>")
        w("</details>\n")
    w(f"<script>{_SORT_JS}</script></body></html>\n")
