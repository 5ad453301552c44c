"""``dlint server``: a Language Server Protocol server on stdio (pygls).

What an editor gets:

- diagnostics when a report is opened, while it is edited (debounced) and when it is saved, for
  ``.html``/``.htm``/``.xhtml``/``.shtml``/``.txt``; Word and PDF files are linted from disk on save
  through the same reader selection as the CLI (when those readers are installed);
- ranges in the position encoding agreed with the client (UTF-16 code units unless the client
  prefers UTF-8 or UTF-32; see :mod:`positions`), severity, the rule code with a link to its
  documentation (``codeDescription``) and the related places (``relatedInformation``);
- hover on a finding: the rule's documentation;
- code actions: a finding's safe fix (the same edits ``dlint --fix`` applies), or its suggestion
  applied to exactly its span;
- configuration as the CLI reads it (``dlint.toml`` / ``pyproject.toml`` up the tree from the
  file), and on top the editor's settings ``lang``, ``select``, ``ignore`` (initialization options
  or ``workspace/didChangeConfiguration``, either flat or under a ``dlint`` key).

pygls is imported only here and only when the server starts (the ``[server]`` extra).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from ..source.dataclass_cache import dataclass  # dataclasses.dataclass, its code cached
from pathlib import Path

from .. import __version__
from ..i18n import _

__all__ = ["main", "lint_for_editor", "rule_doc", "rule_url", "Settings", "TEXT_SUFFIXES", "SAVE_SUFFIXES"]

TEXT_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt")
SAVE_SUFFIXES = (".docx", ".pdf")          # read from disk on save (binary formats an editor does not hold)
TEXT_LANGUAGES = ("html", "plaintext", "text")
DEBOUNCE_SECONDS = 0.3
DOCS_URL = "https://example.org/disclosure-lint/docs/rules.md"  # the published rule reference


@dataclass
class Settings:
    lang: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    docs_url: str | None = None
    debounce: float = DEBOUNCE_SECONDS

    def update(self, raw) -> None:
        if not isinstance(raw, dict):
            return
        raw = raw.get("dlint", raw) if isinstance(raw.get("dlint", raw), dict) else raw
        if "lang" in raw:
            self.lang = str(raw["lang"]) if raw["lang"] else None
        if "select" in raw:
            self.select = _codes(raw["select"]) or None
        if "ignore" in raw:
            self.ignore = _codes(raw["ignore"])
        if raw.get("docsUrl"):
            self.docs_url = str(raw["docsUrl"])
        if "debounce" in raw:
            with contextlib.suppress(TypeError, ValueError):
                self.debounce = max(0.0, float(raw["debounce"]) / 1000.0)


def _codes(v) -> tuple[str, ...]:
    if isinstance(v, str):
        v = v.split(",")
    if not isinstance(v, (list, tuple)):
        return ()
    return tuple(str(x).strip().upper() for x in v if str(x).strip())


# ---- what does not need pygls (tested directly) ------------------------------------------------

def rule_url(code: str, name: str, base: str | None = None) -> str:
    """The rule's entry in docs/rules.md (the anchor docgen writes: ``#dl201-table-row-total``)."""
    if base is None:
        local = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
        base = local.as_uri() if local.is_file() else DOCS_URL
    return f"{base}#{code.lower()}-{name}"


def rule_doc(spec, lang: str | None) -> str:
    """The rule's documentation in *lang* for hover (English when the rule has no Chinese part)."""
    from ..i18n import rule_doc as _rule_doc

    return _rule_doc(spec, lang).strip()


def _in_language(lang: str | None):
    """The context messages are produced in: the workspace's ``lang`` setting, else the caller's."""
    from ..i18n import use_language

    return use_language(lang)


def _options(path: str | None, settings: Settings, root: str | None):
    from ..engine.config import Config, find_config, load_config, options_for

    # A configuration file edited while the editor runs must count at the next lint: no cached reading.
    find_config.cache_clear()
    load_config.cache_clear()
    cli = {"select": settings.select, "ignore": settings.ignore}
    if path:
        config = find_config(Path(path).resolve().parent)
    elif root:
        config = find_config(Path(root))
    else:
        config = Config(None, {})
    return options_for(path, cli, config)


def lint_for_editor(text: str | None, path: str | None, settings: Settings, root: str | None = None):
    """Lint what the editor holds (or, with *text* None, the file on disk).

    Returns ``(source, diagnostics, problem)``: *problem* is a configuration or internal error to
    show as one diagnostic at the top of the file; it is never raised.
    """
    from ..engine.config import ConfigError
    from ..engine.lint import lint_document
    from ..document.parse import parse_path, parse_source
    from ..source import Source

    try:
        options = _options(path, settings, root)
    except ConfigError as exc:
        return Source(text or "", path), [], _("configuration error: {error}", error=exc)
    try:
        with _in_language(settings.lang):
            if text is None:
                doc = parse_path(path, options.kind)
            else:
                doc = parse_source(Source(text, path), options.kind)
            return doc.source, lint_document(doc, options), None
    except Exception as exc:  # never a traceback in the editor
        return Source(text or "", path), [], _("dlint failed on this file: {error}; please report this",
                                               error=f"{type(exc).__name__}: {exc}")


# ---- the server -----------------------------------------------------------------------------------

def _path_of(uri: str) -> str | None:
    from pygls.uris import to_fs_path

    if uri.startswith("file:"):
        return to_fs_path(uri)
    return None


def _encoding_of(server) -> str:
    enc = str(getattr(server.workspace, "position_encoding", "utf-16") or "utf-16")
    return {"utf-8": "utf-8", "utf-32": "utf-32"}.get(enc, "utf-16")


def build_server():
    from lsprotocol import types as T
    from pygls.lsp.server import LanguageServer

    from .fix import fix_text, line_edits
    from ..source.positions import from_lsp, to_lsp
    from ..source import Span
    from ..engine.registry import get_rule

    severity = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning,
                "info": T.DiagnosticSeverity.Information}

    class DlintServer(LanguageServer):
        def __init__(self) -> None:
            super().__init__("dlint", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Incremental)
            self.settings = Settings()
            self.results: dict[str, tuple] = {}       # uri -> (source, diagnostics, lsp diagnostics)
            self.pending: dict[str, asyncio.Task] = {}
            self.fix_all_cache: dict[tuple, list] = {}

    server = DlintServer()

    def wanted(uri: str, language_id: str | None = None) -> bool:
        low = uri.lower().split("?", 1)[0]
        return low.endswith(TEXT_SUFFIXES) or (language_id or "") in TEXT_LANGUAGES

    def rng(source, span, enc):
        a = to_lsp(source, span.start, enc)
        b = to_lsp(source, span.end, enc)
        return T.Range(T.Position(*a), T.Position(*b))

    def convert(uri, source, diags, problem, enc):
        out = []
        if problem:
            out.append(T.Diagnostic(T.Range(T.Position(0, 0), T.Position(0, 0)), problem,
                                    severity=T.DiagnosticSeverity.Error, code="DL000", source="dlint"))
        for k, d in enumerate(diags):
            related = [T.DiagnosticRelatedInformation(T.Location(uri, rng(source, r.span, enc)), r.message)
                       for r in d.related]
            out.append(T.Diagnostic(
                rng(source, d.span, enc), d.message, severity=severity[d.severity.value], code=d.code,
                code_description=T.CodeDescription(href=rule_url(d.code, d.name, server.settings.docs_url)),
                source="dlint", related_information=related or None, data={"index": k}))
        return out

    async def publish_async(uri: str, text: str | None, version: int | None = None) -> None:
        loop = asyncio.get_running_loop()
        path = _path_of(uri)
        source, diags, problem = await loop.run_in_executor(
            None, lint_for_editor, text, path, server.settings, server.workspace.root_path)
        if text is not None:
            if uri not in server.workspace.text_documents:
                return  # closed while linting
            doc = server.workspace.get_text_document(uri)
            if doc.source != text:
                return  # edited while linting: a newer run is on its way
        enc = _encoding_of(server)
        lsp = convert(uri, source, diags, problem, enc)
        server.results[uri] = (source, diags, lsp)
        server.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=lsp,
                                                                             version=version))

    def cancel(uri: str) -> None:
        task = server.pending.pop(uri, None)
        if task is not None and not task.done():
            task.cancel()

    @server.feature(T.INITIALIZE)
    def initialize(ls, params: T.InitializeParams):
        ls.settings.update(params.initialization_options or {})

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls, params: T.DidOpenTextDocumentParams):
        doc = params.text_document
        if wanted(doc.uri, doc.language_id):
            cancel(doc.uri)
            await publish_async(doc.uri, doc.text, doc.version)

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls, params: T.DidChangeTextDocumentParams):
        uri = params.text_document.uri
        doc = ls.workspace.get_text_document(uri)
        if not wanted(uri, doc.language_id):
            return
        cancel(uri)

        async def later():
            await asyncio.sleep(ls.settings.debounce)
            current = ls.workspace.get_text_document(uri)
            await publish_async(uri, current.source, current.version)

        ls.pending[uri] = asyncio.ensure_future(later())

    @server.feature(T.TEXT_DOCUMENT_DID_SAVE, T.SaveOptions(include_text=False))
    async def did_save(ls, params: T.DidSaveTextDocumentParams):
        uri = params.text_document.uri
        low = uri.lower()
        cancel(uri)
        if low.endswith(SAVE_SUFFIXES):
            await publish_async(uri, None)  # a Word or PDF file: read from disk by the reader for its kind
            return
        doc = ls.workspace.get_text_document(uri)
        if wanted(uri, doc.language_id):
            await publish_async(uri, doc.source, doc.version)

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: T.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        cancel(uri)
        ls.results.pop(uri, None)
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(T.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls, params: T.DidChangeConfigurationParams):
        ls.settings.update(params.settings or {})
        for uri in list(ls.results):
            doc = ls.workspace.get_text_document(uri)
            await publish_async(uri, doc.source if not uri.lower().endswith(SAVE_SUFFIXES) else None, doc.version)

    def at(uri: str, position: T.Position):
        found = ls_results(uri)
        if not found:
            return []
        source, diags, lsp = found
        enc = _encoding_of(server)
        off = from_lsp(source, position.line, position.character, enc)
        return [(d, l) for d, l in zip(diags, lsp[len(lsp) - len(diags):])
                if d.span.start <= off <= d.span.end]

    def ls_results(uri: str):
        return server.results.get(uri)

    @server.feature(T.TEXT_DOCUMENT_HOVER)
    def hover(ls, params: T.HoverParams):
        hits = at(params.text_document.uri, params.position)
        if not hits:
            return None
        parts = []
        seen = set()
        for d, _l in hits:
            if d.code in seen:
                continue
            seen.add(d.code)
            spec = get_rule(d.code)
            head = f"**{d.code}** `{d.name}` ({d.severity.value}): {d.message}"
            parts.append(head + ("\n\n" + rule_doc(spec, ls.settings.lang) if spec else ""))
        return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                       range=hits[0][1].range)

    @server.feature(T.TEXT_DOCUMENT_CODE_ACTION,
                    T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix, T.CodeActionKind.SourceFixAll],
                                        resolve_provider=False))
    def code_action(ls, params: T.CodeActionParams):
        uri = params.text_document.uri
        found = ls_results(uri)
        if not found:
            return []
        source, diags, lsp = found
        enc = _encoding_of(server)
        lo = from_lsp(source, params.range.start.line, params.range.start.character, enc)
        hi = from_lsp(source, params.range.end.line, params.range.end.character, enc)
        asked = {x.data.get("index") for x in params.context.diagnostics
                 if x.source == "dlint" and isinstance(x.data, dict)}
        actions = []
        for k, (d, l) in enumerate(zip(diags, lsp[len(lsp) - len(diags):])):
            if asked and k not in asked or d.span.end < lo or d.span.start > hi:
                continue
            if d.fix is not None and d.fix.edits:
                edits = [T.TextEdit(rng(source, e.span, enc), e.replacement) for e in d.fix.edits]
                actions.append(T.CodeAction(
                    title=_("dlint: fix {code} ({count} edit(s))", code=d.code, count=len(edits)),
                    kind=T.CodeActionKind.QuickFix, diagnostics=[l], is_preferred=bool(d.fix.safe),
                    edit=T.WorkspaceEdit(changes={uri: edits})))
            elif d.suggestion is not None and "<" not in source.text[d.span.start:d.span.end]:
                if d.span.start == d.span.end:
                    title = _("dlint: insert “{text}”", text=d.suggestion)
                elif d.suggestion:
                    title = _("dlint: replace with “{text}”", text=d.suggestion)
                else:
                    title = _("dlint: delete “{text}”", text=source.text[d.span.start:d.span.end])
                actions.append(T.CodeAction(
                    title=title, kind=T.CodeActionKind.QuickFix, diagnostics=[l],
                    edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(rng(source, d.span, enc), d.suggestion)]})))
        if any(d.fix is not None and d.fix.safe for d in diags):
            every = fix_all(uri, source)
            if every:
                actions.append(T.CodeAction(
                    title=_("dlint: apply every safe fix in this file"), kind=T.CodeActionKind.SourceFixAll,
                    edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(rng(source, Span(a, z), enc), new)
                                                        for a, z, new in every]})))
        return actions

    def fix_all(uri: str, source):
        """The edits `dlint --fix` would make (several passes), as whole changed lines; computed once per text."""
        key = (uri, hash(source.text))
        if key not in server.fix_all_cache:
            server.fix_all_cache.clear()
            try:
                options = _options(source.path, server.settings, server.workspace.root_path)
                with _in_language(server.settings.lang):
                    fixed, _n = fix_text(source.text, source.path, options)
                server.fix_all_cache[key] = line_edits(source.text, fixed)
            except Exception:  # no action rather than an error in the editor
                server.fix_all_cache[key] = []
        return server.fix_all_cache[key]

    return server


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="dlint server",
                                description="Run the dlint language server (LSP) on standard input and output.")
    p.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default and only transport)")
    p.parse_args(argv or [])
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print(_("dlint: error: the language server needs pygls; install it with: pip install 'disclosure-lint[server]'"),
              file=sys.stderr)
        return 2
    server = build_server()
    server.start_io()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
