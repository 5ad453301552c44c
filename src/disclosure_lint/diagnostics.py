"""What rules report: findings, and the diagnostics the engine makes of them."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .source import Span

__all__ = ["Severity", "Related", "Edit", "Fix", "Finding", "Diagnostic"]


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, s: "str | Severity") -> "Severity":
        if isinstance(s, Severity):
            return s
        try:
            return cls(s.strip().lower())
        except ValueError:
            from .i18n import _

            raise ValueError(_("unknown severity {value} (use error, warning or info)", value=repr(s))) from None


@dataclass(frozen=True)
class Related:
    span: Span
    message: str
    path: str | None = None   # another report's file (cross-report findings); None: the finding's own file


@dataclass(frozen=True)
class Edit:
    """Replace the source text at ``span`` (code-point offsets) with ``replacement``."""

    span: Span
    replacement: str


@dataclass(frozen=True)
class Fix:
    """Edits that repair a finding. ``safe`` fixes cannot change a figure and are applied by ``--fix``."""

    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass
class Finding:
    """What a rule yields: where, what, and optionally the related places and a suggestion."""

    span: Span
    message: str
    related: list[Related] = field(default_factory=list)
    suggestion: str | None = None
    severity: Severity | None = None   # overrides the rule's default (e.g. 2019's "encouraged" format)
    code: str | None = None            # only for rules that report several codes (reader problems)
    fix: Fix | None = None             # edits that repair it (see fixes.py)
    path: str | None = None            # cross-report rules: the report the finding sits on


@dataclass
class Diagnostic:
    path: str | None
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    related: list[Related] = field(default_factory=list)
    suggestion: str | None = None
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        return (self.path or "", self.span.start, self.span.end, self.code, self.message)
