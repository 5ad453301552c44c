"""The settings one lint run uses (from the command line, configuration or the API)."""
from __future__ import annotations

from ..source.dataclass_cache import dataclass, field  # dataclasses.dataclass, its code cached

from .diagnostics import Severity

__all__ = ["Options", "DEFAULT_SELECT"]

DEFAULT_SELECT = ("ALL",)


@dataclass
class Options:
    select: tuple[str, ...] = DEFAULT_SELECT
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)   # code (or prefix) -> severity
    edition: str | None = None          # force an edition by name ("2008", "2019", "2021", "work-summary")
    year: int | None = None             # force the report year
    agency_level: str | None = None     # "government", "department", "town"
    town_deadline: str | None = None    # "MM-DD" in the following year for towns and sub-districts
    fail_on: Severity = Severity.WARNING
    edition_files: tuple[str, ...] = () # extra or overriding edition files
    kind: str | None = None             # force the reader: "html" or "text"
    lang: str | None = None             # message language: "zh" or "en"; None follows the environment

    @classmethod
    def from_kwargs(cls, **kw) -> "Options":
        o = cls()
        for k, v in kw.items():
            k = k.replace("-", "_")
            if not hasattr(o, k):
                raise TypeError(f"unknown option {k!r}")
            if k in ("select", "extend_select", "ignore", "edition_files") and isinstance(v, str):
                v = tuple(x.strip() for x in v.split(",") if x.strip())
            elif k in ("select", "extend_select", "ignore", "edition_files"):
                v = tuple(v)
            if k == "lang" and v is not None:
                from ..i18n import normalize_language

                if normalize_language(v) is None:
                    raise ValueError(f"unknown language {v!r} (use zh or en)")
                v = normalize_language(v)
            if k == "fail_on":
                v = Severity.parse(v)
            if k == "severity":
                v = {c: Severity.parse(s) for c, s in dict(v).items()}
            setattr(o, k, v)
        return o
