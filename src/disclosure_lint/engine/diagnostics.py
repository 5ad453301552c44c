"""What rules report: findings, and the diagnostics the engine makes of them."""
from __future__ import annotations

from ..source.dataclass_cache import dataclass, field  # dataclasses.dataclass, its code cached
from enum import Enum

from ..source import Source, Span

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
            from ..i18n import _

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
    # Set by the engine: the decoded input (for line, column and text on demand) and the order the
    # finding was made in (rule order, then the rule's own order, e.g. section order for DL101).
    source: Source | None = field(default=None, repr=False, compare=False)
    order: int = field(default=0, repr=False, compare=False)

    def sort_key(self) -> tuple:
        """Position, then the order the rules made the findings in, then code (never message text)."""
        return (self.path or "", self.span.start, self.span.end, self.order, self.code)

    def _lc(self, offset: int) -> tuple[int, int]:
        if self.source is None:
            raise ValueError("this diagnostic carries no source; line and column are unknown")
        return self.source.line_col(offset)

    @property
    def line(self) -> int:
        """1-based line of the span's start."""
        return self._lc(self.span.start)[0]

    @property
    def column(self) -> int:
        """1-based column (in code points) of the span's start."""
        return self._lc(self.span.start)[1]

    @property
    def end_line(self) -> int:
        return self._lc(self.span.end)[0]

    @property
    def end_column(self) -> int:
        """1-based column just past the span (exclusive)."""
        return self._lc(self.span.end)[1]

    @property
    def text(self) -> str:
        """The text the span covers in the decoded input ("" when the source is unknown)."""
        return self.source.slice(self.span) if self.source is not None else ""
