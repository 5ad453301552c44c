"""The ``dlint`` command.

    dlint [check] [options] PATH...     lint files and folders (*.html, *.htm, *.txt, *.docx, *.pdf), or - for stdin
    dlint parse FILE                    print the document tree with spans
    dlint explain CODE                  print a rule's documentation
    dlint rules                         list every rule
    dlint server                        the language server (LSP) on stdio, for editors

Exit status: 0 nothing at or above --fail-on, 1 something was, 2 usage error, unreadable path or
internal error; 128+N when stopped by signal N; 141 on a closed pipe, 74 when output cannot be written.
"""
from __future__ import annotations

import errno
import gc
import os
import time
import sys

from .jobs import Terminated, handle_signals
from ..i18n import _, _n, reset_language, set_language, use_language

from .args import _early_language, _localized, _parser_check
from .config_lookup import config_for as _config_for, folder_config as _folder_config  # noqa: F401 (commands, batch)

SUBCOMMANDS = ("check", "parse", "explain", "rules", "server")


def __getattr__(name: str):
    if name == "EXTENSIONS":  # the suffixes a folder walk lints, re-exported (loaded when asked: cold start)
        from .walk import EXTENSIONS

        return EXTENSIONS
    raise AttributeError(name)


def _collect(paths: list[str], errors: list[str]) -> list[str]:
    """The files a plain ``dlint PATH...`` lints (default walk settings); errors are appended."""
    from .walk import collect

    walk = collect(list(paths))
    errors.extend(walk.errors)
    return walk.files


# ---- the work done per file (top level, so a process pool can run it) --------------------------

_STDIN: bytes | None = None


def lint_one(path: str, cli: dict, config_path: str | None, isolated: bool, stdin: bytes | None = None,
             summarise: bool = False):
    # The language travels in ``cli`` so that a worker process (--jobs) speaks it too.
    with use_language(cli.get("lang")):
        return _lint_one(path, cli, config_path, isolated, stdin, summarise)


def _lint_one(path: str, cli: dict, config_path: str | None, isolated: bool, stdin: bytes | None = None,
              summarise: bool = False):
    from ..engine.config import ConfigError, options_for
    from ..engine.context import Context
    from ..engine.diagnostics import Diagnostic, Severity
    from ..engine.lint import lint_document
    from ..document.parse import MAX_BYTES, parse_source, source_from_bytes
    from ..engine.results import FileResult, resolve_kept, resolve_positions
    from ..source import Source, Span

    from ..output.safe import path as safe_path
    from ..source.safe_io import read_regular

    shown = "<stdin>" if path == "-" else path
    try:
        options = options_for(None if path == "-" else path, cli, _config_for(path, config_path, isolated))
    except ConfigError as exc:
        return FileResult(shown, [], error=_("configuration error: {error}", error=exc))
    try:
        if path == "-":
            data = stdin or b""
        else:
            data = read_regular(path, MAX_BYTES)
    except OSError as exc:
        return FileResult(shown, [], error=_("{path}: cannot read: {reason}", path=safe_path(shown),
                                             reason=exc.strerror or exc))
    # The tree holds many small objects and a few reference cycles: collecting during a lint
    # costs up to half the time; the cycles are freed once the file is done.
    size = len(data)
    gc_was = gc.isenabled()
    gc.disable()
    lang = set_language(options.lang) if options.lang else None
    try:
        source = source_from_bytes(data, shown)
        del data  # the decoded text is all that is needed from here on: do not hold both
        doc = parse_source(source, options.kind)
        if summarise:  # several files: also the small per-report summary the corpus stage needs
            from ..corpus.run import lint_with_summary

            res = lint_with_summary(shown, doc, options, cli.get("keep"))
            # the summary holds the report's identity already; without one, it is made from the document
            res.report = _report_identity(res if res.summary is not None else doc, options)
        else:
            # the lint's facts (the detected year and edition) serve the report's identity too
            ctx = Context(doc, options)
            keep = cli.get("keep")  # what the output reads of the result (cli/keep.py); None: everything
            res = resolve_kept(shown, doc.source, lint_document(doc, options, context=ctx), keep)
            if keep is None or "report" in keep:
                res.report = _report_identity(ctx, options)
        for d in res.diagnostics:
            d.source = None  # positions are resolved: a batch must not hold every file's text
        return res
    except MemoryError:
        d = Diagnostic(shown, "DL001", "undecodable-input", Severity.ERROR,
                       _("the input is too large to lint in the memory available ({size} bytes)", size=size),
                       Span(0, 0))
        return resolve_positions(shown, Source(""), [d])
    except RecursionError as exc:
        d = Diagnostic(shown, "DL000", "internal-error", Severity.ERROR,
                       _("the input is nested too deeply to lint: {error}", error=exc), Span(0, 0))
        return resolve_positions(shown, Source(""), [d])
    except Exception as exc:  # the last line of defence: report, never a traceback
        d = Diagnostic(shown, "DL000", "internal-error", Severity.ERROR,
                       _("dlint failed on this file: {error}; please report this",
                         error=": ".join((type(exc).__name__, str(exc)))), Span(0, 0))
        return resolve_positions(shown, Source(""), [d])
    finally:
        if lang is not None:
            reset_language(lang)
        if gc_was:
            gc.enable()


def _report_identity(of, options) -> dict:
    from ..batch.report_info import EMPTY, report_identity

    try:
        return report_identity(of, options)
    except Exception:  # identity is for the batch formats only: never lose the findings over it
        return dict(EMPTY)


def _run(files, cli, args, stdin):
    from .jobs import preload, run_batch

    jobs = args.jobs if args.jobs and args.jobs > 0 else (os.cpu_count() or 1)
    if len(files) < 4:
        jobs = 1  # starting workers costs more than it saves
    corpus = len(files) > 1 and not getattr(args, "no_corpus", False)
    work = [(f, cli, args.config, args.isolated, stdin if f == "-" else None, corpus) for f in files]
    show_progress = (not args.no_progress and len(files) > 1 and sys.stderr.isatty() and not os.environ.get("CI"))
    progress = None
    state = {"done": 0, "found": 0}
    if show_progress:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        # auto_refresh off: no refresh thread, so forking a replacement worker is safe
        progress = Progress(TextColumn(_("linting")), BarColumn(), MofNCompleteColumn(),
                            TextColumn(_("{found} findings", found="{task.fields[found]}")),
                            TextColumn("{task.fields[rate]}"),
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
            progress.update(task, completed=state["done"], found=state["found"], rate=_("{rate} files/s", rate=format(rate, ".1f")))
            progress.refresh()
    try:
        # a budget per file is for batches (one file that stalls must not hold the others back)
        timeout = max(0.0, getattr(args, "timeout_per_file", 0.0) or 0.0) if len(files) > 1 else 0.0
        return run_batch(work, lint_one, jobs, timeout, tick, before_fork=lambda: preload(corpus))
    finally:
        if progress:
            progress.stop()


def _check(argv: list[str]) -> int:
    parser = _localized(_parser_check())
    args = parser.parse_args(argv)  # --version and --help end here, before the modules a lint needs load
    from .io import same_file_as_input, use_color, write_error_exit
    from .walk import EXTENSIONS, collect
    from ..engine.config import ConfigError, options_for
    from ..output.safe import path as safe_path
    from ..source.safe_io import read_stream
    from ..engine.settings import SettingsError, _extensions

    if args.lang:
        set_language(args.lang)
    if not args.paths:
        parser.print_usage(sys.stderr)
        print(_("dlint: error: no PATH given (use . for the current folder, - for stdin)"), file=sys.stderr)
        return 2
    if args.timeout_per_file is not None and not args.timeout_per_file >= 0:
        print(_("dlint: error: --timeout-per-file must be a number of seconds >= 0 (0: no limit), not {value}",
                value=args.timeout_per_file), file=sys.stderr)
        return 2
    if args.config and not os.path.isfile(args.config):
        print(_("dlint: error: --config {path}: no such file", path=safe_path(args.config)), file=sys.stderr)
        return 2
    cli = {"select": args.select, "extend_select": args.extend_select, "ignore": args.ignore,
           "fail_on": args.fail_on, "edition": args.edition, "year": args.year,
           "agency_level": args.agency_level, "kind": args.kind, "lang": args.lang}
    # settings that shape the walk come from the configuration of the first path (or --config)
    try:
        first_path = args.paths[0]
        walk_cfg = _config_for(first_path if not os.path.isdir(first_path) else os.path.join(first_path, "_"),
                               args.config, args.isolated)
        extensions = tuple(walk_cfg.values.get("extension", ())) + _extensions("--extension", list(args.extension))
    except (ConfigError, SettingsError) as exc:
        print(_("dlint: error: {error}", error=exc), file=sys.stderr)
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
        print(_("dlint: warning: no {extensions} files found in {paths}", extensions=suffixes,
                paths=", ".join(safe_path(p) for p in args.paths)), file=sys.stderr)
    try:
        first = files[0] if files else "-"
        opts = options_for(None if first == "-" else first, cli, _config_for(first, args.config, args.isolated))
    except ConfigError as exc:
        print(_("dlint: error: {error}", error=exc), file=sys.stderr)
        return 2
    if opts.lang and not args.lang:  # the configuration names the language of this run's own lines
        set_language(opts.lang)
    if args.show_settings:
        cfg = _config_for(first, args.config, args.isolated)
        print(_("config file: {path}", path=safe_path(str(cfg.path)) if cfg.path else _("(none)")))
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
                print(_("dlint: error: {error}", error=e), file=sys.stderr)
            return 2
        return _parse_cmd([f for f in files if f != "-"][:1] or ["-"])
    from ..engine.registry import plugin_errors

    for name, err in plugin_errors():
        print(_("dlint: warning: plugin {name} failed to load and was skipped: {error}", name=repr(name), error=err),
              file=sys.stderr)
    if args.fix or args.diff:
        status = _fix(files, cli, args)
        if args.diff:
            return status
    from ..document.parse import MAX_BYTES

    stdin = read_stream(sys.stdin.buffer, MAX_BYTES) if "-" in files else None
    fmt = args.format or ("full" if sys.stdout.isatty() and not args.output_file else "concise")
    from .keep import parts_for

    cli["keep"] = parts_for(fmt, baseline=bool(args.baseline or args.write_baseline), statistics=args.statistics)
    results = _run(files, cli, args, stdin)
    if len(files) > 1 and not args.no_corpus:
        from ..corpus.run import corpus_stage

        errors += corpus_stage(results, lambda p: _options_or_default(p, cli, args, opts),
                               lambda p: _config_for(p, args.config, args.isolated))
    if args.write_baseline:
        from ..batch.baseline import write_baseline

        try:
            n = write_baseline(results, args.write_baseline)
        except OSError as exc:
            print(_("dlint: error: --write-baseline {path}: {reason}", path=safe_path(args.write_baseline),
                    reason=exc.strerror or exc), file=sys.stderr)
            return 2
        print(_n("dlint: wrote {n} finding to the baseline {path}", "dlint: wrote {n} findings to the baseline {path}",
                 n, n=n, path=safe_path(args.write_baseline)), file=sys.stderr)
        return 0
    if args.baseline:
        from ..batch.baseline import BaselineError, filter_new, load_baseline

        try:
            results = filter_new(results, load_baseline(args.baseline), args.baseline)
        except BaselineError as exc:
            print(_("dlint: error: {error}", error=exc), file=sys.stderr)
            return 2
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
        if not res.diagnostics:
            continue
        try:
            fo = options_for(None if res.path == "<stdin>" else res.path, cli,
                             _config_for("-" if res.path == "<stdin>" else res.path, args.config, args.isolated)).fail_on
        except ConfigError:
            fo = opts.fail_on
        if any(d.severity.rank >= fo.rank for d in res.diagnostics):
            failed = True
            break  # one file is enough
    for e in errors:
        print(_("dlint: error: {error}", error=safe_path(e)), file=sys.stderr)
    try:
        out = open(args.output_file, "w", encoding="utf-8", errors="backslashreplace") if args.output_file \
            else sys.stdout
    except OSError as exc:
        print(_("dlint: error: --output-file {path}: {reason}", path=safe_path(args.output_file),
                reason=exc.strerror or exc), file=sys.stderr)
        return 2
    try:
        try:
            if args.statistics:
                from .statistics import write_statistics

                write_statistics(results, out, as_json=(args.format == "json"))
            elif args.quiet and fmt == "full" and not any(r.diagnostics for r in results):
                pass
            else:
                from ..output import render

                color = False if args.output_file else use_color(args.color, out)
                try:
                    # the scorecard lists unreadable files too (without a score); the others list findings
                    render(fmt, results if fmt == "html" else [r for r in results if not r.error], out,
                           color=color)
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
    return 1 if failed and not args.exit_zero else 0


def _fix(files: list[str], cli: dict, args) -> int:
    """--fix / --diff (see fixcmd.py): 2 when a file could not be fixed, 1 when --diff shows changes."""
    from ..engine.config import options_for
    from .fix import run_fixes
    from ..i18n import _

    def options_of(path: str):
        return options_for(path, cli, _config_for(path, args.config, args.isolated))

    changed, edits, refused = run_fixes(files, options_of, diff=args.diff, out=sys.stdout, err=sys.stderr)
    if not args.diff and not args.quiet and changed:
        print(_("dlint: applied {edits} fix(es) in {files} file(s)", edits=edits, files=changed), file=sys.stderr)
    if refused:
        return 2
    return 1 if args.diff and changed else 0


def _options_or_default(path, cli, args, default):
    from ..engine.config import ConfigError, options_for

    try:
        return options_for(None if path == "<stdin>" else path, cli,
                           _config_for("-" if path == "<stdin>" else path, args.config, args.isolated))
    except ConfigError:
        return default


def _parse_cmd(argv: list[str]) -> int:
    from .commands import parse_cmd

    return parse_cmd(argv)


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
        if cmd in ("parse", "explain", "rules"):
            from . import commands as cli_commands

            return {"parse": cli_commands.parse_cmd, "explain": cli_commands.explain_cmd,
                    "rules": cli_commands.rules_cmd}[cmd](rest)
        if cmd == "server":
            from .server import main as server_main

            return server_main(rest)
        return _check(rest)
    return _check(argv)


def run() -> None:
    """The ``dlint`` program (the console script, ``python -m disclosure_lint``): :func:`main`, then exit.

    What the run made is moved out of the cycle collector's reach first (``gc.freeze``): the interpreter's
    teardown would otherwise walk it all in its last collections (about 27 M instructions after one report,
    5 % of the run) only to free memory the process gives back anyway. The teardown still flushes the
    standard streams and runs ``atexit``; only cyclic garbage left at exit is not collected (a program calling
    :func:`main` itself keeps its collector as it was)."""
    status = main()
    gc.freeze()
    sys.exit(status)


def main(argv: list[str] | None = None) -> int:
    import contextvars

    # --lang and the configuration's lang set the language for this run only, never for the caller.
    frozen = gc.get_freeze_count()
    try:
        return contextvars.copy_context().run(_main, argv)
    finally:
        # --jobs freezes what the run made (cli/jobs.py: the workers' inherited pages, the results) out
        # of the collector's reach; a program that calls main() again must get it back to collect
        # (unless it froze objects itself: gc cannot tell whose they are).
        if not frozen:
            gc.unfreeze()


def _main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _folder_config.cache_clear()  # a run's own: the folders' configurations are looked up again
    _tolerant_streams()
    if _early_language(argv):
        set_language(_early_language(argv))
    try:
        with handle_signals():
            return _dispatch(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help / --version exit 0
        return int(exc.code) if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except KeyboardInterrupt:
        print(_("dlint: interrupted"), file=sys.stderr)
        return 130
    except Terminated as exc:  # SIGTERM / SIGINT / SIGHUP: workers are stopped by now
        import signal

        if exc.signum == signal.SIGINT:
            print(_("dlint: interrupted"), file=sys.stderr)
        return 128 + exc.signum
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or getattr(exc, "errno", None) in (errno.EPIPE, errno.ENOSPC, errno.EIO):
            from .io import write_error_exit

            return write_error_exit(exc, None)
        print(_("dlint: error: {error}", error=exc), file=sys.stderr)
        return 2
    except (Exception, RecursionError) as exc:  # the last line of defence: one line, exit 2, never a traceback
        print(_("dlint: error: internal error: {error}; please report this", error=f"{type(exc).__name__}: {exc}"),
              file=sys.stderr)
        return 2
