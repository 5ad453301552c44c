"""Write the .docx and PDF test reports under tests/fixtures/office/ (run by hand; the outputs are committed).

    python tests/make_office_fixtures.py            # both; the PDF needs Debian's `chromium` + fonts-noto-cjk
    python tests/make_office_fixtures.py --docx     # only the .docx (python-docx)

One 2021-format report (synth.py, year 2022) with five planted defects, written three ways:
``report-2022.html`` (the source), ``report-2022.docx`` (python-docx: section headings numbered by Word's
own automatic numbering, not typed; table 3's header block and 三、本年度办理结果 merged with vMerge /
gridSpan), ``report-2022.pdf`` (the HTML printed by headless Chromium; table 3 runs across a page
break and Chromium repeats its header rows there) and ``report-2022-libreoffice.pdf`` (the .docx
converted by LibreOffice: table 3 runs over two page breaks, rows break across pages, no header repeated). ``PLANTED`` lists what must be found and the exact
text each finding must cover; nothing else may be flagged. A clean twin (``clean-2022.html`` / ``.docx``)
must produce no finding at all (the PDF twin is left out: its fonts make it large).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "fixtures" / "office"
YEAR = 2022
SEED = 3
# code -> the exact text the finding's span must cover (the wrong figure as written)
PLANT = {"t3": ("open", "natural", 2), "t4": ("review", "upheld", 1), "prose_sum": 5, "prose_received": 3}
PLANTED = [("DL211", None), ("DL401", None), ("DL201", None), ("DL204", None), ("DL308", "2022")]


# Distinct prose (no figures, no dates) so the report runs over several pages and table 3 over a page break.
PROSE = [
    "坚持把政府信息公开作为转变政府职能、建设法治政府的重要抓手，健全领导机制，明确分管领导和责任科室，形成主要领导亲自抓、分管领导具体抓、业务科室协同推进的工作格局。",
    "围绕就业创业、社会保险、人才人事、劳动关系等重点领域，及时公开政策措施和办事指南，方便群众查询办理，努力让数据多跑路、群众少跑腿。",
    "严格落实公开属性源头认定制度，公文在拟制时即明确公开属性，对不予公开的说明理由，确保应公开尽公开，同时做好保密审查，防止泄密事件发生。",
    "加强政策解读，坚持政策文件与解读方案同步组织、同步审签、同步部署，通过图文解读、视频解读、在线访谈等形式，帮助社会公众准确理解政策内容。",
    "畅通依申请公开渠道，规范受理、登记、审核、答复等环节，严格按照法定时限和程序办理，答复内容准确完整，依据充分，救济途径告知清楚。",
    "推进政务新媒体规范化建设，统一发布口径，及时回应社会关切，对群众留言做到件件有回音、事事有着落，提升政务服务的透明度和满意度。",
]


def report_html(planted: bool) -> str:
    from disclosure_lint.tools.synth import ReportSpec, render_html

    spec = ReportSpec(year=YEAR, seed=SEED, wrapper=False, plant=dict(PLANT) if planted else {})
    html = render_html(spec)
    extra = "".join(f'<p class="MsoNormal">{p}</p>\n' for p in PROSE)
    html = html.replace('<p class="MsoNormal"><span lang="EN-US">（一）主动公开', extra + '<p class="MsoNormal"><span lang="EN-US">（一）主动公开', 1)
    if planted:  # the improvement plan names the report year instead of the next one
        html = html.replace(f"（二）改进情况。{YEAR + 1}年，我们将", f"（二）改进情况。{YEAR}年，我们将")
    # table 3's three header rows become a <thead>: Chromium repeats them on every page the table reaches
    html = re.sub(r'(<table[^>]*><tbody>\n)(<tr><td rowspan="3" colspan="3">.*?</tr>\n<tr>.*?</tr>\n<tr>.*?</tr>\n)',
                  lambda m: m.group(1).replace("<tbody>", "<thead>") + m.group(2) + "</thead><tbody>\n",
                  html, count=1, flags=re.S)
    style = ("<style>@page { size: A4; margin: 25mm 20mm; } body { font-family: 'Noto Sans CJK SC'; "
             "font-size: 15pt; line-height: 1.6; } table { border-collapse: collapse; width: 100%; font-size: 10.5pt; } "
             "p { text-indent: 2em; margin: 0; } td p { text-indent: 0; } td { border: 1px solid #000; padding: 2px 4px; } tr { page-break-inside: avoid; } "
             "thead { display: table-header-group; }</style>")
    return html.replace("</head>", style + "</head>", 1)


# ---- .docx -------------------------------------------------------------------------------------------

_NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>"""


def _numbered(doc, paragraph, num_id: int, level: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def write_docx(html: str, path: Path, *, created: str = "2023-01-18T09:00:00Z", modified: str = "2023-01-20T08:30:00Z") -> None:
    """The report as Word writes it: body paragraphs, section headings with automatic numbering, merged cells."""
    import datetime as dt

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from disclosure_lint.document import Heading, Table
    from disclosure_lint.document.parse import parse_text

    parsed = parse_text(html, kind="html")
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    if parsed.title is not None:
        d.add_paragraph(parsed.title.value, style="Title")
    for b in parsed.blocks:
        if isinstance(b, Table):
            t = d.add_table(rows=len(b.rows), cols=b.width)
            t.style = "Table Grid"
            done = set()
            for r in b.rows:
                for c in r.cells:
                    if id(c) in done:
                        continue
                    done.add(id(c))
                    top = t.cell(c.row, c.col)
                    if c.rowspan > 1 or c.colspan > 1:
                        top = top.merge(t.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
                    top.text = c.raw.strip()
            continue
        if b.text == (parsed.title.value if parsed.title else None):
            continue
        if isinstance(b, Heading) and b.level == 1 and b.number <= 6 and len(b.text) <= 30:
            p = d.add_paragraph(b.title.text, style="Heading 1")   # the number comes from numbering.xml
            _numbered(d, p, 90, 0)
        else:
            d.add_paragraph(b.text)
    cp = d.core_properties
    cp.created = dt.datetime.fromisoformat(created.replace("Z", "+00:00")).replace(tzinfo=None)
    cp.modified = dt.datetime.fromisoformat(modified.replace("Z", "+00:00")).replace(tzinfo=None)
    cp.title = parsed.title.value if parsed.title else ""
    d.save(path)


# ---- PDF ---------------------------------------------------------------------------------------------

def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def write_pdf(html: str, path: Path) -> None:
    exe = chromium()
    if exe is None:
        raise SystemExit("no chromium: apt-get install -y chromium fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "r.html"
        src.write_text(html, encoding="utf-8")
        out = Path(tmp) / "r.pdf"
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={out}", src.as_uri()], check=True, capture_output=True, timeout=120)
        path.write_bytes(out.read_bytes())


def write_libreoffice_pdf(docx_path: Path, path: Path) -> None:
    """The .docx converted by LibreOffice (Debian's libreoffice-writer-nogui): another producer, whose
    rows break across pages and whose header rows are not repeated."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        print("skipped the LibreOffice PDF: apt-get install -y libreoffice-writer-nogui", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([exe, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx_path)], check=True,
                       capture_output=True, timeout=300)
        path.write_bytes((Path(tmp) / (docx_path.stem + ".pdf")).read_bytes())


def write_reportlab_pdf(html: str, path: Path) -> None:
    """The report laid out by a PDF library (ReportLab, if installed): each table's rules drawn as one
    path, table 3's header rows repeated on the next page, a CJK font that is not embedded."""
    try:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.platypus import Paragraph, SimpleDocTemplate, Table as RLTable, TableStyle
    except ImportError:
        print("skipped the ReportLab PDF: pip install reportlab", file=sys.stderr)
        return
    from disclosure_lint.document import Table
    from disclosure_lint.document.parse import parse_text

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=26, firstLineIndent=0, alignment=1)
    right = ParagraphStyle("right", parent=body, firstLineIndent=0, alignment=2)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=8, leading=11, wordWrap="CJK")
    parsed = parse_text(html, kind="html")
    story = []
    if parsed.title is not None:
        story.append(Paragraph(parsed.title.value, title))
    n_table = 0
    for b in parsed.blocks:
        if isinstance(b, Table):
            n_table += 1
            data = [["" for _ in range(b.width)] for _ in b.rows]
            spans, done = [], set()
            for r in b.rows:
                for c in r.cells:
                    if id(c) in done:
                        continue
                    done.add(id(c))
                    data[c.row][c.col] = Paragraph(c.raw.strip(), cell)
                    if c.rowspan > 1 or c.colspan > 1:
                        spans.append(("SPAN", (c.col, c.row), (c.col + c.colspan - 1, c.row + c.rowspan - 1)))
            widths = [480 / b.width] * b.width if b.width != 10 else [50, 50, 90] + [41.4] * 7
            t = RLTable(data, colWidths=widths, repeatRows=3 if n_table == 2 else 0)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
                                  + spans))
            story.append(t)
            continue
        if parsed.title is not None and b.text == parsed.title.value:
            continue
        style = right if b is parsed.blocks[-1] or b is parsed.blocks[-2] else body
        story.append(Paragraph(b.text, style))
    SimpleDocTemplate(str(path), pagesize=A4, title=parsed.title.value if parsed.title else "",
                      leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=60).build(story)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docx", action="store_true", help="only the .docx files")
    ap.add_argument("--pdf", action="store_true", help="only the PDF files")
    a = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, planted in (("report", True), ("clean", False)):
        html = report_html(planted)
        (OUT / f"{name}-{YEAR}.html").write_text(html, encoding="utf-8")
        if not a.pdf:
            write_docx(html, OUT / f"{name}-{YEAR}.docx")
        if not a.docx and planted:  # the planted PDF alone shows both sides: five findings, nothing else
            write_pdf(html, OUT / f"{name}-{YEAR}.pdf")
            write_libreoffice_pdf(OUT / f"{name}-{YEAR}.docx", OUT / f"{name}-{YEAR}-libreoffice.pdf")
            write_reportlab_pdf(html, OUT / f"{name}-{YEAR}-reportlab.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
