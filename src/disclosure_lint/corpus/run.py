"""The corpus stage as the command line runs it: summaries made where each file is linted, then the
cross-report rules over them in the main process, their findings added to the per-file results."""
from __future__ import annotations

__all__ = ["lint_with_summary", "corpus_stage", "print_grouping"]


def lint_with_summary(shown: str, doc, options, keep: tuple | None = None):
    """The file's findings with their positions and the summary the corpus stage reads. *keep* says what
    the output reads of the result besides positions (cli/keep.py; None: everything): the texts,
    contexts and code frames it does not read are not made, nor the own lines a cross-report finding's
    frame is laid over (only the full format shows frames)."""
    from ..engine.context import Context
    from ..engine.lint import lint_document
    from ..engine.results import finding_offsets, resolve_kept
    from .summary import summarise_counting

    ctx = Context(doc, options)
    diags = lint_document(doc, options, context=ctx)
    frames = keep is None or "frames" in keep
    if frames and diags:
        # the own lines kept for frames are read through the source's line index (kept_lines): built
        # first, it places the summary and the findings too, rather than counting them besides
        doc.source.line_starts  # noqa: B018
    # the summary first: its places and the findings' positions are counted in one pass along the text
    try:
        summary, lines = summarise_counting(ctx, finding_offsets(shown, diags) if diags else [])
    except Exception:  # a summary that cannot be made leaves the report out of the corpus, nothing more
        summary, lines = None, None
    res = resolve_kept(shown, doc.source, diags, keep, lines)
    res.summary = summary
    if summary is not None:
        summary.path = shown
        if frames:
            _keep_own_lines(res, doc.source, diags)
        res.summary.__dict__.pop("_loc_index", None)  # made again where needed: do not hold it per file
    return res


def _keep_own_lines(res, source, diags) -> None:
    """Where a place of the summary (where a cross-report finding may sit) lies on a line of this
    file's own findings, the code frame of such a finding shows that line's text, not only the
    summary's window (the full format lays the window over the line). Keep what such a frame can
    show beyond the summary's window: a few dozen code points either side of it; never whole lines."""
    from ..engine.results import kept_lines

    kept = kept_lines(source, diags)
    if not kept:
        return
    margin = MARGIN
    wanted: dict[int, list[tuple[int, int]]] = {}
    # Every place of the summary, by its line (a place met twice adds the same ranges again, which the
    # merge below absorbs: no index of places by span is needed, only those on kept lines are looked at);
    # a finding at a place the summary does not know is shown at 1:1.
    for loc in _places(res.summary):
        line = loc.line
        p = kept.get(line)
        if p is None:
            continue
        col0 = loc.col - 1
        col1 = loc.end_col - 1 if loc.end_line == line else None
        w0 = loc.frame_col - 1
        w1 = w0 + loc.frame_len
        lo = max(0, min(col0, p) - margin)
        hi = p if col1 is None else min(p, max(col0, col1, w1) + margin)
        got = wanted.setdefault(line, [])
        if w0 >= w1:
            got.append((lo, hi))
            continue
        if lo < w0:
            got.append((lo, min(w0, hi)))
        if w1 < hi:
            got.append((max(w1, lo), hi))
    p = kept.get(1)
    if p is not None:  # the place 1:1, its window empty
        wanted.setdefault(1, []).append((0, min(p, margin)))
    _lay_kept(res, source, kept, wanted)


def _places(summary):
    """Every :class:`~.summary.Loc` of a summary (the places :func:`.engine.loc_index` indexes)."""
    yield summary.anchor
    for c in summary.cells.values():
        yield c.loc
    for cols in summary.stats.values():
        for c in cols.values():
            yield c.loc
    for u in summary.units:
        yield u.loc


def _lay_kept(res, source, kept, wanted) -> None:
    from ..engine.results import KnownLine

    text, starts = source.text, source.line_starts
    for line, spans in wanted.items():
        known = res.lines[line] = KnownLine(kept[line])
        if not spans:
            continue
        spans.sort()
        start = starts[line - 1]
        cur_lo, cur_hi = spans[0]
        windows = []
        for lo, hi in spans[1:] + [(None, None)]:
            if lo is not None and lo <= cur_hi:
                cur_hi = max(cur_hi, hi)
                continue
            if cur_lo < cur_hi:
                windows.append((cur_lo, text[start + cur_lo:start + cur_hi]))
            if lo is not None:
                cur_lo, cur_hi = lo, hi
        _lay_many(known, windows)


def _lay_many(known, windows: list[tuple[int, str]]) -> None:
    """``known.lay_many(windows)`` with the windows packed together, one stream for the line instead of
    one per window (:func:`~disclosure_lint.engine.results.pack`; each call sets up a zlib state). The
    parts are laid as ``KnownLine.lay_many`` lays them (a test compares)."""
    from ..engine.results import pack
    from .summary import lay_part

    if not windows:
        return
    kept = pack("".join([t for _s, t in windows]))
    off = 0
    for start, t in windows:
        lay_part(known, start, len(t), kept, off)
        off += len(t)


MARGIN = 80  # code points of a line kept beyond a place's window (the full format shows 70 display cells,
# a window reaches 40 code points either side of the place)


def _overrides(summary, config) -> None:
    mapping = (config.values.get("reports") if config is not None else None) or None
    if not mapping:
        return  # before the imports: a function-level import costs an importlib lookup per report
    from ..engine.config import ConfigError
    from .group import apply_overrides

    if not isinstance(mapping, dict) or not all(isinstance(v, dict) for v in mapping.values()) or \
            not all(isinstance(v.get("year", 0), int) and isinstance(v.get("agency", ""), str)
                    and set(v) <= {"agency", "year", "kind"} for v in mapping.values()):
        raise ConfigError(f"{config.path}: `reports` must map path patterns to tables like "
                          "{ agency = \"…\", year = 2021 } (keys agency, year, kind)")
    apply_overrides(summary, mapping, str(config.root))


def corpus_stage(results, options_of, config_of) -> list[str]:
    """Run the cross-report rules over *results* (FileResults with summaries); returns error lines."""
    from ..engine.config import ConfigError
    from .engine import attach, lint_summaries

    errors: list[str] = []
    summaries = []
    for r in results:
        s = getattr(r, "summary", None)
        if s is None:
            continue
        try:
            _overrides(s, config_of(r.path) if r.path != "<stdin>" else None)
        except ConfigError as exc:
            errors.append(f"configuration error: {exc}")
            return errors
        summaries.append(s)
    if len(summaries) < 2:
        return errors
    try:
        found = lint_summaries(summaries, options_of)
        attach(results, found, summaries)
    except Exception as exc:  # the last line of defence: a clear error, never a traceback
        errors.append(f"the cross-report stage failed: {type(exc).__name__}: {exc}; please report this")
    return errors


def print_grouping(grouping, stream) -> None:
    from ..i18n import _

    for s in grouping.series:
        level = s.reports[0].identity.level
        stream.write(_("{agency}  ({level}, {n} report(s))", agency=s.agency, level=level, n=len(s.reports)) + "\n")
        prev = None
        for r in s.reports:
            y = r.identity.year
            if prev is not None and y - prev > 1:
                missing = f"{prev + 1}" if y - prev == 2 else f"{prev + 1}–{y - 1}"
                stream.write("    … " + _("no report for {missing}", missing=missing) + "\n")
            prev = y
            stream.write(f"  {y}  {r.identity.edition or '-':<13} {r.identity.confidence:<7} {r.path}\n")
        for y, rs in sorted(s.crowded().items()):
            stream.write("    … " + _("{n} reports for {year}: not chained with the years around it", n=len(rs),
                                         year=y) + "\n")
    if grouping.unsure:
        stream.write(_("not grouped (unsure):") + "\n")
        for r in grouping.unsure:
            why = "; ".join(r.identity.notes)
            stream.write(f"  {r.identity.year or '????'}  {r.identity.agency or '?'}  {r.path}  — {why}\n")


def parse_corpus(paths, args, collect, config_for) -> int:
    """``dlint parse --corpus PATH...``: the grouping, as text or JSON."""
    import json
    import sys

    from .. import parse_path
    from ..engine.config import ConfigError, options_for
    from ..engine.context import Context
    from .group import group_reports
    from .summary import summarise

    errors: list[str] = []
    files = [f for f in collect(paths, errors) if f != "-"]
    for e in errors:
        print(f"dlint: error: {e}", file=sys.stderr)
    summaries = []
    for f in files:
        try:
            cfg = config_for(f, args.config, False)
            opts = options_for(f, {"kind": args.kind}, cfg)
            s = summarise(Context(parse_path(f, opts.kind), opts))
            s.path = f
            _overrides(s, cfg)
        except ConfigError as exc:
            print(f"dlint: error: {exc}", file=sys.stderr)
            return 2
        except (OSError, ValueError) as exc:
            print(f"dlint: error: {f}: {exc}", file=sys.stderr)
            continue
        summaries.append(s)
    grouping = group_reports(summaries)
    if args.json:
        json.dump(grouping.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_grouping(grouping, sys.stdout)
    return 2 if errors else 0
