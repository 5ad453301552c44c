"""The small subcommands: ``dlint parse`` (the document tree, or the corpus grouping), ``dlint explain``
and ``dlint rules``. ``dlint [check]`` and the shared parser helpers live in :mod:`disclosure_lint.cli.main`."""
from __future__ import annotations

import sys

from .args import _Parser, _localized
from .main import _collect, _config_for
from ..i18n import N_, _, use_language

__all__ = ["parse_cmd", "explain_cmd", "rules_cmd"]


def parse_cmd(argv: list[str]) -> int:
    p = _Parser(prog="dlint parse", description=N_("Print the document tree with spans."))
    p.add_argument("file", nargs="?")
    p.add_argument("--kind", choices=["html", "text", "docx", "pdf"])
    p.add_argument("--json", action="store_true", help=N_("print the tree as JSON"))
    p.add_argument("--corpus", nargs="+", metavar="PATH",
                   help=N_("show how these files and folders group into series (agency, years) instead"))
    p.add_argument("--config", help=N_("configuration file (for [tool.dlint.reports] overrides) with --corpus"))
    args = _localized(p).parse_args(argv)
    if args.corpus:
        from ..corpus.run import parse_corpus

        return parse_corpus(args.corpus, args, _collect, _config_for)
    if not args.file:
        p.error(_("give a FILE, or --corpus PATH..."))
    from ..output.dump import dump_tree
    from ..output.safe import path as safe_path
    from ..document.parse import MAX_BYTES, parse_bytes
    from ..source.safe_io import read_regular, read_stream

    try:
        data = read_stream(sys.stdin.buffer, MAX_BYTES) if args.file == "-" else read_regular(args.file, MAX_BYTES)
    except OSError as exc:
        print(_("dlint: error: {error}", error=_("{path}: cannot read: {reason}", path=safe_path(args.file),
                                                   reason=exc.strerror or exc)), file=sys.stderr)
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


def explain_cmd(argv: list[str]) -> int:
    p = _Parser(prog="dlint explain", description=N_("Print a rule's documentation."))
    p.add_argument("code", help=N_("a rule code (DL201) or name (table-row-total)"))
    p.add_argument("--lang", choices=["zh", "en"], help=N_("language (default: from LC_ALL / LC_MESSAGES / LANG)"))
    args = _localized(p).parse_args(argv)
    from ..i18n import rule_doc, rule_title, severity_label
    from ..engine.registry import get_rule

    with use_language(args.lang):
        spec = get_rule(args.code)
        if spec is None:
            print(_("dlint: error: no rule {code}; `dlint rules` lists them", code=repr(args.code)), file=sys.stderr)
            return 2
        header = _("{code} {name} (default severity: {severity})", code=spec.code, name=spec.name,
                   severity=severity_label(spec.severity))
        title = rule_title(spec)
        print((header if title == spec.title else f"{header}\n{title}") + "\n")
        print(rule_doc(spec))
    return 0


def rules_cmd(argv: list[str]) -> int:
    p = _Parser(prog="dlint rules", description=N_("List every rule."))
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=["zh", "en"], help=N_("language (default: from LC_ALL / LC_MESSAGES / LANG)"))
    args = _localized(p).parse_args(argv)
    from ..i18n import rule_summary, rule_title, severity_label
    from ..engine.registry import all_rules

    rules = all_rules()
    with use_language(args.lang):
        if args.json:
            import json

            json.dump([{"code": r.code, "name": r.name, "severity": r.severity.value, "summary": rule_summary(r),
                        "title": rule_title(r), "plugin": r.plugin} for r in rules],
                      sys.stdout, ensure_ascii=False, indent=2)
            print()
            return 0
        from rich.cells import cell_len

        for r in rules:
            sev = severity_label(r.severity)
            print(f"{r.code}  {r.name:<28} {sev}{' ' * max(1, 9 - cell_len(sev))}{rule_summary(r)}")
    return 0
