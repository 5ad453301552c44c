"""The ``dlint`` command.

    dlint [check] [options] PATH...     lint files and folders (*.html, *.htm, *.txt, *.docx, *.pdf), or - for stdin
    dlint parse FILE                    print the document tree with spans
    dlint explain CODE                  print a rule's documentation
    dlint rules                         list every rule

Exit status: 0 nothing at or above --fail-on, 1 something was, 2 usage error, unreadable path or
internal error.
"""
from __future__ import annotations

import argparse
import gc
import os
import time
import sys
from pathlib import Path

from . import __version__

EXTENSIONS = (".html", ".htm", ".txt", ".docx", ".docm", ".pdf")
SUBCOMMANDS = ("check", "parse", "explain", "rules")


def _codes(s: str) -> tuple[str, ...]:
    return tuple(x.strip().upper() for x in s.split(",") if x.strip())


def _parser_check() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dlint", description="Lint government information-disclosure annual reports.",
                                epilog="Other commands: dlint parse FILE | dlint explain CODE | dlint rules")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint; - reads stdin")
    p.add_argument("--format", "--output-format", dest="format",
                   choices=["full", "concise", "json", "sarif", "github", "junit", "csv", "html"],
                   help="output format (default: full on a terminal, concise otherwise)")
    p.add_argument("--select", type=_codes, help="rule codes or prefixes to enable (replaces the configured ones)")
    p.add_argument("--extend-select", type=_codes, default=(), help="rule codes or prefixes to enable as well")
    p.add_argument("--ignore", type=_codes, default=(), help="rule codes or prefixes to disable")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that fails (default warning)")
    p.add_argument("--edition", help="force the edition (2008, 2019, 2021, work-summary)")
    p.add_argument("--year", type=int, help="force the report year")
    p.add_argument("--agency-level", choices=["government", "department", "town"], help="force the agency level")
    p.add_argument("--kind", choices=["html", "text", "docx", "pdf"], help="force the input format")
    p.add_argument("--config", help="use this configuration file for every path")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--show-settings", action="store_true", help="print the settings used for the first path and exit")
    p.add_argument("--statistics", action="store_true",
                   help="print a count per rule code instead of findings (as JSON with --format json)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are reported")
    p.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    p.add_argument("--write-baseline", metavar="FILE", help="record the findings of this run as a baseline and exit 0")
    p.add_argument("--output-file", "-o", help="write the output to this file")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing on success; only findings")
    p.add_argument("--jobs", "-j", type=int, default=0, help="parallel processes (default: all cores)")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--dump-tree", action="store_true", help="print the document tree instead of linting")
    p.add_argument("--version", action="version", version=f"dlint {__version__}")
    return p


def _collect(paths: list[str], errors: list[str]) -> list[str]:
    files: list[str] = []
    for p in paths:
        if p == "-":
            files.append("-")
        elif os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in sorted(names):
                    if n.lower().endswith(EXTENSIONS):
                        files.append(os.path.join(root, n))
        elif os.path.isfile(p):
            files.append(p)
        elif os.path.exists(p):
            errors.append(f"{p}: not a regular file")
        else:
            errors.append(f"{p}: no such file or directory")
    return files


# ---- the work done per file (top level, so a process pool can run it) --------------------------

_STDIN: bytes | None = None


def _config_for(path: str, config_path: str | None, isolated: bool):
    from .config import Config, find_config, load_config

    if isolated:
        return Config(None, {})
    if config_path:
        return load_config(Path(config_path).resolve())
    base = Path.cwd() if path == "-" else Path(path).resolve().parent
    return find_config(base)


def lint_one(path: str, cli: dict, config_path: str | None, isolated: bool, stdin: bytes | None = None):
    from .config import ConfigError, options_for
    from .diagnostics import Diagnostic, Severity
    from .engine import lint_document
    from .parse import MAX_BYTES, parse_source, source_from_bytes
    from .results import FileResult, resolve_positions
    from .source import Source, Span

    shown = "<stdin>" if path == "-" else path
    try:
        options = options_for(None if path == "-" else path, cli, _config_for(path, config_path, isolated))
    except ConfigError as exc:
        return FileResult(shown, [], error=f"configuration error: {exc}")
    try:
        if path == "-":
            data = stdin or b""
        else:
            with open(path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        return FileResult(shown, [], error=f"{shown}: cannot read: {exc.strerror or exc}")
    # The tree holds many small objects and a few reference cycles: collecting during a lint
    # costs up to half the time; the cycles are freed once the file is done.
    size = len(data)
    gc_was = gc.isenabled()
    gc.disable()
    try:
        source = source_from_bytes(data, shown)
        del data  # the decoded text is all that is needed from here on: do not hold both
        doc = parse_source(source, options.kind)
        diags = lint_document(doc, options)
        res = resolve_positions(shown, doc.source, diags)
        res.report = _report_identity(doc, options)
        return res
    except MemoryError:
        d = Diagnostic(shown, "DL001", "undecodable-input", Severity.ERROR,
                       f"the input is too large to lint in the memory available ({size} bytes)", Span(0, 0))
        return resolve_positions(shown, Source(""), [d])
    except RecursionError as exc:
        d = Diagnostic(shown, "DL000", "internal-error", Severity.ERROR,
                       f"the input is nested too deeply to lint: {exc}", Span(0, 0))
        return resolve_positions(shown, Source(""), [d])
    except Exception as exc:  # the last line of defence: report, never a traceback
        d = Diagnostic(shown, "DL000", "internal-error", Severity.ERROR,
                       f"dlint failed on this file: {type(exc).__name__}: {exc}; please report this", Span(0, 0))
        return resolve_positions(shown, Source(""), [d])
    finally:
        if gc_was:
            gc.enable()


def _report_identity(doc, options) -> dict:
    from .batch.report_info import EMPTY, report_identity

    try:
        return report_identity(doc, options)
    except Exception:  # identity is for the batch formats only: never lose the findings over it
        return dict(EMPTY)


def _run(files, cli, args, stdin):
    jobs = args.jobs if args.jobs and args.jobs > 0 else (os.cpu_count() or 1)
    work = [(f, cli, args.config, args.isolated, stdin if f == "-" else None) for f in files]
    show_progress = (not args.no_progress and len(files) > 1 and sys.stderr.isatty() and not os.environ.get("CI"))
    results = []
    progress = None
    if show_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from rich.console import Console

        progress = Progress(TextColumn("linting"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[found]} findings"), TextColumn("{task.fields[rate]}"),
                            TimeRemainingColumn(), transient=True, console=Console(file=sys.stderr))
        task = progress.add_task("lint", total=len(files), found=0, rate="")
        progress.start()
    found = 0
    started = time.perf_counter()

    def tick():
        if progress:
            done = len(results)
            rate = done / max(time.perf_counter() - started, 1e-6)
            progress.update(task, completed=done, found=found, rate=f"{rate:.1f} files/s")
    try:
        if jobs > 1 and len(files) >= 4:
            from concurrent.futures import ProcessPoolExecutor
            from concurrent.futures.process import BrokenProcessPool

            try:
                with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
                    chunk = max(1, min(16, len(files) // (jobs * 4)))
                    for res in pool.map(_star, work, chunksize=chunk):
                        results.append(res)
                        found += len(res.diagnostics)
                        tick()
            except BrokenProcessPool:
                # A worker died (a crash below Python). Lint the rest one file per fresh worker, so only
                # the file that kills its worker is reported, and the batch goes on.
                for w in work[len(results):]:
                    res = _in_own_process(w)
                    results.append(res)
                    found += len(res.diagnostics)
                    tick()
        else:
            for w in work:
                res = lint_one(*w)
                results.append(res)
                found += len(res.diagnostics)
                tick()
    finally:
        if progress:
            progress.stop()
    return results


def _star(args):
    return lint_one(*args)


def _in_own_process(args):
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(_star, args).result()
    except BrokenProcessPool:
        from .diagnostics import Diagnostic, Severity
        from .results import resolve_positions
        from .source import Source, Span

        shown = "<stdin>" if args[0] == "-" else args[0]
        d = Diagnostic(shown, "DL000", "internal-error", Severity.ERROR,
                       "the process linting this file died (a crash below Python); please report this file",
                       Span(0, 0))
        return resolve_positions(shown, Source(""), [d])


def _check(argv: list[str]) -> int:
    parser = _parser_check()
    args = parser.parse_args(argv)
    if not args.paths:
        parser.print_usage(sys.stderr)
        print("dlint: error: no PATH given (use . for the current folder, - for stdin)", file=sys.stderr)
        return 2
    errors: list[str] = []
    files = _collect(args.paths, errors)
    if not files and not errors:
        print(f"dlint: warning: no {', '.join(EXTENSIONS)} files found in {', '.join(args.paths)}", file=sys.stderr)
    cli = {"select": args.select, "extend_select": args.extend_select, "ignore": args.ignore,
           "fail_on": args.fail_on, "edition": args.edition, "year": args.year,
           "agency_level": args.agency_level, "kind": args.kind}
    from .config import ConfigError, options_for

    if args.config and not os.path.isfile(args.config):
        print(f"dlint: error: --config {args.config}: no such file", file=sys.stderr)
        return 2
    try:
        first = files[0] if files else "-"
        opts = options_for(None if first == "-" else first, cli, _config_for(first, args.config, args.isolated))
    except ConfigError as exc:
        print(f"dlint: error: {exc}", file=sys.stderr)
        return 2
    if args.show_settings:
        cfg = _config_for(first, args.config, args.isolated)
        print(f"config file: {cfg.path or '(none)'}")
        for k, v in vars(opts).items():
            print(f"{k} = {v!r}")
        return 0
    if args.dump_tree:
        return _parse_cmd([f for f in files if f != "-"][:1] or ["-"])
    from .registry import plugin_errors

    for name, err in plugin_errors():
        print(f"dlint: warning: plugin {name!r} failed to load and was skipped: {err}", file=sys.stderr)
    stdin = sys.stdin.buffer.read() if "-" in files else None
    results = _run(files, cli, args, stdin)
    if args.write_baseline:
        from .batch.baseline import write_baseline

        try:
            n = write_baseline(results, args.write_baseline)
        except OSError as exc:
            print(f"dlint: error: --write-baseline {args.write_baseline}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        print(f"dlint: wrote {n} finding{'s' if n != 1 else ''} to the baseline {args.write_baseline}",
              file=sys.stderr)
        return 0
    if args.baseline:
        from .batch.baseline import BaselineError, filter_new, load_baseline

        try:
            results = filter_new(results, load_baseline(args.baseline), args.baseline)
        except BaselineError as exc:
            print(f"dlint: error: {exc}", file=sys.stderr)
            return 2
    fmt = args.format or ("full" if sys.stdout.isatty() and not args.output_file else "concise")
    internal = False
    failed = False
    for res in results:
        if res.error:
            errors.append(res.error)
            internal = True
        for d in res.diagnostics:
            if d.code == "DL000":
                internal = True
    # fail level is per file (configuration may differ); use each file's options
    for res in results:
        try:
            fo = options_for(None if res.path == "<stdin>" else res.path, cli,
                             _config_for("-" if res.path == "<stdin>" else res.path, args.config, args.isolated)).fail_on
        except ConfigError:
            fo = opts.fail_on
        if any(d.severity.rank >= fo.rank for d in res.diagnostics):
            failed = True
    for e in errors:
        print(f"dlint: error: {e}", file=sys.stderr)
    try:
        out = open(args.output_file, "w", encoding="utf-8", errors="backslashreplace") if args.output_file \
            else sys.stdout
    except OSError as exc:
        print(f"dlint: error: --output-file {args.output_file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        if args.statistics:
            _statistics(results, out, as_json=(args.format == "json"))
        elif args.quiet and fmt == "full" and not any(r.diagnostics for r in results):
            pass
        else:
            from .output import render

            color = {"always": True, "never": False}.get(args.color)
            if args.output_file:
                color = False
            # the scorecard lists unreadable files too (without a score); the other formats list findings
            shown = results if fmt == "html" else [r for r in results if not r.error]
            render(fmt, shown, out, color=color)
    finally:
        if args.output_file:
            out.close()
    if errors and not results:
        return 2
    if internal or any(e for e in errors):
        return 2
    return 1 if failed and not args.exit_zero else 0


def _statistics(results, out, as_json: bool = False) -> None:
    from collections import Counter

    counts: Counter = Counter()
    names: dict[str, tuple[str, str]] = {}
    for r in results:
        for d in r.diagnostics:
            counts[d.code] += 1
            names[d.code] = (d.name, d.severity.value)
    if as_json:
        import json

        json.dump({"files": len(results), "total": sum(counts.values()),
                   "rules": [{"code": c, "name": names[c][0], "severity": names[c][1], "count": n}
                             for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]},
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        name, sev = names[code]
        out.write(f"{n:6d}\t{code}\t{name}\t{sev}\n")
    out.write(f"{sum(counts.values()):6d}\ttotal in {len(results)} file{'s' if len(results) != 1 else ''}\n")


def _parse_cmd(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="dlint parse", description="Print the document tree with spans.")
    p.add_argument("file")
    p.add_argument("--kind", choices=["html", "text", "docx", "pdf"])
    p.add_argument("--json", action="store_true", help="print the tree as JSON")
    args = p.parse_args(argv)
    from .dump import dump_tree
    from .parse import parse_bytes

    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        print(f"dlint: error: {args.file}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 2
    doc = parse_bytes(data, args.file, args.kind)
    dump_tree(doc, sys.stdout, as_json=args.json)
    return 0


def _explain(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="dlint explain", description="Print a rule's documentation.")
    p.add_argument("code", help="a rule code (DL201) or name (table-row-total)")
    args = p.parse_args(argv)
    from .registry import get_rule

    spec = get_rule(args.code)
    if spec is None:
        print(f"dlint: error: no rule {args.code!r}; `dlint rules` lists them", file=sys.stderr)
        return 2
    print(f"{spec.code} {spec.name} (default severity: {spec.severity.value})\n")
    print(spec.doc)
    return 0


def _rules(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="dlint rules", description="List every rule.")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    from .registry import all_rules

    rules = all_rules()
    if args.json:
        import json

        json.dump([{"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary,
                    "plugin": r.plugin} for r in rules], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for r in rules:
        print(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.summary}")
    return 0


def _tolerant_streams() -> None:
    """A file name that is not valid UTF-8, or CJK text on a console that cannot show it, must not
    become a traceback: unencodable characters are escaped instead."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):  # not a text file (pytest capture, a StringIO)
            pass


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    try:
        if argv and argv[0] in SUBCOMMANDS:
            cmd, rest = argv[0], argv[1:]
            if cmd == "parse":
                return _parse_cmd(rest)
            if cmd == "explain":
                return _explain(rest)
            if cmd == "rules":
                return _rules(rest)
            return _check(rest)
        return _check(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help / --version exit 0
        return int(exc.code) if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt:
        print("dlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
