"""The human format: a code frame with carets under the span, related places listed (rich)."""
from __future__ import annotations

from collections import Counter

_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
WINDOW = 70  # display cells of source shown around the span
MAX_RELATED = 6


def _window(line: str, col0: int, col1: int, cell_len) -> tuple[str, int, int]:
    """Cut a long line around ``[col0, col1)`` (0-based code points); return text and caret cells."""
    start = col0
    width = 0
    while start > 0 and width < WINDOW // 3:
        start -= 1
        width += cell_len(line[start])
    end = max(col1, col0 + 1)
    width = cell_len(line[start:end])
    while end < len(line) and width < WINDOW:
        width += cell_len(line[end])
        end += 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(line) else ""
    text = prefix + line[start:end] + suffix
    lead = cell_len(prefix + line[start:col0])
    carets = max(1, cell_len(line[col0:min(col1, end)]))
    return text.replace("\t", " "), lead, carets


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
    from rich.cells import cell_len
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=stream, force_terminal=color, no_color=(color is False), highlight=False,
                      soft_wrap=True, emoji=False)
    counts: Counter = Counter()
    for res in results:
        for d in res.diagnostics:
            counts[d.severity.value] += 1
            a, b = res.start(d.span), res.end(d.span)
            sev = d.severity.value
            console.print(f"[bold]{escape(res.path)}:{a.line}:{a.column}:[/]{escape(_where(res, d.span, a))} "
                          f"[{_STYLE[sev]}]{d.code}[/] [{_STYLE[sev]}]{sev}[/]: {escape(d.message)} [dim]({d.name})[/]")
            line = res.lines.get(a.line)
            if line is not None:
                end_col = b.column - 1 if b.line == a.line else len(line)
                text, lead, carets = _window(line, a.column - 1, end_col, cell_len)
                gutter = " " * len(str(a.line))
                console.print(f"[blue]{gutter} |[/]")
                console.print(f"[blue]{a.line} |[/] {escape(text)}")
                console.print(f"[blue]{gutter} |[/] " + " " * lead + f"[{_STYLE[sev]}]" + "^" * carets + "[/]")
            for r in d.related[:MAX_RELATED]:
                p = res.start(r.span)
                console.print(f"  [dim]= related {p.line}:{p.column}:[/] {escape(r.message)}")
            if len(d.related) > MAX_RELATED:
                console.print(f"  [dim]= … and {len(d.related) - MAX_RELATED} more related places "
                              "(--format json lists them all)[/]")
            if d.suggestion is not None:
                console.print(f"  [green]= suggestion:[/] {escape(d.suggestion)}")
            console.print()
    total = sum(counts.values())
    if total:
        parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info")
                          if counts[s])
        console.print(f"Found {total} finding{'s' if total != 1 else ''} ({parts}).")
    else:
        console.print("[green]All checks passed.[/]")
