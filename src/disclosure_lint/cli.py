"""The ``dlint`` command.

    dlint [check] [options] PATH...     lint files and folders (*.html, *.htm, *.txt), or - for stdin
    dlint parse FILE                    print the document tree with spans
    dlint explain CODE                  print a rule's documentation
    dlint rules                         list every rule

Exit status: 0 nothing at or above --fail-on, 1 something was, 2 usage error, unreadable path or
internal error.
"""
from __future__ import annotations

import argparse
import errno
import gc
import os
import time
import sys
from pathlib import Path

from . import __version__
from .cli_jobs import Terminated, handle_signals
from .i18n import _

from .cli_walk import EXTENSIONS  # noqa: E402  (re-exported: the suffixes a folder walk lints)

SUBCOMMANDS = ("check", "parse", "explain", "rules")


def _codes(s: str) -> tuple[str, ...]:
    return tuple(x.strip().upper() for x in s.split(",") if x.strip())


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line naming the bad value and the valid ones (exit 2), not the whole usage."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, _("{prog}: error: {message} (see dlint --help)", prog=self.prog, message=message) + "\n")


def _parser_check() -> argparse.ArgumentParser:
    p = _Parser(prog="dlint", description="Lint government information-disclosure annual reports.",
                                epilog="Other commands: dlint parse FILE | dlint explain CODE | dlint rules")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint; - reads stdin")
    p.add_argument("--format", "--output-format", dest="format",
                   choices=["full", "concise", "json", "sarif", "github", "junit"],
                   help="output format (default: full on a terminal, concise otherwise)")
    p.add_argument("--select", type=_codes, help="rule codes or prefixes to enable (replaces the configured ones)")
    p.add_argument("--extend-select", type=_codes, default=(), help="rule codes or prefixes to enable as well")
    p.add_argument("--ignore", type=_codes, default=(), help="rule codes or prefixes to disable")
    p.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that fails (default warning)")
    p.add_argument("--edition", help="force the edition (2008, 2019, 2021, work-summary)")
    p.add_argument("--year", type=int, help="force the report year")
    p.add_argument("--agency-level", choices=["government", "department", "town"], help="force the agency level")
    p.add_argument("--kind", choices=["html", "text"], help="force the input format")
    p.add_argument("--config", help="use this configuration file for every path")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--show-settings", action="store_true", help="print the settings used for the first path and exit")
    p.add_argument("--statistics", action="store_true", help="print a count per rule code instead of findings")
    p.add_argument("--output-file", "-o", help="write the output to this file")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing on success; only findings")
    p.add_argument("--jobs", "-j", type=int, default=0, help="parallel processes (default: all cores)")
    p.add_argument("--timeout-per-file", type=float, default=60.0, metavar="SECONDS",
                   help="give up on a file after this long and report it as DL000 (default 60; 0: never)")
    p.add_argument("--extension", action="append", default=[], metavar="SUFFIX",
                   help="also lint files with this suffix in folders (.shtml, .xhtml); repeatable")
    p.add_argument("--exclude", action="append", default=None, metavar="PATTERN",
                   help="gitignore-style pattern of paths to skip in folders (replaces the defaults)")
    p.add_argument("--extend-exclude", action="append", default=[], metavar="PATTERN",
                   help="pattern of paths to skip in folders, in addition to the defaults")
    p.add_argument("--no-respect-gitignore", action="store_true", help="lint files .gitignore excludes too")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--dump-tree", action="store_true", help="print the document tree instead of linting")
    p.add_argument("--version", action="version", version=f"dlint {__version__}")
    return p


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

    from .output.safe import path as safe_path
    from .safe_io import read_regular

    shown = "<stdin>" if path == "-" else path
    try:
        options = options_for(None if path == "-" else path, cli, _config_for(path, config_path, isolated))
    except ConfigError as exc:
        return FileResult(shown, [], error=f"configuration error: {exc}")
    try:
        if path == "-":
            data = stdin or b""
        else:
            data = read_regular(path, MAX_BYTES)
    except OSError as exc:
        return FileResult(shown, [], error=f"{safe_path(shown)}: cannot read: {exc.strerror or exc}")
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
        for d in diags:
            d.source = None  # positions are resolved: a batch must not hold every file's text
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


def _run(files, cli, args, stdin):
    from .cli_jobs import run_batch

    jobs = args.jobs if args.jobs and args.jobs > 0 else (os.cpu_count() or 1)
    if len(files) < 4:
        jobs = 1  # starting workers costs more than it saves
    work = [(f, cli, args.config, args.isolated, stdin if f == "-" else None) for f in files]
    show_progress = (not args.no_progress and len(files) > 1 and sys.stderr.isatty() and not os.environ.get("CI"))
    progress = None
    state = {"done": 0, "found": 0}
    if show_progress:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        # auto_refresh off: no refresh thread, so forking a replacement worker is safe
        progress = Progress(TextColumn("linting"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[found]} findings"), TextColumn("{task.fields[rate]}"),
                            TimeRemainingColumn(), transient=True, auto_refresh=False,
                            console=Console(file=sys.stderr))
        task = progress.add_task("lint", total=len(files), found=0, rate="")
        progress.start()
    started = time.perf_counter()

    def tick(res):
        state["done"] += 1
        state["found"] += len(res.diagnostics)
        if progress:
            rate = state["done"] / max(time.perf_counter() - started, 1e-6)
            progress.update(task, completed=state["done"], found=state["found"], rate=f"{rate:.1f} files/s")
            progress.refresh()
    try:
        # a budget per file is for batches (one file that stalls must not hold the others back)
        timeout = max(0.0, getattr(args, "timeout_per_file", 0.0) or 0.0) if len(files) > 1 else 0.0
        return run_batch(work, lint_one, jobs, timeout, tick)
    finally:
        if progress:
            progress.stop()


def _check(argv: list[str]) -> int:
    from .cli_io import same_file_as_input, use_color, write_error_exit
    from .cli_walk import collect
    from .config import ConfigError, options_for
    from .output.safe import path as safe_path
    from .safe_io import read_stream
    from .settings import SettingsError, _extensions

    parser = _parser_check()
    args = parser.parse_args(argv)
    if not args.paths:
        parser.print_usage(sys.stderr)
        print("dlint: error: no PATH given (use . for the current folder, - for stdin)", file=sys.stderr)
        return 2
    if args.timeout_per_file is not None and not args.timeout_per_file >= 0:
        print(_("dlint: error: --timeout-per-file must be a number of seconds >= 0 (0: no limit), not {value}",
                value=args.timeout_per_file), file=sys.stderr)
        return 2
    if args.config and not os.path.isfile(args.config):
        print(f"dlint: error: --config {safe_path(args.config)}: no such file", file=sys.stderr)
        return 2
    cli = {"select": args.select, "extend_select": args.extend_select, "ignore": args.ignore,
           "fail_on": args.fail_on, "edition": args.edition, "year": args.year,
           "agency_level": args.agency_level, "kind": args.kind}
    # settings that shape the walk come from the configuration of the first path (or --config)
    try:
        first_path = args.paths[0]
        walk_cfg = _config_for(first_path if not os.path.isdir(first_path) else os.path.join(first_path, "_"),
                               args.config, args.isolated)
        extensions = tuple(walk_cfg.values.get("extension", ())) + _extensions("--extension", list(args.extension))
    except (ConfigError, SettingsError) as exc:
        print(f"dlint: error: {exc}", file=sys.stderr)
        return 2
    exclude = args.exclude if args.exclude is not None else walk_cfg.values.get("exclude")
    walk = collect(args.paths, extensions=extensions, exclude=exclude,
                   extend_exclude=tuple(walk_cfg.values.get("extend-exclude", ())) + tuple(args.extend_exclude),
                   respect_gitignore=not args.no_respect_gitignore,
                   root=str(walk_cfg.root) if walk_cfg.path else None)
    files, errors = walk.files, list(walk.errors)
    for note in walk.notes:
        print(_("dlint: note: {note}", note=note), file=sys.stderr)
    if not files and not errors:
        suffixes = ", ".join(dict.fromkeys(EXTENSIONS + extensions))
        print(f"dlint: warning: no {suffixes} files found in {', '.join(safe_path(p) for p in args.paths)}",
              file=sys.stderr)
    try:
        first = files[0] if files else "-"
        opts = options_for(None if first == "-" else first, cli, _config_for(first, args.config, args.isolated))
    except ConfigError as exc:
        print(f"dlint: error: {exc}", file=sys.stderr)
        return 2
    if args.show_settings:
        cfg = _config_for(first, args.config, args.isolated)
        print(f"config file: {safe_path(str(cfg.path)) if cfg.path else '(none)'}")
        for k, v in vars(opts).items():
            print(f"{k} = {v!r}")
        return 0
    if args.output_file:
        clash = same_file_as_input(args.output_file, files)
        if clash is not None:
            print(_("dlint: error: --output-file {path} is one of the inputs ({input}); refusing to overwrite it",
                    path=safe_path(args.output_file), input=safe_path(clash)), file=sys.stderr)
            return 2
    if args.dump_tree:
        if errors:
            for e in errors:
                print(f"dlint: error: {e}", file=sys.stderr)
            return 2
        return _parse_cmd([f for f in files if f != "-"][:1] or ["-"])
    from .registry import plugin_errors

    for name, err in plugin_errors():
        print(f"dlint: warning: plugin {name!r} failed to load and was skipped: {err}", file=sys.stderr)
    from .parse import MAX_BYTES

    stdin = read_stream(sys.stdin.buffer, MAX_BYTES) if "-" in files else None
    results = _run(files, cli, args, stdin)
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
        print(f"dlint: error: {safe_path(e)}", file=sys.stderr)
    try:
        out = open(args.output_file, "w", encoding="utf-8", errors="backslashreplace") if args.output_file \
            else sys.stdout
    except OSError as exc:
        print(f"dlint: error: --output-file {safe_path(args.output_file)}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        try:
            if args.statistics:
                _statistics(results, out)
            elif args.quiet and fmt == "full" and not any(r.diagnostics for r in results):
                pass
            else:
                from .output import render

                color = False if args.output_file else use_color(args.color, out)
                try:
                    render(fmt, [r for r in results if not r.error], out, color=color)
                except OSError:
                    raise
                except Exception as exc:  # a formatter bug: one line, exit 2, never a traceback
                    print(_("dlint: error: internal error in the {format} format: {error}; please report this",
                            format=fmt, error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
                    return 2
            out.flush()
        finally:
            if args.output_file:
                out.close()
    except OSError as exc:
        return write_error_exit(exc, args.output_file)
    if errors and not results:
        return 2
    if internal or any(e for e in errors):
        return 2
    return 1 if failed else 0


def _statistics(results, out) -> None:
    from collections import Counter

    counts: Counter = Counter()
    names: dict[str, tuple[str, str]] = {}
    for r in results:
        for d in r.diagnostics:
            counts[d.code] += 1
            names[d.code] = (d.name, d.severity.value)
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        name, sev = names[code]
        out.write(f"{n:6d}\t{code}\t{name}\t{sev}\n")
    out.write(f"{sum(counts.values()):6d}\ttotal in {len(results)} file{'s' if len(results) != 1 else ''}\n")


def _parse_cmd(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="dlint parse", description="Print the document tree with spans.")
    p.add_argument("file")
    p.add_argument("--kind", choices=["html", "text"])
    p.add_argument("--json", action="store_true", help="print the tree as JSON")
    args = p.parse_args(argv)
    from .dump import dump_tree
    from .output.safe import path as safe_path
    from .parse import MAX_BYTES, parse_bytes
    from .safe_io import read_regular, read_stream

    try:
        data = read_stream(sys.stdin.buffer, MAX_BYTES) if args.file == "-" else read_regular(args.file, MAX_BYTES)
    except OSError as exc:
        print(f"dlint: error: {safe_path(args.file)}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        doc = parse_bytes(data, args.file, args.kind)
    except (Exception, RecursionError) as exc:
        print(_("dlint: error: {path}: cannot parse: {error}; please report this", path=safe_path(args.file),
                error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 2
    del data
    dump_tree(doc, sys.stdout, as_json=args.json)
    sys.stdout.flush()
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


def _dispatch(argv: list[str]) -> int:
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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    try:
        with handle_signals():
            return _dispatch(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help / --version exit 0
        return int(exc.code) if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt:
        print("dlint: interrupted", file=sys.stderr)
        return 130
    except Terminated as exc:  # SIGTERM / SIGINT / SIGHUP: workers are stopped by now
        import signal

        if exc.signum == signal.SIGINT:
            print("dlint: interrupted", file=sys.stderr)
        return 128 + exc.signum
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or getattr(exc, "errno", None) in (errno.EPIPE, errno.ENOSPC, errno.EIO):
            from .cli_io import write_error_exit

            return write_error_exit(exc, None)
        print(f"dlint: error: {exc}", file=sys.stderr)
        return 2
    except (Exception, RecursionError) as exc:  # the last line of defence: one line, exit 2, never a traceback
        print(_("dlint: error: internal error: {error}; please report this", error=f"{type(exc).__name__}: {exc}"),
              file=sys.stderr)
        return 2
