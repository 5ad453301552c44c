"""The corpus stage as the command line runs it: summaries made where each file is linted, then the
cross-report rules over them in the main process, their findings added to the per-file results."""
from __future__ import annotations

__all__ = ["lint_with_summary", "corpus_stage", "print_grouping"]


def lint_with_summary(shown: str, doc, options):
    from ..engine.context import Context
    from ..engine.lint import lint_document
    from ..engine.results import resolve_positions
    from .summary import summarise

    ctx = Context(doc, options)
    diags = lint_document(doc, options, context=ctx)
    res = resolve_positions(shown, doc.source, diags)
    try:
        res.summary = summarise(ctx)
        res.summary.path = shown
    except Exception:  # a summary that cannot be made leaves the report out of the corpus, nothing more
        res.summary = None
    return res


def _overrides(summary, config) -> None:
    from ..engine.config import ConfigError
    from .group import apply_overrides

    mapping = (config.values.get("reports") if config is not None else None) or None
    if not mapping:
        return
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
