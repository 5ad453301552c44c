"""The .docx reader: WordprocessingML read with lxml straight from the zip.

Paragraphs in document order (content controls and inserted text included, deleted text and field
codes left out); Word's automatic numbering is rendered into the text the way Word shows it
(``一、`` ``（一）`` ``1.``), so numbered headings are found by their numbering as in HTML. Tables
become tables: ``w:gridSpan`` is a colspan, a ``w:vMerge`` run of cells is one cell with a rowspan.
The core properties' created / modified dates become the metadata fields ``file_created`` /
``file_modified``.

The archive is checked before anything is decompressed: too many entries, a declared or actual
uncompressed size over the caps, or a compression ratio only a zip bomb has are refused; so are macros
(``vbaProject.bin``, a macro-enabled content type, a ``.docm``) and external relationships other than
hyperlinks (remote templates, linked OLE objects, frames), which can make a word processor fetch
content. A refused or damaged file gets one clear finding and no content.

Locations: ``{"paragraph": n}`` (1-based, every body paragraph counted) or ``{"table": t, "row": r,
"cell": c}`` (1-based; ``cell`` is the grid column).
"""
from __future__ import annotations

import io
import re
import zipfile

from ..i18n import _
from ..ptext import PText
from ..source import Span
from .blocks import RawCell, RawDocument, RawParagraph, RawRow, RawTable
from .office import (MISSING_EXTRA, REFUSED, UNREADABLE, ExtractedSource, OfficeRead, TextBuilder, failed, iso_date,
                     joiner, properties_trailer)

__all__ = ["read_docx", "OfficeRead", "check_zip", "ZipRefused"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

MAX_ENTRIES = 5000
MAX_TOTAL = 256 * 1024 * 1024       # declared uncompressed bytes, all entries
MAX_ENTRY = 64 * 1024 * 1024        # one entry
MAX_RATIO = 200                     # uncompressed / compressed, for entries over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024


class ZipRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def check_zip(zf: zipfile.ZipFile, path: str | None) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ZipRefused(REFUSED, _("refused: the archive holds {n} entries (at most {cap} are read); a Word "
                                    "file has a few dozen", n=len(infos), cap=MAX_ENTRIES))
    total = 0
    for i in infos:
        total += i.file_size
        if i.file_size > MAX_ENTRY or total > MAX_TOTAL:
            raise ZipRefused(REFUSED, _("refused: the archive declares {size} bytes uncompressed (caps: {entry} "
                                        "per entry, {total} in all): a zip bomb or not a report",
                                        size=total, entry=MAX_ENTRY, total=MAX_TOTAL))
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise ZipRefused(REFUSED, _("refused: {name} expands {ratio}-fold (at most {cap}-fold is read): "
                                        "a zip bomb", name=i.filename, ratio=i.file_size // max(i.compress_size, 1),
                                        cap=MAX_RATIO))
    names = {i.filename.lower() for i in infos}
    if any(n.endswith("vbaproject.bin") for n in names) or (path or "").lower().endswith((".docm", ".dotm")):
        raise ZipRefused(REFUSED, _("refused: the document contains macros (a .docm / vbaProject.bin); "
                                    "save it as a .docx without macros"))


def read_member(zf: zipfile.ZipFile, name: str) -> bytes | None:
    """An entry's bytes, never more than it declares (a lying header is a zip bomb)."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    with zf.open(info) as fh:
        data = fh.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise ZipRefused(REFUSED, _("refused: {name} is larger than the archive declares: a zip bomb", name=name))
    return data


def _xml(data: bytes | None):
    if data is None:
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    return etree.fromstring(data, parser)


# ---- numbering ---------------------------------------------------------------------------------------

_CN = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int, digits: str = _CN, ten: str = "十") -> str:
    if n <= 0 or n >= 1000:
        return str(n)
    out = ""
    h, rest = divmod(n, 100)
    if h:
        out += digits[h] + "百"
        if rest and rest < 10:
            out += digits[0]
    t, u = divmod(rest, 10)
    if t:
        out += ("" if t == 1 and not h else digits[t]) + ten
    if u:
        out += digits[u]
    return out


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾")
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """Word's list numbering: numId → levels (start, format, text), counted in document order."""

    def __init__(self, root, styles_root) -> None:
        self.abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.style_num: dict[str, tuple[str, int]] = {}
        if root is not None:
            for an in root.iter(W + "abstractNum"):
                levels = {}
                for lvl in an.iter(W + "lvl"):
                    il = _int(lvl.get(W + "ilvl"), 0)
                    start = _int(_val(lvl.find(W + "start")), 1)
                    fmt = _val(lvl.find(W + "numFmt")) or "decimal"
                    text = _val(lvl.find(W + "lvlText"))
                    levels[il] = (start, fmt, text if text is not None else "")
                self.abstract[an.get(W + "abstractNumId", "")] = levels
            for num in root.iter(W + "num"):
                overrides = {}
                for ov in num.iter(W + "lvlOverride"):
                    so = ov.find(W + "startOverride")
                    if so is not None:
                        overrides[_int(ov.get(W + "ilvl"), 0)] = _int(_val(so), 1)
                self.nums[num.get(W + "numId", "")] = (_val(num.find(W + "abstractNumId")) or "", overrides)
        if styles_root is not None:
            based: dict[str, str] = {}
            direct: dict[str, tuple[str, int]] = {}
            for st in styles_root.iter(W + "style"):
                sid = st.get(W + "styleId", "")
                b = st.find(W + "basedOn")
                if b is not None:
                    based[sid] = _val(b) or ""
                np_ = st.find(f"{W}pPr/{W}numPr")
                if np_ is not None:
                    nid = _val(np_.find(W + "numId"))
                    if nid is not None:
                        direct[sid] = (nid, _int(_val(np_.find(W + "ilvl")), 0))
            for sid in list(based) + list(direct):
                seen, s = set(), sid
                while s and s not in direct and s not in seen:
                    seen.add(s)
                    s = based.get(s, "")
                if s in direct:
                    self.style_num[sid] = direct[s]

    def label(self, p) -> str:
        """The number text Word shows before paragraph *p* ("" when it is not numbered)."""
        ppr = p.find(W + "pPr")
        num_id, ilvl = None, 0
        if ppr is not None:
            np_ = ppr.find(W + "numPr")
            if np_ is not None:
                num_id = _val(np_.find(W + "numId"))
                ilvl = _int(_val(np_.find(W + "ilvl")), 0)
            if num_id is None:
                ps = ppr.find(W + "pStyle")
                if ps is not None and _val(ps) in self.style_num:
                    num_id, ilvl = self.style_num[_val(ps)]
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abs_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abs_id)
        if not levels or ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        # Instances of one abstract numbering continue one another, as in Word; an instance with a
        # start override restarts the list the first time it is used.
        counts = self.counters.setdefault(abs_id, [None] * 9)
        if overrides and num_id not in self.started:
            for lvl in overrides:
                if 0 <= lvl < 9:
                    counts[lvl] = None
        self.started.add(num_id)
        start = overrides.get(ilvl, levels[ilvl][0])
        counts[ilvl] = start if counts[ilvl] is None else counts[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        fmt, text = levels[ilvl][1], levels[ilvl][2]
        if fmt == "bullet":
            return ""

        def level_value(m):
            k = int(m.group(1)) - 1
            if not 0 <= k < 9 or k not in levels:
                return ""
            v = counts[k] if counts[k] is not None else levels[k][0]
            return format_number(v, levels[k][1] if k != ilvl else fmt)
        return re.sub(r"%([1-9])", level_value, text)


def _val(el) -> str | None:
    return None if el is None else el.get(W + "val")


def _int(s, default: int) -> int:
    try:
        return int(s)
    except (TypeError, ValueError):
        return default


# ---- text ---------------------------------------------------------------------------------------------

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {W + "del", W + "instrText", W + "delText", W + "fldChar", W + "rPr", W + "pPr", W + "commentReference",
         W + "footnoteReference", W + "endnoteReference", _MC + "Fallback"}  # Fallback repeats the Choice


def paragraph_text(p) -> str:
    out: list[str] = []

    def walk(el):
        for ch in el:
            tag = ch.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "t":
                out.append(ch.text or "")
            elif tag == W + "tab":
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "sym":
                pass
            elif tag == W + "tbl":
                continue  # a table nested in a paragraph's content: not this paragraph's text
            else:
                walk(ch)
    walk(p)
    text = "".join(out)
    if "\n" in text:  # a manual line break inside a sentence must not split a number or a word
        parts = text.split("\n")
        joined = parts[0]
        for part in parts[1:]:
            joined += joiner(joined, part) + part
        text = joined
    return text.replace("\t", " ")


def _flat(text: str) -> str:
    return re.sub(r"[\r\n\u2028\u2029]+", " ", text)


def _body_items(body):
    """Paragraphs and tables in document order, content controls and custom XML unwrapped."""
    for ch in body:
        tag = ch.tag
        if tag == W + "p" or tag == W + "tbl":
            yield ch
        elif tag in (W + "sdt", W + "customXml", W + "ins", W + "smartTag"):
            inner = ch.find(W + "sdtContent") if tag == W + "sdt" else ch
            if inner is not None:
                yield from _body_items(inner)


def _cell_text(tc, numbering: Numbering) -> str:
    parts: list[str] = []
    for item in _body_items(tc):
        if item.tag == W + "p":
            t = (numbering.label(item) + paragraph_text(item)).strip()
        else:
            t = " ".join(_cell_text(c, numbering) for c in item.iter(W + "tc"))
        if t:
            parts.append(t)
    out = ""
    for t in parts:
        out += joiner(out, t) + t if out else t
    return _flat(out)


# ---- the reader ---------------------------------------------------------------------------------------

def read_docx(data: bytes, path: str | None = None) -> OfficeRead:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        return failed(path, "docx", UNREADABLE, _("cannot read this .docx: the ZIP archive is damaged or "
                                                  "truncated ({error})", error=str(exc) or type(exc).__name__))
    try:
        with zf:
            return _read(zf, path)
    except ZipRefused as exc:
        return failed(path, "docx", exc.code, exc.message)
    except ImportError as exc:  # lxml is a core dependency; say so rather than fail
        return failed(path, "docx", MISSING_EXTRA, _("reading .docx needs lxml: {error}", error=str(exc)))
    except Exception as exc:  # damaged XML, a bad CRC, an unsupported compression: one finding, no traceback
        return failed(path, "docx", UNREADABLE, _("cannot read this .docx: {error}",
                                                  error=f"{type(exc).__name__}: {exc}"[:300]))


def _read(zf: zipfile.ZipFile, path: str | None) -> OfficeRead:
    check_zip(zf, path)
    ct = read_member(zf, "[Content_Types].xml") or b""
    if b"macroEnabled" in ct:
        raise ZipRefused(REFUSED, _("refused: the document is macro-enabled; save it as a .docx without macros"))
    main = read_member(zf, "word/document.xml")
    if main is None:
        raise ZipRefused(REFUSED, _("refused: a ZIP archive that is not a Word document (no word/document.xml); "
                                    "lint the report's .docx, PDF or HTML"))
    rels = _xml(read_member(zf, "word/_rels/document.xml.rels"))
    if rels is not None:
        for rel in rels.iter(_REL_NS + "Relationship"):
            if (rel.get("TargetMode") or "").lower() == "external" and rel.get("Type") != _HYPERLINK:
                kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
                raise ZipRefused(REFUSED, _("refused: the document has an external relationship ({kind} → "
                                            "{target}) that a word processor would fetch; remove it",
                                            kind=kind, target=(rel.get("Target") or "")[:120]))
    root = _xml(main)
    numbering = Numbering(_xml(read_member(zf, "word/numbering.xml")), _xml(read_member(zf, "word/styles.xml")))
    core = _xml(read_member(zf, "docProps/core.xml"))
    body = root.find(W + "body") if root is not None else None
    tb = TextBuilder()
    raw = RawDocument()
    n_par = n_tab = 0
    if body is not None:
        for item in _body_items(body):
            if item.tag == W + "p":
                n_par += 1
                text = _flat(numbering.label(item) + paragraph_text(item))
                if not text.strip():
                    continue
                start = tb.add(text, {"paragraph": n_par})
                tb.plain("\n")
                raw.blocks.append(RawParagraph(PText.literal(text, start), Span(start, start + len(text))))
            else:
                n_tab += 1
                t = _table(item, n_tab, numbering, tb)
                if t is not None:
                    raw.blocks.append(t)
    content_end = tb.n
    raw.content_span = Span(0, content_end)
    meta = _core_properties(core, tb)
    src = ExtractedSource(tb.text(), path, "docx", tb.loc_at, tb.locs)
    return OfficeRead(src, raw, meta, [])


def _core_properties(core, tb: TextBuilder) -> dict:
    """created / modified as metadata, written after the content so each has a span of its own."""
    if core is None:
        return {}
    found = {}
    for el in core:
        name = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if name in ("created", "modified"):
            v = iso_date(el.text or "")
            if v:
                found["file_" + name] = v
    return properties_trailer(found, tb)


def _rows(tbl):
    """The table's rows, content controls and custom XML around them unwrapped."""
    for ch in tbl:
        if ch.tag == W + "tr":
            yield ch
        elif ch.tag in (W + "sdt", W + "customXml"):
            inner = ch.find(W + "sdtContent") if ch.tag == W + "sdt" else ch
            if inner is not None:
                yield from _rows(inner)


def _table(tbl, t_index: int, numbering: Numbering, tb: TextBuilder) -> RawTable | None:
    rows: list[RawRow] = []
    # (grid column) -> the RawCell a vertical merge continues, and the row it started in
    above: dict[int, RawCell] = {}
    r_index = 0
    for tr in _rows(tbl):
        r_index += 1
        col = 0
        trpr = tr.find(W + "trPr")
        if trpr is not None:
            col = _int(_val(trpr.find(W + "gridBefore")), 0)
        cells: list[RawCell] = []
        row_start = tb.n
        first = True
        tcs = [c for c in tr if c.tag == W + "tc" or c.tag == W + "sdt"]
        flat = []
        for c in tcs:
            if c.tag == W + "sdt":
                inner = c.find(W + "sdtContent")
                flat.extend(x for x in (inner if inner is not None else []) if x.tag == W + "tc")
            else:
                flat.append(c)
        for tc in flat:
            tcpr = tc.find(W + "tcPr")
            span = max(1, min(_int(_val(tcpr.find(W + "gridSpan")) if tcpr is not None else None, 1), 200))
            vm = tcpr.find(W + "vMerge") if tcpr is not None else None
            continues = vm is not None and (_val(vm) or "continue") == "continue"
            if continues and col in above:
                above[col].rowspan += 1
                col += span
                continue
            text = _cell_text(tc, numbering)
            if not first:
                tb.plain(" | ")
            first = False
            tb.mark({"table": t_index, "row": r_index, "cell": col + 1})  # an empty cell has a place too
            start = tb.add(text)
            cell = RawCell(PText.literal(text, start), Span(start, start + len(text)), colspan=span)
            cells.append(cell)
            for k in range(col, col + span):
                if vm is not None:
                    above[k] = cell
                else:
                    above.pop(k, None)
            col += span
        row_end = tb.n
        tb.plain("\n")
        rows.append(RawRow(cells, Span(row_start, row_end)))
    if not rows:
        return None
    return RawTable(rows, Span(rows[0].span.start, rows[-1].span.end))
