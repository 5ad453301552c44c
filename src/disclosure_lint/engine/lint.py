"""The engine: select rules, run them, apply severities and suppressions, order the result.

Rules only yield findings; everything a user configures happens here.
"""
from __future__ import annotations

from .context import Context
from .diagnostics import Diagnostic, Finding, Severity
from ..document import Document
from ..i18n import _, get_language, use_language
from .options import Options
from .registry import RuleSpec, all_rules, rules_generation
from ..source import Span
from .suppress import apply_suppressions

__all__ = ["lint_document", "selected_rules", "matches"]

INTERNAL = "DL000"


def matches(code: str, patterns) -> int:
    """Length of the longest selector in *patterns* that selects *code* (0 when none does)."""
    best = 0
    for p in patterns:
        p = p.strip().upper()
        if p == "ALL":
            best = max(best, 1)
        elif p and code.startswith(p):
            best = max(best, len(p) + 1)
    return best


_SELECTED: dict[tuple, tuple[RuleSpec, ...]] = {}  # per selectors and rule registrations: the same for every file


def selected_rules(options: Options) -> list[RuleSpec]:
    key = (rules_generation(), tuple(options.select), tuple(options.extend_select), tuple(options.ignore))
    hit = _SELECTED.get(key)
    if hit is None:
        out = []
        select = key[1] + key[2]
        for spec in all_rules():
            s = matches(spec.code, select)
            i = matches(spec.code, options.ignore)
            if s and s > i:  # the more specific selector wins, as in ruff
                out.append(spec)
        if len(_SELECTED) > 64:
            _SELECTED.clear()
        hit = _SELECTED[key] = tuple(out)
    return list(hit)


def _severity(spec: RuleSpec, finding: Finding, options: Options) -> Severity:
    best, sev = 0, finding.severity or spec.severity
    for pattern, s in options.severity.items():
        m = matches(spec.code if not finding.code else finding.code, (pattern,))
        if m > best:
            best, sev = m, s
    return sev


def lint_document(document: Document, options: Options | None = None, *, context: Context | None = None
                  ) -> list[Diagnostic]:
    """Lint one report. *context* lets a caller keep the Context (and its facts) to reuse them,
    e.g. for the per-report summary of the corpus stage; cross-report rules never run here."""
    options = options or Options()
    # None keeps the caller's language, read from the environment once here rather than for every message
    with use_language(options.lang or get_language()):
        return _lint_document(document, options, context)


def _lint_document(document: Document, options: Options, context: Context | None = None) -> list[Diagnostic]:
    ctx = context if context is not None else Context(document, options)
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    path = document.path
    rules = [r for r in selected_rules(options) if r.scope == "report"]
    ctx.selected = frozenset(r.code for r in rules)
    for spec in rules:
        try:
            for f in spec.func(ctx) or ():
                code = f.code or spec.code
                if f.code and f.code != spec.code and not matches(f.code, tuple(options.select) + tuple(options.extend_select)):
                    continue
                key = (code, f.span, f.message)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Diagnostic(path, code, spec.name, _severity(spec, f, options), f.message, f.span,
                                      list(f.related), f.suggestion, f.fix))
        except Exception as exc:  # a rule must never crash the run
            import traceback  # here: it imports textwrap and linecache (~6 M instructions), for a failing rule only

            tb = traceback.extract_tb(exc.__traceback__)[-1]
            out.append(Diagnostic(path, INTERNAL, "internal-error", Severity.ERROR,
                                  _("rule {code} ({name}) failed: {error} [{where}]; please report this",
                                    code=spec.code, name=spec.name, error=": ".join((type(exc).__name__, str(exc))),
                                    where=":".join((tb.filename.rsplit("/", 1)[-1], str(tb.lineno)))),
                                  Span(0, 0)))
    out = apply_suppressions(document, out, ctx.selected)
    for i, d in enumerate(out):
        d.order = i
        d.source = document.source
    out.sort(key=Diagnostic.sort_key)
    return out
