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


def render(results, stream, color: bool | None = None, **kw) -> None:
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
            console.print(f"[bold]{escape(term(res.path))}:{a.line}:{a.column}:[/] [{_STYLE[sev]}]{d.code}[/] "
                          f"[{_STYLE[sev]}]{sev}[/]: {escape(term(d.message))} [dim]({d.name})[/]")
            frame = res.frames.get(d.span)
            if frame is None and a.line in res.lines:
                frame = (a.line, res.lines[a.line], 1)
            if frame is not None:
                _, line, first = frame
                col0 = a.column - first
                end_col = (b.column - first) if b.line == a.line else len(line)
                text, lead, carets = _window(line, col0, end_col, cell_len, more_left=first > 1,
                                             more_right=b.line == a.line and end_col > len(line))
                gutter = " " * len(str(a.line))
                console.print(f"[blue]{gutter} |[/]")
                console.print(f"[blue]{a.line} |[/] {escape(text)}")
                console.print(f"[blue]{gutter} |[/] " + " " * lead + f"[{_STYLE[sev]}]" + "^" * carets + "[/]")
            for r in d.related[:MAX_RELATED]:
                p = res.start(r.span)
                console.print(f"  [dim]= related {p.line}:{p.column}:[/] {escape(term(r.message))}")
            if len(d.related) > MAX_RELATED:
                console.print(f"  [dim]= … and {len(d.related) - MAX_RELATED} more related places "
                              "(--format json lists them all)[/]")
            if d.suggestion:
                console.print(f"  [green]= suggestion:[/] {escape(term(d.suggestion))}")
            console.print()
    total = sum(counts.values())
    if total:
        parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info")
                          if counts[s])
        console.print(f"Found {total} finding{'s' if total != 1 else ''} ({parts}).")
    else:
        console.print("[green]All checks passed.[/]")
