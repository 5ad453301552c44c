"""The ``dlint check`` command line: its arguments, their help in the user's language, and ``--lang``
read before the parser exists."""
from __future__ import annotations

import argparse

from .. import __version__
from ..i18n import N_, _


def _codes(s: str) -> tuple[str, ...]:
    return tuple(x.strip().upper() for x in s.split(",") if x.strip())


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line naming the bad value and the valid ones (exit 2), not the whole usage."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, _("{prog}: error: {message} (see dlint --help)", prog=self.prog, message=message) + "\n")

    def add_argument(self, *args, **kwargs):
        # argparse makes a help formatter for every argument added, only to check the argument's metavar
        # against its nargs (``_format_args``); a formatter asks the terminal for its width (importing shutil,
        # bz2, lzma) and looks up two patterns. The check does not depend on the width: while an argument is
        # added, one formatter of a fixed width, made once per parser, does it. Help and errors get fresh ones.
        checker = self.__dict__.get("_checker")
        if checker is None:
            checker = self._checker = self.formatter_class(prog=self.prog, width=80)
        self._get_formatter = lambda: checker
        try:
            return super().add_argument(*args, **kwargs)
        finally:
            del self._get_formatter


def _parser_check() -> argparse.ArgumentParser:
    p = _Parser(prog="dlint", description="Lint government information-disclosure annual reports.",
                epilog="Other commands: dlint parse FILE | dlint explain CODE | dlint rules | dlint server")
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
    p.add_argument("--lang", choices=["zh", "en"],
                   help="message language (default: lang in the configuration, else LC_ALL / LC_MESSAGES / LANG)")
    p.add_argument("--dump-tree", action="store_true", help="print the document tree instead of linting")
    p.add_argument("--fix", action="store_true", help="apply the safe fixes in place, then report what is left")
    p.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff; change nothing")
    p.add_argument("--no-corpus", action="store_true",
                   help=N_("with several files, do not group them by agency and year nor run the cross-report rules (DL6)"))
    p.add_argument("--version", action="version", version=f"dlint {__version__}")
    return p


def _localized(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The parser with its description and help texts in the active language (the catalog takes
    them from the parsers themselves: ``i18n_catalog`` reads ``cli_help_texts``)."""
    from ..i18n import translate

    p.description = translate(p.description) if p.description else p.description
    p.epilog = translate(p.epilog) if p.epilog else p.epilog
    for a in p._actions:
        if a.help and a.help is not argparse.SUPPRESS and "%(" not in a.help:
            a.help = translate(a.help)
    return p


def cli_help_texts() -> list[str]:
    """Every description and help text of the command line (for the message catalog)."""
    out = []
    for p in (_parser_check(),):
        out += [x for x in (p.description, p.epilog) if x]
        out += [a.help for a in p._actions if a.help and a.help is not argparse.SUPPRESS and "%(" not in a.help]
    return out


def _early_language(argv: list[str]) -> str | None:
    """``--lang`` before the parser exists, so that --help is in that language too."""
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in ("zh", "en") else None
        if a.startswith("--lang="):
            return a.split("=", 1)[1] if a.split("=", 1)[1] in ("zh", "en") else None
    return None
