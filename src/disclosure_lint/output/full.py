"""The human format: a code frame with carets under the span, related places listed (rich)."""
from __future__ import annotations

from collections import Counter

from .safe import term

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
WINDOW = 70  # display cells of source shown around the span
MAX_RELATED = 6


def _window(line: str, col0: int, col1: int, cell_len, more_left: bool = False,
            more_right: bool = False) -> tuple[str, int, int]:
    """Cut a long line around ``[col0, col1)`` (0-based code points into *line*); return the text
    shown (controls made visible) and the caret lead and width in display cells."""
    col0 = max(0, min(col0, len(line)))
    col1 = max(col0, min(col1, len(line)))
    shown = [term(c) for c in line]  # what each code point prints as
    start = col0
    width = 0
    while start > 0 and width < WINDOW // 3:
        start -= 1
        width += cell_len(shown[start])
    end = max(col1, col0 + 1)
    end = min(end, len(line))
    width = cell_len("".join(shown[start:end]))
    while end < len(line) and width < WINDOW:
        width += cell_len(shown[end])
        end += 1
    prefix = "…" if start > 0 or more_left else ""
    suffix = "…" if end < len(line) or more_right else ""
    text = prefix + "".join(shown[start:end]) + suffix
    lead = cell_len(prefix + "".join(shown[start:col0]))
    carets = max(1, cell_len("".join(shown[col0:min(col1, end)])))
    return text, lead, carets


def _known_window(known, col0: int, col1: int | None, cell_len) -> tuple[str, int, int]:
    """:func:`_window` over a line of which only windows are known (``KnownLine``): around
    ``[col0, col1)`` (0-based; *col1* None when the span runs on past the line), as over the whole line."""
    n = known.length
    line, first = known.frame(col0, col1)
    lo = first - 1
    end_col = min(n if col1 is None else col1, n) - lo
    return _window(line, min(col0, n) - lo, end_col, cell_len, more_left=lo > 0, more_right=lo + len(line) < n)


def _where(res, span, a) -> str:
    """The place in a .docx or PDF (the frame below shows the extracted text)."""
    from ..i18n import _

    if a.page is not None:
        return _(" (page {page}, line {line})", page=a.page, line=a.page_line) if a.page_line \
            else _(" (page {page})", page=a.page)
    loc = res.location(span)
    if not loc:
        return ""
    if "paragraph" in loc:
        return _(" (paragraph {n})", n=loc["paragraph"])
    return _(" (table {table}, row {row}, cell {cell})", table=loc.get("table"), row=loc.get("row"),
             cell=loc.get("cell"))


def render(results, stream, color: bool | None = None, **kw) -> None:
    from ..i18n import _, _n, display_name, severity_label
    from rich.cells import cell_len
    from rich.console import Console
    from rich.markup import escape

    # color: True/False decided by the caller (--color, NO_COLOR, FORCE_COLOR); None lets rich decide
    console = Console(file=stream, force_terminal=color, no_color=(None if color is None else not color),
                      highlight=False,
                      soft_wrap=True, emoji=False)
    counts: Counter = Counter()
    for res in results:
        for d in res.diagnostics:
            counts[d.severity.value] += 1
            a, b = res.start(d.span), res.end(d.span)
            sev = d.severity.value
            console.print(f"[bold]{escape(term(res.path))}:{a.line}:{a.column}:[/]{escape(_where(res, d.span, a))} "
                          f"[{_STYLE[sev]}]{d.code}[/] [{_STYLE[sev]}]{severity_label(sev)}[/]: "
                          f"{escape(term(d.message))} [dim]({display_name(d.name)})[/]")
            frame = res.frame(d.span)
            if frame is None and a.line in res.lines:  # a cross-report finding: what is known of its line
                frame = (a.line, *res.lines[a.line].frame(a.column - 1, b.column - 1 if b.line == a.line else None))
            if frame is not None:
                _line_no, line, first = frame
                col0 = a.column - first
                end_col = (b.column - first) if b.line == a.line else len(line)
                text, lead, carets = _window(line, col0, end_col, cell_len, more_left=first > 1,
                                             more_right=b.line == a.line and end_col > len(line))
                gutter = " " * len(str(a.line))
                console.print(f"[blue]{gutter} |[/]")
                console.print(f"[blue]{a.line} |[/] {escape(text)}")
                console.print(f"[blue]{gutter} |[/] " + " " * lead + f"[{_STYLE[sev]}]" + "^" * carets + "[/]")
            for r in d.related[:MAX_RELATED]:
                other = res.elsewhere(r)
                if other is None:
                    p = res.start(r.span)
                    where = _("related {line}:{column}:", line=p.line, column=p.column)
                    console.print(f"  [dim]= {where}[/] {escape(term(r.message))}")
                    continue
                # a place in another report: name the file and show its code frame
                p, q = res.related_range(r)
                related = _("related")
                console.print(f"  [dim]= {related}[/] [bold]{escape(term(other))}:{p.line}:{p.column}:[/] "
                              f"{escape(term(r.message))}")
                known = res.other_lines.get((other, p.line))
                if known is not None:
                    text, lead, carets = _known_window(known, p.column - 1,
                                                       q.column - 1 if q.line == p.line else None, cell_len)
                    gutter = " " * len(str(p.line))
                    console.print(f"  [blue]{gutter} |[/] {escape(term(text))}")
                    console.print(f"  [blue]{gutter} |[/] " + " " * lead + "[dim]" + "^" * carets + "[/]")
            if len(d.related) > MAX_RELATED:
                more = _n("… and {n} more related place (--format json lists them all)",
                          "… and {n} more related places (--format json lists them all)",
                          len(d.related) - MAX_RELATED, n=len(d.related) - MAX_RELATED)
                console.print(f"  [dim]= {more}[/]")
            if d.suggestion:
                label = _("suggestion:")
                console.print(f"  [green]= {label}[/] {escape(term(d.suggestion))}")
            console.print()
    total = sum(counts.values())
    if total:
        words = {"error": lambda k: _n("{n} error", "{n} errors", k, n=k),
                 "warning": lambda k: _n("{n} warning", "{n} warnings", k, n=k),
                 "info": lambda k: _n("{n} info", "{n} infos", k, n=k)}
        parts = _(", ").join(words[s](counts[s]) for s in ("error", "warning", "info") if counts[s])
        console.print(_n("Found {n} finding ({parts}).", "Found {n} findings ({parts}).", total, n=total, parts=parts))
    else:
        console.print("[green]" + _("All checks passed.") + "[/]")
