"""``dlint parse``: the document tree with spans, for debugging and for rule writers."""
from __future__ import annotations

import json

from ..document import Blank, Document, Heading, NotApplicable, Number, Section, Table, Unread


def _pos(doc: Document, span) -> str:
    l1, c1 = doc.source.line_col(span.start)
    l2, c2 = doc.source.line_col(span.end)
    return f"{l1}:{c1}-{l2}:{c2}"


def _value(v) -> str:
    if isinstance(v, Number):
        return f"{v.value}{v.unit or ''}"
    if isinstance(v, Blank):
        return "(blank)"
    if isinstance(v, NotApplicable):
        return f"(n/a {v.raw})"
    if isinstance(v, Unread):
        return f"(unread {v.raw})"
    return repr(v.text)


def _cell(doc: Document, c) -> str:
    mark = f"[{c.recovery}]" if c.recovery else ""
    return f"{_value(c.value)}{mark}@{_pos(doc, c.value.span)}"


def _recovery_summary(t: Table) -> str:
    counts: dict[str, int] = {}
    for c in t.cells():
        if c.recovery:
            counts[c.recovery] = counts.get(c.recovery, 0) + 1
    if not counts:
        return ""
    order = ("forced", "chosen", "ambiguous", "unsplit")
    return " recovered from run-together digits: " + ", ".join(f"{counts[k]} {k}" for k in order if k in counts)


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[:n - 1] + "…"


def dump_tree(doc: Document, out, as_json: bool = False) -> None:
    if as_json:
        json.dump(tree_dict(doc), out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    w = out.write
    w(f"Document {doc.path or '<text>'} kind={doc.kind} encoding={doc.source.encoding} ({doc.source.how}) "
      f"content={_pos(doc, doc.content_span)}\n")
    for k, f in doc.metadata.fields.items():
        w(f"  meta {k} = {f.value!r} @{_pos(doc, f.span)}\n")
    for code, msg, span in doc.problems:
        w(f"  problem {code}: {msg} @{_pos(doc, span)}\n")

    def block(b, indent):
        pad = "  " * indent
        if isinstance(b, Table):
            w(f"{pad}Table {len(b.rows)}x{b.width} @{_pos(doc, b.span)}{_recovery_summary(b)}\n")
            for r in b.rows:
                vals = " | ".join(_cell(doc, c) for c in r.values)
                w(f"{pad}  row {r.index + 1} [{_short(r.label, 50)}] {vals}\n")
        elif isinstance(b, Heading):
            w(f"{pad}Heading L{b.level} #{b.number} {_short(b.text)!r} @{_pos(doc, b.span)}\n")
        else:
            w(f"{pad}Paragraph {_short(b.text)!r} @{_pos(doc, b.span)}\n")

    def section(s: Section, indent):
        if s.heading is not None:
            w(f"{'  ' * indent}Section L{s.level} {s.heading.marker.text}{_short(s.title, 40)} @{_pos(doc, s.heading.span)}\n")
        for b in s.blocks:
            block(b, indent + 1)
        for c in s.children:
            section(c, indent + 1)

    section(doc.root, 0)


def tree_dict(doc: Document) -> dict:
    def sp(span):
        return [span.start, span.end]

    def b(x):
        if isinstance(x, Table):
            return {"type": "table", "span": sp(x.span), "width": x.width,
                    "rows": [{"label": r.label, "span": sp(r.span),
                              "values": [{"kind": c.value.kind, "text": c.text, "span": sp(c.value.span),
                                          "header": x.column_header(c.col),
                                          **({"recovery": c.recovery} if c.recovery else {}),
                                          **({"value": str(c.value.value)} if isinstance(c.value, Number) else {})}
                                         for c in r.values]} for r in x.rows]}
        if isinstance(x, Heading):
            return {"type": "heading", "level": x.level, "number": x.number, "text": x.text, "span": sp(x.span)}
        return {"type": "paragraph", "text": x.text, "span": sp(x.span)}

    def s(sec):
        return {"heading": sec.heading.text if sec.heading else None, "level": sec.level,
                "blocks": [b(x) for x in sec.blocks], "children": [s(c) for c in sec.children]}

    return {"path": doc.path, "kind": doc.kind, "encoding": doc.source.encoding,
            "metadata": {k: {"value": f.value, "span": sp(f.span)} for k, f in doc.metadata.fields.items()},
            "problems": [{"code": c, "message": m, "span": sp(x)} for c, m, x in doc.problems],
            "root": s(doc.root)}
