"""Grouping reports into series: one agency's reports ordered by report year.

Linear in the number of reports: one pass files each summary under its normalised agency. A report
whose identity is unsure (see :mod:`.identity`) is kept apart and named, never compared. An
explicit mapping in the configuration overrides what the reports say::

    [tool.dlint.reports]
    "crawl/pingtan/*syq*" = { agency = "平潭综合实验区" }
    "crawl/2014_letter.txt" = { agency = "平潭综合实验区", year = 2014 }

Patterns are matched against the path relative to the configuration file (or the file name); a
mapped report is sure (confidence ``config``).
"""
from __future__ import annotations

import fnmatch
import os
from ..source.dataclass_cache import dataclass, field

from .summary import ReportSummary

__all__ = ["Series", "Grouping", "group_reports", "apply_overrides", "MAX_SAME_YEAR"]

# More reports of one agency for one year than this, and which of them continues the series cannot be told
# (departments taken for one agency, a crawl's copies of one page): they are not chained with the years around
# them (DL607 says so). Chaining them all compared every report with every report of the year before, which
# grows with the square of their number and accuses reports that were never in one series.
MAX_SAME_YEAR = 3


@dataclass
class Series:
    agency: str
    reports: list[ReportSummary] = field(default_factory=list)  # ordered by year, then path

    @property
    def years(self) -> list[int]:
        return [r.identity.year for r in self.reports]

    def by_year(self) -> dict[int, list[ReportSummary]]:
        out: dict[int, list[ReportSummary]] = {}
        for r in self.reports:
            out.setdefault(r.identity.year, []).append(r)
        return out

    def crowded(self) -> dict[int, list[ReportSummary]]:
        """The years with more than :data:`MAX_SAME_YEAR` reports and a report the year before or after:
        they would be chained, and are not."""
        by_year = self.by_year()
        return {y: rs for y, rs in by_year.items()
                if len(rs) > MAX_SAME_YEAR and (y - 1 in by_year or y + 1 in by_year)}


@dataclass
class Grouping:
    series: list[Series]
    unsure: list[ReportSummary]

    def as_dict(self) -> dict:
        return {"series": [{"agency": s.agency, "level": s.reports[0].identity.level,
                            "reports": [{"path": r.path, "year": r.identity.year, "edition": r.identity.edition,
                                         "confidence": r.identity.confidence} for r in s.reports]}
                           for s in self.series],
                "crowded": [{"agency": s.agency, "year": y, "paths": [r.path for r in rs]}
                            for s in self.series for y, rs in sorted(s.crowded().items())],
                "unsure": [{"path": r.path, "agency": r.identity.agency, "year": r.identity.year,
                            "kind": r.identity.kind, "confidence": r.identity.confidence,
                            "notes": r.identity.notes} for r in self.unsure]}


def apply_overrides(summary: ReportSummary, mapping: dict | None, root: str | None = None) -> None:
    """Apply the first ``[tool.dlint.reports]`` entry whose pattern matches the report's path."""
    if not mapping:
        return
    path = summary.path.replace("\\", "/")
    rel = os.path.relpath(os.path.abspath(summary.path), root).replace("\\", "/") if root else path
    name = os.path.basename(path)
    for pattern, v in mapping.items():
        if any(fnmatch.fnmatch(x, pattern) for x in (rel, path, name)):
            ident = summary.identity
            if "agency" in v:
                from .identity import normalise_agency

                ident.agency_raw = str(v["agency"])
                ident.agency = normalise_agency(str(v["agency"]))
            if "year" in v:
                ident.year, ident.year_source = int(v["year"]), "config"
            if "kind" in v:
                ident.kind = str(v["kind"])
            ident.confidence = "config"
            ident.notes = [f"identity set by the configuration ({pattern})"]
            return


def group_reports(summaries: list[ReportSummary]) -> Grouping:
    groups: dict[str, Series] = {}
    unsure: list[ReportSummary] = []
    for s in summaries:
        ident = s.identity
        if not (ident.sure or (ident.confidence == "config" and ident.agency and ident.year is not None)):
            unsure.append(s)
            continue
        groups.setdefault(ident.agency, Series(ident.agency)).reports.append(s)
    series = sorted(groups.values(), key=lambda g: g.agency)
    for g in series:
        g.reports.sort(key=lambda r: (r.identity.year, r.path))
    return Grouping(series, sorted(unsure, key=lambda r: r.path))
