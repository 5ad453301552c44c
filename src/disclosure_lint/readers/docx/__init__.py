"""The .docx reader: WordprocessingML read with lxml straight from the zip.

The archive is checked before anything is decompressed (:mod:`.safe_package`: zip bombs, macros and
external relationships are refused). Paragraphs are read in document order (:mod:`.paragraphs`), with
Word's automatic numbering rendered into the text the way Word shows it (:mod:`.numbering`). Tables
become tables (:mod:`.tables`). The core properties' created / modified dates become the metadata
fields ``file_created`` / ``file_modified`` (:mod:`.core_properties`). A refused or damaged file gets one
clear finding and no content.

Locations: ``{"paragraph": n}`` (1-based, every body paragraph counted) or ``{"table": t, "row": r,
"cell": c}`` (1-based; ``cell`` is the grid column).
"""
from __future__ import annotations

import io
import zipfile

from ...i18n import _
from ...source.ptext import PText
from ...source import Span
from ..blocks import RawDocument, RawParagraph
from ..office import MISSING_EXTRA, UNREADABLE, ExtractedSource, OfficeRead, TextBuilder, failed
from .core_properties import core_properties
from .numbering import Numbering
from .paragraphs import body_items, one_line, paragraph_text
from .safe_package import ZipRefused, main_part, parse_xml, read_member
from .tables import read_table
from .wordml import W

__all__ = ["read_docx"]


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
    main = main_part(zf, path)
    root = parse_xml(main)
    numbering = Numbering(parse_xml(read_member(zf, "word/numbering.xml")),
                          parse_xml(read_member(zf, "word/styles.xml")))
    core = parse_xml(read_member(zf, "docProps/core.xml"))
    body = root.find(W + "body") if root is not None else None
    tb = TextBuilder()
    raw = RawDocument()
    n_par = n_tab = 0
    if body is not None:
        for item in body_items(body):
            if item.tag == W + "p":
                n_par += 1
                text = one_line(numbering.label(item) + paragraph_text(item))
                if not text.strip():
                    continue
                start = tb.add(text, {"paragraph": n_par})
                tb.plain("\n")
                raw.blocks.append(RawParagraph(PText.literal(text, start), Span(start, start + len(text))))
            else:
                n_tab += 1
                t = read_table(item, n_tab, numbering, tb)
                if t is not None:
                    raw.blocks.append(t)
    content_end = tb.n
    raw.content_span = Span(0, content_end)
    meta = core_properties(core, tb)
    src = ExtractedSource(tb.text(), path, "docx", tb.loc_at, tb.locs)
    return OfficeRead(src, raw, meta, [])
