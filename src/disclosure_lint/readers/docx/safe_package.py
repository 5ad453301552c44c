"""The OOXML package (the ZIP archive), checked before anything in it is read, and its parts read safely.

Refused (DL011), each with one clear finding and no content: too many entries, a declared or actual
uncompressed size over the caps, or a compression ratio only a zip bomb has; macros (``vbaProject.bin``,
a macro-enabled content type, a ``.docm``); an archive without ``word/document.xml``; and external
relationships other than hyperlinks (remote templates, linked OLE objects, frames), which can make a
word processor fetch content. An entry is never read past the size it declares, and XML is parsed
without entities, DTDs or network access.
"""
from __future__ import annotations

import zipfile

from ...i18n import _
from ..office import REFUSED

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


def parse_xml(data: bytes | None):
    if data is None:
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    return etree.fromstring(data, parser)


def main_part(zf: zipfile.ZipFile, path: str | None) -> bytes:
    """``word/document.xml``, once the archive, its content types and its relationships are found safe."""
    check_zip(zf, path)
    ct = read_member(zf, "[Content_Types].xml") or b""
    if b"macroEnabled" in ct:
        raise ZipRefused(REFUSED, _("refused: the document is macro-enabled; save it as a .docx without macros"))
    main = read_member(zf, "word/document.xml")
    if main is None:
        raise ZipRefused(REFUSED, _("refused: a ZIP archive that is not a Word document (no word/document.xml); "
                                    "lint the report's .docx, PDF or HTML"))
    rels = parse_xml(read_member(zf, "word/_rels/document.xml.rels"))
    if rels is not None:
        for rel in rels.iter(_REL_NS + "Relationship"):
            if (rel.get("TargetMode") or "").lower() == "external" and rel.get("Type") != _HYPERLINK:
                kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
                raise ZipRefused(REFUSED, _("refused: the document has an external relationship ({kind} → "
                                            "{target}) that a word processor would fetch; remove it",
                                            kind=kind, target=(rel.get("Target") or "")[:120]))
    return main
